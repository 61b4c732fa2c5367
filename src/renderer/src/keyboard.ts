/** DOM side of the key map: Enter moves to the next field. */
import { isComposing } from './keymap';

export * from './keymap';

const FOCUSABLE = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]):not([tabindex="-1"]), [tabindex="0"]';

/** Enter in a field of a [data-form] moves focus to the next field (true if it did). */
export function enterToNext(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || isComposing(e) || e.ctrlKey || e.altKey || e.shiftKey || e.defaultPrevented) return false;
  const t = e.target as HTMLElement | null;
  if (!t || !(t instanceof HTMLInputElement || t instanceof HTMLSelectElement)) return false;
  const form = t.closest('[data-form]');
  if (!form) return false;
  // Fields marked data-skip-enter (already right: a default, a value from the catalogue) are passed
  // over by Enter, not by Tab; Enter from inside one still moves on to the field after it.
  const all = Array.from(form.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
  const i = all.indexOf(t);
  const next = all.slice(i + 1).find((el) => !(el instanceof HTMLButtonElement) && !el.closest('[data-skip-enter]'));
  // The last field: let Enter do its native thing (submit the form).
  if (!next) return false;
  e.preventDefault();
  next.focus();
  if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  return true;
}

/**
 * While the counter is locked, the screens stay mounted under the lock screen (the clerk's unsaved
 * form survives) but must hear no key: F10 would save it, F-keys would leave it, a scan would open a
 * dossier. Every window-level key listener of the shell and the screens goes through `onWindowKey`,
 * which drops keys while `suspendScreenKeys(true)`; the lock screen's own listeners do not.
 */
let screenKeysSuspended = false;

export function suspendScreenKeys(on: boolean): void {
  screenKeysSuspended = on;
}

/** window.addEventListener('keydown', …) for the shell and its screens; returns the remover. */
export function onWindowKey(handler: (e: KeyboardEvent) => void, capture = false): () => void {
  const listener = (e: KeyboardEvent) => {
    if (!screenKeysSuspended) handler(e);
  };
  window.addEventListener('keydown', listener, capture);
  return () => window.removeEventListener('keydown', listener, capture);
}
