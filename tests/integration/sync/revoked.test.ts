/**
 * A counter whose token provincial IT revoked (the machine was reported lost, then found; or a
 * mistake): it keeps working offline, says plainly that it must be enrolled again, and once it is
 * (a new code, same counter), everything it did meanwhile reaches the hub exactly once.
 */
import { expect, it } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { enrollCounter } from '../../../src/main/sync/enroll';
import { describePg } from '../../helpers/pg';
import { CITIZEN, lltpInput } from '../../helpers/app';
import { ADMIN_TOKEN, call } from '../hub/harness';
import { hubWithCounters } from './setup';
import { NAME_WORDS } from '../../helpers/app';

describePg('a counter whose token was revoked', () => {
  const h = hubWithCounters();

  it('keeps its work, asks to be enrolled again, and delivers everything once it is', async () => {
    const c = h.make('REV-1');
    await c.enroll(h.hub);
    const intake = (i: number) => c.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: `Cầm Thị ${NAME_WORDS[i % NAME_WORDS.length]}`, idNumber: `01409000${1000 + i}` } }), c.clerk);
    intake(1);
    expect((await c.worker.syncNow()).status).toBe('synced');

    expect((await call(h.hub, '/admin/counters/REV-1/revoke', { method: 'POST', token: ADMIN_TOKEN })).status).toBe(200);
    intake(2);
    intake(3);
    const refused = await c.worker.syncNow();
    expect(refused.status).toBe('error');
    expect(refused.pending).toBeGreaterThan(0);
    // The hub's own words, once.
    expect(refused.lastError).toBe('Quầy chưa đăng ký với máy chủ hoặc mã truy cập không còn hiệu lực; hãy đăng ký lại.');
    // Intake goes on offline.
    intake(4);

    const { code } = await createEnrollmentCode(h.hub.db, { branchCode: c.counter.branchCode, counterId: 'REV-1' }, Date.now());
    await enrollCounter(c.db, { clock: c.clock }, h.hub.url, code, 'PC REV-1');
    expect(await c.worker.syncNow()).toMatchObject({ status: 'synced', pending: 0, rejected: 0 });

    const local = (kind: string) => (c.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE kind = ?').get(kind) as { n: number }).n;
    const hubCount = async (sql: string) => Number((await h.hub.db.query<{ n: string }>(sql, ['REV-1'])).rows[0]!.n);
    expect(await hubCount('SELECT count(*)::text AS n FROM dossiers WHERE origin_counter_id = $1')).toBe(4);
    expect(await hubCount('SELECT count(*)::text AS n FROM dossier_events WHERE counter_id = $1')).toBe(local('dossier.event'));
    expect(await hubCount('SELECT count(*)::text AS n FROM ledger_entries WHERE counter_id = $1')).toBe(local('ledger.entry'));
  });
});
