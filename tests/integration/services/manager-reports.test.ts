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
});
