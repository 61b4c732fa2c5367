/**
 * The customer display window (issue #16 §3): opened full screen on a second screen when one is
 * attached, closed when it goes; the page itself (#khach-hang) follows the counter's display state.
 * Electron wiring only; the choices are pure functions in window.ts.
 */
import { BrowserWindow, screen, session as electronSession } from 'electron';
import { CUSTOMER_URL, customerDisplayTarget, customerWindowOptions, harden } from './window';

/** Returns how to close it (with the clerk's window: the application then quits). */
export function manageCustomerWindow(opts: { preloadPath: string; devServer: string | undefined; packaged: boolean }): () => void {
  let win: BrowserWindow | null = null;
  const place = () => {
    const target = customerDisplayTarget(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
    if (!target) {
      win?.close();
      win = null;
      return;
    }
    if (win) return win.setBounds(target.bounds);
    win = new BrowserWindow(customerWindowOptions({ preloadPath: opts.preloadPath, bounds: target.bounds }));
    harden(win.webContents, electronSession.defaultSession, (what) => console.warn(`customer window: blocked ${what}`));
    win.on('closed', () => (win = null));
    win.once('ready-to-show', () => win?.showInactive());
    void win.loadURL(opts.devServer && !opts.packaged ? `${opts.devServer}#khach-hang` : CUSTOMER_URL);
  };
  place();
  screen.on('display-added', place);
  screen.on('display-removed', place);
  return () => {
    screen.off('display-added', place);
    screen.off('display-removed', place);
    win?.close();
  };
}
