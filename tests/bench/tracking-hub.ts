/**
 * Child process of tracking.bench.ts: one hub worker on the given PostgreSQL database, the look-up
 * limit lifted (the benchmark is one client), listening on a free loopback port it prints.
 */
import { openPostgres } from '../../src/hub/db';
import { buildHub } from '../../src/hub/server';
import { DEFAULT_SERIALS } from '../../src/hub/serials';

async function main(): Promise<void> {
  const db = openPostgres(process.argv[2]!, { max: 10 });
  const app = buildHub({ db, serials: DEFAULT_SERIALS, logLevel: 'warn', tracking: { perMinute: 0 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  process.stdout.write(`port ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  process.once('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));
}

void main();
