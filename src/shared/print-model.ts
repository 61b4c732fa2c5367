/**
 * Pure print models: what a receipt or slip says, as a list of layout blocks that the main process
 * turns into a 1-bit raster (all Vietnamese text) plus native ESC/POS barcodes. No platform imports.
 */
import { formatDateTimeVi, formatDateVi, type LocalDate } from './calendar';
import { amountInWords, formatVnd } from './money';
import { formatItemNumber } from './s10';

export type Align = 'left' | 'center' | 'right';
export type TextSize = 'small' | 'normal' | 'large' | 'title';

export type Block =
  | { t: 'text'; text: string; align?: Align; size?: TextSize; bold?: boolean; invert?: boolean; /** Left indent in dots. */ indent?: number }
  /** A label on the left and a value on the right; the value wraps under the label when it does not fit. */
  | { t: 'kv'; label: string; value: string; bold?: boolean; size?: TextSize }
  | { t: 'rule'; style?: 'solid' | 'dashed' }
  | { t: 'space'; lines?: number }
  /** Native Code 128 (ASCII only); the grouped human-readable text is a separate text block. */
  | { t: 'code128'; data: string }
  /** Native QR (ASCII only). */
  | { t: 'qr'; data: string }
  | { t: 'table'; columns: { header: string; width: number; align?: Align }[]; rows: string[][]; size?: TextSize }
  | { t: 'signatures'; left: string; right: string; leftName?: string; rightName?: string }
  /** Test page: a dot ruler across the full printable width. */
  | { t: 'ruler' };

export type DocKind = 'intake_receipt' | 'fee_receipt' | 'missing_documents' | 'handover_slip' | 'delivery_list' | 'test_page' | 'day_report' | 'overdue_list' | 'setup_summary' | 'recovery_code' | 'complaint_receipt' | 'complaint_answer' | 'compensation_receipt';

export interface PrintDocument {
  kind: DocKind;
  /** Short Vietnamese title for the queue list ("Phiếu tiếp nhận EA 1234 5678 5 VN"). */
  title: string;
  /** The item number or other reference the job is about, for search in print history. */
  ref?: string;
  blocks: Block[];
  /** Open the cash drawer after the cut (fee receipts paid in cash). */
  drawer?: boolean;
  /** Set by the print queue on every repeat: printed as "BẢN IN LẠI – lần n" with the time. */
  copy?: { n: number; at: number };
}

export const HOTLINE = '1900\u00a054\u00a054\u00a081';
/** Keeps a phone or item number on one line (no-break spaces). */
export const nb = (s: string): string => s.replace(/ /g, '\u00a0');
const ORG = 'BƯU ĐIỆN VIỆT NAM';

export interface Header {
  /** e.g. "Bưu điện tỉnh Sơn La" */
  office: string;
  /** e.g. "Bưu cục Thành phố Sơn La" */
  branch?: string;
  address?: string;
}

export interface DocLine {
  name: string;
  original: number;
  copies: number;
}

export interface IntakeReceiptModel {
  header: Header;
  itemNumber: string;
  trackingUrl: string;
  acceptedAt: number;
  sender: { name: string; phone?: string; address?: string; idMasked?: string; onBehalfOf?: string };
  procedure: string;
  agency: string;
  documents: DocLine[];
  /**
   * The papers still missing, each with why ("… (cần bản chính, đã nộp bản sao)"), when the dossier
   * was taken in incomplete (issue #16 defect 2): the receipt says so under the papers handed in.
   */
  missing?: string[];
  agencyFee: number;
  postage: number;
  /** Expected dates: handover to the agency, result from the agency, result back to the citizen. */
  expected: { label: string; date: LocalDate }[];
  resultDelivery: string;
  clerk: string;
  counter: string;
  /** What is kept about the citizen, why, how long and whom to ask (the province's reference data). */
  notice?: string[];
}

export interface FeeReceiptModel {
  header: Header;
  receiptNo: string;
  itemNumber?: string;
  issuedAt: number;
  payer: string;
  payerAddress?: string;
  agency: string;
  lines: { label: string; amount: number }[];
  method: string;
  clerk: string;
  counter: string;
  drawer?: boolean;
  /** A cancelled receipt printed again: marked HỦY with when, why and what replaced it. */
  cancelled?: { at: number; reason: string; replacedBy: string | null };
  /** A reissued receipt: the number of the cancelled one it replaces. */
  replaces?: string;
}

