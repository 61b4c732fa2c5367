/**
 * The print models compared whole (src/shared/print-model.ts): every block of a slip, in order, with
 * its style, for the model with every optional part and for the bare one, so a line dropped, moved,
 * restyled or printed when it should not be shows as a difference. The recovery-code sheet is here
 * too: its grouping is what the IT department reads back when a counter has to be restored.
 */
import { describe, expect, it } from 'vitest';
import { handoverModel, intakeModel, NB, SAMPLE_HEADER_BLOCKS, SAMPLE_OFFICE, SAMPLE_ORG, sampleFooterBlocks, T0 } from '../../fixtures/printing/samples';
import { handoverSlip, headerBlocks, HOTLINE, intakeReceipt, nb, recoveryCodeSheet, testPage, type Block } from '../../../src/shared/print-model';

const ORG = SAMPLE_ORG;
const OFFICE = SAMPLE_OFFICE;
const header = SAMPLE_HEADER_BLOCKS;
const footer = sampleFooterBlocks;

describe('header and helpers', () => {
  it('an address without a branch line; the hotline and item numbers never break across lines', () => {
    expect(headerBlocks({ office: 'Bưu điện tỉnh Sơn La', address: 'Số 1' })).toEqual([ORG, OFFICE, { t: 'text', text: 'Số 1', align: 'center', size: 'small' }, { t: 'rule' }]);
    expect(headerBlocks({ office: 'Bưu điện tỉnh Sơn La', branch: 'Bưu cục 1' })).toEqual([ORG, OFFICE, { t: 'text', text: 'Bưu cục 1', align: 'center' }, { t: 'rule' }]);
    expect(HOTLINE).toBe(`1900${NB}54${NB}54${NB}81`);
    expect(nb('EA 1234 5678 5 VN')).toBe(`EA${NB}1234${NB}5678${NB}5${NB}VN`);
  });
});

describe('intake receipt, whole', () => {
  const head = (): Block[] => [
    ...header,
    { t: 'text', text: 'PHIẾU TIẾP NHẬN HỒ SƠ', align: 'center', size: 'title', bold: true },
    { t: 'text', text: 'Dịch vụ bưu chính công ích (QĐ 45/2016/QĐ-TTg)', align: 'center', size: 'small' },
    { t: 'code128', data: 'EA123456785VN' },
    { t: 'text', text: `EA${NB}1234${NB}5678${NB}5${NB}VN`, align: 'center', size: 'large', bold: true },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Người gửi', value: 'Nguyễn Thị Hồng Nhung', bold: true },
  ];
  const body = (agencyFee: string, postage: string, total: string, words: string, rows: string[][]): Block[] => [
    { t: 'kv', label: 'Thủ tục', value: 'Cấp Phiếu lý lịch tư pháp số 1 cho công dân Việt Nam' },
    { t: 'kv', label: 'Cơ quan giải quyết', value: 'Sở Tư pháp tỉnh Sơn La' },
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
      rows,
    },
    { t: 'rule', style: 'dashed' },
    { t: 'kv', label: 'Phí, lệ phí (thu hộ)', value: agencyFee },
    { t: 'kv', label: 'Cước dịch vụ bưu chính', value: postage },
    { t: 'kv', label: 'TỔNG CỘNG', value: total, bold: true, size: 'large' },
    { t: 'text', text: `Bằng chữ: ${words}.`, size: 'small' },
    { t: 'rule', style: 'dashed' },
  ];
  const tail = (notice: Block[]): Block[] => [
    { t: 'kv', label: 'Nhận kết quả', value: 'Phát tận địa chỉ người gửi' },
    { t: 'space' },
    { t: 'qr', data: 'https://tracuu.example.vn/hs?ma=EA123456785VN' },
    { t: 'text', text: 'Quét mã để tra cứu hồ sơ miễn phí', align: 'center', size: 'small' },
    ...notice,
    ...footer('Lò Văn Điệp', 'Quầy 02 – HCC Sơn La'),
    { t: 'text', text: 'Vui lòng giữ phiếu này để nhận kết quả.', align: 'center', size: 'small' },
  ];

  it('with everything: on whose behalf, identity, phone, address, three dates and the personal-data notice', () => {
    const doc = intakeReceipt({ ...intakeModel, sender: { ...intakeModel.sender, onBehalfOf: 'Nguyễn Văn A' }, notice: ['Lưu 5 năm.', 'Hỏi: 0212 3852 000.'] });
    expect(doc).toEqual({
      kind: 'intake_receipt',
      title: 'Phiếu tiếp nhận EA 1234 5678 5 VN',
      ref: 'EA123456785VN',
      blocks: [
        ...head(),
        { t: 'kv', label: 'Gửi thay cho', value: 'Nguyễn Văn A' },
        { t: 'kv', label: 'Giấy tờ tùy thân', value: 'CCCD ••••••••1234' },
        { t: 'kv', label: 'Điện thoại', value: `0912${NB}345${NB}678` },
        { t: 'kv', label: 'Địa chỉ', value: 'Bản Hụm, xã Chiềng Ngần, tỉnh Sơn La' },
        ...body('200.000 ₫', '26.000 ₫', '226.000 ₫', 'Hai trăm hai mươi sáu nghìn đồng', [
          ['1. Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu 03/2013/TT-LLTP)', '1', '–'],
          ['2. Căn cước công dân', '–', '1'],
          ['3. Giấy xác nhận thường trú', '–', '2'],
        ]),
        { t: 'kv', label: 'Chuyển đến cơ quan', value: '11/03/2026' },
        { t: 'kv', label: 'Dự kiến có kết quả', value: '25/03/2026' },
        { t: 'kv', label: 'Dự kiến trả kết quả', value: '27/03/2026' },
        ...tail([
          { t: 'rule', style: 'dashed' },
          { t: 'text', text: 'Dữ liệu cá nhân', size: 'small', bold: true },
          { t: 'text', text: 'Lưu 5 năm.', size: 'small' },
          { t: 'text', text: 'Hỏi: 0212 3852 000.', size: 'small' },
        ]),
      ],
    });
  });
  it('bare: the sender by name only, no dates, no notice; a free dossier sums to zero; a paper both original and copy', () => {
    const doc = intakeReceipt({
      ...intakeModel,
      sender: { name: 'Nguyễn Thị Hồng Nhung' },
      documents: [{ name: 'Tờ khai', original: 2, copies: 3 }],
      agencyFee: 0,
      postage: 15_000,
      expected: [],
      notice: [],
    });
    expect(doc.blocks).toEqual([
      ...head(),
      ...body('0 ₫', '15.000 ₫', '15.000 ₫', 'Mười lăm nghìn đồng', [['1. Tờ khai', '2', '3']]),
      ...tail([]),
    ]);
  });
});

