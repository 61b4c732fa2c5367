/**
 * The print models block by block: what each slip says, in which order and style, and which lines
 * appear only when the model has the data (both sides of every condition). The rendering of these
 * blocks to dots and ESC/POS is tested in escpos/raster tests.
 */
import { describe, expect, it } from 'vitest';
import { deliveryModel, feeModel, handoverModel, intakeModel, missingModel, NB, SAMPLE_HEADER_BLOCKS, sampleFooterBlocks, T0 } from '../../fixtures/printing/samples';
import { deliveryList, feeReceipt, handoverSlip, intakeReceipt, missingDocuments, testPage, type PrintDocument } from '../../../src/shared/print-model';

const header = SAMPLE_HEADER_BLOCKS;
const footer = sampleFooterBlocks;
const labels = (doc: PrintDocument): string[] => doc.blocks.flatMap((b) => (b.t === 'kv' ? [b.label] : []));

describe('header', () => {
  it('has the branch and address lines only when given', () => {
    const doc = missingDocuments({ ...missingModel, header: { office: 'Bưu điện tỉnh Sơn La' } });
    expect(doc.blocks.slice(0, 3)).toEqual([header[0], header[1], { t: 'rule' }]);
  });
});

describe('intake receipt', () => {
  it('prints every sender line it has, and none it has not', () => {
    const full = labels(intakeReceipt({ ...intakeModel, sender: { ...intakeModel.sender, onBehalfOf: 'Nguyễn Văn A' } }));
    expect(full.slice(0, 5)).toEqual(['Người gửi', 'Gửi thay cho', 'Giấy tờ tùy thân', 'Điện thoại', 'Địa chỉ']);
    const bare = labels(intakeReceipt({ ...intakeModel, sender: { name: 'Nguyễn Văn A' } }));
    expect(bare.slice(0, 2)).toEqual(['Người gửi', 'Thủ tục']);
  });
  it('lists the papers with a dash for none, totals the money and reads it in words', () => {
    const doc = intakeReceipt(intakeModel);
    expect(doc.blocks.find((b) => b.t === 'table')).toEqual({
      t: 'table',
      size: 'small',
      columns: [
        { header: 'Tên giấy tờ', width: 0.62 },
        { header: 'Chính', width: 0.19, align: 'center' },
        { header: 'Sao', width: 0.19, align: 'center' },
      ],
      rows: [
        ['1. Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu 03/2013/TT-LLTP)', '1', '–'],
        ['2. Căn cước công dân', '–', '1'],
        ['3. Giấy xác nhận thường trú', '–', '2'],
      ],
    });
    expect(doc.blocks).toContainEqual({ t: 'kv', label: 'TỔNG CỘNG', value: '226.000 ₫', bold: true, size: 'large' });
    expect(doc.blocks).toContainEqual({ t: 'text', text: 'Bằng chữ: Hai trăm hai mươi sáu nghìn đồng.', size: 'small' });
    expect(doc.blocks).toContainEqual({ t: 'kv', label: 'Dự kiến trả kết quả', value: '27/03/2026' });
    expect(doc).toMatchObject({ kind: 'intake_receipt', title: `Phiếu tiếp nhận EA 1234 5678 5 VN`, ref: 'EA123456785VN' });
    expect(doc.blocks.slice(0, 5)).toEqual(header);
    expect(doc.blocks.slice(-6)).toEqual([...footer('Lò Văn Điệp', 'Quầy 02 – HCC Sơn La'), { t: 'text', text: 'Vui lòng giữ phiếu này để nhận kết quả.', align: 'center', size: 'small' }]);
  });
});

