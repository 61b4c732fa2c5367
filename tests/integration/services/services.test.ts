import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/shared/errors';
import { isValidS10 } from '../../../src/shared/s10';
import type { SyncOp } from '../../../src/shared/sync-ops';
import type { TestApp } from '../../helpers/app';
import { CITIZEN, createTestApp, lltpInput, writeCounts } from '../../helpers/app';
import { getDossierRow, metaFor, postLedgerRows, recordEvent } from '../../../src/main/services/journal';

let app: TestApp;
beforeEach(() => {
  app = createTestApp();
});
afterEach(() => app.dispose());

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a refusal');
}

/** Asserts the call is refused with a Vietnamese message and writes nothing. */
function refusedWithoutWrites(fn: () => unknown, code?: string): DomainError {
  const before = writeCounts(app);
  const err = refusal(fn);
  if (code) expect(err.code).toBe(code);
  expect(err.message).toMatch(/[ăâđêôơưÀ-ỹ]/);
  expect(writeCounts(app)).toEqual(before);
  return err;
}

function outboxOps(): (SyncOp & { seq: number })[] {
  return (app.db.prepare('SELECT seq, payload FROM outbox ORDER BY seq').all() as { seq: number; payload: string }[]).map((r) => ({ ...(JSON.parse(r.payload) as SyncOp), seq: r.seq }));
}