export interface MissingDocumentsModel {
  header: Header;
  issuedAt: number;
  citizen: string;
  procedure: string;
  agency: string;
  missing: { name: string; original: boolean; count: number; note?: string }[];
  clerk: string;
  counter: string;
}

export interface HandoverSlipModel {
  header: Header;
  itemNumber: string;
  handedAt: number;
  recipient: string;
  recipientIdMasked?: string;
  proxy?: string;
  /**
   * Collected by an authorised person (issue #16 defect 5): `recipient` is then the person who
   * collects, and the slip names the dossier's owner and the authorisation as well.
   */
  byProxy?: { owner: string; authorisationRef: string };
  procedure: string;
  agency: string;
  results: { name: string; count: number }[];
  reclaimed?: { name: string; count: number }[];
  feeCollected?: number;
  clerk: string;
  counter: string;
}

export interface DeliveryListModel {
  header: Header;
  listNo: string;
  date: LocalDate;
  postman: string;
  route: string;
  items: { itemNumber: string; recipient: string; address: string; phone?: string; cod?: number }[];
}

export function headerBlocks(h: Header): Block[] {
  const out: Block[] = [{ t: 'text', text: ORG, align: 'center', size: 'small', bold: true }, { t: 'text', text: h.office, align: 'center', bold: true }];
  if (h.branch) out.push({ t: 'text', text: h.branch, align: 'center' });
  if (h.address) out.push({ t: 'text', text: h.address, align: 'center', size: 'small' });
  out.push({ t: 'rule' });
  return out;
}

export function footer(clerk: string, counter: string, at: number): Block[] {
  return [
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Giao dịch viên', value: clerk, size: 'small' },
    { t: 'kv', label: 'Quầy', value: counter, size: 'small' },
    { t: 'kv', label: 'Thời gian', value: formatDateTimeVi(at), size: 'small' },
    { t: 'text', text: `Tổng đài hỗ trợ: ${HOTLINE}`, align: 'center', size: 'small', bold: true },
  ];
}

export function intakeReceipt(m: IntakeReceiptModel): PrintDocument {
  const grouped = formatItemNumber(m.itemNumber);
  const total = m.agencyFee + m.postage;
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'PHIẾU TIẾP NHẬN HỒ SƠ', align: 'center', size: 'title', bold: true },
    { t: 'text', text: 'Dịch vụ bưu chính công ích (QĐ 45/2016/QĐ-TTg)', align: 'center', size: 'small' },
    { t: 'code128', data: m.itemNumber },
    { t: 'text', text: nb(grouped), align: 'center', size: 'large', bold: true },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Người gửi', value: m.sender.name, bold: true },
  ];
  if (m.sender.onBehalfOf) blocks.push({ t: 'kv', label: 'Gửi thay cho', value: m.sender.onBehalfOf });
  if (m.sender.idMasked) blocks.push({ t: 'kv', label: 'Giấy tờ tùy thân', value: m.sender.idMasked });
  if (m.sender.phone) blocks.push({ t: 'kv', label: 'Điện thoại', value: nb(m.sender.phone) });
  if (m.sender.address) blocks.push({ t: 'kv', label: 'Địa chỉ', value: m.sender.address });
  blocks.push(
    { t: 'kv', label: 'Thủ tục', value: m.procedure },
    { t: 'kv', label: 'Cơ quan giải quyết', value: m.agency },
    { t: 'rule', style: 'dashed' },
    { t: 'text', text: 'Thành phần hồ sơ', bold: true },
    {
      t: 'table',
      size: 'small',
      columns: [
        { header: 'Tên giấy tờ', width: 0.62 },
        { header: 'Chính', width: 0.19, align: 'center' },
        { header: 'Sao', width: 0.19, align: 'center' },
      ],
      rows: m.documents.map((d, i) => [`${i + 1}. ${d.name}`, d.original > 0 ? String(d.original) : '–', d.copies > 0 ? String(d.copies) : '–']),
    },
  );
  if (m.missing && m.missing.length > 0) {
    blocks.push({ t: 'text', text: 'Hồ sơ còn thiếu, cần bổ sung:', bold: true });
    for (const line of m.missing) blocks.push({ t: 'text', text: `- ${line}`, size: 'small' });
  }
  blocks.push(
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Phí, lệ phí (thu hộ)', value: formatVnd(m.agencyFee) },
    { t: 'kv', label: 'Cước dịch vụ bưu chính', value: formatVnd(m.postage) },
    { t: 'kv', label: 'TỔNG CỘNG', value: formatVnd(total), bold: true, size: 'large' },
    { t: 'text', text: `Bằng chữ: ${amountInWords(total)}.`, size: 'small' },
    { t: 'rule', style: 'dashed' },
  );
  for (const e of m.expected) blocks.push({ t: 'kv', label: e.label, value: formatDateVi(e.date) });
  blocks.push({ t: 'kv', label: 'Nhận kết quả', value: m.resultDelivery });
  blocks.push({ t: 'space' }, { t: 'qr', data: m.trackingUrl }, { t: 'text', text: 'Quét mã để tra cứu hồ sơ miễn phí', align: 'center', size: 'small' });
  if (m.notice && m.notice.length > 0) {
    blocks.push({ t: 'rule', style: 'dashed' }, { t: 'text', text: 'Dữ liệu cá nhân', size: 'small', bold: true });
    for (const line of m.notice) blocks.push({ t: 'text', text: line, size: 'small' });
  }
  blocks.push(...footer(m.clerk, m.counter, m.acceptedAt));
  blocks.push({ t: 'text', text: 'Vui lòng giữ phiếu này để nhận kết quả.', align: 'center', size: 'small' });
  return { kind: 'intake_receipt', title: `Phiếu tiếp nhận ${grouped}`, ref: m.itemNumber, blocks };
}