describe('fee receipt', () => {
  it('full', () => {
    const doc = feeReceipt(feeModel);
    expect(doc).toEqual({
      kind: 'fee_receipt',
      title: 'Biên lai BL-0002-000145',
      ref: 'EA123456785VN',
      drawer: true,
      blocks: [
        ...header,
        { t: 'text', text: 'BIÊN LAI THU PHÍ, LỆ PHÍ', align: 'center', size: 'title', bold: true },
        { t: 'text', text: 'Số: BL-0002-000145', align: 'center' },
        { t: 'text', text: 'Thu hộ: Sở Tư pháp tỉnh Sơn La', align: 'center', size: 'small' },
        { t: 'rule', style: 'dashed' },
        { t: 'kv', label: 'Người nộp', value: 'Nguyễn Thị Hồng Nhung', bold: true },
        { t: 'kv', label: 'Địa chỉ', value: 'Bản Hụm, xã Chiềng Ngần, tỉnh Sơn La' },
        { t: 'kv', label: 'Số hiệu hồ sơ', value: `EA${NB}1234${NB}5678${NB}5${NB}VN` },
        { t: 'rule', style: 'dashed' },
        { t: 'kv', label: 'Phí cấp Phiếu lý lịch tư pháp', value: '200.000 ₫' },
        { t: 'kv', label: 'Cước chuyển phát hồ sơ và kết quả', value: '26.000 ₫' },
        { t: 'kv', label: 'TỔNG CỘNG', value: '226.000 ₫', bold: true, size: 'large' },
        { t: 'text', text: 'Bằng chữ: Hai trăm hai mươi sáu nghìn đồng.', size: 'small' },
        { t: 'kv', label: 'Hình thức thanh toán', value: 'Tiền mặt' },
        { t: 'signatures', left: 'Người nộp tiền', right: 'Người thu tiền', rightName: 'Lò Văn Điệp' },
        ...footer('Lò Văn Điệp', 'Quầy 02'),
      ],
    });
  });
  it('without address, dossier or drawer: no such lines, the receipt number as reference, the drawer shut', () => {
    const { payerAddress: _a, itemNumber: _i, drawer: _d, ...bare } = feeModel;
    const doc = feeReceipt(bare);
    expect(labels(doc).slice(0, 2)).toEqual(['Người nộp', 'Phí cấp Phiếu lý lịch tư pháp']);
    expect(doc.ref).toBe('BL-0002-000145');
    expect(doc.drawer).toBe(false);
  });
});

describe('missing documents', () => {
  it('lists each paper with its form and note', () => {
    expect(missingDocuments(missingModel)).toEqual({
      kind: 'missing_documents',
      title: 'Giấy tờ cần bổ sung – Cầm Thị Xuân',
      blocks: [
        ...header,
        { t: 'text', text: 'DANH MỤC GIẤY TỜ CẦN BỔ SUNG', align: 'center', size: 'title', bold: true },
        { t: 'kv', label: 'Công dân', value: 'Cầm Thị Xuân', bold: true },
        { t: 'kv', label: 'Thủ tục', value: 'Cấp đổi giấy phép lái xe' },
        { t: 'kv', label: 'Cơ quan giải quyết', value: 'Công an tỉnh Sơn La' },
        { t: 'rule', style: 'dashed' },
        { t: 'text', text: 'Xin mang theo các giấy tờ sau:', bold: true },
        { t: 'text', text: '1. Giấy khám sức khỏe của người lái xe — 1 bản chính' },
        { t: 'text', text: 'Do cơ sở y tế có thẩm quyền cấp, còn thời hạn', size: 'small', indent: 24 },
        { t: 'text', text: '2. Giấy phép lái xe cũ — 1 bản sao' },
        { t: 'rule', style: 'dashed' },
        { t: 'text', text: 'Danh mục theo đúng thủ tục đã công bố; bưu điện không yêu cầu thêm giấy tờ ngoài danh mục.', size: 'small' },
        ...footer('Lò Văn Điệp', 'Quầy 02'),
      ],
    });
  });
});

