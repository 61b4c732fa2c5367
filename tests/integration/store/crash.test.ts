/**
 * Nothing acknowledged is lost, whatever crashes: a child process takes in dossiers in a loop and
 * reports each committed one; it is killed with SIGKILL at random moments, many times. After each
 * restart every reported intake is present and complete, no half-written dossier exists, the outbox
 * sequence has no gap, the database passes integrity_check, and the deferred full-text index is exact
 * once caught up. The child checkpoints and catches up the index as production does, so kills land in
 * those too. The same for the one-time conversion of a plain store and the sealing of documents an
 * earlier version left plain.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catchUpSearchIndex } from '../../../src/main/store/search-index';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isPlainDatabase } from '../../../src/main/store/cipher';
import type { ConversionStep } from '../../../src/main/store/store-key';
import { isSealed, openSealedFile, sealPlainDocuments, type SealingStep } from '../../../src/main/store/sealed-files';
import { createTestApp, openDataStore, plainDataFolder, tempDir } from '../../helpers/app';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 12);
const tmp = tempDir('quayhcc-crash-');
afterAll(() => tmp.cleanup());

function runAndKill(dir: string, killAfterMs: number): Promise<{ committed: Map<string, string>; killedWhileRunning: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../helpers/crash-worker.ts'), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed = new Map<string, string>();
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready') continue;
        const [item, id] = line.split(' ');
        committed.set(id!, item!);
        // The random moment is counted from the first commit, when the loop is surely running: on a
        // busy machine the child may need longer than the whole window to commit its first intake.
        timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`worker ended by itself: ${stderr}`));
      else resolve({ committed, killedWhileRunning: true });
    });
    // Safety net: kill during start-up too if "ready" never comes.
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

describe('crash safety of intake', () => {
  it(`survives ${ROUNDS} SIGKILLs at random moments without losing or half-writing anything`, async () => {
    const all = new Map<string, string>();
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { committed } = await runAndKill(tmp.dir, 50 + Math.floor(Math.random() * 700));
      for (const [k, v] of committed) all.set(k, v);
      total += committed.size;

      const db = openDataStore(tmp.dir);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        // Every reported intake is present and complete.
        const get = db.prepare(
          `SELECT d.item_number,
             (SELECT COUNT(*) FROM parties p WHERE p.dossier_id = d.id) AS parties,
             (SELECT COUNT(*) FROM dossier_documents x WHERE x.dossier_id = d.id) AS docs,
             (SELECT COUNT(*) FROM dossier_events e WHERE e.dossier_id = d.id) AS events,
             (SELECT COUNT(*) FROM ledger l WHERE l.dossier_id = d.id) AS ledger,
             (SELECT COUNT(*) FROM outbox o WHERE o.dossier_id = d.id) AS ops,
             (SELECT COUNT(*) FROM audit_log a WHERE a.entity_id = d.id) AS audit
           FROM dossiers d WHERE d.id = ?`,
        );
        for (const [id, item] of all) {
          expect(get.get(id), `dossier ${item}`).toEqual({ item_number: item, parties: 1, docs: 2, events: 1, ledger: 2, ops: 3, audit: 1 });
        }
        // No half-written dossier: every dossier in the file is complete, acknowledged or not.
        const broken = db
          .prepare(
            `SELECT COUNT(*) AS n FROM dossiers d WHERE
               (SELECT COUNT(*) FROM dossier_events e WHERE e.dossier_id = d.id) != 1
               OR (SELECT COUNT(*) FROM dossier_documents x WHERE x.dossier_id = d.id) != 2
               OR (SELECT COUNT(*) FROM outbox o WHERE o.dossier_id = d.id) != 3`,
          )
          .get() as { n: number };
        expect(broken.n).toBe(0);
        // The outbox sequence has no gap, and item numbers were never issued twice.
        const seq = db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n FROM outbox').get() as { lo: number; hi: number; n: number };
        if (seq.n > 0) {
          expect(seq.lo).toBe(1);
          expect(seq.hi).toBe(seq.n);
        }
        const dossiers = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT item_number) AS u FROM dossiers').get() as { n: number; u: number };
        expect(dossiers.u).toBe(dossiers.n);
        expect(dossiers.n).toBeGreaterThanOrEqual(all.size);
        // The serial range never goes backwards: the next number is past every issued one.
        const next = db.prepare('SELECT next_serial FROM serial_ranges').get() as { next_serial: number };
        // The derived full-text index never covers a party it does not hold, and once caught up it
        // matches the parties exactly.
        const mark = db.prepare('SELECT parties_upto AS upto FROM search_index_state').get() as { upto: number };
        const indexed = db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS hi FROM parties_fts_docsize').get() as { n: number; hi: number };
        expect(indexed.hi).toBeLessThanOrEqual(mark.upto);
        catchUpSearchIndex(db);
        db.prepare("INSERT INTO parties_fts(parties_fts) VALUES ('integrity-check')").run();
        const maxIssued = db.prepare('SELECT MAX(CAST(substr(item_number, 3, 8) AS INTEGER)) AS m FROM dossiers').get() as { m: number | null };
        if (maxIssued.m !== null) expect(next.next_serial).toBeGreaterThan(maxIssued.m);
      } finally {
        db.close();
      }
    }
    expect(total).toBeGreaterThanOrEqual(ROUNDS); // the loop really committed work between kills
  }, 240_000);
});

/**
 * Runs crash-worker.ts `mode` on `dir` with `args` in a child, killed `randomAfterMs` after it says it is
 * ready when given (else the worker kills itself at the step its args name); resolves with the steps
 * it reported.
 */
