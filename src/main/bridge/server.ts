/**
 * Browser mode: serves the built renderer on 127.0.0.1 and bridges `window.api` to the same handler
 * registry Electron main uses. A per-run secret (in the printed URL, then an HttpOnly SameSite
 * cookie) is required for every request; the Host and Origin headers must be our loopback address
 * (no DNS rebinding, no cross-site calls).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSP, resolveAppUrl } from '../electron/window';
import type { Wired } from '../ipc/wire';

export interface BridgeOptions {
  wired: Wired;
  /** Folder with the built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  secret?: string;
}

export interface Bridge {
  url: string;
  origin: string;
  secret: string;
  close(): Promise<void>;
}

const COOKIE = 'quay_key';
const MAX_BODY = 1 << 20;

/** The tiny script that gives the page an invoke function; the renderer builds window.api from it. */
const BRIDGE_JS = `"use strict";
window.__quayInvoke = function (channel, input) {
  return fetch('/api', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: channel, input: input }) })
    .then(function (r) { return r.json(); });
};
`;

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
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
  const session = opts.wired.newSession();
  let origin = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Lỗi máy chủ cầu nối.');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (`http://${host}` !== origin) return send(res, 421, 'Sai địa chỉ.');
    const url = new URL(req.url ?? '/', origin);
    // Entering with the key from the printed URL: set the cookie and drop the key from the address bar.
    const key = url.searchParams.get('key');
    if (key !== null) {
      if (!sameSecret(key, secret)) return send(res, 403, 'Khoá phiên không đúng.');
      return send(res, 303, '', 'text/plain', {
        location: '/',
        'set-cookie': `${COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!sameSecret(cookie(req, COOKIE), secret)) {
      return send(res, 403, 'Cần mở bằng đường dẫn có khoá phiên được in ra khi khởi động (npm run start:browser).');
    }
    if (req.method === 'POST' && url.pathname === '/api') {
      if (req.headers.origin !== origin) return send(res, 403, 'Nguồn gọi không hợp lệ.');
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
      const result = await opts.wired.registry.invoke(msg.channel, msg.input, session);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }
    if (req.method !== 'GET') return send(res, 405, 'Không hỗ trợ.');
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
    url: `${origin}/?key=${secret}`,
    secret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
