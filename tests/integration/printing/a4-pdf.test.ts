import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { handoverRecordHtml } from '../../../src/main/printing/a4';
import { htmlToPdf } from '../../../src/main/printing/a4-chromium';
import { handoverRecordModel } from '../../fixtures/printing/samples';

describe('A4 handover record (biên bản giao nhận hồ sơ) in Chromium', () => {
  it('renders to a PDF whose text carries every dossier, completeness, originals/copies, total and signatures', async () => {
    const pdf = await htmlToPdf(handoverRecordHtml(handoverRecordModel));
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text, totalPages } = await extractText(await getDocumentProxy(pdf), { mergePages: true });
    const t = text.normalize('NFC').replace(/\s+/g, ' ');
    expect(totalPages).toBe(1);
    for (const s of [
      'BIÊN BẢN GIAO NHẬN HỒ SƠ',
      'Số: BBGN-STP-20260310-01',
      'Sở Tư pháp tỉnh Sơn La',
      'EA 1234 5678 5 VN',
      'EB 0000 0001 4 VN',
      'EA 0000 0011 3 VN',
      'Nguyễn Thị Hồng Nhung',
      'Chưa đủ',
      '3 hồ sơ (2 hồ sơ đầy đủ, 1 hồ sơ chưa đầy đủ)',
      '300.000 ₫',
      'Ba trăm nghìn đồng',
      'ĐẠI DIỆN BÊN GIAO',
      'ĐẠI DIỆN BÊN NHẬN',
      '14:35 10/03/2026',
    ]) expect(t).toContain(s);
  });

  it('escapes HTML in names', () => {
    const html = handoverRecordHtml({ ...handoverRecordModel, dossiers: [{ ...handoverRecordModel.dossiers[0]!, citizen: '<script>x</script>' }] });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&lt;script&gt;');
  });
});