function runStepsAndKill(mode: 'convert' | 'seal', dir: string, args: string[], randomAfterMs?: number): Promise<{ steps: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../helpers/crash-worker.ts'), mode, dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const steps: string[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      for (const line of c.toString('utf8').split('\n').filter(Boolean)) {
        if (line === 'ready' && randomAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), randomAfterMs);
        else if (line !== 'ready') steps.push(line);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ steps, finished: code === 0 });
      else reject(new Error(`${mode} ended with ${code}: ${stderr}`));
    });
  });
}

/** Runs the conversion of `dir` in a child killed at `at` (a step, or a random moment). */
function convertAndKill(dir: string, at: ConversionStep | number): Promise<{ steps: string[]; finished: boolean }> {
  return typeof at === 'number' ? runStepsAndKill('convert', dir, ['random'], at) : runStepsAndKill('convert', dir, [at]);
}

describe('crash safety of the conversion of a plain store', () => {
  const STEPS: ConversionStep[] = ['key-written', 'wal-merged', 'copied', 'encrypted', 'replaced', 'copies-converted'];
  const randomKills = Number(process.env.CRASH_ROUNDS ?? 12) >> 1;

  it(`a kill at each step of the conversion, or at ${randomKills} random moments, loses nothing and converts at the next open`, async () => {
    const kills: (ConversionStep | number)[] = [...STEPS, ...Array.from({ length: randomKills }, () => 100 + Math.floor(Math.random() * 1500))];
    for (const at of kills) {
      const dir = join(tmp.dir, `convert-${String(at)}`);
      const ids = plainDataFolder(dir, 4);
      const { steps } = await convertAndKill(dir, at);
      if (typeof at === 'string') expect(steps.at(-1)).toBe(at);
      // Until the encrypted copy replaced it, the plain store (with its WAL) is the truth.
      if (!steps.includes('replaced')) expect(isPlainDatabase(join(dir, 'quay-hcc.sqlite'))).toBe(true);
      // The next open finishes the conversion (or had nothing left to do): everything is there.
      const db = openDataStore(dir);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT id FROM dossiers ORDER BY id').all().map((r) => (r as { id: string }).id)).toEqual([...ids].sort());
        expect(db.prepare("SELECT value FROM meta WHERE key = 'plain_wal_mark'").get()).toEqual({ value: 'in the wal' });
      } finally {
        db.close();
      }
      expect(isPlainDatabase(join(dir, 'quay-hcc.sqlite'))).toBe(false);
      expect(readdirSync(dir).filter((f) => /\.encrypting/.test(f))).toEqual([]);
      expect(existsSync(join(dir, 'quay-hcc.sqlite.encrypting'))).toBe(false);
    }
  }, 240_000);
});

