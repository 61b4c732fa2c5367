/**
 * The periodic report's rows (TT 17 Art. 13) as every output prints them, and the safety percentage:
 * the province-wide report has a per-branch section, a branch's does not; the on-time rate has no
 * value without complaints in time; a counter's own figures say so in the scope line.
 */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/shared/report/period';
import { safetyPercent, type PeriodicReport } from '../../../src/shared/report/periodic';
import { reportScope, reportSections, reportTitle } from '../../../src/shared/report/sections';

const period = (): PeriodicReport['period'] => {
  const p = parsePeriod('2026-Q1');
  if (!p.ok) throw new Error('period');
  return p.value;
};

const report = (over: Partial<PeriodicReport> = {}): PeriodicReport => ({
  period: period(),
  source: 'hub',
  branch: null,
  generatedAt: 0,
  asOf: '2026-04-02',
  dossiers: { total: 40, byService: [{ key: 's', label: 'Nộp hồ sơ', dossiers: 30 }], byAgency: [{ key: 'a', label: 'UBND xã', dossiers: 20 }], byField: [{ key: 'f', label: 'Hộ tịch', dossiers: 10 }] },
  revenue: { postage: 1_000, agencyFees: 2_000, total: 3_000 },
  complaints: { received: 9, inTime: 8, outOfTime: 1, settled: 7, settledOnTime: 6, open: 2, overdue: 1 },
  losses: { total: 5, lost: 3, damaged: 2, dossiers: 4, results: 1 },
  compensation: { cases: 2, amountDecided: 500_000, paidCases: 1, amountPaid: 300_000 },
  safety: { items: 1000, affected: 5, intactPercent: 99.5 },
  byBranch: [
    { branchCode: '360100', branchName: 'Trung tâm', dossiers: 11, postage: 12, agencyFees: 13, complaintsReceived: 14, complaintsSettledOnTime: 15, lossesAndDamage: 16, compensationPaid: 17 },
  ],
  ...over,
});

describe('safetyPercent', () => {
  it('is 100 when nothing was handled, two decimals otherwise, never below 0', () => {
    expect(safetyPercent(0, 0)).toBe(100);
    expect(safetyPercent(-1, 0)).toBe(100);
    expect(safetyPercent(1, 0)).toBe(100);
    expect(safetyPercent(3, 1)).toBe(66.67);
    expect(safetyPercent(3, 2)).toBe(33.33);
    expect(safetyPercent(8, 1)).toBe(87.5);
    expect(safetyPercent(2, 5)).toBe(0);
  });
});

describe('report title and scope', () => {
  it('the title names the period in capitals', () => {
    expect(reportTitle(report())).toBe('BÁO CÁO ĐỊNH KỲ DỊCH VỤ BƯU CHÍNH CÔNG ÍCH — QUÝ I NĂM 2026');
  });
  it('the whole province, a branch, and a counter\'s own figures marked as such', () => {
    expect(reportScope(report())).toBe('Phạm vi: toàn tỉnh');
    const branch = { code: '360100', name: 'Trung tâm' };
    expect(reportScope(report({ branch }))).toBe('Bưu cục: Trung tâm (360100)');
    expect(reportScope(report({ branch, source: 'counter' }))).toMatch(/^Bưu cục: Trung tâm \(360100\) — SỐ LIỆU TẠI QUẦY \(/);
  });
});

describe('reportSections', () => {
  it('the summary rows in order, with the on-time rate and the safety in Vietnamese decimals', () => {
    const [summary] = reportSections(report());
    expect(summary!.title).toBe('I. Tổng hợp');
    expect(summary!.headers).toEqual(['Chỉ tiêu', 'Giá trị']);
    expect(summary!.money).toEqual([]);
    expect(summary!.rows.map((r) => r[1])).toEqual([40, 1_000, 2_000, 3_000, 9, 8, 1, 7, 6, '75,00%', 2, 1, 5, 3, 2, 4, 1, 2, 500_000, 300_000, 5, '99,50%']);
    expect(summary!.rows[11]![0]).toBe('Khiếu nại quá hạn (tính đến 02/04/2026)');
  });
  it('the on-time rate is a dash when no complaint was in time', () => {
    const [summary] = reportSections(report({ complaints: { received: 1, inTime: 0, outOfTime: 1, settled: 0, settledOnTime: 0, open: 0, overdue: 0 } }));
    expect(summary!.rows[9]).toEqual(['Tỷ lệ giải quyết đúng hạn', '—']);
  });
  it('the breakdowns by service, agency and field', () => {
    const [, service, agency, field] = reportSections(report());
    expect(service).toEqual({ title: 'II. Theo loại dịch vụ', headers: ['Dịch vụ', 'Số hồ sơ'], rows: [['Nộp hồ sơ', 30]] });
    expect(agency).toEqual({ title: 'III. Theo cơ quan giải quyết', headers: ['Cơ quan', 'Số hồ sơ'], rows: [['UBND xã', 20]] });
    expect(field).toEqual({ title: 'IV. Theo lĩnh vực', headers: ['Lĩnh vực', 'Số hồ sơ'], rows: [['Hộ tịch', 10]] });
  });
  it('the province-wide report has one row per branch with its money columns; a branch report has no such section', () => {
    const sections = reportSections(report());
    expect(sections).toHaveLength(5);
    expect(sections[4]).toMatchObject({ title: 'V. Theo bưu cục', money: [2, 3, 7], rows: [['Trung tâm (360100)', 11, 12, 13, 14, 15, 16, 17]] });
    expect(sections[4]!.headers).toHaveLength(8);
    expect(reportSections(report({ branch: { code: '360100', name: 'Trung tâm' } }))).toHaveLength(4);
  });
});
