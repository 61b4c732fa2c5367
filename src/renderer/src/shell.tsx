/** Shared screen plumbing: the actions a screen offers to the global keys, flashes, navigation. */
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ScreenId } from './keyboard';
import type { Flash } from './ui';

export interface ScreenActions {
  /** F10 */
  save?: () => void;
  /** Ctrl+P */
  print?: () => void;
  /** Ctrl+S: a readable copy of the document this screen produced (a download). */
  copy?: () => void;
  /** Esc: return true if the screen handled it (closed a sub-step). */
  back?: () => boolean;
  /**
   * A scanned code while this screen is shown: return true if handled (else it opens the dossier).
   * `code` is trimmed and upper-cased (item numbers); `raw` is as the scanner typed it (a hub address).
   */
  scan?: (code: string, raw?: string) => boolean | Promise<boolean>;
  /** Unsaved input the clerk would lose (sign-out refuses while true); the message says what to do. */
  dirty?: () => string | null;
}

export interface ShellApi {
  go(screen: ScreenId, dossierId?: string): void;
  flash(f: Flash): void;
  setActions(a: ScreenActions): void;
  clerkName: string;
  role: 'clerk' | 'manager' | 'admin';
  /** Main's clock (the counter's time), ms. */
  now(): number;
  /** Reads the status bar again now (after something it shows changed: the counter's identity). */
  refreshStatus(): void;
}

export const ShellContext = createContext<ShellApi | null>(null);

export function useShell(): ShellApi {
  const s = useContext(ShellContext);
  if (!s) throw new Error('no shell');
  return s;
}

/** Registers this screen's actions (latest closures, no re-registration churn). */
export function useScreenActions(actions: ScreenActions): void {
  const shell = useShell();
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    shell.setActions({
      save: () => ref.current.save?.(),
      print: () => ref.current.print?.(),
      copy: () => ref.current.copy?.(),
      back: () => ref.current.back?.() ?? false,
      scan: (c, raw) => ref.current.scan?.(c, raw) ?? false,
      dirty: () => ref.current.dirty?.() ?? null,
    });
    return () => shell.setActions({});
  }, [shell]);
}

/** Asks for focus on an element id once the next render has put it on the page. */
export function useFocusRequest(): (id: string) => void {
  const [req, setReq] = useState<{ id: string; n: number } | null>(null);
  useEffect(() => {
    if (req) document.getElementById(req.id)?.focus();
  }, [req]);
  return useCallback((id: string) => setReq((r) => ({ id, n: (r?.n ?? 0) + 1 })), []);
}