describe('accept dossier', () => {
  it('writes the dossier, parties, documents, event, ledger, audit and outbox together', () => {
    const { dossierId, itemNumber } = app.services.intake.accept(lltpInput(), app.clerk);
    expect(isValidS10(itemNumber)).toBe(true);
    expect(itemNumber).toMatch(/^EA1000000\d{2}VN$/);
    const view = app.services.lookup.get(dossierId);
    expect(view).toMatchObject({ state: 'accepted', serviceType: 'both', complete: true, feeAmount: 200000, postageAmount: 28000, total: 228000, procedureCode: 'TP-LLTP-01' });
    expect(view.parties[0]).toMatchObject({ role: 'sender', fullName: 'Lò Văn Pình', idNumber: '014085001234', phone: '0912345678' });
    expect(view.documents).toHaveLength(2);
    expect(view.timeline.map((t) => t.type)).toEqual(['accepted']);
    expect(view.timeline[0]).toMatchObject({ actorId: 'clerk-1', actorName: 'Lò Thị Lan', counterId: app.counter.id });
    // J = Mon 02/03/2026, within the province: the transit deadline is a working day after J.
    expect(view.transitDeadline! > '2026-03-02').toBe(true);
    expect(view.appointmentEstimate! > view.transitDeadline!).toBe(true);
    const ledger = app.db.prepare('SELECT kind, amount, payment_method FROM ledger ORDER BY id').all();
    expect(ledger).toEqual([
      { kind: 'agency_fee', amount: 200000, payment_method: 'cash' },
      { kind: 'postage', amount: 28000, payment_method: 'cash' },
    ]);
    const ops = outboxOps();
    expect(ops.map((o) => o.kind)).toEqual(['dossier.event', 'ledger.entry', 'ledger.entry']);
    expect(ops.map((o) => o.seq)).toEqual([1, 2, 3]);
    const first = ops[0]!;
    expect(first.kind === 'dossier.event' && first.dossier?.itemNumber).toBe(itemNumber);
    expect(app.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'dossier.accept' AND entity_id = ?").get(dossierId)).toEqual({ n: 1 });
  });

  it('dates each intake by the calendar in force: days closed by new reference data move the same procedure’s appointment', () => {
    const first = app.services.lookup.get(app.services.intake.accept(lltpInput(), app.clerk).dossierId);
    // The same procedure on the same date again: the same dates.
    expect(app.services.lookup.get(app.services.intake.accept(lltpInput(), app.clerk).dossierId)).toMatchObject({ transitDeadline: first.transitDeadline, appointmentEstimate: first.appointmentEstimate });
    // The province closes Tuesday 03/03 to Friday 06/03/2026 (four working days).
    const row = app.db.prepare("SELECT payload FROM reference_docs WHERE name = 'calendar'").get() as { payload: string };
    const calendar = JSON.parse(row.payload) as { years: { year: number; periods: unknown[] }[] };
    calendar.years.find((y) => y.year === 2026)!.periods.push({ name: 'Nghỉ đột xuất', replaces: [], closedFrom: '2026-03-03', closedTo: '2026-03-06' });
    app.db.prepare("UPDATE reference_docs SET payload = ? WHERE name = 'calendar'").run(JSON.stringify(calendar));
    app.refreshReference();
    const later = app.services.lookup.get(app.services.intake.accept(lltpInput(), app.clerk).dossierId);
    expect(later.transitDeadline! > first.transitDeadline!).toBe(true);
    expect(later.appointmentEstimate! > first.appointmentEstimate!).toBe(true);
  });

  it('issues increasing, distinct item numbers from the counter range, each catching every single-digit typo', () => {
    const items = Array.from({ length: 40 }, () => app.services.intake.accept(lltpInput(), app.clerk).itemNumber);
    expect(new Set(items).size).toBe(40);
    const serials = items.map((i) => Number(i.slice(2, 10)));
    for (let i = 1; i < serials.length; i++) expect(serials[i]!).toBeGreaterThan(serials[i - 1]!);
    for (const item of items) {
      for (let pos = 2; pos < 11; pos++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === item[pos]) continue;
          const typo = item.slice(0, pos) + String(d) + item.slice(pos + 1);
          expect(isValidS10(typo), typo).toBe(false);
        }
      }
    }
  });

  it('records missing documents and accepts them later as a supplement', () => {
    const input = lltpInput();
    input.documents[1]!.providedCount = 0;
    const { dossierId } = app.services.intake.accept(input, app.clerk);
    const v = app.services.lookup.get(dossierId);
    expect(v.state).toBe('incomplete');
    expect(v.missing).toEqual(['Căn cước công dân']);
    app.services.intake.supplement({ dossierId, documents: [{ position: 1, providedCount: 1 }] }, app.clerk);
    const v2 = app.services.lookup.get(dossierId);
    expect(v2).toMatchObject({ state: 'accepted', complete: true, missing: [] });
  });

  it('a return-only registration waits for the result', () => {
    const { dossierId } = app.services.intake.accept(lltpInput({ serviceType: 'return', documents: [], feeAmount: 200000, feeCollectedNow: false }), app.clerk);
    expect(app.services.lookup.get(dossierId)).toMatchObject({ state: 'awaiting_result', feeDueOnDelivery: 200000 });
  });

  describe('bad input is refused with a Vietnamese message and writes nothing', () => {
    it.each([
      ['a CCCD with an impossible structure', () => lltpInput({ sender: { ...CITIZEN, idNumber: '999085001234' } }), undefined],
      ['a CCCD with a century digit out of range', () => lltpInput({ sender: { ...CITIZEN, idNumber: '014985001234' } }), undefined],
      ['a bad phone number', () => lltpInput({ sender: { ...CITIZEN, phone: '12345' } }), undefined],
      ['an empty checklist', () => lltpInput({ documents: [] }), 'EMPTY_CHECKLIST'],
      ['nothing handed in', () => lltpInput({ documents: lltpInput().documents.map((d) => ({ ...d, providedCount: 0 })) }), 'EMPTY_CHECKLIST'],
      ['a negative fee', () => lltpInput({ feeAmount: -200000 }), 'INVALID_INPUT'],
      ['a non-integer fee', () => lltpInput({ feeAmount: 200000.5 }), 'INVALID_INPUT'],
      ['a fee that does not match the schedule', () => lltpInput({ feeAmount: 150000 }), 'FEE_MISMATCH'],
      ['a negative postage', () => lltpInput({ postageAmount: -1 }), 'INVALID_INPUT'],
      ['an unknown procedure', () => lltpInput({ procedureCode: 'NOPE' }), 'UNKNOWN_PROCEDURE'],
      ['a procedure that needs the person in person', () => lltpInput({ procedureCode: 'CA-HC-01', feeAmount: 200000 }), 'IN_PERSON_ONLY'],
      ['a commune of another province', () => lltpInput({ returnAddress: { address: 'x', provinceCode: '01', communeCode: '03646' } }), 'BAD_COMMUNE'],
      ['home delivery without an address', () => lltpInput({ returnAddress: null }), 'NO_RETURN_ADDRESS'],
      ['send-only with a return method', () => lltpInput({ serviceType: 'send', returnMethod: 'home' }), 'BAD_RETURN_METHOD'],
      ['unknown fields', () => ({ ...lltpInput(), extra: 1 }), 'INVALID_INPUT'],
      ['half a surrogate pair in the name (broken paste)', () => lltpInput({ sender: { ...CITIZEN, fullName: 'Lò Văn \ud83d' } }), 'INVALID_INPUT'],
      ['half a surrogate pair in a document name', () => lltpInput({ documents: [{ ...lltpInput().documents[0]!, name: '\udc00Tờ khai' }] }), 'INVALID_INPUT'],
    ])('%s', (_name, make, code) => {
      refusedWithoutWrites(() => app.services.intake.accept(make(), app.clerk), code);
    });
    it('explains why an in-person procedure cannot be sent', () => {
      const err = refusal(() => app.services.intake.accept(lltpInput({ procedureCode: 'CA-HC-01' }), app.clerk));
      expect(err.message).toContain('trực tiếp');
    });
  });
});

