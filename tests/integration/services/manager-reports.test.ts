/**
 * The manager's reports on a real store: the overdue list from its sources (agreeing with the
 * dossier's own deadline; send-only never overdue once the agency has it; results too long on the
 * shelf), a scanned overdue item says why, the audit viewer lists every kind it finds (an unknown kind
 * under its raw name), the day's spreadsheet read back, and the dashboard's days.
 */

import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditKinds, auditList } from '../../../src/main/reports/audit';
import { dashboard } from '../../../src/main/reports/dashboard';
import { localDateOf } from '../../../src/shared/calendar';
import { buildDayReport } from '../../../src/main/reports/day-report';
import { overdueList } from '../../../src/main/reports/overdue';
import { dayReportXlsx } from '../../../src/main/reports/xlsx';
import { overdueSummaries } from '../../../src/main/services/views';
import { DOSSIER_STATES } from '../../../src/shared/dossier';
import { createTestApp, lltpInput } from '../../helpers/app';
import type { TestApp } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

describe('overdue list', () => {
  it('agrees with the dossier’s own deadline for every state and service; send-only is never overdue once filed', () => {
    app = createTestApp();
    const a = app;
    const { dossierId } = a.services.intake.accept(lltpInput(), a.clerk);
    const today = '2026-03-10';
    const cal = a.ctx.reference().calendar;
    let overdue = 0;
    for (const service of ['send', 'both', 'return'] as const)
      for (const state of DOSSIER_STATES)
        for (const date of ['2026-03-09', '2026-03-11']) {
          a.db
            .prepare('UPDATE dossiers SET service_type = ?, state = ?, transit_deadline = ?, appointment_date = ?, return_deadline = ?, next_invitation_date = ?, result_collected_date = NULL WHERE id = ?')
            .run(service, state, date, date, date, date, dossierId);
          const fromSources = overdueList(a.db, today, cal).map((r) => r.id);
          expect(fromSources, `${service} ${state} ${date}`).toEqual(overdueSummaries(a.db, today).map((d) => d.id));
          if (service === 'send' && (state === 'filed' || state === 'awaiting_result')) expect(fromSources).toEqual([]);
          overdue += fromSources.length;
        }
    expect(overdue).toBeGreaterThan(10);
  });

  it('lists a result waiting too long on the shelf, per agency with days overdue and who touched it last; a scan of it says so', () => {
    app = createTestApp();
    const { dossierId, itemNumber } = app.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: undefined }), app.clerk);
    app.db.prepare("UPDATE dossiers SET state = 'ready_for_pickup', result_collected_date = '2026-03-02' WHERE id = ?").run(dossierId);
    app.clock.set('2026-03-16T09:00'); // the 10th working day after: still within the wait
    expect(app.services.lookup.byItemNumber(itemNumber).overdue).toBeNull();
    app.clock.set('2026-03-17T09:00');
    expect(app.services.lookup.byItemNumber(itemNumber).overdue).toEqual({ label: 'Kết quả chờ trên giá quá 10 ngày làm việc', daysOverdue: 1, deadline: '2026-03-16' });
    app.clock.set('2026-03-18T09:00');
    const rows = overdueList(app.db, '2026-03-18', app.ctx.reference().calendar);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'shelf', id: dossierId, agencyName: 'Sở Tư pháp tỉnh Sơn La', lastActorName: 'Lò Thị Lan', deadline: '2026-03-16', daysOverdue: 2 });
  });
});

