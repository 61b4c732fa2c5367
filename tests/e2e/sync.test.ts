/**
 * The sync screen, keyboard only, against the real hub on the real PostgreSQL: the admin enrolls the
 * counter with a one-time code, its work reaches the hub, and when another counter of the branch
 * acted first on the same dossier the refused operation is shown to the manager, who reviews it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../src/hub/enroll';
import type { Actor } from '../../src/main/services/context';
import { createTestDatabase, describePg, type TestDatabase } from '../helpers/pg';
import { lltpInput } from '../helpers/app';
import { markReconcileRequired, reconcileMark } from '../../src/main/store/reconcile';
import { acceptOp, enroll, pushAs, startHub, type TestHub } from '../integration/hub/harness';
import http from 'node:http';
import { counter, type TestCounter } from '../integration/sync/setup';
import type { Counter, World } from './harness';
import { axe, chromiumAvailable, expectFocus, fill, screenshot, typeHuman, waitText } from './harness';
import { counterSuite } from './suite';

const run = chromiumAvailable();

describePg('sync screen with the provincial hub (keyboard only, Chromium)', () => {
  if (!run) return;
  let tdb: TestDatabase;
  let hub: TestHub;
  let w: World;
  let c: Counter;
  let b: TestCounter;
  let admin: Actor;
  let dossier = { dossierId: '', itemNumber: '' };

  // Registered first, so the hub outlives the counter (after-hooks run in reverse order).
  beforeAll(async () => {
    tdb = await createTestDatabase();
    hub = await startHub(tdb.url);
  });
  afterAll(async () => {
    await b?.worker.stop();
    b?.dispose();
    await hub?.close();
    await tdb?.drop();
  });
  counterSuite({ realClock: true, sync: true, login: 'admin' }, (cw) => {
    ({ w, c } = cw);
    const adminRow = w.app.db.prepare("SELECT id FROM clerks WHERE username = 'admin'").get() as { id: string };
    admin = { clerkId: adminRow.id, counterId: w.app.counter.id, role: 'admin' };
  });

  it('refuses a wrong code in Vietnamese and stays unenrolled', async () => {
    const { page } = c;
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'dong bo');
    await page.keyboard.press('Enter');
    await expectFocus(page, 'sync-hub');
    await fill(page, 'sync-hub', hub.url);
    await fill(page, 'sync-code', 'SAI-MA-0000', false);
    await page.keyboard.press('F10');
    await waitText(page, '.flash.error', /mã|Mã/);
    expect(w.sync!.getState().enrolled).toBe(false);
    await waitText(page, '[data-testid="sync-state"]', /Chưa đăng ký/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '95-sync-unenrolled');
  });

  it('enrolls with a one-time code; the counter’s work reaches the hub', async () => {
    const { page } = c;
    const { code } = await createEnrollmentCode(hub.db, { branchCode: w.app.counter.branchCode, branchName: w.app.counter.branchName, counterId: w.app.counter.id, counterName: w.app.counter.name }, Date.now());
    await page.focus('#sync-code');
    await fill(page, 'sync-code', code, false);
    await page.keyboard.press('F10');
    await waitText(page, '.flash.ok', /Đã đăng ký/);
    await waitText(page, '[data-testid="sync-state"]', /Đã đồng bộ/);
    // A dossier taken in, sent, filed and its result collected at this counter.
    const a = w.app.services;
    const r = a.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null }), admin);
    const batch = a.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [r.dossierId] }, admin);
    a.dispatch.recordFiling({ batchId: batch.id, filedAt: w.app.ctx.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, admin);
    a.results.collect({ itemNumber: r.itemNumber }, admin);
    dossier = r;
    expect(r.itemNumber.startsWith('RR')).toBe(true); // the hub's serial range, not the provisional one
    await page.focus('#sync-now');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã đồng bộ/);
    const row = await hub.db.query<{ s: string }>(`SELECT snapshot->>'state' AS s FROM dossiers WHERE id = $1`, [r.dossierId]);
    expect(row.rows[0]).toEqual({ s: 'ready_for_pickup' });
    await waitText(page, '[data-testid="status-sync"]', /Đã đồng bộ/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '96-sync-enrolled');
  });

  it('after a restore from a backup the screen says intake waits, and one sync clears it', async () => {
    const { page } = c;
    // What the restore script leaves in the store (store/restore.ts); here nothing was lost after it.
    const fromSeq = (w.app.db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM outbox').get() as { n: number }).n;
    markReconcileRequired(w.app.db, { fromSeq, restoredAt: Date.now(), backup: 'backup-20260302T000000.sqlite' });
    expect(() => w.app.services.intake.accept(lltpInput(), admin)).toThrow(/khôi phục từ bản sao lưu/);
    await page.keyboard.press('Control+K');
    await expectFocus(page, 'palette-input');
    await typeHuman(page, 'dong bo');
    await page.keyboard.press('Enter');
    await waitText(page, '[data-testid="sync-state"]', /vừa được khôi phục từ bản sao lưu/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '96b-sync-after-restore');
    await page.focus('#sync-now');
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã đồng bộ/);
    expect(reconcileMark(w.app.db)).toBeNull();
    expect(await page.textContent('[data-testid="sync-state"]')).not.toMatch(/khôi phục/);
  });

  it('another counter hands the result over first: the refused handover is shown and reviewed', async () => {
    const { page } = c;
    b = counter('SL-TP-Q02', { branchCode: w.app.counter.branchCode });
    await b.enroll(hub);
    await b.worker.syncNow();
    expect(b.services.lookup.get(dossier.dossierId).state).toBe('ready_for_pickup');
    b.services.handover.handOver({ dossierId: dossier.dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, b.clerk);
    expect((await b.worker.syncNow()).status).toBe('synced');
    // This counter had not heard of it: it hands the same result to a proxy.
    w.app.services.handover.handOver(
      { dossierId: dossier.dossierId, recipient: { fullName: 'Lò Thị Xuân', idKind: 'cccd', idNumber: '014190004321' }, byProxy: true, authorisationRef: 'GUQ 2/2026', feeDueCollected: 0 },
      admin,
    );
    await w.sync!.syncNow();
    await waitText(page, '[data-testid="sync-rejected"]', /Trả kết quả cho người nhận/);
    expect(await page.textContent('[data-testid="sync-rejected"]')).toMatch(/SL-TP-Q02|quầy|Quầy/);
    await waitText(page, '[data-testid="status-sync"]', /bị từ chối/);
    expect(w.app.services.lookup.get(dossier.dossierId).timeline.filter((t) => t.type === 'handed_over').map((t) => [t.origin, t.superseded])).toEqual([
      ['local', true],
      ['remote', false],
    ]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, '97-sync-rejected');
    const seq = w.sync!.rejectedOps()[0]!.seq;
    await page.focus(`#rejected-ack-${seq}`);
    await page.keyboard.press('Enter');
    await waitText(page, '.flash.ok', /Đã ghi nhận/);
    await waitText(page, '#h-rejected', /\(0\)/);
    expect(w.sync!.rejectedOps()).toEqual([]);
  });

  it('a long pull from the start shows how far it has come on the status bar', async () => {
    const { page } = c;
    // Another counter of the branch took in 1,200 dossiers; this counter pulls its feed from the start
    // again (as a new counter would), through a link slow enough for the status bar to be seen.
    const writer = await enroll(hub, w.app.counter.branchCode, 'SL-TP-Q03');
    for (let i = 0; i < 1200; i += 400) {
      const r = await pushAs(hub, writer, i + 1, Array.from({ length: 400 }, () => acceptOp(writer.counterId)));
      expect(r.body.results.every((x) => x.status === 'accepted')).toBe(true);
    }
    const target = new URL(hub.url);
    const slow = http.createServer((req, res) => {
      const forward = () => {
        const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        req.pipe(up);
      };
      if (req.url?.startsWith('/pull')) setTimeout(forward, 6000);
      else forward();
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    const addr = slow.address();
    const db = w.app.db;
    const before = db.prepare('SELECT hub_url FROM sync_state WHERE id = 1').get() as { hub_url: string };
    db.prepare("UPDATE sync_state SET cursor = '', hub_url = ? WHERE id = 1").run(`http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`);
    try {
      const done = w.sync!.syncNow();
      const label = await waitText(page, '[data-testid="status-sync"]', /Đang tải dữ liệu từ máy chủ tỉnh: [\d.]+ \/ 1\.2\d\d \(\d+%\)/, 30_000);
      expect(Number(/\((\d+)%\)/.exec(label)![1])).toBeGreaterThan(50);
      await screenshot(page, '98-sync-first-pull-progress');
      expect((await done).status).toBe('synced');
      await waitText(page, '[data-testid="status-sync"]', /Đã đồng bộ/, 15_000);
    } finally {
      db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(before.hub_url);
      slow.close();
    }
  }, 120_000);
});