function acceptAndFile(input = lltpInput()): { dossierId: string; itemNumber: string; batchId: string } {
  const r = app.services.intake.accept(input, app.clerk);
  const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [r.dossierId] }, app.clerk);
  app.clock.advance(3 * 3600_000);
  app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'Cầm Thị Bình' }, app.clerk);
  return { ...r, batchId: batch.id };
}

describe('ledger rows taken together (postLedgerRows)', () => {
  const row = (clerkId: string, kind: 'agency_fee' | 'postage', amount: number) => ({
    at: app.clock.now(), businessDate: '2026-03-02', clerkId, counterId: app.counter.id, dossierId: null, kind, amount, paymentMethod: 'cash' as const, agencyCode: null, reversesOpId: null, note: null,
  });

  it('writes each row and its outbox op on the clerk’s open business date, looked up once; none for an empty list', () => {
    const before = writeCounts(app);
    expect(postLedgerRows(app.ctx, [])).toEqual([]);
    expect(writeCounts(app)).toEqual(before);
    // The clerk's shift of 2026-03-02 is closed (as shift-close.test.ts closes it through the screen).
    app.db
      .prepare("INSERT INTO shift_closes (clerk_id, counter_id, business_date, closed_at, confirmed_by, expected_cash, counted_cash, difference, transfer_total, unconfirmed_transfers, counts) VALUES ('clerk-1', ?, '2026-03-02', 0, 'manager-1', 0, 0, 0, 0, 0, '[]')")
      .run(app.counter.id);
    const ids = app.db.transaction(() => postLedgerRows(app.ctx, [row('clerk-1', 'postage', 28_000), row('clerk-1', 'postage', 2_000)]))();
    expect(ids).toHaveLength(2);
    expect(app.db.prepare(`SELECT id, business_date AS date, amount FROM ledger WHERE id IN (${ids.join(',')}) ORDER BY id`).all()).toEqual([
      { id: ids[0], date: '2026-03-03', amount: 28_000 },
      { id: ids[1], date: '2026-03-03', amount: 2_000 },
    ]);
    expect(outboxOps().map((o) => o.kind === 'ledger.entry' && o.entry.businessDate)).toEqual(['2026-03-03', '2026-03-03']);
  });

  it('refuses rows of two clerks or two dates, writing nothing', () => {
    const before = writeCounts(app);
    expect(() => postLedgerRows(app.ctx, [row('clerk-1', 'postage', 1), row('clerk-2', 'postage', 1)])).toThrow('postLedgerRows: rows of one clerk and one date only');
    expect(() => postLedgerRows(app.ctx, [row('clerk-1', 'postage', 1), { ...row('clerk-1', 'postage', 1), businessDate: '2026-03-03' }])).toThrow('postLedgerRows');
    expect(writeCounts(app)).toEqual(before);
  });
});

