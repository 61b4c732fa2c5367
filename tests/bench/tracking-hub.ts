/**
 * Child process of tracking.bench.ts: one hub worker on the given PostgreSQL database, the look-up
 * limit lifted (the benchmark is one client), listening on a free loopback port it prints. It logs
 * as a deployed hub does (level info, JSON lines written out), to /dev/null; TRACKING_BENCH_LOG_LEVEL
 * sets another level, to see what logging costs.
 */
import { openSync, writeSync } from 'node:fs';
import { openPostgres } from '../../src/hub/db';
import { buildHub } from '../../src/hub/server';
import { DEFAULT_SERIALS } from '../../src/hub/serials';
import { TRACKING_BENCH_APP } from './tracking.bench';

async function main(): Promise<void> {
  const db = openPostgres(process.argv[2]!, { max: 10, applicationName: TRACKING_BENCH_APP });
  const devNull = openSync('/dev/null', 'w');
  const logStream = { write: (line: string) => void writeSync(devNull, line) };
  const app = buildHub({ db, serials: DEFAULT_SERIALS, logLevel: process.env.TRACKING_BENCH_LOG_LEVEL ?? 'info', logStream, tracking: { perMinute: 0 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  process.stdout.write(`port ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  process.once('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));
}

void main();
