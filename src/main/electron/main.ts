/**
 * Electron wiring, and nothing else: single instance, the app:// protocol serving the built
 * renderer with the CSP, the hardened window (and the customer display's on a second screen), the
 * one IPC entry point, and the updater.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { INVOKE_CHANNEL } from '../../preload/api-types';
import type { Wired } from '../ipc/wire';
import type { UpdateService } from '../update/service';
import { APP_SCHEME, APP_URL, CSP, harden, isTrustedSender, mainWindowOptions, resolveAppUrl } from './window';
import { startUpdater } from './updater';
import { manageCustomerWindow } from './customer-window';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

export interface ElectronStart {
  /** Opens the store and builds the registry, given the user-data folder. */
  boot(dataDir: string, resourcesDir: string | null): { wired: Wired; close(): void; updates?: UpdateService };
}

export function startElectron({ boot }: ElectronStart): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  Menu.setApplicationMenu(null);
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  let win: BrowserWindow | null = null;
  let closeApp: (() => void) | null = null;
  let updates: UpdateService | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    let booted: ReturnType<ElectronStart['boot']>;
    try {
      booted = boot(join(app.getPath('userData'), 'data'), app.isPackaged ? process.resourcesPath : null);
    } catch (err) {
      // A store that is corrupt (moved to quarantine), newer than this version, or a failed restore:
      // say so in Vietnamese instead of leaving a process without a window.
      dialog.showErrorBox('Quầy HCC không khởi động được', err instanceof Error ? err.message : String(err));
      app.quit();
      return;
    }
    const { wired, close } = booted;
    closeApp = close;
    updates = booted.updates ?? null;
    const rendererRoot = join(__dirname, '../renderer');
    protocol.handle(APP_SCHEME, async (request) => {
      const hit = resolveAppUrl(request.url, rendererRoot);
      if (!hit) return new Response('Not found', { status: 404 });
      try {
        const body = await readFile(hit.file);
        return new Response(body, { headers: { 'content-type': hit.mime, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' } });
      } catch {
        return new Response('Not found', { status: 404 });
      }
    });

    const session = wired.newSession();
    ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
      if (!isTrustedSender(event.senderFrame?.url, devServer)) {
        return { ok: false, error: { code: 'untrusted', message: 'Nguồn gọi không hợp lệ.' } };
      }
      return wired.registry.invoke(name, input, session);
    });

    win = new BrowserWindow(
      mainWindowOptions({ preloadPath: join(__dirname, '../preload/index.js'), devTools: !app.isPackaged }),
    );
    harden(win.webContents, electronSession.defaultSession, (what) => console.warn(`blocked ${what}`));
    win.once('ready-to-show', () => {
      win?.maximize();
      win?.show();
    });
    void win.loadURL(devServer && !app.isPackaged ? devServer : APP_URL);
    // The screen turned to the citizen, when a second one is attached (issue #16 §3).
    const closeCustomer = manageCustomerWindow({ preloadPath: join(__dirname, '../preload/index.js'), devServer, packaged: app.isPackaged });
    win.on('closed', closeCustomer);
    if (app.isPackaged && updates) startUpdater(updates, () => app.quit());
  });

  app.on('window-all-closed', () => app.quit());
  // Quitting is one of the moments a downloaded update installs at, when nothing would be lost.
  app.on('before-quit', () => void updates?.moment('quit'));
  app.on('will-quit', () => closeApp?.());
}