describe('dispatch to the agency', () => {
  it('groups waiting dossiers by agency, batches, records the filing time and appointment', () => {
    const a = app.services.intake.accept(lltpInput(), app.clerk);
    app.services.intake.accept(lltpInput({ procedureCode: 'GT-GPLX-01', feeAmount: 135000, documents: [{ name: 'Đơn đề nghị đổi GPLX', form: 'original', requiredCount: 1, providedCount: 1, required: true }] }), app.clerk);
    const groups = app.services.dispatch.pendingByAgency();
    expect(groups.map((g) => g.agencyCode).sort()).toEqual(['CA-CSGT', 'STP']);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [a.dossierId] }, app.clerk);
    expect(batch).toMatchObject({ state: 'open', dossierIds: [a.dossierId] });
    expect(app.services.dispatch.pendingByAgency().map((g) => g.agencyCode)).toEqual(['CA-CSGT']);
    app.clock.advance(2 * 3600_000);
    const filedAt = app.clock.now();
    const filed = app.services.dispatch.recordFiling({ batchId: batch.id, filedAt, receivingOfficer: 'Cầm Thị Bình' }, app.clerk);
    expect(filed).toMatchObject({ state: 'filed', filedAt, receivingOfficer: 'Cầm Thị Bình' });
    expect(app.services.lookup.get(a.dossierId)).toMatchObject({ state: 'filed', filedAt });
    // The fees collected are paid over to the agency: the cash held for it goes back to zero.
    const held = app.db.prepare("SELECT SUM(amount) AS s FROM ledger WHERE dossier_id = ? AND kind IN ('agency_fee', 'fee_remitted')").get(a.dossierId);
    expect(held).toEqual({ s: 0 });
    app.services.dispatch.recordAppointment({ dossierId: a.dossierId, appointmentDate: '2026-03-20', agencyDossierCode: null }, app.clerk);
    expect(app.services.lookup.get(a.dossierId)).toMatchObject({ appointmentDate: '2026-03-20', deadline: { date: '2026-03-20', status: 'on_time' } });
  });

  it('refuses a dossier for another agency, a filing time in the future, and filing twice', () => {
    const a = app.services.intake.accept(lltpInput(), app.clerk);
    refusedWithoutWrites(() => app.services.dispatch.createBatch({ agencyCode: 'CA-CSGT', dossierIds: [a.dossierId] }, app.clerk), 'WRONG_AGENCY');
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [a.dossierId] }, app.clerk);
    refusedWithoutWrites(() => app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now() + 86400_000, receivingOfficer: 'B' }, app.clerk), 'FUTURE_TIME');
    app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'B' }, app.clerk);
    refusedWithoutWrites(() => app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'B' }, app.clerk), 'BATCH_FILED');
  });

  it('can take a dossier out of an open batch', () => {
    const a = app.services.intake.accept(lltpInput(), app.clerk);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [a.dossierId] }, app.clerk);
    app.services.dispatch.removeFromBatch({ batchId: batch.id, dossierId: a.dossierId }, app.clerk);
    expect(app.services.lookup.get(a.dossierId)).toMatchObject({ state: 'accepted', batchId: null });
  });

  it('refuses an appointment date in the past or a malformed agency code', () => {
    const { dossierId } = acceptAndFile();
    refusedWithoutWrites(() => app.services.dispatch.recordAppointment({ dossierId, appointmentDate: '2026-01-01' }, app.clerk), 'PAST_DATE');
    refusedWithoutWrites(() => app.services.dispatch.recordAppointment({ dossierId, appointmentDate: '2026-03-20', agencyDossierCode: 'abc' }, app.clerk));
  });
});