export function feeReceipt(m: FeeReceiptModel): PrintDocument {
  const total = m.lines.reduce((s, l) => s + l.amount, 0);
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'BIÊN LAI THU PHÍ, LỆ PHÍ', align: 'center', size: 'title', bold: true },
    { t: 'text', text: `Số: ${m.receiptNo}`, align: 'center' },
  ];
  if (m.cancelled) {
    // The number is kept and never reused; the paper says so at the top, where it cannot be missed.
    blocks.push(
      { t: 'text', text: '*** HỦY ***', align: 'center', size: 'title', bold: true },
      { t: 'text', text: `Đã hủy lúc ${formatDateTimeVi(m.cancelled.at)}. Lý do: ${m.cancelled.reason}`, align: 'center', size: 'small' },
    );
    if (m.cancelled.replacedBy) blocks.push({ t: 'text', text: `Thay bằng biên lai số ${m.cancelled.replacedBy}`, align: 'center', size: 'small' });
  }
  if (m.replaces) blocks.push({ t: 'text', text: `Thay cho biên lai số ${m.replaces} (đã hủy)`, align: 'center', size: 'small' });
  blocks.push({ t: 'text', text: `Thu hộ: ${m.agency}`, align: 'center', size: 'small' }, { t: 'rule', style: 'dashed' }, { t: 'kv', label: 'Người nộp', value: m.payer, bold: true });
  if (m.payerAddress) blocks.push({ t: 'kv', label: 'Địa chỉ', value: m.payerAddress });
  if (m.itemNumber) blocks.push({ t: 'kv', label: 'Số hiệu hồ sơ', value: nb(formatItemNumber(m.itemNumber)) });
  blocks.push({ t: 'rule', style: 'dashed' });
  for (const l of m.lines) blocks.push({ t: 'kv', label: l.label, value: formatVnd(l.amount) });
  blocks.push(
    { t: 'kv', label: 'TỔNG CỘNG', value: formatVnd(total), bold: true, size: 'large' },
    { t: 'text', text: `Bằng chữ: ${amountInWords(total)}.`, size: 'small' },
    { t: 'kv', label: 'Hình thức thanh toán', value: m.method },
    { t: 'signatures', left: 'Người nộp tiền', right: 'Người thu tiền', rightName: m.clerk },
    ...footer(m.clerk, m.counter, m.issuedAt),
  );
  return { kind: 'fee_receipt', title: `Biên lai ${m.receiptNo}`, ref: m.itemNumber ?? m.receiptNo, blocks, drawer: m.drawer ?? false };
}