describe('audit viewer', () => {
  it('lists every kind in the log, an unknown one under its raw name, and filters by clerk, kind, date and item number', () => {
    app = createTestApp();
    const { itemNumber, dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    app.services.intake.accept(lltpInput(), app.clerk2);
    // What another feature may write (personal data looked at), with a kind this viewer does not know.
    app.db.prepare("INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, 'manager-1', 'SL-TP-Q01', 'personal_data.exported_copy', 'dossier', ?, '{}')").run(app.clock.now(), dossierId);
    const kinds = auditKinds(app.db);
    expect(kinds).toContainEqual({ kind: 'dossier.accept', label: 'Tiếp nhận hồ sơ' });
    expect(kinds).toContainEqual({ kind: 'personal_data.exported_copy', label: 'personal_data.exported_copy' });
    expect(auditList(app.db, { byClerk: 'clerk-2' }).rows.map((r) => r.kind)).toEqual(['dossier.accept']);
    expect(auditList(app.db, { itemNumber }).rows.map((r) => r.kind).sort()).toEqual(['dossier.accept', 'personal_data.exported_copy']);
    expect(auditList(app.db, { kind: 'personal_data.exported_copy' }).rows[0]).toMatchObject({ actorName: 'Quàng Thị Mai', itemNumber: expect.stringMatching(/^EA \d{4} \d{4} \d VN$/) });
    expect(auditList(app.db, { from: '2026-03-03' }).rows).toEqual([]);
    expect(auditList(app.db, { from: '2026-03-02', to: '2026-03-02' }).rows).toHaveLength(3);
    expect(() => auditList(app!.db, { itemNumber: 'XX12' })).toThrow();
  });
});

describe('day report spreadsheet and dashboard', () => {
  it('the XLSX totals are formulas whose values equal the ledger’s sums; the dashboard counts the day', async () => {
    app = createTestApp();
    app.services.intake.accept(lltpInput(), app.clerk);
    app.services.intake.accept(lltpInput({ paymentMethod: 'transfer' }), app.clerk2);
    const r = buildDayReport(app.db, '2026-03-02', { branch: { office: 'Bưu điện tỉnh Sơn La', branchName: 'Bưu cục', counterName: 'Quầy 1' }, now: app.clock.now(), today: '2026-03-02', calendar: app.ctx.reference().calendar });
    const sum = (m: string) => (app!.db.prepare('SELECT SUM(amount) AS n FROM ledger WHERE business_date = ? AND payment_method = ?').get('2026-03-02', m) as { n: number }).n;
    expect(r.money.cash).toBe(sum('cash'));
    expect(r.money.transfer).toBe(sum('transfer'));
    expect(r.receipts).toMatchObject({ issued: 2, first: 'SL-TP-Q01-0000001', last: 'SL-TP-Q01-0000002' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await dayReportXlsx(r, { copyNo: 2, at: app.clock.now() })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tiền')!;
    const total = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((row) => row.getCell(1).value === 'Tổng cộng')!;
    expect(total.getCell(2).value).toMatchObject({ formula: expect.stringMatching(/^SUM/), result: sum('cash') });
    expect(total.getCell(4).value).toMatchObject({ result: sum('cash') + sum('transfer') });
    expect(String(ws.getCell('C3').value)).toMatch(/^BẢN IN LẠI – lần 2/);
    const days = dashboard(app.db, '2026-03-02');
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ date: '2026-03-02', intakes: 2, cash: sum('cash'), transfer: sum('transfer') });
  });

  it('the dashboard’s daily summary, kept by triggers, equals a count of the raw rows over days of work, a superseded event and a corrected filing time', () => {
    app = createTestApp();
    const a = app;
    const days = ['2026-03-02', '2026-03-03', '2026-03-04'];
    for (const [i, day] of days.entries()) {
      a.clock.set(`${day}T08:30`);
      for (let k = 0; k <= i; k++) {
        const { dossierId, itemNumber } = a.services.intake.accept(lltpInput({ returnMethod: 'pickup', returnAddress: null, ...(k === 1 ? { paymentMethod: 'transfer' } : {}) }), a.clerk);
        const batch = a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [dossierId] }, a.clerk);
        a.services.dispatch.recordFiling({ batchId: batch.id, filedAt: a.clock.now(), receivingOfficer: 'Hà Thị Thu' }, a.clerk);
        if (k === 0) a.services.results.collect({ itemNumber }, a.clerk);
      }
    }
    // What the hub decides later: an event superseded, a filing time corrected to the next day (late).
    const ev = a.db.prepare("SELECT id FROM dossier_events WHERE type = 'result_collected' ORDER BY at LIMIT 1").get() as { id: string };
    a.db.prepare('UPDATE dossier_events SET superseded = 1 WHERE id = ?').run(ev.id);
    const d = a.db.prepare('SELECT id, filed_at FROM dossiers WHERE filed_at IS NOT NULL ORDER BY filed_at DESC LIMIT 1').get() as { id: string; filed_at: number };
    a.db.prepare("UPDATE dossiers SET filed_at = ?, transit_deadline = '2026-03-04' WHERE id = ?").run(d.filed_at + 86_400_000, d.id);

    // Counted here, in TypeScript, from the rows themselves.
    const expected = new Map<string, Record<string, number>>();
    const add = (date: string, f: string, v: number) => {
      const m = expected.get(date) ?? { intakes: 0, results: 0, handovers: 0, filed: 0, filedOnTime: 0, cash: 0, transfer: 0 };
      m[f] = (m[f] ?? 0) + v;
      expected.set(date, m);
    };
    for (const r of a.db.prepare('SELECT accepted_date, filed_at, transit_deadline FROM dossiers').all() as { accepted_date: string; filed_at: number | null; transit_deadline: string | null }[]) {
      add(r.accepted_date, 'intakes', 1);
      if (r.filed_at !== null) {
        add(localDateOf(r.filed_at), 'filed', 1);
        if (r.transit_deadline === null || localDateOf(r.filed_at) <= r.transit_deadline) add(localDateOf(r.filed_at), 'filedOnTime', 1);
      }
    }
    for (const e of a.db.prepare("SELECT type, at FROM dossier_events WHERE type IN ('result_collected', 'handed_over') AND superseded = 0").all() as { type: string; at: number }[]) {
      add(localDateOf(e.at), e.type === 'result_collected' ? 'results' : 'handovers', 1);
    }
    for (const l of a.db.prepare("SELECT business_date, payment_method, amount FROM ledger WHERE kind IN ('agency_fee', 'fee_due_collected', 'postage')").all() as { business_date: string; payment_method: string; amount: number }[]) {
      add(l.business_date, l.payment_method, l.amount);
    }
    const shown = dashboard(a.db, '2026-03-06').filter((x) => expected.has(x.date));
    expect(shown.map(({ date, ...rest }) => [date, rest])).toEqual([...expected.entries()].sort());
    expect(shown.find((x) => x.date === '2026-03-05')).toMatchObject({ filed: 1, filedOnTime: 0 });
    expect(shown.find((x) => x.date === '2026-03-02')).toMatchObject({ intakes: 1, results: 0 });
  });
});
