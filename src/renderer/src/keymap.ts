/**
 * The key map. F-keys and Ctrl chords are global; no bare letters, no Backspace, no Ctrl+Shift and
 * no Alt+Z are ever bound globally (Vietnamese input methods — Unikey Telex/VNI — use them). Enter
 * moves to the next field, except while an input method is composing. Pure: no DOM types.
 */

/** The parts of a KeyboardEvent the key map reads. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  keyCode: number;
}

export type ScreenId = 'intake' | 'lookup' | 'dispatch' | 'handover' | 'results' | 'delivery' | 'dossier' | 'clerks' | 'printers' | 'sync' | 'shift' | 'dayReport' | 'overdue' | 'audit' | 'dashboard' | 'setup' | 'cases' | 'citizenData' | 'recovery';

export interface KeyBinding {
  chord: string;
  label: string;
  /** Shown on the F-key bar. */
  bar?: boolean;
}

export const KEYMAP: readonly KeyBinding[] = [
  { chord: 'F1', label: 'Trợ giúp', bar: true },
  { chord: 'F2', label: 'Tiếp nhận', bar: true },
  { chord: 'F3', label: 'Tra cứu', bar: true },
  { chord: 'F4', label: 'Giao cơ quan', bar: true },
  { chord: 'F6', label: 'Trả kết quả', bar: true },
  { chord: 'F7', label: 'Máy in', bar: true },
  { chord: 'F8', label: 'Khiếu nại', bar: true },
  { chord: 'F9', label: 'Nhận kết quả', bar: true },
  { chord: 'F10', label: 'Lưu và in', bar: true },
  { chord: 'Ctrl+P', label: 'In lại', bar: true },
  { chord: 'Ctrl+S', label: 'Lưu bản sao tài liệu (báo cáo, biên bản, dữ liệu công dân)' },
  { chord: 'Ctrl+K', label: 'Lệnh', bar: true },
  { chord: 'Ctrl+L', label: 'Khoá quầy', bar: true },
  { chord: 'Esc', label: 'Quay lại', bar: true },
  { chord: 'Enter', label: 'Sang ô tiếp theo' },
];

export const SCREEN_KEYS: Record<string, ScreenId> = { F2: 'intake', F3: 'lookup', F4: 'dispatch', F6: 'handover', F7: 'printers', F8: 'cases', F9: 'results' };

export function isComposing(e: KeyLike): boolean {
  return e.isComposing || e.keyCode === 229;
}

/**
 * The global chord of a key event, or null if it must be left alone (bare letters, Backspace,
 * Ctrl+Shift…, Alt…: they belong to the text field and the input method).
 */
export function globalChord(e: KeyLike): string | null {
  if (isComposing(e)) return null;
  if (e.altKey || e.metaKey) return null;
  if (/^F([1-9]|1[0-2])$/.test(e.key)) {
    if (e.ctrlKey || e.shiftKey) return null;
    return e.key;
  }
  if (e.key === 'Escape' && !e.ctrlKey && !e.shiftKey) return 'Esc';
  if (e.ctrlKey && !e.shiftKey && /^[a-z]$/i.test(e.key)) {
    const k = e.key.toUpperCase();
    if (k === 'K' || k === 'L' || k === 'P' || k === 'S') return `Ctrl+${k}`;
  }
  return null;
}

