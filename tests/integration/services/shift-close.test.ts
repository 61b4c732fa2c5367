/**
 * Kết ca on a real store: the expected cash by category from the ledger, a count by denomination, a
 * shortage recorded as its own ledger entry with its reason, the manager's password, the frozen
 * business date, the audited reopen, transfers awaiting the bank's reference, and fee receipts
 * numbered without gaps (a cancelled one keeps its number).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/main/services/auth';
import { DomainError } from '../../../src/shared/errors';
import type { ShiftCloseInput } from '../../../src/shared/ipc/channels/manager';
import type { TestApp } from '../../helpers/app';
import { createTestApp, lltpInput, writeCounts } from '../../helpers/app';

let app: TestApp;
const MANAGER = { managerUsername: 'mai', managerPassword: 'Mai@2026-quay' };

beforeEach(async () => {
  app = createTestApp();
  app.db.prepare('UPDATE clerks SET password_hash = ? WHERE id = ?').run(await hashPassword(MANAGER.managerPassword), 'manager-1');
});
afterEach(() => app.dispose());

const ledgerSum = (where: string, ...params: unknown[]) => (app.db.prepare(`SELECT COALESCE(SUM(amount), 0) AS n FROM ledger WHERE ${where}`).get(...params) as { n: number }).n;
const counts = (pairs: [number, number][]): ShiftCloseInput['counts'] => pairs.map(([value, count]) => ({ value, kind: 'note' as const, count }));

async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('shift close', () => {
  it('expects the ledger’s cash by category, records a shortage as its own entry, and freezes the date', async () => {
    const s = app.services;
    s.intake.accept(lltpInput(), app.clerk); // 200,000 fee + 28,000 postage in cash
    s.intake.accept(lltpInput({ paymentMethod: 'transfer' }), app.clerk); // 228,000 by transfer
    s.intake.accept(lltpInput(), app.clerk2); // another clerk's drawer
    const v = s.shifts.current(app.clerk);
    expect(v.businessDate).toBe('2026-03-02');
    expect(v.expectedCash).toBe(ledgerSum("business_date = '2026-03-02' AND clerk_id = 'clerk-1' AND payment_method = 'cash'"));
    expect(v.expectedCash).toBe(228_000);
    expect(v.cash.find((c) => c.category === 'agency_fees')!.amount).toBe(200_000);
    expect(v.cash.find((c) => c.category === 'postage')!.amount).toBe(28_000);
    expect(v.cash.find((c) => c.category === 'compensation')!.label).toBe('Bồi thường đã chi trả');
    expect(v.transferTotal).toBe(228_000);
    expect(v.unconfirmedTransfers).toBe(1);

    // Short by 20,000: no reason → refused, nothing written.
    const before = writeCounts(app);
    const short = counts([[200_000, 1], [5_000, 1], [2_000, 1], [1_000, 1]]); // 208,000
    expect((await refusal(s.shifts.close({ counts: short, ...MANAGER }, app.clerk))).code).toBe('DIFFERENCE_REASON');
    expect((await refusal(s.shifts.close({ counts: short, reason: 'Trả nhầm tiền thừa cho khách', managerUsername: 'mai', managerPassword: 'sai-mat-khau' }, app.clerk))).code).toBe('MANAGER_PASSWORD');
    expect((await refusal(s.shifts.close({ counts: short, reason: 'Trả nhầm', managerUsername: 'hung', managerPassword: 'x' }, app.clerk))).code).toBe('MANAGER_PASSWORD');
    expect((await refusal(s.shifts.close({ counts: [{ value: 300_000, kind: 'note', count: 1 }], ...MANAGER }, app.clerk))).code).toBe('UNKNOWN_DENOMINATION');
    const after = writeCounts(app);
    expect({ ...after, audit_log: before.audit_log }).toEqual(before); // only the two failed manager confirmations are audited
    expect(after['audit_log']! - before['audit_log']!).toBe(2);

    const r = await s.shifts.close({ counts: short, reason: 'Trả nhầm tiền thừa cho khách', ...MANAGER }, app.clerk);
    expect(r.difference).toBe(-20_000);
    const diff = app.db.prepare('SELECT kind, amount, payment_method, business_date, note FROM ledger WHERE id = ?').get(r.differenceLedgerId) as Record<string, unknown>;
    expect(diff).toEqual({ kind: 'cash_difference', amount: -20_000, payment_method: 'cash', business_date: '2026-03-02', note: 'Thiếu quỹ khi kết ca: Trả nhầm tiền thừa cho khách' });
    expect(r.view.state).toBe('closed');
    expect(r.view.expectedCash).toBe(208_000);
    // Nothing earlier was changed: the intake entries are as they were.
    expect(ledgerSum("clerk_id = 'clerk-1' AND kind <> 'cash_difference'")).toBe(456_000);

    // A second close of the same date is refused; a later payment goes to the next business date.
    app.clock.advance(60_000);
    s.intake.accept(lltpInput(), app.clerk);
    expect(ledgerSum("business_date = '2026-03-03' AND clerk_id = 'clerk-1'")).toBe(228_000);
    expect(ledgerSum("business_date = '2026-03-02' AND clerk_id = 'clerk-1' AND payment_method = 'cash'")).toBe(208_000);
    expect(s.shifts.current(app.clerk).businessDate).toBe('2026-03-03');
    // The other clerk's date is not frozen.
    s.intake.accept(lltpInput(), app.clerk2);
    expect(ledgerSum("business_date = '2026-03-02' AND clerk_id = 'clerk-2'")).toBe(456_000);
  });

  it('a manager cannot confirm their own close, and a reopen needs the password and a reason, audited', async () => {
    const s = app.services;
    s.intake.accept(lltpInput(), app.manager);
    expect((await refusal(s.shifts.close({ counts: counts([[200_000, 1], [20_000, 1], [5_000, 1], [2_000, 1], [1_000, 1]]), ...MANAGER }, app.manager))).code).toBe('SAME_PERSON');

    s.intake.accept(lltpInput(), app.clerk);
    await s.shifts.close({ counts: counts([[200_000, 1], [20_000, 1], [5_000, 1], [2_000, 1], [1_000, 1]]), ...MANAGER }, app.clerk);
    expect((await refusal(s.shifts.reopen({ shiftOf: 'clerk-1', businessDate: '2026-03-02', reason: 'Quên thu cước', managerUsername: 'mai', managerPassword: 'nope' }, app.clerk))).code).toBe('MANAGER_PASSWORD');
    expect((await refusal(s.shifts.reopen({ shiftOf: 'clerk-2', businessDate: '2026-03-02', reason: 'Mở ca người khác', ...MANAGER }, app.clerk))).code).toBe('FORBIDDEN');
    const v = await s.shifts.reopen({ shiftOf: 'clerk-1', businessDate: '2026-03-02', reason: 'Quên thu cước một hồ sơ', ...MANAGER }, app.clerk);
    expect(v.state).toBe('open');
    expect(v.closes).toHaveLength(1);
    expect(v.closes[0]!.reopenReason).toBe('Quên thu cước một hồ sơ');
    const a = app.db.prepare("SELECT actor_id, detail FROM audit_log WHERE action = 'shift.reopen'").get() as { actor_id: string; detail: string };
    expect(a.actor_id).toBe('clerk-1');
    expect(JSON.parse(a.detail)).toMatchObject({ clerkId: 'clerk-1', businessDate: '2026-03-02', reason: 'Quên thu cước một hồ sơ', confirmedBy: 'manager-1' });
    // After the reopen, entries go to the reopened date again; the old close row cannot be edited.
    s.intake.accept(lltpInput(), app.clerk);
    expect(ledgerSum("business_date = '2026-03-02' AND clerk_id = 'clerk-1'")).toBe(456_000);
    expect(() => app.db.prepare('UPDATE shift_closes SET counted_cash = 0').run()).toThrow(/reopened, once/);
  });

  it('transfers wait for the bank reference; a reference confirms one payment only', () => {
    const s = app.services;
    s.intake.accept(lltpInput({ paymentMethod: 'transfer' }), app.clerk);
    s.intake.accept(lltpInput({ paymentMethod: 'transfer' }), app.clerk);
    const [a, b] = s.shifts.current(app.clerk).transfers;
    expect(a!.amount).toBe(228_000);
    const v = s.shifts.confirmTransfer({ ledgerId: a!.ledgerId, bankRef: 'FT26061123456' }, app.clerk);
    expect(v.unconfirmedTransfers).toBe(1);
    expect(v.transfers.find((t) => t.ledgerId === a!.ledgerId)!.bankRef).toBe('FT26061123456');
    expect(() => s.shifts.confirmTransfer({ ledgerId: b!.ledgerId, bankRef: 'ft26061123456' }, app.clerk)).toThrow(expect.objectContaining({ code: 'BANK_REF_USED' }));
    expect(() => s.shifts.confirmTransfer({ ledgerId: a!.ledgerId, bankRef: 'FT999' + '0000' }, app.clerk)).toThrow(expect.objectContaining({ code: 'ALREADY_CONFIRMED' }));
    expect(() => s.shifts.confirmTransfer({ ledgerId: b!.ledgerId, bankRef: 'FT26061199999' }, app.clerk2)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('fee receipts', () => {
  it('are numbered 1, 2, 3 within the counter’s series; a refused intake takes no number; a cancelled one keeps its number', () => {
    const s = app.services;
    const first = s.intake.accept(lltpInput(), app.clerk);
    expect(() => s.intake.accept(lltpInput({ feeAmount: 1 }), app.clerk)).toThrow();
    s.intake.accept(lltpInput({ feeCollectedNow: false }), app.clerk); // no fee now: no receipt
    s.intake.accept(lltpInput(), app.clerk2);
    s.intake.accept(lltpInput({ paymentMethod: 'transfer' }), app.clerk);
    const rows = app.db.prepare('SELECT series, number, cancelled_at FROM fee_receipts ORDER BY number').all() as { series: string; number: number; cancelled_at: number | null }[];
    expect(rows.map((r) => `${r.series}-${r.number}`)).toEqual(['SL-TP-Q01-1', 'SL-TP-Q01-2', 'SL-TP-Q01-3']);
    s.admin.cancel({ dossierId: first.dossierId, reason: 'Công dân rút hồ sơ' }, app.manager);
    const cancelled = app.db.prepare('SELECT number, cancel_reason FROM fee_receipts WHERE cancelled_at IS NOT NULL').all();
    expect(cancelled).toEqual([{ number: 1, cancel_reason: 'Hủy hồ sơ: Công dân rút hồ sơ' }]);
    s.intake.accept(lltpInput(), app.clerk);
    expect((app.db.prepare('SELECT MAX(number) AS n, COUNT(*) AS c FROM fee_receipts').get() as { n: number; c: number })).toEqual({ n: 4, c: 4 });
    // The refund left the drawer of the clerk who took the money.
    expect(ledgerSum("clerk_id = 'clerk-1' AND reverses IS NOT NULL")).toBe(-228_000);
    expect(s.lookup.feePayments(first.dossierId)[0]).toMatchObject({ series: 'SL-TP-Q01', number: 1 });
  });
});