/** Seals the documents of `dir` in a child killed at the nth `step` (or at a random moment). */
function sealAndKill(dir: string, at: { step: SealingStep; nth: number } | number): Promise<{ steps: string[]; finished: boolean }> {
  return typeof at === 'number' ? runStepsAndKill('seal', dir, ['random'], at) : runStepsAndKill('seal', dir, [at.step, String(at.nth)]);
}

describe('crash safety of sealing the documents an earlier version left plain', () => {
  const DOCS = 6;
  /** A data folder with a store and key, and plain documents as an earlier version wrote them (1.5 MB each, a citizen's name inside). */
  function folderWithPlainDocuments(dir: string): { key: Buffer; docs: Map<string, Buffer> } {
    const app = createTestApp({ dir });
    const key = app.storeKey;
    app.close();
    mkdirSync(join(dir, 'documents'), { recursive: true });
    const docs = new Map<string, Buffer>();
    for (let i = 0; i < DOCS; i++) {
      const name = `bien-ban-ban-giao-${i}.pdf`;
      const body = Buffer.concat([Buffer.from(`%PDF-1.4\n(Lò Văn Pình ${i}) Tj\n`, 'utf8'), randomBytes(1_500_000)]);
      writeFileSync(join(dir, 'documents', name), body);
      docs.set(name, body);
    }
    return { key, docs };
  }

  it('a kill before or after any file’s rename, or at random moments, leaves every document readable; the next start seals the rest', async () => {
    const kills: ({ step: SealingStep; nth: number } | number)[] = [
      ...(['sealed-written', 'replaced'] as const).flatMap((step) => [1, 3, DOCS].map((nth) => ({ step, nth }))),
      ...Array.from({ length: 4 }, () => Math.floor(Math.random() * 150)),
    ];
    for (const [k, at] of kills.entries()) {
      const dir = join(tmp.dir, `seal-${k}`);
      const { key, docs } = folderWithPlainDocuments(dir);
      const { steps } = await sealAndKill(dir, at);
      if (typeof at !== 'number') {
        expect(steps.filter((s) => s.startsWith(`${at.step} `))).toHaveLength(at.nth);
        expect(steps.at(-1)).toMatch(new RegExp(`^${at.step} `));
      }
      const folder = join(dir, 'documents');
      // Every document is there under its name and opens to what was written: plain or sealed, never neither.
      for (const [name, body] of docs) expect(openSealedFile(join(folder, name), key).equals(body), name).toBe(true);
      // The files reported replaced are sealed; one killed before its rename is still plain, its sealed copy beside it.
      for (const line of steps.filter((s) => s.startsWith('replaced '))) expect(isSealed(readFileSync(join(folder, line.slice(9))))).toBe(true);
      if (typeof at !== 'number' && at.step === 'sealed-written') {
        const name = steps.at(-1)!.slice('sealed-written '.length);
        expect(isSealed(readFileSync(join(folder, name)))).toBe(false);
        expect(existsSync(join(folder, `${name}.sealing`))).toBe(true);
      }
      // The next start: everything sealed, no copy left over, the same content.
      sealPlainDocuments(folder, key);
      expect(readdirSync(folder).sort()).toEqual([...docs.keys()].sort());
      for (const [name, body] of docs) {
        const raw = readFileSync(join(folder, name));
        expect(isSealed(raw), name).toBe(true);
        expect(raw.includes(Buffer.from('Lò Văn Pình', 'utf8'))).toBe(false);
        expect(openSealedFile(join(folder, name), key).equals(body)).toBe(true);
      }
    }
  }, 240_000);
});