describe('handover slip collected by an authorised person', () => {
  it('names the owner first, the collector as such, the authorisation instead of a proxy line, and signs as the collector', () => {
    const doc = handoverSlip({
      ...handoverModel,
      recipient: 'Quàng Thị Lan',
      proxy: 'ignored when byProxy is set',
      byProxy: { owner: 'Quàng Văn Khánh', authorisationRef: 'GUQ 12/2026' },
      results: [
        { name: 'Giấy phép lái xe hạng B', count: 1 },
        { name: 'Bản sao', count: 2 },
      ],
      reclaimed: [
        { name: 'Giấy phép lái xe cũ', count: 1 },
        { name: 'Giấy hẹn', count: 1 },
      ],
      feeCollected: 1,
    });
    expect(doc.blocks).toEqual([
      ...header,
      { t: 'text', text: 'PHIẾU BÀN GIAO KẾT QUẢ', align: 'center', size: 'title', bold: true },
      { t: 'code128', data: 'EB000000014VN' },
      { t: 'text', text: `EB${NB}0000${NB}0001${NB}4${NB}VN`, align: 'center', size: 'large', bold: true },
      { t: 'rule', style: 'dashed' },
      { t: 'kv', label: 'Chủ hồ sơ', value: 'Quàng Văn Khánh' },
      { t: 'kv', label: 'Người nhận thay', value: 'Quàng Thị Lan', bold: true },
      { t: 'kv', label: 'Giấy tờ tùy thân', value: 'CCCD ••••••••5678' },
      { t: 'kv', label: 'Giấy ủy quyền', value: 'GUQ 12/2026' },
      { t: 'kv', label: 'Thủ tục', value: 'Cấp đổi giấy phép lái xe' },
      { t: 'kv', label: 'Cơ quan trả kết quả', value: 'Công an tỉnh Sơn La' },
      { t: 'text', text: 'Kết quả bàn giao', bold: true },
      { t: 'kv', label: '1. Giấy phép lái xe hạng B', value: '1 bản' },
      { t: 'kv', label: '2. Bản sao', value: '2 bản' },
      { t: 'text', text: 'Giấy tờ cũ thu hồi', bold: true },
      { t: 'kv', label: '1. Giấy phép lái xe cũ', value: '1 bản' },
      { t: 'kv', label: '2. Giấy hẹn', value: '1 bản' },
      { t: 'kv', label: 'Đã thu', value: '1 ₫', bold: true },
      { t: 'text', text: 'Bằng chữ: Một đồng.', size: 'small' },
      { t: 'signatures', left: 'Người nhận thay', right: 'Nhân viên bưu điện', leftName: 'Quàng Thị Lan', rightName: 'Lò Văn Điệp' },
      ...footer('Lò Văn Điệp', 'Quầy 02'),
    ]);
  });
});

