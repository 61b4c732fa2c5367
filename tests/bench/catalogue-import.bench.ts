/**
 * catalogue_import_s: reading and checking a 2,000-procedure catalogue spreadsheet (three sheets,
 * about 6,000 document rows and 2,000+ fee rows) into a catalogue — what the console's "check" does
 * before anything can be published (src/hub/console-api/catalogue-xlsx.ts). Goal ≤ 3 s. The workbook
 * is written from the shipped sample, its procedures repeated under new codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogueSchema } from '../../src/shared/catalogue';
import { readCatalogueXlsx, writeCatalogueXlsx } from '../../src/hub/console-api/catalogue-xlsx';
import type { Bench } from './run';

const bench: Bench = async ({ quick }) => {
  const n = quick ? 500 : 2000;
  const sample = CatalogueSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../resources/reference/catalogue-son-la.sample.json'), 'utf8')));
  const procedures = Array.from({ length: n }, (_, i) => ({ ...sample.procedures[i % sample.procedures.length]!, code: `TT-${String(i + 1).padStart(5, '0')}` }));
  const xlsx = await writeCatalogueXlsx({ ...sample, procedures });
  const runs: number[] = [];
  for (let k = 0; k < (quick ? 1 : 3); k++) {
    const t0 = performance.now();
    const r = await readCatalogueXlsx(xlsx, sample, 'bench');
    runs.push((performance.now() - t0) / 1000);
    if (!r.catalogue || r.catalogue.procedures.length !== n) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
  runs.sort((a, b) => a - b);
  return [{ metric: 'catalogue_import_s', procedures: n, bytes: xlsx.length, value: Number(runs[Math.floor(runs.length / 2)]!.toFixed(3)), goal: 3 }];
};

export default bench;
