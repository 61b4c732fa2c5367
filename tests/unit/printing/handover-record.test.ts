/** Issue #16 defect 6: the A4 handover record named the office twice ("…Sơn La, …Sơn La"). */
import { describe, expect, it } from 'vitest';
import { handoverRecordHtml, postalParty } from '../../../src/main/printing/a4';
import { handoverRecordModel } from '../../fixtures/printing/samples';

const OFFICE = 'Bưu điện Thành phố Sơn La';
const count = (s: string, sub: string) => s.split(sub).length - 1;

describe('the postal party of the handover record', () => {
  it('names the office once when the office and branch are the same and the title names it too', () => {
    const m = { ...handoverRecordModel, header: { office: OFFICE, branch: OFFICE }, postal: { name: 'Nguyễn Thị Lan', title: `Giao dịch viên, ${OFFICE}` } };
    expect(postalParty(m)).toBe(`Nguyễn Thị Lan – Giao dịch viên, ${OFFICE}`);
    const html = handoverRecordHtml(m);
    const para = /<p><span class="b">Bên giao \(bưu điện\):<\/span>[^<]*<\/p>/.exec(html)![0];
    expect(count(para, OFFICE)).toBe(1);
    // The header shows the office once too (upper case) rather than the same name twice.
    expect(count(html, `<div class="b">${OFFICE}</div>`)).toBe(0);
  });

  it('adds the office after a title that does not name it', () => {
    expect(postalParty({ header: { office: 'Bưu điện tỉnh Sơn La', branch: OFFICE }, postal: { name: 'Lò Văn Điệp', title: 'Giao dịch viên' } })).toBe(`Lò Văn Điệp – Giao dịch viên, ${OFFICE}`);
  });
});
