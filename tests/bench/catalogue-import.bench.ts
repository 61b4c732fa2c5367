/**
 * catalogue_import_s: reading and checking a 2,000-procedure catalogue spreadsheet (three sheets,
 * about 6,000 document rows and 2,000+ fee rows) into a catalogue — what the console's "check" does
 * before anything can be published (src/hub/console-api/catalogue-xlsx.ts). Goal ≤ 3 s. The workbook
 * is written from the shipped sample, its procedures repeated under new codes.
 *
 * The machine is shared and loaded, so each figure comes with its CPU time (process.cpuUsage) and the
 * 1-minute load average, and with a baseline measured in the same run, interleaved with the import:
 * exceljs's whole-workbook load of the same bytes (`Workbook.xlsx.load`, what the reader did before
 * it streamed), so `import_vs_model_load` compares the two under the same load.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CatalogueSchema } from '../../src/shared/catalogue';
import { readCatalogueXlsx, writeCatalogueXlsx } from '../../src/hub/console-api/catalogue-xlsx';
import type { Bench } from './run';

async function timed(run: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r3 = (x: number): number => Number(x.toFixed(3));

const bench: Bench = async ({ quick }) => {
  const n = quick ? 500 : 2000;
  const sample = CatalogueSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../resources/reference/catalogue-son-la.sample.json'), 'utf8')));
  const procedures = Array.from({ length: n }, (_, i) => ({ ...sample.procedures[i % sample.procedures.length]!, code: `TT-${String(i + 1).padStart(5, '0')}` }));
  const xlsx = await writeCatalogueXlsx({ ...sample, procedures });
  const imports: { wall: number; cpu: number }[] = [];
  const baselines: { wall: number; cpu: number }[] = [];
  const loads: number[] = [];
  for (let k = 0; k < (quick ? 1 : 5); k++) {
    loads.push(loadavg()[0]!);
    imports.push(
      await timed(async () => {
        const r = await readCatalogueXlsx(xlsx, sample, 'bench');
        if (!r.catalogue || r.catalogue.procedures.length !== n) throw new Error(`import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
      }),
    );
    baselines.push(
      await timed(async () => {
        await new ExcelJS.Workbook().xlsx.load(xlsx as unknown as ExcelJS.Buffer);
      }),
    );
  }
  const wall = median(imports.map((x) => x.wall));
  const base = median(baselines.map((x) => x.wall));
  return [
    {
      metric: 'catalogue_import_s',
      procedures: n,
      bytes: xlsx.length,
      value: r3(wall),
      cpu_s: r3(median(imports.map((x) => x.cpu))),
      baseline_model_load_s: r3(base),
      baseline_model_load_cpu_s: r3(median(baselines.map((x) => x.cpu))),
      import_vs_model_load: r3(wall / base),
      load_avg_1m: Math.round(median(loads) * 10) / 10,
      goal: 3,
    },
  ];
};

export default bench;
