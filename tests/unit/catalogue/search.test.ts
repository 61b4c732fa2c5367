/**
 * The aliases make the sample catalogue findable the way clerks type: abbreviations and plain
 * phrases without marks. A deliberately simple search (fold both sides with the shared foldVi,
 * rank exact alias > alias prefix > substring of alias/name) must put the intended procedure in
 * the top 3. Anything the real combobox does beyond that can only rank better.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateCatalogue, type Catalogue, type Procedure } from '../../../src/shared/catalogue';
import { foldVi } from '../../../src/shared/text';
import { sampleJson } from './helpers';

function search(c: Catalogue, query: string): Procedure[] {
  const q = foldVi(query);
  if (q === '') return [];
  const scored: Array<{ p: Procedure; score: number; i: number }> = [];
  c.procedures.forEach((p, i) => {
    const aliases = p.aliases.map(foldVi);
    const name = foldVi(p.name);
    let score = 0;
    if (aliases.includes(q)) score = 100;
    else if (aliases.some((a) => a.startsWith(q))) score = 80;
    else if (name.startsWith(q)) score = 70;
    else if (aliases.some((a) => a.includes(q))) score = 60;
    else if (name.includes(q)) score = 50;
    else if (foldVi(p.field).includes(q)) score = 10;
    if (score > 0) scored.push({ p, score, i });
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.p);
}

// Built in beforeAll, not at collection (a mutant that throws must fail tests, not the file).
let catalogue: Catalogue;
beforeAll(() => {
  const r = validateCatalogue(sampleJson());
  if (!r.ok) throw new Error(r.message);
  catalogue = r.value;
});

const top3 = (q: string): string[] => search(catalogue, q).slice(0, 3).map((p) => p.code);

describe('the clerk finds the procedure by what they type', () => {
  it.each([
    ['gplx', 'GT-GPLX-01'],
    ['GPLX', 'GT-GPLX-01'],
    ['doi bang lai', 'GT-GPLX-01'],
    ['đổi bằng lái', 'GT-GPLX-01'],
    ['giay phep lai xe', 'GT-GPLX-01'],
    ['ly lich tu phap', 'TP-LLTP-01'],
    ['Lý lịch tư pháp', 'TP-LLTP-01'],
    ['lltp', 'TP-LLTP-01'],
    ['lltp so 2', 'TP-LLTP-02'],
    ['so bhxh', 'BHXH-SO-01'],
    ['sổ BHXH', 'BHXH-SO-01'],
    ['tk1-ts', 'BHXH-SO-01'],
    ['ho chieu', 'CA-HC-02'],
    ['hộ chiếu', 'CA-HC-01'],
    ['mat ho chieu', 'CA-HC-03'],
    ['the bhyt', 'BHXH-BHYT-01'],
    ['khai sinh', 'TP-HT-01'],
    ['trich luc', 'TP-HT-04'],
    ['so do', 'DD-CD-01'],
    ['sang ten', 'DD-BD-01'],
    ['ho kinh doanh', 'KD-HKD-01'],
    ['that nghiep', 'LD-TCTN-01'],
    ['giay phep lao dong', 'LD-GPLD-01'],
    ['thuong tru', 'CA-CT-01'],
    ['cccd', 'CA-CC-01'],
    ['ban sao bang', 'GD-VB-01'],
  ])('%s → %s in the top 3', (query, code) => {
    expect(top3(query)).toContain(code);
  });

  it('"ho chieu" lists only passport procedures first', () => {
    const top = search(catalogue, 'ho chieu').slice(0, 3);
    expect(top.map((p) => p.field)).toEqual(['Xuất nhập cảnh', 'Xuất nhập cảnh', 'Xuất nhập cảnh']);
  });

  it('"gplx" and "doi bang lai" put the exchange first, not the lost-licence re-issue', () => {
    expect(top3('gplx')[0]).toBe('GT-GPLX-01');
    expect(top3('doi bang lai')[0]).toBe('GT-GPLX-01');
    expect(top3('mat bang lai')[0]).toBe('GT-GPLX-02');
  });

  it('finds nothing for nonsense, so the clerk is not misled', () => {
    expect(search(catalogue, 'xyzzy')).toEqual([]);
    expect(search(catalogue, '   ')).toEqual([]);
  });

  it('every alias finds its own procedure in the top 3', () => {
    const misses: string[] = [];
    for (const p of catalogue.procedures) {
      for (const a of p.aliases) if (!top3(a).includes(p.code)) misses.push(`${a} → ${p.code} (got ${top3(a).join(', ')})`);
    }
    expect(misses).toEqual([]);
  });
});
