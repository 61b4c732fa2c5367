/**
 * A new counter's first pull (issue 18): many pages, each fetched while the one before is written,
 * every change applied once, and its progress on the status bar — changes received of how many the
 * hub said it held — until the pull ends.
 */
import { expect, it } from 'vitest';
import { plainSecretBox } from '../../../src/main/sync/secrets';
import { createSyncService } from '../../../src/main/sync/service';
import type { SyncState } from '../../../src/main/sync/worker';
import { FEED_TOTAL_HEADER } from '../../../src/shared/sync-protocol';
import { describePg } from '../../helpers/pg';
import { acceptOp, call, enroll, pushAs } from '../hub/harness';
import { hubWithCounters } from './setup';

describePg('a new counter’s first pull', () => {
  const world = hubWithCounters();

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
    expect(service.statusLine().label).toMatch(/^Đã đồng bộ/);
    const remote = c.db.prepare("SELECT count(*) AS n FROM dossier_events WHERE origin = 'remote'").get() as { n: number };
    expect(remote.n).toBe(N);

    // The hub says the feed's size only to a pull from the start that takes several pages.
    expect((await call(hub, '/pull?cursor=&limit=100', { token: writer.token })).headers.get(FEED_TOTAL_HEADER)).toBeNull();
    expect((await call(hub, '/pull?cursor=&limit=1', { token: writer.token })).headers.get(FEED_TOTAL_HEADER)).toBe('1');
    const reader = c.db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string };
    expect(reader.cursor).not.toBe('');
  });
});