describe('handover slip', () => {
  it('full: identity, proxy, results, reclaimed papers and the fee collected', () => {
    const doc = handoverSlip({ ...handoverModel, proxy: 'Quàng Thị Lan (GUQ 12/2026)', feeCollected: 135_000 });
    expect(doc).toEqual({
      kind: 'handover_slip',
      title: 'Bàn giao kết quả EB 0000 0001 4 VN',
      ref: 'EB000000014VN',
      blocks: [
        ...header,
        { t: 'text', text: 'PHIẾU BÀN GIAO KẾT QUẢ', align: 'center', size: 'title', bold: true },
        { t: 'code128', data: 'EB000000014VN' },
        { t: 'text', text: `EB${NB}0000${NB}0001${NB}4${NB}VN`, align: 'center', size: 'large', bold: true },
        { t: 'rule', style: 'dashed' },
        { t: 'kv', label: 'Người nhận', value: 'Quàng Văn Khánh', bold: true },
        { t: 'kv', label: 'Giấy tờ tùy thân', value: 'CCCD ••••••••5678' },
        { t: 'kv', label: 'Nhận thay (ủy quyền)', value: 'Quàng Thị Lan (GUQ 12/2026)' },
        { t: 'kv', label: 'Thủ tục', value: 'Cấp đổi giấy phép lái xe' },
        { t: 'kv', label: 'Cơ quan trả kết quả', value: 'Công an tỉnh Sơn La' },
        { t: 'text', text: 'Kết quả bàn giao', bold: true },
        { t: 'kv', label: '1. Giấy phép lái xe hạng B', value: '1 bản' },
        { t: 'text', text: 'Giấy tờ cũ thu hồi', bold: true },
        { t: 'kv', label: '1. Giấy phép lái xe cũ', value: '1 bản' },
        { t: 'kv', label: 'Đã thu', value: '135.000 ₫', bold: true },
        { t: 'text', text: 'Bằng chữ: Một trăm ba mươi lăm nghìn đồng.', size: 'small' },
        { t: 'signatures', left: 'Người nhận', right: 'Nhân viên bưu điện', leftName: 'Quàng Văn Khánh', rightName: 'Lò Văn Điệp' },
        ...footer('Lò Văn Điệp', 'Quầy 02'),
      ],
    });
  });
  it('bare: no identity line, no proxy, nothing reclaimed (none or an empty list), nothing collected (none or 0)', () => {
    const { recipientIdMasked: _m, reclaimed: _r, feeCollected: _f, ...bare } = handoverModel;
    const expected = ['Người nhận', 'Thủ tục', 'Cơ quan trả kết quả', '1. Giấy phép lái xe hạng B', 'Giao dịch viên', 'Quầy', 'Thời gian'];
    expect(labels(handoverSlip(bare))).toEqual(expected);
    const empty = handoverSlip({ ...bare, reclaimed: [], feeCollected: 0 });
    expect(labels(empty)).toEqual(expected);
    expect(empty.blocks.filter((b) => b.t === 'text').map((b) => (b as { text: string }).text)).not.toContain('Giấy tờ cũ thu hồi');
  });
});

