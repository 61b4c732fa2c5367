/**
 * Child process for the crash tests.
 *
 * `crash-worker.ts convert <dataDir> <step|random>`: opens a plain data folder, which converts it to
 * an encrypted store, and kills itself with SIGKILL at the named step of the conversion
 * (store/store-key.ts ConversionStep); `random` lets the parent kill it at a random moment instead.
 *
 * `crash-worker.ts seal <dataDir> <step> <n>|random`: seals the plain documents of a data folder as
 * the start does, and kills itself with SIGKILL the n-th time it reaches the named step of sealing
 * one file (store/sealed-files.ts SealingStep); `random` lets the parent kill it instead.
 *
 * `crash-worker.ts <dataDir>`: runs intakes in a loop on the store in argv[2] and reports each
 * one on stdout only after its transaction committed. The parent kills it with SIGKILL at random.
 * As in production, the store worker checkpoints the WAL beside the writer (here often: a small cap),
 * and the deferred full-text index is caught up every few intakes, so kills also land in those.
 */
import { writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createApp, openCounterStore } from '../../src/main/app';
import { startStoreWorker } from '../../src/main/store/store-worker';
import { catchUpSearchIndex } from '../../src/main/store/search-index';
import { fileKeyStore } from '../../src/main/store/key-store';
import { sealPlainDocuments } from '../../src/main/store/sealed-files';
import { prepareStoreKey } from '../../src/main/store/store-key';
import { CITIZEN, lltpInput } from './app';
import { NAME_WORDS } from './app';

if (process.argv[2] === 'convert') {
  const [, , , data, at] = process.argv;
  writeSync(1, 'ready\n');
  const { db } = openCounterStore(data!, {
    onStep: (s) => {
      writeSync(1, `${s}\n`);
      if (s === at) process.kill(process.pid, 'SIGKILL');
    },
  });
  db.close();
  writeSync(1, 'converted\n');
  process.exit(0);
}
if (process.argv[2] === 'seal') {
  // Seals the plain documents of a data folder as the start does, killed at the `nth` time `at` is
  // reached (store/sealed-files.ts SealingStep), or at a random moment chosen by the parent.
  const [, , , data, at, nth] = process.argv;
  const key = prepareStoreKey(data!, fileKeyStore());
  writeSync(1, 'ready\n');
  let reached = 0;
  sealPlainDocuments(join(data!, 'documents'), key, (step, file) => {
    writeSync(1, `${step} ${basename(file)}\n`);
    if (step === at && ++reached === Number(nth)) process.kill(process.pid, 'SIGKILL');
  });
  process.exit(0);
}
const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-worker <dataDir> | crash-worker convert <dataDir> <step|random>');
const app = createApp({ dataDir: dir });
app.db.prepare("INSERT OR IGNORE INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES ('clerk-1', 'lan', 'Lò Thị Lan', 'clerk', 0, 0)").run();
const actor = { clerkId: 'clerk-1', counterId: app.counter.id, role: 'clerk' as const };
startStoreWorker(app.db.name, { thresholdBytes: 64 * 1024, hardCapBytes: 256 * 1024, intervalMs: 5 });
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const r = app.services.intake.accept(lltpInput({ sender: { ...CITIZEN, fullName: `Lò Văn ${NAME_WORDS[i % NAME_WORDS.length]}` } }), actor);
  writeSync(1, `${r.itemNumber} ${r.dossierId}\n`);
  if (i % 7 === 6) catchUpSearchIndex(app.db);
}
