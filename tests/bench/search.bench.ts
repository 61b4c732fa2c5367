/**
 * The catalogue search per keystroke (issue #16 §2), without a browser: the counter's own search
 * service over 2,000 procedures (the sample catalogue grown with per-commune variants of its names),
 * the province's synonyms loaded, and each query of tests/fixtures/search-queries.ts typed one
 * letter at a time; each keystroke is timed from the call to its result serialised as IPC would.
 * - catalogue_search_ms: mean wall time per keystroke (target ≤ 2 ms); catalogue_search_p95_ms;
 * - catalogue_search_cpu_ms: the process's CPU time per keystroke (what the search costs on a loaded
 *   machine, where wall time includes waiting for a core), with the 1-minute load average beside it;
 * - search_top3: how many of the fixed queries have their procedure in the top three at 2,000.
 */
import { loadavg } from 'node:os';
import type { Bench, BenchRow } from './run';
import { createTestApp } from '../helpers/app';
import { QUERIES } from '../fixtures/search-queries';

const r3 = (x: number) => Math.round(x * 1000) / 1000;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const bench: Bench = async ({ quick }) => {
  const app = createTestApp();
  try {
    const db = app.db;
    const base = db.prepare('SELECT * FROM procedures').all() as Record<string, unknown>[];
    const places = (db.prepare("SELECT name FROM communes WHERE province_code = '14' ORDER BY code").all() as { name: string }[]).map((r) => r.name);
    const cols = Object.keys(base[0]!);
    const insert = db.prepare(`INSERT INTO procedures (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    let count = base.length;
    db.transaction(() => {
      for (let i = 0; count < 2000; i++) {
        const p = base[i % base.length]!;
        const place = places[Math.floor(i / base.length) % places.length] ?? `Khu ${i}`;
        insert.run({ ...p, aliases: '[]', code: `${String(p['code'])}-X${i}`, name: `${String(p['name'])} tại ${place}` });
        count++;
      }
    })();
    app.services.catalogue.reindex();
    const per: number[] = [];
    const reps = quick ? 3 : 20;
    let found = 0;
    // A grown variant ('…-X12', the same procedure "tại <xã>") counts as the procedure it copies.
    const same = (hit: string, code: string) => hit === code || hit.startsWith(`${code}-X`);
    const cpu0 = process.cpuUsage();
    for (let rep = 0; rep < reps; rep++) {
      for (const [q, code] of QUERIES) {
        for (let i = 1; i <= q.length; i++) {
          const t = performance.now();
          const hits = app.services.catalogue.search(q.slice(0, i), 8);
          JSON.stringify(hits);
          per.push(performance.now() - t);
          if (rep === 0 && i === q.length && hits.slice(0, 3).some((h) => same(h.code, code))) found++;
        }
      }
    }
    const cpu = process.cpuUsage(cpu0);
    const row: BenchRow = {
      metric: 'catalogue_search',
      procedures: count,
      catalogue_search_ms: r3(per.reduce((a, b) => a + b, 0) / per.length),
      catalogue_search_p95_ms: r3(pct(per, 95)),
      // CPU time of this process per keystroke: the machine's other load does not count in it.
      catalogue_search_cpu_ms: r3((cpu.user + cpu.system) / 1000 / per.length),
      load_avg_1m: Math.round(loadavg()[0]! * 10) / 10,
      keystrokes: per.length,
      search_top3: `${found}/${QUERIES.length}`,
      target_ms: 2,
    };
    return [row];
  } finally {
    app.dispose();
  }
};
export default bench;
