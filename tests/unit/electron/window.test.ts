import { describe, expect, it } from 'vitest';
import { APP_URL, CSP, CUSTOMER_URL, customerDisplayTarget, customerWindowOptions, harden, isTrustedSender, mainWindowOptions, resolveAppUrl } from '../../../src/main/electron/window';
import type { HardenableContents, HardenableSession } from '../../../src/main/electron/window';

describe('main window options', () => {
  const o = mainWindowOptions({ preloadPath: '/app/out/preload/index.js', devTools: false });
  it('isolates and sandboxes the renderer', () => {
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });
  it('fits a 1366×768 counter screen', () => {
    expect(o.useContentSize).toBe(true);
    expect(o.width).toBe(1366);
    expect(o.height).toBeLessThanOrEqual(768);
    expect(o.minWidth).toBeLessThanOrEqual(1366);
    expect(o.minHeight).toBeLessThanOrEqual(768 - 40); // a taskbar still leaves room
    expect(o.show).toBe(false);
  });
});

describe('CSP', () => {
  it('allows only our own scripts, no eval, no inline scripts, nothing remote', () => {
    const d = Object.fromEntries(CSP.split('; ').map((p) => [p.split(' ')[0], p.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
  });
});

class FakeContents implements HardenableContents {
  listeners = new Map<string, ((e: { preventDefault(): void }, url?: unknown) => void)[]>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, l: (e: { preventDefault(): void }, url?: unknown) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
    return this;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.openHandler = h;
  }
  /** Behaves like Electron: the navigation happens unless a listener prevents it. */
  emit(event: string, url: string): boolean {
    let prevented = false;
    for (const l of this.listeners.get(event) ?? []) l({ preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

class FakeSession implements HardenableSession {
  request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
  check: (() => boolean) | null = null;
  setPermissionRequestHandler(h: (wc: unknown, p: string, cb: (g: boolean) => void) => void) {
    this.request = h;
  }
  setPermissionCheckHandler(h: () => boolean) {
    this.check = h;
  }
}

describe('hardening', () => {
  it('denies navigation, redirects, webviews, new windows and permissions', () => {
    const wc = new FakeContents();
    const s = new FakeSession();
    const denied: string[] = [];
    harden(wc, s, (w) => denied.push(w));
    expect(wc.emit('will-navigate', 'https://example.com/')).toBe(false);
    expect(wc.emit('will-navigate', APP_URL)).toBe(false); // even a reload-by-navigation mid intake
    expect(wc.emit('will-redirect', 'https://evil.example/')).toBe(false);
    expect(wc.emit('will-attach-webview', 'about:blank')).toBe(false);
    expect(wc.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    s.request?.(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(s.check?.()).toBe(false);
    expect(denied).toEqual(['navigation', 'navigation', 'redirect', 'webview', 'new window']);
  });

  it('trusts only our own page as an IPC sender', () => {
    expect(isTrustedSender('app://quay/index.html')).toBe(true);
    expect(isTrustedSender('app://quayevil/index.html')).toBe(false);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
  });
});

describe('app:// protocol', () => {
  it('serves files under the renderer root only', () => {
    expect(resolveAppUrl('app://quay/', '/r')).toEqual({ file: '/r/index.html', mime: 'text/html; charset=utf-8' });
    expect(resolveAppUrl('app://quay/assets/a.js?x=1', '/r/')).toEqual({ file: '/r/assets/a.js', mime: 'text/javascript; charset=utf-8' });
    // URL parsing already collapses dot segments, so this stays inside the root.
    expect(resolveAppUrl('app://quay/%2e%2e/%2e%2e/etc/passwd', '/r')?.file).toBe('/r/etc/passwd');
    expect(resolveAppUrl('app://quay/assets/..%5c..%5csecret', '/r')).toBeNull();
    expect(resolveAppUrl('app://other/index.html', '/r')).toBeNull();
    expect(resolveAppUrl('file:///etc/passwd', '/r')).toBeNull();
    expect(resolveAppUrl('app://quay/%E0%A4%A', '/r')).toBeNull();
  });
});

describe('customer display window (issue #16 §3)', () => {
  const main = { id: 1, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
  const second = { id: 7, bounds: { x: 1366, y: 0, width: 1280, height: 1024 } };
  it('goes on the first screen that is not the clerk’s, and nowhere with one screen', () => {
    expect(customerDisplayTarget([main, second], 1)).toEqual(second);
    expect(customerDisplayTarget([second, main], 1)).toEqual(second);
    expect(customerDisplayTarget([main], 1)).toBeNull();
  });
  it('is full screen on that screen, never takes the keyboard, loads the customer page, hardened like the main one', () => {
    const o = customerWindowOptions({ preloadPath: '/p.js', bounds: second.bounds });
    expect(o).toMatchObject({ x: 1366, y: 0, width: 1280, height: 1024, fullscreen: true, focusable: false });
    expect(o.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(CUSTOMER_URL).toBe(`${APP_URL}#khach-hang`);
    expect(isTrustedSender(CUSTOMER_URL)).toBe(true);
  });
});