describe('test page, whole', () => {
  it('every block in order', () => {
    const doc = testPage({ printerName: 'XP-58', profileId: 'xp-58', widthMm: 58, dots: 384, at: T0 });
    expect(doc).toEqual({
      kind: 'test_page',
      title: 'Trang in thử – XP-58',
      blocks: [
        { t: 'text', text: 'TRANG IN THỬ', align: 'center', size: 'title', bold: true },
        { t: 'text', text: 'XP-58 (xp-58)', align: 'center' },
        { t: 'text', text: 'Khổ giấy 58 mm – 384 điểm/dòng', align: 'center', size: 'small' },
        { t: 'ruler' },
        { t: 'text', text: 'Chữ thường:', bold: true },
        { t: 'text', text: 'aàáảãạ  ăằắẳẵặ  âầấẩẫậ' },
        { t: 'text', text: 'eèéẻẽẹ  êềếểễệ  iìíỉĩị' },
        { t: 'text', text: 'oòóỏõọ  ôồốổỗộ  ơờớởỡợ' },
        { t: 'text', text: 'uùúủũụ  ưừứửữự  yỳýỷỹỵ' },
        { t: 'text', text: 'Chữ hoa:', bold: true },
        { t: 'text', text: 'AÀÁẢÃẠ  ĂẰẮẲẴẶ  ÂẦẤẨẪẬ' },
        { t: 'text', text: 'EÈÉẺẼẸ  ÊỀẾỂỄỆ  IÌÍỈĨỊ' },
        { t: 'text', text: 'OÒÓỎÕỌ  ÔỒỐỔỖỘ  ƠỜỚỞỠỢ' },
        { t: 'text', text: 'UÙÚỦŨỤ  ƯỪỨỬỮỰ  YỲÝỶỸỴ' },
        { t: 'text', text: 'đ Đ – Đường Điện Biên Phủ, phường Tô Hiệu', bold: true },
        { t: 'text', text: 'Chữ nhỏ: Giấy phép lái xe – Phiếu lý lịch tư pháp – Sổ BHXH', size: 'small' },
        { t: 'text', text: 'Chữ lớn: HỘ CHIẾU PHỔ THÔNG', size: 'large', bold: true },
        { t: 'rule' },
        { t: 'code128', data: 'EA123456785VN' },
        { t: 'text', text: 'EA 1234 5678 5 VN', align: 'center', bold: true },
        { t: 'qr', data: 'https://example.invalid/tra-cuu?ma=EA123456785VN' },
        { t: 'text', text: '14:35 10/03/2026', align: 'center', size: 'small' },
        { t: 'text', text: 'Nếu mọi dấu thanh rõ ràng, máy in đạt yêu cầu.', align: 'center', size: 'small' },
      ],
    });
  });
});

describe('recovery code sheet', () => {
  const code = Array.from({ length: 14 }, (_, i) => `G${String(i + 1).padStart(3, '0')}`).join('-');
  it('the 14 groups three to a line, each line numbered by its first group, between the warnings and the signatures', () => {
    const doc = recoveryCodeSheet({ header: { office: 'Bưu điện tỉnh Sơn La', branch: 'Bưu cục 1' }, at: T0, counter: { id: 'Q-01', name: 'Quầy 1', branchName: 'Bưu cục 1' }, code, by: 'Kỹ thuật tỉnh' });
    const line = (text: string): Block => ({ t: 'text', text, size: 'large', bold: true });
    expect(doc).toEqual({
      kind: 'recovery_code',
      title: 'Mã khôi phục dữ liệu Q-01',
      ref: 'Q-01',
      blocks: [
        ORG,
        OFFICE,
        { t: 'text', text: 'Bưu cục 1', align: 'center' },
        { t: 'rule' },
        { t: 'text', text: 'MÃ KHÔI PHỤC DỮ LIỆU', align: 'center', size: 'title', bold: true },
        { t: 'text', text: 'Bưu cục 1 — Quầy 1 (Q-01)', align: 'center' },
        { t: 'text', text: '14:35 10/03/2026', align: 'center', size: 'small' },
        { t: 'rule' },
        line('01  G001 G002 G003'),
        line('04  G004 G005 G006'),
        line('07  G007 G008 G009'),
        line('10  G010 G011 G012'),
        line('13  G013 G014'),
        { t: 'rule' },
        { t: 'text', text: 'Dùng khi máy quầy hỏng: bộ phận CNTT khôi phục bản sao lưu trên máy mới bằng mã này.', size: 'small' },
        { t: 'text', text: 'Cho vào phong bì dán kín, trưởng bưu cục cất trong tủ khoá; không để tại quầy, không chụp ảnh, không gửi qua mạng.', size: 'small' },
        { t: 'text', text: 'Ai có mã này và bản sao lưu thì đọc được dữ liệu công dân.', size: 'small', bold: true },
        { t: 'signatures', left: 'Trưởng bưu cục', right: 'Người cài đặt', rightName: 'Kỹ thuật tỉnh' },
      ],
    });
  });
  it('a code of exactly three groups is one line; of four, two', () => {
    const lines = (c: string): string[] =>
      recoveryCodeSheet({ header: { office: 'X' }, at: T0, counter: { id: 'Q', name: 'Q', branchName: 'B' }, code: c, by: 'K' }).blocks.flatMap((b) => (b.t === 'text' && b.size === 'large' ? [b.text] : []));
    expect(lines('AAAA-BBBB-CCCC')).toEqual(['01  AAAA BBBB CCCC']);
    expect(lines('AAAA-BBBB-CCCC-DDDD')).toEqual(['01  AAAA BBBB CCCC', '04  DDDD']);
  });
});
