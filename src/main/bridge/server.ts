/**
 * Browser mode: serves the built renderer on 127.0.0.1 and bridges `window.api` to the same handler
 * registry Electron main uses. The per-run secret never leaves its own origin (issue #15 §4): the
 * printed URL carries it in the fragment (`#key=…`, which a browser never sends anywhere); the
 * page's bridge script moves it to the tab's sessionStorage, drops it from the address bar, and sends
 * it as the `x-quay-key` header of every call. No cookie: a cookie for 127.0.0.1 would go to every
 * other service on the loopback. Each tab has its own id (`x-quay-tab`), so each tab signs in on its
 * own. The page and its assets are the public bundle and are served without the key; every call
 * needs it. The Host and Origin headers must be our loopback address (no DNS rebinding, no
 * cross-site calls; a custom header also forces a cross-origin preflight, which is refused).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSP, resolveAppUrl } from '../electron/window';
import type { Session } from '../ipc/registry';
import type { Wired } from '../ipc/wire';

export interface BridgeOptions {
  /**
   * The counter the calls go to; a promise while it is still being opened (browser mode listens
   * first, see start.ts): a call waits for it, so none is answered by a half-opened counter.
   */
  wired: Wired | Promise<Wired>;
  /** Folder with the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  secret?: string;
}

export interface Bridge {
  url: string;
  origin: string;
  secret: string;
  /**
   * Resolves once the first page load's files have gone out (the page and every file its HTML
   * names: the bridge script, the entry script, its preloads, the style sheet, the fonts), or
   * after `maxWaitMs` if no browser has asked for the page by then: the moment to do work that
   * would otherwise hold those files back.
   */
  pageServed(maxWaitMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Once the page has been asked for, the longest wait for the files it names. */
const PAGE_FILES_WAIT_MS = 1_000;

/** The paths of the files an HTML page names (src= and href=), relative to the site's root. */
export function namedFiles(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const ref = m[1]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//') || ref.startsWith('#')) continue;
    out.add(new URL(ref, 'http://x/').pathname);
  }
  return [...out];
}

const MAX_BODY = 1 << 20;
/** Sessions kept at once (one per tab); the least recently used goes first. */
const MAX_TABS = 32;
const NO_KEY = 'Cần mở bằng đường dẫn có khoá phiên được in ra khi khởi động (npm run start:browser).';

/**
 * The tiny script that gives the page an invoke function; the renderer builds window.api from it.
 * It takes the key from the fragment into this tab's sessionStorage (a reload keeps it, another
 * site never sees it) and names the tab. A tab copied by "Duplicate" carries the same storage: the
 * first tab answers on a BroadcastChannel, and the copy takes a new id and starts again signed out.
 */
