/**
 * The rows of the periodic report, in the order every output prints them (the hub's XLSX and PDF,
 * the counter's A4 page). Pure TypeScript.
 */
import { formatDateVi } from '../calendar';
import type { PeriodicReport } from './periodic';

export interface Section {
  title: string;
  headers: string[];
  /** Cells: text or whole numbers (đồng and counts); percentages as text. */
  rows: (string | number)[][];
  /** Columns (0-based) holding đồng amounts. */
  money?: number[];
}

export function reportTitle(r: PeriodicReport): string {
  return `BÁO CÁO ĐỊNH KỲ DỊCH VỤ BƯU CHÍNH CÔNG ÍCH — ${r.period.label.toUpperCase()}`;
}

export function reportScope(r: PeriodicReport): string {
  const scope = r.branch ? `Bưu cục: ${r.branch.name} (${r.branch.code})` : 'Phạm vi: toàn tỉnh';
  return r.source === 'counter' ? `${scope} — SỐ LIỆU TẠI QUẦY (chỉ những gì quầy này đang giữ; có thể khác số liệu đã đồng bộ về máy chủ tỉnh)` : scope;
}

const pct = (n: number, d: number): string => (d === 0 ? '—' : `${((n / d) * 100).toFixed(2).replace('.', ',')}%`);

export function reportSections(r: PeriodicReport): Section[] {
  const c = r.complaints;
  const sections: Section[] = [
    {
      title: 'I. Tổng hợp',
      headers: ['Chỉ tiêu', 'Giá trị'],
      money: [],
      rows: [
        ['Hồ sơ, kết quả tiếp nhận (bưu gửi)', r.dossiers.total],
        ['Cước dịch vụ bưu chính (đồng)', r.revenue.postage],
        ['Phí, lệ phí thu hộ cơ quan (đồng)', r.revenue.agencyFees],
        ['Tổng số tiền (đồng)', r.revenue.total],
        ['Khiếu nại nhận được', c.received],
        ['— trong thời hiệu', c.inTime],
        ['— quá thời hiệu', c.outOfTime],
        ['Khiếu nại đã giải quyết', c.settled],
        ['Khiếu nại giải quyết đúng hạn', c.settledOnTime],
        ['Tỷ lệ giải quyết đúng hạn', pct(c.settledOnTime, c.inTime)],
        ['Khiếu nại đang xử lý', c.open],
        [`Khiếu nại quá hạn (tính đến ${formatDateVi(r.asOf)})`, c.overdue],
        ['Vụ mất, hư hỏng', r.losses.total],
        ['— mất', r.losses.lost],
        ['— hư hỏng', r.losses.damaged],
        ['— là hồ sơ', r.losses.dossiers],
        ['— là kết quả', r.losses.results],
        ['Vụ bồi thường đã quyết định', r.compensation.cases],
        ['Số tiền bồi thường đã quyết định (đồng)', r.compensation.amountDecided],
        ['Số tiền bồi thường đã chi trả trong kỳ (đồng)', r.compensation.amountPaid],
        ['Bưu gửi bị mất, hư hỏng', r.safety.affected],
        ['Mức độ an toàn (tỷ lệ bưu gửi nguyên vẹn; chỉ tiêu 100%)', `${r.safety.intactPercent.toFixed(2).replace('.', ',')}%`],
      ],
    },
    { title: 'II. Theo loại dịch vụ', headers: ['Dịch vụ', 'Số hồ sơ'], rows: r.dossiers.byService.map((x) => [x.label, x.dossiers]) },
    { title: 'III. Theo cơ quan giải quyết', headers: ['Cơ quan', 'Số hồ sơ'], rows: r.dossiers.byAgency.map((x) => [x.label, x.dossiers]) },
    { title: 'IV. Theo lĩnh vực', headers: ['Lĩnh vực', 'Số hồ sơ'], rows: r.dossiers.byField.map((x) => [x.label, x.dossiers]) },
  ];
  if (!r.branch) {
    sections.push({
      title: 'V. Theo bưu cục',
      headers: ['Bưu cục', 'Hồ sơ', 'Cước (đồng)', 'Phí thu hộ (đồng)', 'Khiếu nại', 'Đúng hạn', 'Mất/hỏng', 'Bồi thường chi (đồng)'],
      money: [2, 3, 7],
      rows: r.byBranch.map((b) => [`${b.branchName} (${b.branchCode})`, b.dossiers, b.postage, b.agencyFees, b.complaintsReceived, b.complaintsSettledOnTime, b.lossesAndDamage, b.compensationPaid]),
    });
  }
  return sections;
}