describe('delivery list', () => {
  it('one entry per item, collect-on-delivery lines and total only where due', () => {
    expect(deliveryList(deliveryModel)).toEqual({
      kind: 'delivery_list',
      title: 'Danh sách phát DSP-20260310-03',
      ref: 'DSP-20260310-03',
      blocks: [
        ...header,
        { t: 'text', text: 'DANH SÁCH PHÁT KẾT QUẢ', align: 'center', size: 'title', bold: true },
        { t: 'kv', label: 'Số danh sách', value: 'DSP-20260310-03' },
        { t: 'kv', label: 'Ngày', value: '10/03/2026' },
        { t: 'kv', label: 'Bưu tá', value: 'Hà Văn Thắng', bold: true },
        { t: 'kv', label: 'Tuyến phát', value: 'Tuyến 3 – Chiềng Ngần, Chiềng Xôm' },
        { t: 'rule' },
        { t: 'text', text: `1. EA${NB}1234${NB}5678${NB}5${NB}VN`, bold: true },
        { t: 'text', text: `Nguyễn Thị Hồng Nhung – 0912${NB}345${NB}678` },
        { t: 'text', text: 'Bản Hụm, xã Chiềng Ngần', size: 'small' },
        { t: 'text', text: 'Ký nhận: ………………  Lý do chưa phát: ………', size: 'small' },
        { t: 'rule', style: 'dashed' },
        { t: 'text', text: `2. EB${NB}0000${NB}0001${NB}4${NB}VN`, bold: true },
        { t: 'text', text: 'Lường Văn Sơn' },
        { t: 'text', text: 'Tổ 5, phường Chiềng An', size: 'small' },
        { t: 'kv', label: 'Thu hộ', value: '135.000 ₫', size: 'small' },
        { t: 'text', text: 'Ký nhận: ………………  Lý do chưa phát: ………', size: 'small' },
        { t: 'rule', style: 'dashed' },
        { t: 'kv', label: 'Tổng số bưu gửi', value: '2', bold: true },
        { t: 'kv', label: 'Tổng tiền thu hộ', value: '135.000 ₫', bold: true },
        { t: 'signatures', left: 'Người giao', right: 'Bưu tá', rightName: 'Hà Văn Thắng' },
      ],
    });
  });
  it('adds up every amount due, and none that is zero', () => {
    const items = [
      { itemNumber: 'EA123456785VN', recipient: 'A', address: 'X', cod: 100_000 },
      { itemNumber: 'EB000000014VN', recipient: 'B', address: 'Y', cod: 35_000 },
      { itemNumber: 'EA000000113VN', recipient: 'C', address: 'Z', cod: 0 },
    ];
    const doc = deliveryList({ ...deliveryModel, items });
    expect(labels(doc).filter((l) => l === 'Thu hộ')).toHaveLength(2);
    expect(doc.blocks).toContainEqual({ t: 'kv', label: 'Tổng tiền thu hộ', value: '135.000 ₫', bold: true });
  });
});

describe('test page', () => {
  it('names the printer and paper, shows every vowel with every tone, three per line, and the time', () => {
    const doc = testPage({ printerName: 'XP-80', profileId: 'xprinter-80', widthMm: 80, dots: 576, at: T0 });
    expect(doc.kind).toBe('test_page');
    expect(doc.title).toBe('Trang in thử – XP-80');
    const texts = doc.blocks.flatMap((b) => (b.t === 'text' ? [b.text] : []));
    expect(texts.slice(0, 8)).toEqual([
      'TRANG IN THỬ',
      'XP-80 (xprinter-80)',
      'Khổ giấy 80 mm – 576 điểm/dòng',
      'Chữ thường:',
      'aàáảãạ  ăằắẳẵặ  âầấẩẫậ',
      'eèéẻẽẹ  êềếểễệ  iìíỉĩị',
      'oòóỏõọ  ôồốổỗộ  ơờớởỡợ',
      'uùúủũụ  ưừứửữự  yỳýỷỹỵ',
    ]);
    expect(texts.slice(8, 13)).toEqual(['Chữ hoa:', 'AÀÁẢÃẠ  ĂẰẮẲẴẶ  ÂẦẤẨẪẬ', 'EÈÉẺẼẸ  ÊỀẾỂỄỆ  IÌÍỈĨỊ', 'OÒÓỎÕỌ  ÔỒỐỔỖỘ  ƠỜỚỞỠỢ', 'UÙÚỦŨỤ  ƯỪỨỬỮỰ  YỲÝỶỸỴ']);
    expect(doc.blocks).toContainEqual({ t: 'ruler' });
    expect(doc.blocks).toContainEqual({ t: 'text', text: '14:35 10/03/2026', align: 'center', size: 'small' });
  });
});
