/**
 * Child process for the store worker test: starts the store worker from source under tsx, as browser
 * mode (src/main/bridge/start.ts) does, and prints what it answers as one JSON line.
 */
import Database from '../../src/main/store/driver';
import { startStoreWorker } from '../../src/main/store/store-worker';

async function main(): Promise<void> {
  const [file, target] = process.argv.slice(2);
  if (!file || !target) throw new Error('usage: store-worker-probe <store> <backup target>');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')");
  const worker = startStoreWorker(db.name);
  const integrity = await worker.integrityCheck();
  const backup = await worker.backupTo(target);
  await worker.stop();
  db.close();
  process.stdout.write(`${JSON.stringify({ integrity, backup })}\n`);
}

void main();