export function missingDocuments(m: MissingDocumentsModel): PrintDocument {
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'DANH MỤC GIẤY TỜ CẦN BỔ SUNG', align: 'center', size: 'title', bold: true },
    { t: 'kv', label: 'Công dân', value: m.citizen, bold: true },
    { t: 'kv', label: 'Thủ tục', value: m.procedure },
    { t: 'kv', label: 'Cơ quan giải quyết', value: m.agency },
    { t: 'rule', style: 'dashed' },
    { t: 'text', text: 'Xin mang theo các giấy tờ sau:', bold: true },
  ];
  m.missing.forEach((d, i) => {
    blocks.push({ t: 'text', text: `${i + 1}. ${d.name} — ${d.count} ${d.original ? 'bản chính' : 'bản sao'}` });
    if (d.note) blocks.push({ t: 'text', text: d.note, size: 'small', indent: 24 });
  });
  blocks.push(
    { t: 'rule', style: 'dashed' },
    { t: 'text', text: 'Danh mục theo đúng thủ tục đã công bố; bưu điện không yêu cầu thêm giấy tờ ngoài danh mục.', size: 'small' },
    ...footer(m.clerk, m.counter, m.issuedAt),
  );
  return { kind: 'missing_documents', title: `Giấy tờ cần bổ sung – ${m.citizen}`, blocks };
}

export function handoverSlip(m: HandoverSlipModel): PrintDocument {
  const grouped = formatItemNumber(m.itemNumber);
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'PHIẾU BÀN GIAO KẾT QUẢ', align: 'center', size: 'title', bold: true },
    { t: 'code128', data: m.itemNumber },
    { t: 'text', text: nb(grouped), align: 'center', size: 'large', bold: true },
    { t: 'rule', style: 'dashed' },
  ];
  if (m.byProxy) blocks.push({ t: 'kv', label: 'Chủ hồ sơ', value: m.byProxy.owner });
  blocks.push({ t: 'kv', label: m.byProxy ? 'Người nhận thay' : 'Người nhận', value: m.recipient, bold: true });
  if (m.recipientIdMasked) blocks.push({ t: 'kv', label: 'Giấy tờ tùy thân', value: m.recipientIdMasked });
  if (m.byProxy) blocks.push({ t: 'kv', label: 'Giấy ủy quyền', value: m.byProxy.authorisationRef });
  else if (m.proxy) blocks.push({ t: 'kv', label: 'Nhận thay (ủy quyền)', value: m.proxy });
  blocks.push({ t: 'kv', label: 'Thủ tục', value: m.procedure }, { t: 'kv', label: 'Cơ quan trả kết quả', value: m.agency }, { t: 'text', text: 'Kết quả bàn giao', bold: true });
  m.results.forEach((r, i) => blocks.push({ t: 'kv', label: `${i + 1}. ${r.name}`, value: `${r.count} bản` }));
  if (m.reclaimed && m.reclaimed.length > 0) {
    blocks.push({ t: 'text', text: 'Giấy tờ cũ thu hồi', bold: true });
    m.reclaimed.forEach((r, i) => blocks.push({ t: 'kv', label: `${i + 1}. ${r.name}`, value: `${r.count} bản` }));
  }
  const fee = m.feeCollected ?? 0;
  if (fee > 0) {
    blocks.push({ t: 'kv', label: 'Đã thu', value: formatVnd(fee), bold: true }, { t: 'text', text: `Bằng chữ: ${amountInWords(fee)}.`, size: 'small' });
  }
  blocks.push({ t: 'signatures', left: m.byProxy ? 'Người nhận thay' : 'Người nhận', right: 'Nhân viên bưu điện', leftName: m.recipient, rightName: m.clerk }, ...footer(m.clerk, m.counter, m.handedAt));
  return { kind: 'handover_slip', title: `Bàn giao kết quả ${grouped}`, ref: m.itemNumber, blocks };
}

export function deliveryList(m: DeliveryListModel): PrintDocument {
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'DANH SÁCH PHÁT KẾT QUẢ', align: 'center', size: 'title', bold: true },
    { t: 'kv', label: 'Số danh sách', value: m.listNo },
    { t: 'kv', label: 'Ngày', value: formatDateVi(m.date) },
    { t: 'kv', label: 'Bưu tá', value: m.postman, bold: true },
    { t: 'kv', label: 'Tuyến phát', value: m.route },
    { t: 'rule' },
  ];
  let cod = 0;
  m.items.forEach((it, i) => {
    blocks.push({ t: 'text', text: `${i + 1}. ${nb(formatItemNumber(it.itemNumber))}`, bold: true });
    blocks.push({ t: 'text', text: it.recipient + (it.phone ? ` – ${nb(it.phone)}` : '') });
    blocks.push({ t: 'text', text: it.address, size: 'small' });
    const due = it.cod ?? 0;
    if (due > 0) {
      cod += due;
      blocks.push({ t: 'kv', label: 'Thu hộ', value: formatVnd(due), size: 'small' });
    }
    blocks.push({ t: 'text', text: 'Ký nhận: ………………  Lý do chưa phát: ………', size: 'small' }, { t: 'rule', style: 'dashed' });
  });
  blocks.push(
    { t: 'kv', label: 'Tổng số bưu gửi', value: String(m.items.length), bold: true },
    { t: 'kv', label: 'Tổng tiền thu hộ', value: formatVnd(cod), bold: true },
    { t: 'signatures', left: 'Người giao', right: 'Bưu tá', rightName: m.postman },
  );
  return { kind: 'delivery_list', title: `Danh sách phát ${m.listNo}`, ref: m.listNo, blocks };
}

