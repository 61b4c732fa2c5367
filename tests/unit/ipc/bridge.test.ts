import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../../src/main/bridge/server';
import { startBridge } from '../../../src/main/bridge/server';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';

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
  it('listens on loopback only and prints a URL carrying the secret', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/?key=${bridge.secret}`);
    expect(bridge.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses every request without the secret, or with the wrong one', async () => {
    expect((await http('/')).status).toBe(403);
    expect((await http('/?key=wrong')).status).toBe(403);
    const api = await http('/api', { method: 'POST', headers: { 'content-type': 'application/json', origin: bridge.origin }, body: '{"channel":"session.get","input":{}}' });
    expect(api.status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await http(`/?key=${bridge.secret}`, { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('trades the key for an HttpOnly SameSite cookie, serves the page with the bridge script and a CSP, and bridges calls', async () => {
    const enter = await http(`/?key=${bridge.secret}`);
    expect(enter.status).toBe(303);
    const setCookie = String(enter.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;
    const page = await http('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/bridge.js"></script>');
    expect(page.body).toContain('Quầy HCC');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const call = (origin: string | undefined, body: string) =>
      http('/api', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body });
    const ok = await call(bridge.origin, '{"channel":"session.get","input":{}}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { needsSetup: true, setupUsername: 'admin' } });
    expect((await call('http://evil.example', '{"channel":"session.get","input":{}}')).status).toBe(403);
    expect((await call(undefined, '{"channel":"session.get","input":{}}')).status).toBe(403);
    const unknown = await call(bridge.origin, '{"channel":"db.exec","input":{}}');
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'Chức năng không tồn tại.' } });
    expect((await http('/../../etc/passwd', { headers: { cookie } })).status).toBe(404);
    // Valid JSON that is not a call object is a 400 with its reason, not a server error.
    for (const body of ['null', '[]', '"session.get"', '42']) {
      const r = await call(bridge.origin, body);
      expect(r.status, body).toBe(400);
      expect(r.body).toBe('Dữ liệu không hợp lệ: cần một đối tượng JSON có kênh và dữ liệu.');
    }
    expect((await call(bridge.origin, '{"channel":')).body).toBe('Dữ liệu không hợp lệ.');
  });
});
