/**
 * A new counter's first pull (issue 18): many pages, each fetched while the one before is written,
 * every change applied once, and its progress on the status bar — changes received of how many the
 * hub said it held — until the pull ends.
 */
import { expect, it } from 'vitest';
import { plainSecretBox } from '../../../src/main/sync/secrets';
import { createSyncService } from '../../../src/main/sync/service';
import type { SyncState } from '../../../src/main/sync/worker';
import type { FetchFn } from '../../../src/main/sync/client';
import { FEED_NEXT_HEADER, FEED_TOTAL_HEADER } from '../../../src/shared/sync-protocol';
import { describePg } from '../../helpers/pg';
import { acceptOp, call, enroll, pushAs } from '../hub/harness';
import { hubWithCounters } from './setup';

/**
 * The counter's fetch, through a log of what it asked for and when it read each answer's body; `next`
 * rewrites the hub's announcement of the next cursor (null: none, as from an older hub).
 */
function loggedFetch(log: string[], next?: (announced: string | null) => string | null): FetchFn {
  return async (url, init) => {
    const cursor = new URL(url).searchParams.get('cursor');
    const path = new URL(url).pathname;
    if (path === '/pull') log.push(`ask ${cursor}`);
    const res = await fetch(url, init);
    if (path !== '/pull') return res;
    const headers = new Headers(res.headers);
    if (next) {
      const v = next(headers.get(FEED_NEXT_HEADER));
      if (v === null) headers.delete(FEED_NEXT_HEADER);
      else headers.set(FEED_NEXT_HEADER, v);
    }
    // The body as the counter reads it (nothing is read ahead): the log says when it began reading.
    const source = res.body!.getReader();
    let started = false;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(ctl) {
          if (!started) log.push(`read ${cursor}`);
          started = true;
          const r = await source.read();
          if (r.done) ctl.close();
          else ctl.enqueue(r.value);
        },
        cancel: (reason) => source.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: res.status, headers });
  };
}