/** Every Vietnamese vowel with every tone (none, huyền, sắc, hỏi, ngã, nặng), lower case, NFC. */
export const VIETNAMESE_VOWELS_LOWER = [
  'aàáảãạ', 'ăằắẳẵặ', 'âầấẩẫậ', 'eèéẻẽẹ', 'êềếểễệ', 'iìíỉĩị', 'oòóỏõọ', 'ôồốổỗộ', 'ơờớởỡợ', 'uùúủũụ', 'ưừứửữự', 'yỳýỷỹỵ',
];
export const VIETNAMESE_VOWELS_UPPER = VIETNAMESE_VOWELS_LOWER.map((s) => s.toUpperCase());
/** All 134 letters that carry a mark or are vowels, plus đ/Đ, as one string. */
export const VIETNAMESE_LETTERS = [...VIETNAMESE_VOWELS_LOWER, ...VIETNAMESE_VOWELS_UPPER, 'đĐ'].join('');

export function testPage(opts: { printerName: string; profileId: string; widthMm: number; dots: number; at: number }): PrintDocument {
  const blocks: Block[] = [
    { t: 'text', text: 'TRANG IN THỬ', align: 'center', size: 'title', bold: true },
    { t: 'text', text: `${opts.printerName} (${opts.profileId})`, align: 'center' },
    { t: 'text', text: `Khổ giấy ${opts.widthMm} mm – ${opts.dots} điểm/dòng`, align: 'center', size: 'small' },
    { t: 'ruler' },
    { t: 'text', text: 'Chữ thường:', bold: true },
  ];
  for (let i = 0; i < VIETNAMESE_VOWELS_LOWER.length; i += 3) blocks.push({ t: 'text', text: VIETNAMESE_VOWELS_LOWER.slice(i, i + 3).join('  ') });
  blocks.push({ t: 'text', text: 'Chữ hoa:', bold: true });
  for (let i = 0; i < VIETNAMESE_VOWELS_UPPER.length; i += 3) blocks.push({ t: 'text', text: VIETNAMESE_VOWELS_UPPER.slice(i, i + 3).join('  ') });
  blocks.push(
    { t: 'text', text: 'đ Đ – Đường Điện Biên Phủ, phường Tô Hiệu', bold: true },
    { t: 'text', text: 'Chữ nhỏ: Giấy phép lái xe – Phiếu lý lịch tư pháp – Sổ BHXH', size: 'small' },
    { t: 'text', text: 'Chữ lớn: HỘ CHIẾU PHỔ THÔNG', size: 'large', bold: true },
    { t: 'rule' },
    { t: 'code128', data: 'EA123456785VN' },
    { t: 'text', text: 'EA 1234 5678 5 VN', align: 'center', bold: true },
    { t: 'qr', data: 'https://example.invalid/tra-cuu?ma=EA123456785VN' },
    { t: 'text', text: formatDateTimeVi(opts.at), align: 'center', size: 'small' },
    { t: 'text', text: 'Nếu mọi dấu thanh rõ ràng, máy in đạt yêu cầu.', align: 'center', size: 'small' },
  );
  return { kind: 'test_page', title: `Trang in thử – ${opts.printerName}`, blocks };
}

/** What the first run set up, printed for the branch's records (no password, no token). */
export interface SetupSummaryModel {
  header: Header;
  at: number;
  counter: { id: string; name: string; branchCode: string; branchName: string; place: string | null; source: string };
  hub: string;
  printer: string;
  people: { fullName: string; username: string; role: string }[];
  by: string;
  appVersion: string;
}

