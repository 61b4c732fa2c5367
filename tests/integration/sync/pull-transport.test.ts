/**
 * The pull's pages travel through node:http in the application and through `fetch` when one is
 * injected (issue 18): both must fail alike. A proxy between counter and real hub answers the pull
 * with a 503, never answers, stalls in the middle of a body or cuts the connection there; a hub
 * address nobody listens on refuses the connection. Each time the counter is offline with the same
 * message, keeps no part of the failed page, and a later pull brings every change exactly once. A
 * proxy that redirects the pull to another path is followed, and an answer compressed though not
 * asked to be is decoded, as fetch does.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import type { FetchFn } from '../../../src/main/sync/client';
import { describePg } from '../../helpers/pg';
import { freePort } from '../../helpers/hub-process';
import { acceptOp, enroll, pushAs } from '../hub/harness';
import { hubWithCounters, type TestCounter } from './setup';

type Fault = 'pass' | '503' | 'silent' | 'stall' | 'cut' | 'redirect' | 'gzip';

interface Proxy {
  url: string;
  /** The fault for /pull requests after the first `after` of them (counted from this call). */
  set(fault: Fault, after?: number): void;
  close(): Promise<void>;
}

/** Forwards to the hub; the /pull answers as `set` says (a partial body: half the bytes of the real one). */
async function proxyTo(target: string): Promise<Proxy> {
  let fault: Fault = 'pass';
  let passing = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isPull = req.url!.startsWith('/pull');
      const mode = isPull && passing-- <= 0 ? fault : 'pass';
      if (mode === 'silent') return; // headers never come
      if (mode === 'redirect') {
        // Within the same origin: fetch drops the token on a redirect to another.
        res.writeHead(307, { location: `/moved${req.url}` });
        res.end();
        return;
      }
      if (mode === '503') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'DB_UNAVAILABLE', message: 'x' }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
      const body = Buffer.concat(chunks);
      void fetch(`${target}${req.url!.replace(/^\/moved\//, '/')}`, { method: req.method!, headers, ...(body.length > 0 ? { body } : {}) }).then(async (up) => {
        const bytes = Buffer.from(await up.arrayBuffer());
        const out: Record<string, string> = {};
        up.headers.forEach((v, k) => {
          if (k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive') out[k] = v;
        });
        if (mode === 'gzip') {
          const packed = gzipSync(bytes);
          res.writeHead(up.status, { ...out, 'content-encoding': 'gzip', 'content-length': String(packed.length) });
          return void res.end(packed);
        }
        res.writeHead(up.status, { ...out, 'content-length': String(bytes.length) });
        if (mode === 'pass') return void res.end(bytes);
        res.write(bytes.subarray(0, bytes.length >> 1));
        if (mode === 'cut') setTimeout(() => res.socket?.destroy(), 50);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set(f, after = 0) {
      fault = f;
      passing = after;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const transports: [string, FetchFn | undefined][] = [
  ['node:http (the application)', undefined],
  ['an injected fetch', (url, init) => fetch(url, init)],
];

describePg('the pull’s transport fails as fetch did', () => {
  const world = hubWithCounters();
  const N = 35;

  const remote = (c: TestCounter): number => (c.db.prepare("SELECT count(*) AS n FROM dossier_events WHERE origin = 'remote'").get() as { n: number }).n;
  const cursor = (c: TestCounter): string => (c.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string }).cursor;

  it.each(transports)('through %s: 503, refused, no answer, a stalled body, a cut body, a redirect, a compressed answer', async (name, fetchFn) => {
    const tag = fetchFn ? 'PT-F' : 'PT-N';
    const writer = await enroll(world.hub, tag, `${tag}-W`);
    for (let i = 0; i < N; i += 20) {
      const r = await pushAs(world.hub, writer, i + 1, Array.from({ length: Math.min(20, N - i) }, () => acceptOp(writer.counterId)));
      expect(r.body.results.every((x) => x.status === 'accepted')).toBe(true);
    }
    const proxy = await proxyTo(world.hub.url);
    try {
      const c = world.make(`${tag}-R`, { branchCode: tag, worker: { pullLimit: 10, requestTimeoutMs: 1_000, ...(fetchFn ? { fetch: fetchFn } : {}) } });
      await c.enroll({ ...world.hub, url: proxy.url });
      const offline = async (message: RegExp): Promise<void> => {
        const s = await c.worker.syncNow();
        expect(s.status, name).toBe('offline');
        expect(s.lastError, name).toMatch(message);
      };

      proxy.set('503');
      await offline(/^Máy chủ tỉnh tạm thời không xử lý được \(HTTP 503\)\.$/);
      expect(cursor(c)).toBe('');

      const closed = await freePort();
      c.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(`http://127.0.0.1:${closed}`);
      await offline(/^Không kết nối được máy chủ tỉnh \(.+\)\.$/);
      c.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(proxy.url);

      proxy.set('silent');
      const t0 = Date.now();
      await offline(/^Không kết nối được máy chủ tỉnh \(The operation was aborted due to timeout\)\.$/);
      proxy.set('stall');
      await offline(/^Mất kết nối khi đang nhận trả lời của máy chủ \(.+\)\.$/);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect([cursor(c), remote(c)]).toEqual(['', 0]);

      // Cut in the middle of the third page: the first two are kept, whole, with their cursor.
      proxy.set('cut', 2);
      await offline(/^Mất kết nối khi đang nhận trả lời của máy chủ \(.+\)\.$/);
      expect(remote(c)).toBe(20);
      expect(cursor(c)).not.toBe('');

      proxy.set('pass');
      expect(await c.worker.syncNow()).toMatchObject({ status: 'synced', lastError: null });
      expect(c.db.prepare("SELECT count(*) AS n, count(DISTINCT dossier_id) AS d FROM dossier_events WHERE origin = 'remote'").get()).toEqual({ n: N, d: N });

      const more = await pushAs(world.hub, writer, N + 1, Array.from({ length: 15 }, () => acceptOp(writer.counterId)));
      expect(more.body.results.every((x) => x.status === 'accepted')).toBe(true);
      proxy.set('redirect');
      expect(await c.worker.syncNow()).toMatchObject({ status: 'synced', lastError: null });
      expect(remote(c)).toBe(N + 15);

      // A proxy that compresses answers though nobody asked it to.
      const last = await pushAs(world.hub, writer, N + 16, Array.from({ length: 12 }, () => acceptOp(writer.counterId)));
      expect(last.body.results.every((x) => x.status === 'accepted')).toBe(true);
      proxy.set('gzip');
      expect(await c.worker.syncNow()).toMatchObject({ status: 'synced', lastError: null });
      expect(remote(c)).toBe(N + 27);
    } finally {
      await proxy.close();
    }
  });
});
