import { describe, expect, it } from 'vitest';
import { globalChord, isComposing, KEYMAP } from '../../../src/renderer/src/keymap';
import type { KeyLike } from '../../../src/renderer/src/keymap';

const ev = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean; isComposing: boolean; keyCode: number }> = {}) =>
  ({ key, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, isComposing: false, keyCode: 0, ...mods }) as KeyLike;

describe('global key map', () => {
  it('binds F-keys, Esc and a few Ctrl chords', () => {
    for (const f of ['F1', 'F2', 'F3', 'F4', 'F6', 'F9', 'F10']) expect(globalChord(ev(f))).toBe(f);
    expect(globalChord(ev('Escape'))).toBe('Esc');
    expect(globalChord(ev('k', { ctrlKey: true }))).toBe('Ctrl+K');
    expect(globalChord(ev('L', { ctrlKey: true }))).toBe('Ctrl+L');
    expect(globalChord(ev('p', { ctrlKey: true }))).toBe('Ctrl+P');
    expect(globalChord(ev('s', { ctrlKey: true }))).toBe('Ctrl+S');
  });

  it('never takes what Vietnamese input methods and text fields need', () => {
    for (const k of ['a', 'z', 'w', 'j', 's', 'f', 'r', 'x', 'd', '6', '8', '9', ' ', 'Backspace', 'Delete', 'Enter', 'Tab']) expect(globalChord(ev(k)), k).toBeNull();
    expect(globalChord(ev('z', { altKey: true }))).toBeNull(); // Unikey: Alt+Z switches V/E
    expect(globalChord(ev('K', { ctrlKey: true, shiftKey: true }))).toBeNull(); // Ctrl+Shift: Unikey's switch
    expect(globalChord(ev('Shift', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(globalChord(ev('a', { ctrlKey: true }))).toBeNull(); // select all stays the field's
    expect(globalChord(ev('c', { ctrlKey: true }))).toBeNull();
    expect(globalChord(ev('v', { ctrlKey: true }))).toBeNull();
    expect(globalChord(ev('F2', { shiftKey: true }))).toBeNull();
  });

  it('ignores every key while an input method is composing', () => {
    expect(isComposing(ev('Enter', { isComposing: true }))).toBe(true);
    expect(isComposing(ev('Enter', { keyCode: 229 }))).toBe(true);
    expect(globalChord(ev('F2', { isComposing: true }))).toBeNull();
    expect(globalChord(ev('Escape', { keyCode: 229 }))).toBeNull();
  });

  it('shows every bound chord on the F-key bar or the help sheet', () => {
    const shown = KEYMAP.map((k) => k.chord);
    for (const c of ['F1', 'F2', 'F3', 'F4', 'F6', 'F9', 'F10', 'Ctrl+P', 'Ctrl+S', 'Ctrl+K', 'Ctrl+L', 'Esc', 'Enter']) expect(shown).toContain(c);
  });
});
