/**
 * The catalogue spreadsheet reader (streaming, table-driven): a round trip gives back the same
 * catalogue; bytes that are not an XLSX (empty, truncated, not a zip) are refused with one Vietnamese
 * problem and never hang; a missing sheet and a child row naming an unknown procedure are reported
 * by sheet, row and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCatalogueXlsx, writeCatalogueXlsx } from '../../../src/hub/console-api/catalogue-xlsx';
import { CatalogueSchema } from '../../../src/shared/catalogue';

const sample = CatalogueSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../resources/reference/catalogue-son-la.sample.json'), 'utf8')));
const UNREADABLE = [{ sheet: '', row: 0, column: '', message: 'Tệp không phải bảng tính XLSX đọc được.' }];

describe('catalogue XLSX reader', () => {
  it('round trip: the written workbook reads back to the same catalogue', async () => {
    const r = await readCatalogueXlsx(await writeCatalogueXlsx(sample), sample, sample.version);
    expect(r.problems).toEqual([]);
    expect(r.catalogue).toEqual(sample);
  });

  it('refuses what is not an XLSX, empty and truncated included, without hanging', async () => {
    const good = await writeCatalogueXlsx(sample);
    for (const bytes of [Buffer.alloc(0), Buffer.from('không phải bảng tính'), good.subarray(0, 40), good.subarray(0, Math.floor(good.length / 2))]) {
      expect((await readCatalogueXlsx(bytes, sample, 'x')).problems).toEqual(UNREADABLE);
    }
  });

  it('a missing sheet, and documents and fees of an unknown procedure, by sheet, row and column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeCatalogueXlsx(sample)) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('thanh_phan_ho_so')!.getCell('A3').value = 'KHONG-CO';
    wb.getWorksheet('le_phi')!.getCell('A2').value = 'KHONG-CO';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await readCatalogueXlsx(broken, sample, 'x');
    expect(r.catalogue).toBeUndefined();
    expect(r.problems).toEqual([
      { sheet: 'thanh_phan_ho_so', row: 3, column: 'A (Mã thủ tục)', message: 'Không có thủ tục mã KHONG-CO ở trang thu_tuc.' },
      { sheet: 'le_phi', row: 2, column: 'A (Mã thủ tục)', message: 'Không có thủ tục mã KHONG-CO ở trang thu_tuc.' },
    ]);
    wb.removeWorksheet(wb.getWorksheet('le_phi')!.id);
    const noFees = await readCatalogueXlsx(Buffer.from(await wb.xlsx.writeBuffer()), sample, 'x');
    expect(noFees.problems).toEqual([{ sheet: 'le_phi', row: 0, column: '', message: 'Thiếu trang "le_phi" (xem tệp mẫu).' }]);
  });
});
