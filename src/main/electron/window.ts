/**
 * The main window's settings and its hardening, as pure functions over the small parts of Electron
 * they touch, so they are unit-tested with fakes (the Electron binary is not available to tests).
 */

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://quay`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * Strict CSP for the renderer: only our own origin; no inline scripts, no eval, no remote anything.
 * Inline style attributes are allowed (React `style`), inline `<style>` elements are not needed.
 * `data:` images carry the VietQR code drawn by the `qrcode` package.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  useContentSize: boolean;
  show: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  title: string;
  icon?: string;
  webPreferences: {
    preload: string;
    contextIsolation: true;
    sandbox: true;
    nodeIntegration: false;
    nodeIntegrationInWorker: false;
    nodeIntegrationInSubFrames: false;
    webSecurity: true;
    allowRunningInsecureContent: false;
    webviewTag: false;
    navigateOnDragDrop: false;
    spellcheck: false;
    safeDialogs: true;
    devTools: boolean;
  };
}

/** Counter screens are 1366×768; the window's content fits that, and may not shrink below usability. */
export function mainWindowOptions(opts: { preloadPath: string; iconPath?: string; devTools: boolean }): WindowOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 680,
    useContentSize: true,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f8',
    title: 'Quầy HCC',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: opts.devTools,
    },
  };
}

/** The few webContents members the hardening uses (a fake implements them in tests). */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }, url?: unknown) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenableSession {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Deny every navigation, redirect, webview and new window; deny every permission request. */
export function harden(contents: HardenableContents, session: HardenableSession, onDenied: (what: string) => void = () => {}): void {
  const deny = (what: string) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    onDenied(what);
  };
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-redirect', deny('redirect'));
  contents.on('will-attach-webview', deny('webview'));
  contents.setWindowOpenHandler(() => {
    onDenied('new window');
    return { action: 'deny' };
  });
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Only calls from our own page reach the registry. */
export function isTrustedSender(frameUrl: string | undefined | null, devServerUrl?: string): boolean {
  if (!frameUrl) return false;
  if (frameUrl.startsWith(`${APP_ORIGIN}/`)) return true;
  return devServerUrl !== undefined && frameUrl.startsWith(devServerUrl);
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  json: 'application/json',
  wav: 'audio/wav',
  ico: 'image/x-icon',
};

/**
 * Maps an `app://quay/...` URL to a file under the renderer root, or null if it would leave it
 * (path traversal, other hosts, other schemes). Pure string work; main reads the file.
 */
export function resolveAppUrl(url: string, root: string): { file: string; mime: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== 'quay') return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\') || s.includes('\0'))) return null;
  const ext = (segments.at(-1) ?? '').split('.').pop()?.toLowerCase() ?? '';
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  return { file: [root.replace(/[\\/]+$/, ''), ...segments].join(sep), mime: MIME[ext] ?? 'application/octet-stream' };
}

/** The part of a display the customer window needs (Electron's Display has more). */
export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

/**
 * Where the customer display goes (issue #16 §3): the first screen that is not the clerk's, or null
 * on a counter with one screen (the clerk then turns the review panel of the main window).
 */
export function customerDisplayTarget(displays: readonly DisplayInfo[], primaryId: number): DisplayInfo | null {
  return displays.find((d) => d.id !== primaryId) ?? null;
}

/** The page the customer window loads: the same renderer, in its customer mode. */
export const CUSTOMER_URL = `${APP_URL}#khach-hang`;

/** The customer window: full screen on its display, never taking the clerk's keyboard focus. */
export function customerWindowOptions(opts: { preloadPath: string; bounds: DisplayInfo['bounds'] }): WindowOptions & { x: number; y: number; fullscreen: boolean; focusable: boolean; frame: boolean } {
  const base = mainWindowOptions({ preloadPath: opts.preloadPath, devTools: false });
  return {
    ...base,
    ...opts.bounds,
    minWidth: 640,
    minHeight: 480,
    useContentSize: false,
    fullscreen: true,
    focusable: false,
    frame: false,
    backgroundColor: '#ffffff',
    title: 'Quầy HCC — màn hình khách hàng',
  };
}