const BRIDGE_JS = `"use strict";
(function () {
  var store = window.sessionStorage;
  var m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (m) {
    store.setItem('quay-key', decodeURIComponent(m[1]));
    // What follows the key stays (\u2026#key=K&khach-hang opens the customer display), the key goes.
    var rest = location.hash.slice(1).split('&').filter(function (p) { return p.indexOf('key=') !== 0; }).join('&');
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }
  var newId = function () {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  };
  var tab = store.getItem('quay-tab') || newId();
  store.setItem('quay-tab', tab);
  if (typeof BroadcastChannel === 'function') {
    var bc = new BroadcastChannel('quay-tabs');
    bc.onmessage = function (e) {
      if (e.data && e.data.hello === tab) bc.postMessage({ taken: tab });
      else if (e.data && e.data.taken === tab) { store.setItem('quay-tab', newId()); location.reload(); }
    };
    bc.postMessage({ hello: tab });
  }
  window.__quayInvoke = function (channel, input) {
    var key = store.getItem('quay-key');
    if (!key) return Promise.resolve({ ok: false, error: { code: 'no_key', message: ${JSON.stringify(NO_KEY)} } });
    return fetch('/api', { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json', 'x-quay-key': key, 'x-quay-tab': store.getItem('quay-tab') },
      body: JSON.stringify({ channel: channel, input: input }) })
      .then(function (r) { return r.json(); });
  };
})();
`;

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** One session per browser tab, by the tab's id; the least recently used is dropped beyond MAX_TABS. */
function tabSessions(wired: Wired): (tab: string) => Session {
  const sessions = new Map<string, Session>();
  return (tab) => {
    const s = sessions.get(tab) ?? wired.newSession();
    sessions.delete(tab);
    sessions.set(tab, s);
    if (sessions.size > MAX_TABS) sessions.delete(sessions.keys().next().value!);
    return s;
  };
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const secret = opts.secret ?? randomBytes(24).toString('base64url');
  let wired: Wired | null = null;
  let sessionOf: ((tab: string) => Session) | null = null;
  const wiredReady = Promise.resolve(opts.wired).then((w) => {
    wired = w;
    sessionOf = tabSessions(w);
  });
  wiredReady.catch(() => {}); // whoever opens the counter reports its failure; calls answer 500
  let origin = '';
  // The first page load: the files its HTML names that have not gone out yet (null: page not asked for).
  let pageFiles: Set<string> | null = null;
  let filesTimer: NodeJS.Timeout | null = null;
  let markServed = (): void => {};
  const served = new Promise<void>((resolve) => (markServed = resolve));
  const sentFile = (path: string) => {
    if (!pageFiles?.delete(path) || pageFiles.size > 0) return;
    markServed();
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Lỗi máy chủ cầu nối.');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (`http://${host}` !== origin) return send(res, 421, 'Sai địa chỉ.');
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'POST' && url.pathname === '/api') {
      if (req.headers.origin !== origin) return send(res, 403, 'Nguồn gọi không hợp lệ.');
      if (!sameSecret(header(req, 'x-quay-key'), secret)) return send(res, 403, NO_KEY);
      const tab = header(req, 'x-quay-tab') ?? '';
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(tab)) return send(res, 400, 'Thiếu mã thẻ trình duyệt (x-quay-tab).');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'Cần JSON.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, 'Dữ liệu không hợp lệ.');
      }
      // `null`, an array or a bare value is valid JSON but not a call: refused like bad JSON.
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return send(res, 400, 'Dữ liệu không hợp lệ: cần một đối tượng JSON có kênh và dữ liệu.');
      const msg = parsed as { channel?: unknown; input?: unknown };
      if (!wired || !sessionOf) await wiredReady;
      const result = await wired!.registry.invoke(msg.channel, msg.input, sessionOf!(tab));
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }
    if (req.method !== 'GET') return send(res, 405, 'Không hỗ trợ.');
    res.once('finish', () => sentFile(url.pathname));
    if (url.pathname === '/bridge.js') return send(res, 200, BRIDGE_JS, 'text/javascript; charset=utf-8');
    const hit = resolveAppUrl(`app://quay${url.pathname}`, opts.rendererDir);
    if (!hit) return send(res, 404, 'Không tìm thấy.');
    let body: Buffer;
    try {
      body = await readFile(hit.file);
    } catch {
      return send(res, 404, 'Không tìm thấy.');
    }
    if (hit.mime.startsWith('text/html')) {
      body = Buffer.from(body.toString('utf8').replace('<head>', '<head>\n    <script src="/bridge.js"></script>'));
      if (!pageFiles) {
        pageFiles = new Set(namedFiles(body.toString('utf8')));
        if (pageFiles.size === 0) markServed();
        filesTimer = setTimeout(markServed, PAGE_FILES_WAIT_MS);
      }
    }
    return send(res, 200, body, hit.mime);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/#key=${secret}`,
    secret,
    pageServed: (maxWaitMs) => {
      const t = setTimeout(() => pageFiles || markServed(), maxWaitMs);
      return served.finally(() => {
        clearTimeout(t);
        if (filesTimer) clearTimeout(filesTimer);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (filesTimer) clearTimeout(filesTimer);
        server.close(() => resolve());
      }),
  };
}