describePg('a new counter’s first pull', () => {
  const world = hubWithCounters();

  async function feed(writerId: string, n: number): Promise<void> {
    const writer = await enroll(world.hub, 'SL-TP', writerId);
    for (let i = 0; i < n; i += 20) {
      const r = await pushAs(world.hub, writer, i + 1, Array.from({ length: Math.min(20, n - i) }, () => acceptOp(writer.counterId)));
      expect(r.body.results.every((x) => x.status === 'accepted')).toBe(true);
    }
  }

  const remoteEvents = (c: { db: { prepare(sql: string): { get(): unknown } } }): unknown =>
    (c.db.prepare("SELECT count(*) AS n, count(DISTINCT dossier_id) AS d FROM dossier_events WHERE origin = 'remote'").get());

  it('pulls every page once, tells the status bar how far it has come, then says it is synced', async () => {
    const { hub } = world;
    const writer = await enroll(hub, 'SL-TP', 'FP-W');
    const N = 57;
    for (let i = 0; i < N; i += 20) {
      const r = await pushAs(hub, writer, i + 1, Array.from({ length: Math.min(20, N - i) }, () => acceptOp(writer.counterId)));
      expect(r.body.results.every((x) => x.status === 'accepted')).toBe(true);
    }
    const c = world.make('FP-R', { worker: { pullLimit: 10 } });
    await c.enroll(hub);
    const service = createSyncService({ db: c.db, clock: c.clock, secrets: plainSecretBox, counterId: 'FP-R', worker: c.worker });
    const seen: { progress: SyncState['pullProgress']; label: string }[] = [];
    c.worker.subscribe((s) => seen.push({ progress: s.pullProgress, label: service.statusLine().label }));
    const end = await c.worker.syncNow();

    // The writer's 57 acceptances and the reader's own serial range: 58 changes, in pages of 10.
    const during = seen.filter((s) => s.progress);
    expect(during.map((s) => s.progress!.received)).toEqual([10, 20, 30, 40, 50, 58]);
    expect(during.every((s) => s.progress!.total === N + 1)).toBe(true);
    expect(during[1]!.label).toBe('Đang tải dữ liệu từ máy chủ tỉnh: 20 / 58 (34%)');
    expect(end).toMatchObject({ status: 'synced', pullProgress: null });
    // Pages commit without waiting for the disk; the clerk's work after them does again (FULL).
    expect(c.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(service.statusLine().label).toMatch(/^Đã đồng bộ/);
    const remote = c.db.prepare("SELECT count(*) AS n FROM dossier_events WHERE origin = 'remote'").get() as { n: number };
    expect(remote.n).toBe(N);

    // The hub says the feed's size only to a pull from the start that takes several pages.
    expect((await call(hub, '/pull?cursor=&limit=100', { token: writer.token })).headers.get(FEED_TOTAL_HEADER)).toBeNull();
    expect((await call(hub, '/pull?cursor=&limit=1', { token: writer.token })).headers.get(FEED_TOTAL_HEADER)).toBe('1');
    const reader = c.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string };
    expect(reader.cursor).not.toBe('');
  });

  it('asks for the next page when the headers announce its cursor, before reading the page it has', async () => {
    await feed('FP-AW', 25);
    const log: string[] = [];
    const c = world.make('FP-A', { worker: { pullLimit: 10, fetch: loggedFetch(log) } });
    await c.enroll(world.hub);
    expect(await c.worker.syncNow()).toMatchObject({ status: 'synced' });
    const pulls = log.filter((l) => l.startsWith('ask')).map((l) => l.slice(4));
    // The hub holds every acceptance of the branch from earlier tests too: at least three pages of 10.
    expect(pulls.length).toBeGreaterThanOrEqual(3);
    // Every page after the first was asked for before the body of the page before it was read.
    for (let k = 1; k < pulls.length; k++) expect(log.indexOf(`ask ${pulls[k]}`)).toBeLessThan(log.indexOf(`read ${pulls[k - 1]}`));
    // Each cursor asked for once, the last page announcing none.
    expect(new Set(pulls).size).toBe(pulls.length);
    // The hub's announcement is the body's cursor, and there is none on the last page.
    const probe = await enroll(world.hub, 'SL-TP', 'FP-AP');
    const first = await call<{ cursor: string; hasMore: boolean }>(world.hub, '/pull?cursor=&limit=10', { token: probe.token });
    expect(first.body.hasMore).toBe(true);
    expect(first.headers.get(FEED_NEXT_HEADER)).toBe(first.body.cursor);
    const all = await call<{ cursor: string; hasMore: boolean }>(world.hub, '/pull?cursor=&limit=1000', { token: probe.token });
    expect(all.body.hasMore).toBe(false);
    expect(all.headers.get(FEED_NEXT_HEADER)).toBeNull();
    expect(remoteEvents(c)).toEqual({ n: 25 + 57, d: 25 + 57 });
  });

  it('without announcements (an older hub) or with wrong ones, every change still arrives once', async () => {
    const plain = world.make('FP-B', { worker: { pullLimit: 10, fetch: loggedFetch([], () => null) } });
    const logLying: string[] = [];
    // A well-formed cursor that is not the page's: the early page is dropped, the body's cursor used.
    const lying = world.make('FP-C', { worker: { pullLimit: 10, fetch: loggedFetch(logLying, (a) => (a === null ? null : '00000000-1.1')) } });
    for (const c of [plain, lying]) {
      await c.enroll(world.hub);
      expect(await c.worker.syncNow()).toMatchObject({ status: 'synced' });
      expect(remoteEvents(c)).toEqual({ n: 25 + 57, d: 25 + 57 });
    }
    expect(logLying).toContain('ask 00000000-1.1');
    expect(logLying).not.toContain('read 00000000-1.1');
  });
});
