import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createCounter } from '../../../src/main/counter';
import { INVOKE_CHANNEL } from '../../../src/preload/api-types';

// A fake of the few Electron APIs the shell uses (Electron is the outer edge; its binary is not here).
const fake = vi.hoisted(() => {
  const calls: Record<string, unknown[]> = { schemes: [], menus: [], windows: [], loads: [], ipc: [], protocols: [], denied: [] };
  const listeners: Record<string, ((...a: unknown[]) => void)[]> = {};
  class FakeContents {
    handlers: Record<string, ((e: { preventDefault(): void }, url?: string) => void)[]> = {};
    openHandler: ((d: { url: string }) => unknown) | null = null;
    on(ev: string, l: (e: { preventDefault(): void }, url?: string) => void) {
      (this.handlers[ev] ??= []).push(l);
    }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) {
      this.openHandler = h;
    }
  }
  class BrowserWindow {
    webContents = new FakeContents();
    closed = false;
    events: Record<string, (() => void)[]> = {};
    constructor(public options: unknown) {
      calls['windows']!.push(this);
    }
    once() {}
    on(ev: string, l: () => void) {
      (this.events[ev] ??= []).push(l);
    }
    close() {
      this.closed = true;
      for (const l of this.events['closed'] ?? []) l();
    }
    setBounds() {}
    showInactive() {}
    loadURL(u: string) {
      calls['loads']!.push(u);
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    maximize() {}
    show() {}
  }
  // One screen at first; the test attaches a second one.
  const displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } }];
  const screenListeners: Record<string, (() => void)[]> = {};
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((r) => (ready = r));
  return {
    calls,
    displays,
    fireScreen: (ev: string) => (screenListeners[ev] ?? []).forEach((l) => l()),
    ready: () => ready(),
    electron: {
      app: {
        requestSingleInstanceLock: () => true,
        quit: vi.fn(),
        on: (ev: string, l: (...a: unknown[]) => void) => (listeners[ev] ??= []).push(l),
        whenReady: () => whenReady,
        getPath: () => '/nonexistent',
        isPackaged: false,
      },
      BrowserWindow,
      Menu: { setApplicationMenu: (m: unknown) => calls['menus']!.push(m) },
      protocol: {
        registerSchemesAsPrivileged: (s: unknown) => calls['schemes']!.push(s),
        handle: (scheme: string, h: unknown) => calls['protocols']!.push({ scheme, h }),
      },
      ipcMain: { handle: (ch: string, h: unknown) => calls['ipc']!.push({ ch, h }) },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      screen: {
        getAllDisplays: () => displays,
        getPrimaryDisplay: () => displays[0],
        on: (ev: string, l: () => void) => (screenListeners[ev] ??= []).push(l),
        off: (ev: string, l: () => void) => (screenListeners[ev] = (screenListeners[ev] ?? []).filter((x) => x !== l)),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);
vi.mock('electron-updater', () => ({ default: { autoUpdater: { on: vi.fn(), checkForUpdates: vi.fn(async () => null) } } }));

const dir = mkdtempSync(join(tmpdir(), 'quay-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Electron shell wiring (with a fake electron)', () => {
  it('registers the app:// scheme, removes the menu, opens one hardened window and one IPC entry point', async () => {
    const { startElectron } = await import('../../../src/main/electron/main');
    const counter = createCounter({ dataDir: join(dir, 'data') });
    let bootedWith: string | null = null;
    startElectron({
      boot(dataDir) {
        bootedWith = dataDir;
        return { wired: counter, close: () => void counter.close() };
      },
    });
    expect(fake.calls['schemes']).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
    expect(fake.calls['menus']).toEqual([null]);
    fake.ready();
    await new Promise((r) => setTimeout(r, 20));
    expect(bootedWith).toBe(join('/nonexistent', 'data'));
    const [win] = fake.calls['windows'] as { options: { webPreferences: Record<string, unknown> }; webContents: { handlers: Record<string, unknown[]>; openHandler: (d: { url: string }) => unknown } }[];
    expect(win!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String(win!.options.webPreferences['preload'])).toMatch(/preload[\\/]index\.js$/);
    expect(Object.keys(win!.webContents.handlers).sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(win!.webContents.openHandler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(fake.calls['loads']).toEqual(['app://quay/index.html']);
    expect((fake.calls['protocols'] as { scheme: string }[]).map((p) => p.scheme)).toEqual(['app']);

    const ipc = fake.calls['ipc'] as { ch: string; h: (e: unknown, name: unknown, input: unknown) => Promise<unknown> }[];
    expect(ipc.map((i) => i.ch)).toEqual([INVOKE_CHANNEL]);
    const handler = ipc[0]!.h;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, 'session.get', {})).toEqual({ ok: false, error: { code: 'untrusted', message: 'Nguồn gọi không hợp lệ.' } });
    expect(await handler({ senderFrame: { url: 'app://quay/index.html' } }, 'session.get', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(await handler({ senderFrame: { url: 'app://quay/index.html' } }, 'intake.accept', {})).toMatchObject({ ok: false, error: { code: 'not_logged_in' } });

    const proto = (fake.calls['protocols'] as { h: (r: { url: string }) => Promise<Response> }[])[0]!.h;
    expect((await proto({ url: 'app://quay/../../etc/passwd' })).status).toBe(404);
    expect((await proto({ url: 'app://other/index.html' })).status).toBe(404);
  });

  it('opens the customer display on a second screen when one is attached, closes it when it goes (issue #16 §3)', () => {
    expect(fake.calls['windows']).toHaveLength(1);
    fake.displays.push({ id: 2, bounds: { x: 1366, y: 0, width: 1280, height: 1024 } });
    fake.fireScreen('display-added');
    const wins = fake.calls['windows'] as { options: Record<string, unknown>; closed: boolean; webContents: { handlers: Record<string, unknown[]> } }[];
    expect(wins).toHaveLength(2);
    expect(wins[1]!.options).toMatchObject({ x: 1366, width: 1280, fullscreen: true, focusable: false });
    expect(Object.keys(wins[1]!.webContents.handlers).sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(fake.calls['loads']).toEqual(['app://quay/index.html', 'app://quay/index.html#khach-hang']);
    fake.displays.pop();
    fake.fireScreen('display-removed');
    expect(wins[1]!.closed).toBe(true);
  });
});
