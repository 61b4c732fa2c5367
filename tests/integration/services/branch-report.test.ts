/** The counter's own view of its branch's periodic report (issue 13), on a real SQLite store. */
import { afterEach, describe, expect, it } from 'vitest';
import { periodicReportHtml } from '../../../src/main/printing/periodic-report';
import { DomainError } from '../../../src/shared/errors';
import { reportSections } from '../../../src/shared/report/sections';
import { createTestApp, lltpInput, type TestApp } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

describe('the branch periodic report at the counter', () => {
  it('counts what the counter holds in the period, marked as the counter view', () => {
    app = createTestApp();
    app.clock.set('2026-03-31T16:00');
    const a = app.services.intake.accept(lltpInput(), app.clerk);
    app.services.intake.accept(lltpInput({ serviceType: 'send', returnMethod: 'none', returnAddress: null }), app.clerk);
    const complaint = app.services.cases.receiveComplaint({ itemNumber: a.itemNumber, complainantName: 'Lò Văn Pình', phone: '0912345678', channel: 'counter', kind: 'late', text: 'Chậm.' }, app.clerk);
    const loss = app.services.cases.declareLoss(
      { itemNumber: a.itemNumber, subject: 'dossier', kind: 'damaged', stage: 'counter', description: 'Ướt.', agencyNotified: false, reissueRequested: false, actionsTaken: 'Làm lại bản sao.' },
      app.clerk,
    );
    const comp = app.services.cases.decideCompensation({ lossId: loss, payeeName: 'Lò Văn Pình', amount: 50000, basis: 'QĐ 45 Điều 14' }, app.manager);
    app.services.cases.payCompensation({ compensationId: comp, paymentMethod: 'cash' }, app.clerk);
    app.clock.set('2026-04-01T08:00'); // the next quarter: not counted in Q1
    app.services.intake.accept(lltpInput(), app.clerk);
    app.services.cases.answer({ complaintId: complaint, answer: 'Đã xử lý.' }, app.manager);

    const r = app.services.reports.branchPeriodic('2026-Q1');
    expect(r.source).toBe('counter');
    expect(r.dossiers.total).toBe(2);
    expect(r.dossiers.byService.map((s) => [s.label, s.dossiers])).toEqual([
      ['Gửi hồ sơ', 1],
      ['Gửi hồ sơ và chuyển trả kết quả', 1],
    ]);
    expect(r.revenue).toEqual({ postage: 56000, agencyFees: 400000, total: 456000 });
    expect(r.complaints).toMatchObject({ received: 1, inTime: 1, settled: 1, settledOnTime: 1, open: 0, overdue: 0 });
    expect(r.losses).toEqual({ total: 1, lost: 0, damaged: 1, dossiers: 1, results: 0 });
    expect(r.compensation).toEqual({ cases: 1, amountDecided: 50000, paidCases: 1, amountPaid: 50000 });
    expect(r.safety).toEqual({ items: 2, affected: 1, intactPercent: 50 });
    expect(reportSections(r).map((s) => s.title)).toEqual(['I. Tổng hợp', 'II. Theo loại dịch vụ', 'III. Theo cơ quan giải quyết', 'IV. Theo lĩnh vực']);
    const html = periodicReportHtml(r, '');
    expect(html).toContain('SỐ LIỆU TẠI QUẦY');
    expect(html).toContain('QUÝ I NĂM 2026');
    expect(html).toContain('<td class="r">456.000</td>');
  });

  it('a period like 2026-Q5 is refused in Vietnamese', () => {
    app = createTestApp();
    let e: unknown;
    try {
      app.services.reports.branchPeriodic('2026-Q5');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_PERIOD');
    expect((e as DomainError).message).toMatch(/^Kỳ báo cáo “2026-Q5” không hợp lệ/);
  });
});
