/**
 * `npm run bench [-- --quick]`: runs every tests/bench/*.bench.ts module in turn and prints one JSON
 * object per line with flat fields. Each module default-exports
 * `(opts: { quick: boolean }) => Promise<Record<string, number | string | boolean>[]>`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchOptions {
  quick: boolean;
}
export type BenchRow = Record<string, number | string | boolean>;
export type Bench = (opts: BenchOptions) => Promise<BenchRow[]>;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const here = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let failed = false;
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
    try {
      const rows = await mod.default({ quick });
      for (const row of rows) console.log(JSON.stringify({ bench: file.replace(/\.bench\.ts$/, ''), quick, ...row }));
    } catch (err) {
      failed = true;
      console.error(`bench ${file} failed:`, err);
    }
  }
  if (failed) process.exitCode = 1;
}

void main();
