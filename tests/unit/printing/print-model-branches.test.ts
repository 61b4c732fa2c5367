/**
 * The print models' optional parts and emphasis (src/shared/print-model.ts): the personal-data notice,
 * a cancelled or reissued fee receipt, a zero fee or cash on delivery, and the bold lines of the slips.
 */
import { describe, expect, it } from 'vitest';
import { deliveryModel, feeModel, handoverModel, intakeModel } from '../../fixtures/printing/samples';
import { deliveryList, feeReceipt, handoverSlip, intakeReceipt, testPage, VIETNAMESE_VOWELS_UPPER, type Block, type PrintDocument } from '../../../src/shared/print-model';

const texts = (doc: PrintDocument): string[] => doc.blocks.flatMap((b) => (b.t === 'text' ? [b.text] : []));
const block = (doc: PrintDocument, text: string): Block | undefined => doc.blocks.find((b) => (b.t === 'text' && b.text === text) || (b.t === 'kv' && b.label === text));

describe('intake receipt', () => {
  it('prints the personal-data notice under its heading only when there is one', () => {
    const doc = intakeReceipt({ ...intakeModel, notice: ['Dòng một.', 'Dòng hai.'] });
    const t = texts(doc);
    expect(t.slice(t.indexOf('Dữ liệu cá nhân'), t.indexOf('Dữ liệu cá nhân') + 3)).toEqual(['Dữ liệu cá nhân', 'Dòng một.', 'Dòng hai.']);
    expect(block(doc, 'Dữ liệu cá nhân')).toEqual({ t: 'text', text: 'Dữ liệu cá nhân', size: 'small', bold: true });
    expect(texts(intakeReceipt({ ...intakeModel, notice: [] }))).not.toContain('Dữ liệu cá nhân');
    expect(texts(intakeReceipt(intakeModel))).not.toContain('Dữ liệu cá nhân');
  });
  it('the title, the item number, the sender and the papers heading are bold', () => {
    const doc = intakeReceipt(intakeModel);
    expect(block(doc, 'PHIẾU TIẾP NHẬN HỒ SƠ')).toMatchObject({ bold: true, size: 'title' });
    expect(block(doc, 'EA\u00a01234\u00a05678\u00a05\u00a0VN')).toMatchObject({ bold: true, size: 'large' });
    expect(block(doc, 'Người gửi')).toMatchObject({ bold: true });
    expect(block(doc, 'Thành phần hồ sơ')).toMatchObject({ bold: true });
  });
});

describe('fee receipt', () => {
  it('a cancelled receipt says so at the top, with what replaced it when something did', () => {
    const doc = feeReceipt({ ...feeModel, cancelled: { at: feeModel.issuedAt, reason: 'Sai tên người nộp', replacedBy: 'BL-0002-000146' } });
    expect(block(doc, '*** HỦY ***')).toEqual({ t: 'text', text: '*** HỦY ***', align: 'center', size: 'title', bold: true });
    expect(texts(doc)).toContain('Đã hủy lúc 14:35 10/03/2026. Lý do: Sai tên người nộp');
    expect(texts(doc)).toContain('Thay bằng biên lai số BL-0002-000146');
    const alone = feeReceipt({ ...feeModel, cancelled: { at: feeModel.issuedAt, reason: 'Khách không nộp', replacedBy: null } });
    expect(texts(alone)).toContain('*** HỦY ***');
    expect(texts(alone).some((t) => t.startsWith('Thay bằng'))).toBe(false);
    expect(texts(feeReceipt(feeModel))).not.toContain('*** HỦY ***');
  });
  it('a reissued receipt names the one it replaces', () => {
    expect(texts(feeReceipt({ ...feeModel, replaces: 'BL-0002-000140' }))).toContain('Thay cho biên lai số BL-0002-000140 (đã hủy)');
    expect(texts(feeReceipt(feeModel)).some((t) => t.startsWith('Thay cho'))).toBe(false);
  });
});

describe('handover slip and delivery list', () => {
  it('a fee collected is printed only when above zero', () => {
    const paid = handoverSlip({ ...handoverModel, feeCollected: 15_000 });
    expect(block(paid, 'Đã thu')).toEqual({ t: 'kv', label: 'Đã thu', value: '15.000 ₫', bold: true });
    expect(block(handoverSlip({ ...handoverModel, feeCollected: 0 }), 'Đã thu')).toBeUndefined();
  });
  it('cash on delivery is printed and totalled only when above zero', () => {
    const items = [
      { itemNumber: 'EA123456785VN', recipient: 'A', address: 'X', cod: 0 },
      { itemNumber: 'EB000000014VN', recipient: 'B', address: 'Y', cod: 20_000 },
    ];
    const doc = deliveryList({ ...deliveryModel, items });
    expect(doc.blocks.filter((b) => b.t === 'kv' && b.label === 'Thu hộ')).toHaveLength(1);
    expect(block(doc, 'Tổng tiền thu hộ')).toMatchObject({ value: '20.000 ₫' });
  });
});

describe('test page', () => {
  it('prints every upper-case vowel row once, three to a line, with its bold headings', () => {
    const doc = testPage({ printerName: 'P', profileId: 'x', widthMm: 80, dots: 576, at: Date.UTC(2026, 2, 10, 7, 35) });
    const t = texts(doc);
    const upper = t.slice(t.indexOf('Chữ hoa:') + 1, t.indexOf('Chữ hoa:') + 1 + VIETNAMESE_VOWELS_UPPER.length / 3);
    expect(upper.join('  ').split('  ')).toEqual(VIETNAMESE_VOWELS_UPPER);
    expect(t[t.indexOf('Chữ hoa:') + 1 + VIETNAMESE_VOWELS_UPPER.length / 3]).toBe('đ Đ – Đường Điện Biên Phủ, phường Tô Hiệu');
    for (const heading of ['TRANG IN THỬ', 'Chữ thường:', 'Chữ hoa:', 'đ Đ – Đường Điện Biên Phủ, phường Tô Hiệu', 'Chữ lớn: HỘ CHIẾU PHỔ THÔNG', 'EA 1234 5678 5 VN']) {
      expect(block(doc, heading), heading).toMatchObject({ bold: true });
    }
  });
});
