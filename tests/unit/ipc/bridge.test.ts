import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src/main/bridge/server';
import { namedFiles, startBridge } from '../../../src/main/bridge/server';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import { bridgeClient, newTabId, parseBridgeUrl } from '../../helpers/bridge';

let dir: string;
let counter: Counter;
let bridge: Bridge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quay-bridge-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head><title>Quầy HCC</title></head><body></body></html>');
  counter = createCounter({ dataDir: join(dir, 'data') });
  bridge = await startBridge({ wired: counter, rendererDir: renderer });
});
afterAll(async () => {
  await bridge.close();
  await counter.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request, so Host/Origin/Cookie can be set (fetch would forbid some of them). */
function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const u = new URL(bridge.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', headers: { host: u.host, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser bridge', () => {
  const tab = newTabId();
  const headers = (over: Record<string, string> = {}) => ({ 'content-type': 'application/json', origin: bridge.origin, 'x-quay-key': bridge.secret, 'x-quay-tab': tab, ...over });
  const api = (body: string, h: Record<string, string> = headers()) => http('/api', { method: 'POST', headers: h, body });

  it('listens on loopback only and prints a URL carrying the secret in its fragment (never sent to a server)', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/#key=${bridge.secret}`);
    expect(bridge.secret.length).toBeGreaterThanOrEqual(32);
    expect(parseBridgeUrl(bridge.url)).toEqual({ origin: bridge.origin, key: bridge.secret });
  });

  it('serves the public page without a cookie; every call needs the key header and a tab id', async () => {
    const page = await http('/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('<script src="/bridge.js"></script>');
    expect(page.body).toContain('Quầy HCC');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const call = '{"channel":"session.get","input":{}}';
    const { 'x-quay-key': _k, ...noKey } = headers();
    expect((await api(call, noKey)).status).toBe(403);
    expect((await api(call, headers({ 'x-quay-key': 'wrong' }))).status).toBe(403);
    // The key as a cookie (the old way) or in the query opens nothing.
    expect((await api(call, { ...noKey, cookie: `quay_key=${bridge.secret}` })).status).toBe(403);
    expect((await http(`/api?key=${bridge.secret}`, { method: 'POST', headers: noKey, body: call })).status).toBe(403);
    const { 'x-quay-tab': _t, ...noTab } = headers();
    expect((await api(call, noTab)).status).toBe(400);
    expect((await api(call, headers({ 'x-quay-tab': 'short' }))).status).toBe(400);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await http('/', { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('bridges calls from our own origin only, one session per tab', async () => {
    const ok = await api('{"channel":"session.get","input":{}}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { needsSetup: true, setupUsername: 'admin' } });
    expect((await api('{"channel":"session.get","input":{}}', headers({ origin: 'http://evil.example' }))).status).toBe(403);
    const { origin: _o, ...noOrigin } = headers();
    expect((await api('{"channel":"session.get","input":{}}', noOrigin)).status).toBe(403);
    // A cross-origin preflight is not answered with permission.
    const pre = await http('/api', { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-headers': 'x-quay-key' } });
    expect(pre.status).toBe(405);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const unknown = await api('{"channel":"db.exec","input":{}}');
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Chức năng không tồn tại.' } });
    expect((await http('/../../etc/passwd')).status).toBe(404);
    // Valid JSON that is not a call object is a 400 with its reason, not a server error.
    for (const body of ['null', '[]', '"session.get"', '42']) {
      const r = await api(body);
      expect(r.status, body).toBe(400);
      expect(r.body).toBe('Dữ liệu không hợp lệ: cần một đối tượng JSON có kênh và dữ liệu.');
    }
    expect((await api('{"channel":')).body).toBe('Dữ liệu không hợp lệ.');
  });

  it('two tabs are two sessions: one signs in, the other is still signed out', async () => {
    await counter.auth.setupAdmin({ username: 'admin', password: 'quantri1' }, counter.counter.id);
    const a = bridgeClient(bridge.url);
    const b = bridgeClient(bridge.url);
    expect(await a('session.login', { username: 'admin', password: 'quantri1' })).toMatchObject({ ok: true, value: { clerk: { username: 'admin' } } });
    expect(await b('session.get')).toMatchObject({ ok: true, value: { clerk: null } });
    expect(await a('session.get')).toMatchObject({ ok: true, value: { clerk: { username: 'admin' } } });
  });
});

describe('browser bridge while the counter is still opening (browser mode listens first)', () => {
  const page = '<!doctype html><html><head><script type="module" src="./assets/entry.js"></script><link rel="stylesheet" href="./assets/app.css"><link rel="icon" href="data:image/svg+xml,x"></head><body></body></html>';
  let renderer: string;
  beforeAll(() => {
    renderer = join(dir, 'renderer-opening');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), page);
    writeFileSync(join(renderer, 'assets', 'entry.js'), 'export {};');
    writeFileSync(join(renderer, 'assets', 'app.css'), 'body{}');
  });
  const get = (b: Bridge, path: string) => fetch(`${b.origin}${path}`).then((r) => r.status);
  const call = (b: Bridge, channel: string) =>
    fetch(`${b.origin}/api`, { method: 'POST', headers: { 'content-type': 'application/json', origin: b.origin, 'x-quay-key': b.secret, 'x-quay-tab': newTabId() }, body: JSON.stringify({ channel, input: {} }) });

  it('names the files of the page: its scripts, style sheets and preloads, not data: or other sites', () => {
    expect(namedFiles('<head>\n    <script src="/bridge.js"></script>' + page.slice('<!doctype html><html><head>'.length))).toEqual(['/bridge.js', '/assets/entry.js', '/assets/app.css']);
    expect(namedFiles('<link rel="preload" href="https://example.org/f.ttf"><a href="#top"></a>')).toEqual([]);
  });

  it('a call waits for the counter and is answered by it; the page is served meanwhile', async () => {
    let open!: (w: Counter) => void;
    const b = await startBridge({ wired: new Promise<Counter>((r) => (open = r)), rendererDir: renderer });
    try {
      const pending = call(b, 'session.get');
      let answered = false;
      void pending.then(() => (answered = true));
      expect(await get(b, '/')).toBe(200);
      expect(await get(b, '/assets/entry.js')).toBe(200);
      expect(answered).toBe(false);
      open(counter);
      const res = await pending;
      expect(res.status).toBe(200);
      const body = (await res.json()) as { ok: boolean; value: { counter: { id: string } } };
      expect(body.ok).toBe(true);
      expect(body.value.counter.id).toBe(counter.counter.id);
    } finally {
      await b.close();
    }
  });

  it('counts the page as served once it and every file it names have gone out, not before', async () => {
    const b = await startBridge({ wired: counter, rendererDir: renderer });
    try {
      let served = false;
      const done = b.pageServed(60_000).then(() => (served = true));
      await get(b, '/');
      await get(b, '/bridge.js');
      await get(b, '/assets/entry.js');
      await new Promise((r) => setTimeout(r, 50));
      expect(served).toBe(false); // the style sheet has not been asked for
      await get(b, '/assets/app.css');
      await done;
      expect(served).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('with no browser asking for the page, counts it as served after the wait given', async () => {
    const b = await startBridge({ wired: counter, rendererDir: renderer });
    try {
      const t0 = performance.now();
      await b.pageServed(80);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(75);
    } finally {
      await b.close();
    }
  });

  it('a counter that fails to open answers calls with a server error, never with a half-opened store', async () => {
    const b = await startBridge({ wired: Promise.reject(new Error('STORE_CORRUPT')), rendererDir: renderer });
    try {
      const res = await call(b, 'session.get');
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('Lỗi máy chủ cầu nối.');
    } finally {
      await b.close();
    }
  });
});