export function setupSummary(m: SetupSummaryModel): PrintDocument {
  const blocks: Block[] = [
    ...headerBlocks(m.header),
    { t: 'text', text: 'BIÊN BẢN CÀI ĐẶT QUẦY', align: 'center', size: 'title', bold: true },
    { t: 'text', text: formatDateTimeVi(m.at), align: 'center', size: 'small' },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Bưu cục', value: `${m.counter.branchName} (${m.counter.branchCode})`, bold: true },
    { t: 'kv', label: 'Quầy', value: `${m.counter.name} (${m.counter.id})`, bold: true },
  ];
  if (m.counter.place) blocks.push({ t: 'kv', label: 'Địa bàn', value: m.counter.place });
  blocks.push(
    { t: 'kv', label: 'Định danh do', value: m.counter.source },
    { t: 'kv', label: 'Máy chủ tỉnh', value: m.hub },
    { t: 'kv', label: 'Máy in biên nhận', value: m.printer },
    { t: 'rule', style: 'dashed' },
    { t: 'text', text: `Người dùng (${m.people.length}):`, bold: true },
    { t: 'table', columns: [{ header: 'Họ tên', width: 0.42 }, { header: 'Đăng nhập', width: 0.26 }, { header: 'Vai trò', width: 0.32 }], rows: m.people.map((p) => [p.fullName, p.username, p.role]), size: 'small' },
    { t: 'text', text: 'Mật khẩu không in ra; người dùng mới phải đổi mật khẩu lần đầu đăng nhập.', size: 'small' },
    { t: 'signatures', left: 'Trưởng bưu cục', right: 'Người cài đặt', rightName: m.by },
    { t: 'text', text: `Quầy HCC phiên bản ${m.appVersion}`, align: 'center', size: 'small' },
  );
  return { kind: 'setup_summary', title: `Biên bản cài đặt ${m.counter.id}`, ref: m.counter.id, blocks };
}

/** The store's recovery code on paper, to seal in an envelope away from the counter (issue #15). */
export interface RecoveryCodeModel {
  header: Header;
  at: number;
  counter: { id: string; name: string; branchName: string };
  /** 14 groups of 4 characters, joined by dashes. */
  code: string;
  by: string;
}

export function recoveryCodeSheet(m: RecoveryCodeModel): PrintDocument {
  const groups = m.code.split('-');
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 3) lines.push(`${String(i + 1).padStart(2, '0')}  ${groups.slice(i, i + 3).join(' ')}`);
  return {
    kind: 'recovery_code',
    title: `Mã khôi phục dữ liệu ${m.counter.id}`,
    ref: m.counter.id,
    blocks: [
      ...headerBlocks(m.header),
      { t: 'text', text: 'MÃ KHÔI PHỤC DỮ LIỆU', align: 'center', size: 'title', bold: true },
      { t: 'text', text: `${m.counter.branchName} — ${m.counter.name} (${m.counter.id})`, align: 'center' },
      { t: 'text', text: formatDateTimeVi(m.at), align: 'center', size: 'small' },
      { t: 'rule' },
      ...lines.map((text): Block => ({ t: 'text', text, size: 'large', bold: true })),
      { t: 'rule' },
      { t: 'text', text: 'Dùng khi máy quầy hỏng: bộ phận CNTT khôi phục bản sao lưu trên máy mới bằng mã này.', size: 'small' },
      { t: 'text', text: 'Cho vào phong bì dán kín, trưởng bưu cục cất trong tủ khoá; không để tại quầy, không chụp ảnh, không gửi qua mạng.', size: 'small' },
      { t: 'text', text: 'Ai có mã này và bản sao lưu thì đọc được dữ liệu công dân.', size: 'small', bold: true },
      { t: 'signatures', left: 'Trưởng bưu cục', right: 'Người cài đặt', rightName: m.by },
    ],
  };
}

// ---- A4 documents (HTML printed to PDF) ----

export interface HandoverRecordModel {
  header: Header;
  recordNo: string;
  at: number;
  /** Where it was signed, e.g. "Trung tâm Phục vụ hành chính công tỉnh Sơn La". */
  place: string;
  agency: string;
  postal: { name: string; title: string };
  agencyOfficer: { name?: string; title: string };
  dossiers: {
    itemNumber: string;
    citizen: string;
    procedure: string;
    complete: boolean;
    originals: number;
    copies: number;
    fee: number;
    note?: string;
  }[];
}