describe('results and handover', () => {
  it('pickup: the result goes to the shelf and another clerk hands it over after an ID check', () => {
    const { dossierId, itemNumber } = acceptAndFile(lltpInput({ returnMethod: 'pickup', returnAddress: null }));
    app.clock.advance(7 * 86400_000);
    expect(app.services.results.collect({ itemNumber, originalsReturned: [] }, app.clerk)).toMatchObject({ state: 'ready_for_pickup' });
    expect(app.services.results.pickupShelf().map((d) => d.id)).toEqual([dossierId]);
    refusedWithoutWrites(
      () => app.services.handover.handOver({ dossierId, recipient: { fullName: 'Người lạ', idKind: 'cccd', idNumber: '001090123456' }, byProxy: false, feeDueCollected: 0 }, app.clerk2),
      'ID_MISMATCH',
    );
    app.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Văn Pình', idKind: 'cccd', idNumber: '014085001234' }, byProxy: false, feeDueCollected: 0 }, app.clerk2);
    const v = app.services.lookup.get(dossierId);
    expect(v.state).toBe('handed_over');
    expect(v.timeline.at(-1)).toMatchObject({ type: 'handed_over', actorId: 'clerk-2' });
    expect(v.timeline[0]).toMatchObject({ type: 'accepted', actorId: 'clerk-1' });
  });

  it('a proxy with an authorisation may receive; the proxy is recorded', () => {
    const { dossierId, itemNumber } = acceptAndFile(lltpInput({ returnMethod: 'pickup', returnAddress: null }));
    app.services.results.collect({ itemNumber }, app.clerk);
    refusedWithoutWrites(() => app.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Thị Xuân', idKind: 'cccd', idNumber: '014190004321' }, byProxy: true, authorisationRef: null, feeDueCollected: 0 }, app.clerk));
    app.services.handover.handOver({ dossierId, recipient: { fullName: 'Lò Thị Xuân', idKind: 'cccd', idNumber: '014190004321' }, byProxy: true, authorisationRef: 'Giấy ủy quyền ngày 01/03/2026', feeDueCollected: 0 }, app.clerk);
    const v = app.services.lookup.get(dossierId);
    expect(v.parties.find((p) => p.role === 'proxy')).toMatchObject({ fullName: 'Lò Thị Xuân', idNumber: '014190004321' });
  });

  it('collects the fee still due and reclaims old papers for a licence exchange', () => {
    const input = lltpInput({
      procedureCode: 'GT-GPLX-01',
      feeAmount: 135000,
      feeCollectedNow: false,
      returnMethod: 'pickup',
      returnAddress: null,
      documents: [{ name: 'Giấy phép lái xe cũ', form: 'original', requiredCount: 1, providedCount: 1, required: true }],
    });
    const r = app.services.intake.accept(input, app.clerk);
    const batch = app.services.dispatch.createBatch({ agencyCode: 'CA-CSGT', dossierIds: [r.dossierId] }, app.clerk);
    app.services.dispatch.recordFiling({ batchId: batch.id, filedAt: app.clock.now(), receivingOfficer: 'Đèo Văn Sơn' }, app.clerk);
    app.services.results.collect({ itemNumber: r.itemNumber }, app.clerk);
    const who = { fullName: 'Lò Văn Pình', idKind: 'cccd' as const, idNumber: '014085001234' };
    refusedWithoutWrites(() => app.services.handover.handOver({ dossierId: r.dossierId, recipient: who, byProxy: false, reclaimed: ['GPLX cũ'], feeDueCollected: 0 }, app.clerk), 'FEE_DUE_MISMATCH');
    refusedWithoutWrites(() => app.services.handover.handOver({ dossierId: r.dossierId, recipient: who, byProxy: false, reclaimed: [], feeDueCollected: 135000 }, app.clerk), 'RECLAIM_REQUIRED');
    app.services.handover.handOver({ dossierId: r.dossierId, recipient: who, byProxy: false, reclaimed: ['Giấy phép lái xe cũ'], feeDueCollected: 135000 }, app.clerk);
    expect(app.db.prepare("SELECT amount FROM ledger WHERE kind = 'fee_due_collected'").all()).toEqual([{ amount: 135000 }]);
  });

  it('home delivery: two failed invitations two working days apart, then back to the agency', () => {
    const { dossierId, itemNumber } = acceptAndFile();
    app.clock.set('2026-03-13T10:00'); // Friday
    expect(app.services.results.collect({ itemNumber }, app.clerk).state).toBe('out_for_delivery');
    const f1 = app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Không có người ở nhà' }, app.clerk);
    expect(f1).toEqual({ state: 'delivery_failed', nextInvitationDate: '2026-03-17' }); // Fri + 2 working days = Tue
    app.clock.set('2026-03-16T10:00');
    refusedWithoutWrites(() => app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Vắng nhà' }, app.clerk), 'TOO_EARLY');
    refusedWithoutWrites(() => app.services.handover.returnToAgency({ dossierId, reason: 'Không phát được' }, app.clerk), 'INVITATIONS_PENDING');
    app.clock.set('2026-03-17T10:00');
    expect(app.services.handover.recordDeliveryAttempt({ dossierId, reason: 'Vắng nhà' }, app.clerk).state).toBe('to_return');
    expect(app.services.results.toReturn().map((d) => d.id)).toEqual([dossierId]);
    app.services.handover.returnToAgency({ dossierId, reason: 'Mời hai lần không gặp người nhận' }, app.clerk);
    expect(app.services.lookup.get(dossierId)).toMatchObject({ state: 'returned_to_agency', deliveryAttempts: 2 });
  });

  it('a next invitation recorded at the counter is checked against the working-day calendar', () => {
    const { dossierId, itemNumber } = acceptAndFile();
    app.clock.set('2026-03-13T10:00'); // Friday
    app.services.results.collect({ itemNumber }, app.clerk);
    const attempt = (nextInvitationDate: string) =>
      recordEvent(app.ctx, getDossierRow(app.ctx.db, dossierId), { type: 'delivery_failed', reason: 'Vắng nhà', nextInvitationDate }, metaFor(app.ctx, app.clerk));
    // Monday is one working day after Friday: too soon; the message names the earliest date (Tuesday).
    const err = refusedWithoutWrites(() => app.db.transaction(() => attempt('2026-03-16'))(), 'INVITATION_TOO_SOON');
    expect(err.message).toContain('17/03/2026');
    expect(app.db.transaction(() => attempt('2026-03-17'))()).toMatchObject({ state: 'delivery_failed', nextInvitationDate: '2026-03-17' });
  });

  it('refuses an item number with a wrong check digit, naming the problem', () => {
    const { itemNumber } = acceptAndFile();
    const bad = itemNumber.slice(0, 10) + String((Number(itemNumber[10]) + 1) % 10) + 'VN';
    const err = refusedWithoutWrites(() => app.services.results.collect({ itemNumber: bad }, app.clerk), 'NOT_FOUND');
    expect(err.message).toContain('Số kiểm tra');
  });

  it('refuses a result for a send-only dossier', () => {
    const { itemNumber } = acceptAndFile(lltpInput({ serviceType: 'send', returnMethod: 'none', returnAddress: null }));
    refusedWithoutWrites(() => app.services.results.collect({ itemNumber }, app.clerk), 'NOT_RETURN_SERVICE');
  });
});

describe('cancellation by a manager', () => {
  it('refunds with reversing ledger entries, never editing the originals', () => {
    const { dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    refusedWithoutWrites(() => app.services.admin.cancel({ dossierId, reason: 'Công dân rút hồ sơ' }, app.clerk), 'FORBIDDEN');
    app.services.admin.cancel({ dossierId, reason: 'Công dân rút hồ sơ' }, app.manager);
    expect(app.services.lookup.get(dossierId)).toMatchObject({ state: 'cancelled', closeReason: 'Công dân rút hồ sơ' });
    const rows = app.db.prepare('SELECT kind, amount, reverses FROM ledger ORDER BY id').all() as { kind: string; amount: number; reverses: number | null }[];
    expect(rows.map((r) => r.amount)).toEqual([200000, 28000, -200000, -28000]);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(0);
    expect(() => app.db.prepare('UPDATE ledger SET amount = 0').run()).toThrow(/append-only/);
    expect(() => app.db.prepare('DELETE FROM ledger').run()).toThrow(/append-only/);
    expect(() => app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('lookup', () => {
  it('finds by item number, ID number, phone and name typed without diacritics', () => {
    const { dossierId, itemNumber } = app.services.intake.accept(lltpInput(), app.clerk);
    app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: 'Đỗ Thị Hằng', idNumber: '014190009999', phone: '0988000111' } }), app.clerk);
    const spaced = `${itemNumber.slice(0, 2)} ${itemNumber.slice(2, 6)} ${itemNumber.slice(6, 10)} ${itemNumber.slice(10, 11)} VN`;
    expect(app.services.lookup.search({ query: spaced })).toMatchObject({ kind: 'item', results: [{ id: dossierId }] });
    expect(app.services.lookup.search({ query: '014085001234' })).toMatchObject({ kind: 'id', results: [{ id: dossierId }] });
    expect(app.services.lookup.search({ query: '+84 912 345 678' })).toMatchObject({ kind: 'phone', results: [{ id: dossierId }] });
    expect(app.services.lookup.search({ query: 'lo van pinh' })).toMatchObject({ kind: 'name', results: [{ id: dossierId }] });
    expect(app.services.lookup.search({ query: 'do thi hang' }).results.map((r) => r.senderName)).toEqual(['Đỗ Thị Hằng']);
    expect(app.services.lookup.search({ query: 'to hieu' }).results).toHaveLength(2);
    expect(app.services.lookup.search({ query: 'nguyen' }).results).toHaveLength(0);
    expect(app.services.lookup.byItemNumber(itemNumber).id).toBe(dossierId);
  });
  it('shows the deadline status in words', () => {
    const { dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    expect(app.services.lookup.get(dossierId).deadline).toMatchObject({ status: 'on_time', label: 'Trong hạn' });
    app.clock.set('2026-04-30T09:00');
    expect(app.services.lookup.get(dossierId).deadline).toMatchObject({ status: 'overdue', label: 'Quá hạn' });
    expect(app.services.admin.overdue().map((d) => d.id)).toEqual([dossierId]);
  });
});

describe('catalogue search', () => {
  it.each([
    ['gplx', 'GT-GPLX-01'],
    ['doi bang lai', 'GT-GPLX-01'],
    ['ly lich tu phap', 'TP-LLTP-01'],
    ['so bhxh', 'BHXH-SO-01'],
    ['ho chieu', 'CA-HC-02'],
  ])('“%s” finds %s in the top three', (q, code) => {
    expect(app.services.catalogue.search(q, 3).map((h) => h.code)).toContain(code);
  });
});
