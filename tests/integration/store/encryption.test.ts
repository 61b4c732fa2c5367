/**
 * The store encrypted at rest (issue #15 §1): after a day of intakes and prints, a backup, a
 * handover record, reports, a citizen's export and a quarantined copy, no ID number, phone or name
 * is found in any file under the data folder, every file searched (raw bytes, and the text inside
 * it where it opens as a PDF or a zip; a printer's bytes count as a picture of the paper); the
 * key on disk is sealed by the (stand-in) OS key store; a restore on a "new machine" (another folder,
 * another OS key) works with the recovery code and, without it, fails with a clear message and
 * nothing overwritten; a plain store of an earlier version is converted once; files are 0600 and
 * folders 0700; old copies are pruned on schedule.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Counter } from '../../../src/main/counter';
import { createCounter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { createMaintenance } from '../../../src/main/maintenance';
import { htmlToPdf } from '../../../src/main/printing/a4-chromium';
import { filePrinterOutput } from '../../../src/main/printing/start';
import type { CitizenExportResult } from '../../../src/shared/ipc/contract';
import { isPlainDatabase } from '../../../src/main/store/cipher';
import { moveToQuarantine, openCopy, storeFile } from '../../../src/main/store/db';
import Database from '../../../src/main/store/driver';
import { fileKeyStore } from '../../../src/main/store/key-store';
import { fromRecoveryCode, toRecoveryCode } from '../../../src/main/store/recovery-code';
import { restoreFromBackup, restoreKey } from '../../../src/main/store/restore';
import { openSealedFile } from '../../../src/main/store/sealed-files';
import { pruneStoreCopies } from '../../../src/main/store/retention';
import { keyFilePath, prepareStoreKey } from '../../../src/main/store/store-key';
import { foldVi } from '../../../src/shared/text';
import { backupOf, CITIZEN, createTestApp, lltpInput, NAME_WORDS, tempDir, testClock, type TestApp } from '../../helpers/app';
import { signedInSession } from '../../helpers/sessions';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('quayhcc-enc-');
});
afterEach(() => tmp.cleanup());

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The citizens of a day: distinct ID numbers, phones and names. */
function citizen(i: number) {
  const name = `Lò Văn ${NAME_WORDS[i % NAME_WORDS.length]} ${NAME_WORDS[(i * 7 + 3) % NAME_WORDS.length]}`;
  return { ...CITIZEN, fullName: name, idNumber: `014085${String(700000 + i)}`, phone: `0912 ${String(100 + i).padStart(3, '0')} 678` };
}

/** The byte strings that must not be found: as typed, digits only, the name folded as the search index holds it. */
function needles(c: ReturnType<typeof citizen>): string[] {
  return [c.idNumber, c.phone.replace(/\s/g, ''), c.phone, c.fullName.normalize('NFC'), foldVi(c.fullName), c.address];
}

/** A machine: its own OS key store (the stand-in) in its own folder. */
const machine = (name: string) => fileKeyStore(join(tmp.dir, `${name}-os-keystore`));

function dayOfIntakes(app: TestApp, n: number): ReturnType<typeof citizen>[] {
  const people = Array.from({ length: n }, (_, i) => citizen(i));
  for (const c of people) app.services.intake.accept(lltpInput({ sender: c }), app.clerk);
  return people;
}

/** The text inside a file a person could open: a PDF's text, the entries of a zip (XLSX), else nothing. */
async function innerText(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    return (await extractText(pdf, { mergePages: true })).text;
  }
  if (bytes.readUInt32LE(0) === 0x04034b50) return zipEntries(bytes).join('\n');
  return '';
}

/** The uncompressed entries of a zip file, through its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    out.push((method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    at += 46 + nameLen + extra + comment;
  }
  return out;
}

/** Bytes sent to a receipt printer (ESC @ first): a picture of the printed paper, names and phones included. */
const isPrinterJob = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1b && bytes[1] === 0x40;

async function call<T>(counter: Counter, name: string, input: unknown, s: Session): Promise<T> {
  const r = (await counter.registry.invoke(name as never, input as never, s)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

describe('the store encrypted at rest', () => {
  it('after a day of intakes and prints, a backup, a handover record, reports, a citizen export and a quarantined copy, no ID, phone or name can be read from any file of the data folder', async () => {
    const data = join(tmp.dir, 'data');
    const counter = createCounter({ dataDir: data, clock: testClock(), keyStore: machine('a'), printing: { startOn: 'file', htmlToPdf: (html) => htmlToPdf(html) } });
    const clerk = signedInSession(counter, 'clerk-1', 'Lò Thị Lan', 'clerk');
    const manager = signedInSession(counter, 'manager-1', 'Quàng Thị Mai', 'manager');
    const people = Array.from({ length: 40 }, (_, i) => citizen(i));
    const accepted: { dossierId: string; itemNumber: string }[] = [];
    // Every intake prints its receipts on the (file) receipt printer.
    for (const c of people) accepted.push(await call(counter, 'intake.accept', lltpInput({ sender: c }), clerk));
    const queue = (counter.printing as unknown as { queue: { drain(): Promise<void> } }).queue;
    await queue.drain();
    await call(counter, 'print.document', { kind: 'intake_receipt', id: accepted[0]!.dossierId, copy: true }, clerk);
    // The batch to the agency and its A4 handover record; the day's report, the overdue list and the audit log exported.
    const batch = await call<{ id: string }>(counter, 'dispatch.createBatch', { agencyCode: 'STP', dossierIds: accepted.slice(0, 10).map((a) => a.dossierId) }, clerk);
    await call(counter, 'print.document', { kind: 'handover_record', id: batch.id }, clerk);
    await call(counter, 'day.print', { businessDate: '2026-03-02' }, manager);
    await call(counter, 'overdue.export', {}, manager);
    await call(counter, 'overdue.print', {}, manager);
    await call(counter, 'audit.export', {}, manager);
    // A citizen asks for their data: JSON and PDF.
    const answer = await call<CitizenExportResult>(counter, 'citizen.export', { idKind: 'cccd', idNumber: people[1]!.idNumber }, manager);
    await queue.drain();
    // The daily backup through maintenance (the store worker's VACUUM INTO), the -wal still holding the day.
    const m = createMaintenance(counter.app.db, data, { worker: false, now: () => counter.app.ctx.clock.now() });
    const round = await m.runOnce();
    expect(round.backup).toMatch(/backups\/backup-\d{8}T\d{6}\.sqlite$/);
    // A copy set aside (as a restore or a corrupt store leaves one).
    await backupOf(counter.app.db, join(tmp.dir, 'copy.sqlite'));
    copyFileSync(join(tmp.dir, 'copy.sqlite'), join(data, 'copy.sqlite'));
    moveToQuarantine(join(data, 'copy.sqlite'), 'replaced', () => counter.app.ctx.clock.now());
    expect(existsSync(`${storeFile(data)}-wal`)).toBe(true);
    expect(statSync(`${storeFile(data)}-wal`).size).toBeGreaterThan(0);

    const files = filesUnder(data);
    const names = files.map((f) => relative(data, f)).sort();
    expect(names).toEqual(
      expect.arrayContaining(['quay-hcc.sqlite', 'quay-hcc.sqlite-wal', 'store-key.json', expect.stringMatching(/^backups\/backup-/), expect.stringMatching(/^quarantine\/copy\.sqlite\./)]),
    );
    // The documents were written (in the data folder, sealed), and the receipts reached the printer.
    expect(names.filter((f) => f.startsWith('documents/')).length).toBeGreaterThanOrEqual(7);
    expect(relative(data, answer.jsonFile)).toMatch(/^documents\//);
    const found: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      const inside = await innerText(bytes);
      if (isPrinterJob(bytes)) found.push(`${relative(data, f)}: receipts as printed`);
      for (const p of people) {
        for (const s of needles(p)) {
          if (bytes.includes(Buffer.from(s, 'utf8'))) found.push(`${relative(data, f)}: ${s}`);
          else if (inside.includes(s)) found.push(`${relative(data, f)} (opened): ${s}`);
        }
      }
    }
    expect([...new Set(found)]).toEqual([]);
    // What was sealed is the day's: the export opens with the store's key; the receipts went to the paper beside the folder.
    expect(JSON.parse(openSealedFile(answer.jsonFile, counter.app.storeKey).toString('utf8'))).toMatchObject({ subject: { idNumber: people[1]!.idNumber } });
    expect(statSync(filePrinterOutput(data)).size).toBeGreaterThan(40 * 1000);
    // The same day readable through the key: every dossier and the name search work.
    expect(counter.app.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 40 });
    expect(counter.app.services.lookup.search({ query: people[3]!.idNumber }).results).toHaveLength(1);
    // Nor is the key itself on disk: only sealed.
    const keyText = readFileSync(keyFilePath(data), 'utf8');
    expect(keyText).not.toContain(counter.app.storeKey.toString('hex'));
    expect(keyText).not.toContain(counter.app.storeKey.toString('base64'));
    await counter.close();
  }, 240_000);

  it('seals once, at start, the documents an earlier version left plain: no name, ID or phone readable in any file, raw or opened; each opens to what was written', async () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    const people = dayOfIntakes(app, 3);
    app.close();
    // documents/ as an earlier version left it: a handover record's PDF (Chromium's, as printed) and a
    // citizen's export in a subfolder, plain, mode 644.
    const docs = join(data, 'documents');
    mkdirSync(join(docs, '2026-02'), { recursive: true });
    const pdf = Buffer.from(await htmlToPdf(`<h1>Biên bản bàn giao hồ sơ</h1>${people.map((p) => `<p>${p.fullName}, CCCD ${p.idNumber}, ${p.phone}, ${p.address}</p>`).join('')}`));
    const json = Buffer.from(JSON.stringify({ subject: { fullName: people[0]!.fullName, idNumber: people[0]!.idNumber, phone: people[0]!.phone } }), 'utf8');
    const files = { [join(docs, 'bien-ban-ban-giao-B1.pdf')]: pdf, [join(docs, '2026-02', 'yeu-cau-du-lieu.json')]: json };
    for (const [f, bytes] of Object.entries(files)) writeFileSync(f, bytes, { mode: 0o644 });
    // What the check below looks for is really there to be found in the plain files.
    expect(await innerText(pdf)).toContain(people[2]!.fullName);
    expect(json.includes(Buffer.from(people[0]!.idNumber))).toBe(true);

    const counter = createCounter({ dataDir: data, clock: testClock(), keyStore: machine('a') });
    const key = counter.app.storeKey;
    await counter.close();
    const found: string[] = [];
    for (const f of filesUnder(data)) {
      const bytes = readFileSync(f);
      const inside = await innerText(bytes);
      for (const p of people) for (const s of needles(p)) if (bytes.includes(Buffer.from(s, 'utf8')) || inside.includes(s)) found.push(`${relative(data, f)}: ${s}`);
    }
    expect([...new Set(found)]).toEqual([]);
    expect(filesUnder(docs).map((f) => relative(docs, f)).sort()).toEqual(['2026-02/yeu-cau-du-lieu.json', 'bien-ban-ban-giao-B1.pdf']);
    for (const [f, bytes] of Object.entries(files)) {
      expect(openSealedFile(f, key).equals(bytes)).toBe(true);
      if (process.platform !== 'win32') expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    // Once: the next start leaves the sealed files as they are, byte for byte.
    const sealed = Object.keys(files).map((f) => readFileSync(f));
    const again = createCounter({ dataDir: data, clock: testClock(), keyStore: machine('a') });
    await again.close();
    expect(Object.keys(files).map((f) => readFileSync(f).equals(sealed.shift()!))).toEqual([true, true]);
  }, 120_000);

  it('files are readable by their user only: folders 0700, store, WAL, backups and key 0600', async () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    dayOfIntakes(app, 2);
    await createMaintenance(app.db, data, { worker: false, now: () => app.clock.now() }).runOnce();
    copyFileSync(join(data, 'backups', readdirSync(join(data, 'backups'))[0]!), join(data, 'aside.sqlite'));
    moveToQuarantine(join(data, 'aside.sqlite'), 'test', () => app.clock.now());
    const mode = (f: string) => statSync(join(data, f)).mode & 0o777;
    expect([mode('.'), mode('backups'), mode('quarantine')]).toEqual([0o700, 0o700, 0o700]);
    for (const f of filesUnder(data)) expect({ f: relative(data, f), mode: statSync(f).mode & 0o777 }).toEqual({ f: relative(data, f), mode: 0o600 });
    app.close();
  });

  it('restores on a new machine with the recovery code; without it, or with another counter\'s, refuses and overwrites nothing', async () => {
    const oldData = join(tmp.dir, 'old-pc');
    const old = createTestApp({ dir: oldData, keyStore: machine('old') });
    dayOfIntakes(old, 3);
    const backup = join(tmp.dir, 'usb', 'backup.sqlite');
    mkdirSync(join(tmp.dir, 'usb'));
    await backupOf(old.db, backup);
    const code = toRecoveryCode(old.storeKey);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    old.close();

    // The new PC, already set up (its own store and key): nothing may change there until the right code.
    const newData = join(tmp.dir, 'new-pc');
    const fresh = createTestApp({ dir: newData, keyStore: machine('new') });
    const otherCode = toRecoveryCode(fresh.storeKey);
    fresh.close();
    const snapshot = () => Object.fromEntries(filesUnder(newData).map((f) => [relative(newData, f), readFileSync(f).toString('base64')]));
    const before = snapshot();
    const attempt = (recoveryCode?: string) => () => restoreFromBackup(newData, backup, Date.now, undefined, { keyStore: machine('new'), ...(recoveryCode !== undefined ? { recoveryCode } : {}) });
    expect(attempt()).toThrow(expect.objectContaining({ code: 'BACKUP_KEY_NEEDED', message: expect.stringMatching(/^Không đọc được tệp sao lưu: tệp được mã hoá bằng khoá mà máy này không có.*Hãy nhập mã khôi phục/) }));
    expect(attempt(otherCode)).toThrow(expect.objectContaining({ code: 'BACKUP_KEY_WRONG', message: expect.stringMatching(/^Không đọc được tệp sao lưu bằng mã khôi phục/) }));
    expect(attempt(`${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`)).toThrow(expect.objectContaining({ code: 'RECOVERY_CODE_BAD' }));
    expect(snapshot()).toEqual(before);

    // Typed by hand: lower case, spaces instead of dashes.
    const r = restoreFromBackup(newData, backup, Date.now, undefined, { keyStore: machine('new'), recoveryCode: code.toLowerCase().replace(/-/g, ' ') });
    expect(r.dossiers).toBe(3);
    const back = createTestApp({ dir: newData, keyStore: machine('new') });
    expect(back.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 3 });
    // The key is the old counter's (its recovery code stays valid), sealed with the new machine's protection.
    expect(toRecoveryCode(back.storeKey)).toBe(code);
    back.close();
    expect(() => prepareStoreKey(newData, machine('old'))).toThrow(expect.objectContaining({ code: 'OS_KEYSTORE_FOREIGN' }));
  });

  it('a data folder copied whole to a new machine opens only after its recovery code is entered', () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    dayOfIntakes(app, 1);
    const code = toRecoveryCode(app.storeKey);
    app.close();
    expect(() => createTestApp({ dir: data, keyStore: machine('b') })).toThrow(expect.objectContaining({ code: 'OS_KEYSTORE_FOREIGN', message: expect.stringMatching(/niêm phong trên máy hoặc tài khoản khác/) }));
    expect(() => restoreKey(data, toRecoveryCode(fromRecoveryCode(code).map((b) => b ^ 1) as Buffer), machine('b'))).toThrow(expect.objectContaining({ code: 'BACKUP_KEY_WRONG' }));
    restoreKey(data, code, machine('b'));
    const back = createTestApp({ dir: data, keyStore: machine('b') });
    expect(back.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 1 });
    back.close();
  });

  it('a machine without an OS key store refuses in Vietnamese and creates nothing; a missing key is named', () => {
    const data = join(tmp.dir, 'data');
    const noStore = fileKeyStore(join(tmp.dir, 'none'), { unavailable: true });
    expect(() => createTestApp({ dir: data, keyStore: noStore })).toThrow(expect.objectContaining({ code: 'OS_KEYSTORE_UNAVAILABLE', message: expect.stringMatching(/^Máy này không có kho khoá bảo vệ của hệ điều hành/) }));
    expect(existsSync(storeFile(data))).toBe(false);
    expect(existsSync(keyFilePath(data))).toBe(false);

    const app = createTestApp({ dir: data, keyStore: machine('a') });
    app.close();
    const store = readFileSync(storeFile(data));
    rmSync(keyFilePath(data));
    // An encrypted store whose key file is gone is never taken for a plain one, nor replaced.
    expect(() => prepareStoreKey(data, machine('a'))).toThrow(expect.objectContaining({ code: 'STORE_KEY_MISSING', message: expect.stringMatching(/thiếu khoá trên máy này.*mã khôi phục/) }));
    expect(existsSync(keyFilePath(data))).toBe(false);
    expect(readFileSync(storeFile(data)).equals(store)).toBe(true);
  });

  it('converts a plain store of an earlier version once, with its plain backups, losing nothing', () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    const people = dayOfIntakes(app, 5);
    const key = app.storeKey;
    app.close();
    // As an earlier version left it: the store plain (decrypted here with rekey to nothing), a plain backup, no key file.
    const plain = openCopy(storeFile(data), key);
    plain.pragma('journal_mode = DELETE');
    plain.pragma("rekey = ''");
    plain.close();
    expect(isPlainDatabase(storeFile(data))).toBe(true);
    mkdirSync(join(data, 'backups'));
    copyFileSync(storeFile(data), join(data, 'backups', 'backup-20260301T000000.sqlite'));
    rmSync(keyFilePath(data));
    const bare = new Database(storeFile(data));
    expect(bare.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
    bare.close();

    const back = createTestApp({ dir: data, keyStore: machine('a') });
    expect(back.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
    expect(back.services.lookup.search({ query: foldVi(people[2]!.fullName) }).results.length).toBeGreaterThan(0);
    back.close();
    expect(isPlainDatabase(storeFile(data))).toBe(false);
    expect(isPlainDatabase(join(data, 'backups', 'backup-20260301T000000.sqlite'))).toBe(false);
    const b = openCopy(join(data, 'backups', 'backup-20260301T000000.sqlite'), back.storeKey, { readonly: true });
    expect(b.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 5 });
    b.close();
    for (const f of filesUnder(data)) for (const p of people) expect(readFileSync(f).includes(Buffer.from(p.idNumber))).toBe(false);
  });

  it('writes AEGIS-256; a store and backup of the first encrypted version (ChaCha20-Poly1305) still open with their key and keep working', () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    dayOfIntakes(app, 3);
    const key = app.storeKey;
    app.close();
    const keyedWith = (file: string, cipher: string): boolean => {
      const db = new Database(file, { readonly: true });
      try {
        db.pragma(`cipher = '${cipher}'`);
        if (cipher === 'aegis') for (const p of ['tcost = 1', 'mcost = 8', 'pcost = 1']) db.pragma(p);
        else db.pragma('kdf_iter = 1');
        db.pragma(`hexkey = '${key.toString('hex')}'`);
        db.prepare('SELECT count(*) FROM dossiers').get();
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_NOTADB') return false;
        throw err;
      } finally {
        db.close();
      }
    };
    expect([keyedWith(storeFile(data), 'aegis'), keyedWith(storeFile(data), 'chacha20')]).toEqual([true, false]);

    // As the first encrypted version left it: the same pages under ChaCha20-Poly1305, and a backup of it.
    const db = openCopy(storeFile(data), key);
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
    db.pragma("cipher = 'chacha20'");
    db.pragma('kdf_iter = 1');
    db.pragma(`hexrekey = '${key.toString('hex')}'`);
    db.close();
    expect([keyedWith(storeFile(data), 'aegis'), keyedWith(storeFile(data), 'chacha20')]).toEqual([false, true]);
    mkdirSync(join(data, 'backups'), { recursive: true });
    copyFileSync(storeFile(data), join(data, 'backups', 'backup-20260301T000000.sqlite'));

    const back = createTestApp({ dir: data, keyStore: machine('a') });
    expect(back.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 3 });
    back.services.intake.accept(lltpInput(), back.clerk);
    back.close();
    expect(keyedWith(storeFile(data), 'chacha20')).toBe(true);
    const b = openCopy(join(data, 'backups', 'backup-20260301T000000.sqlite'), key, { readonly: true });
    expect(b.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 3 });
    b.close();
    // Another key opens neither.
    expect(() => openCopy(storeFile(data), Buffer.alloc(32, 7))).toThrow(expect.objectContaining({ code: 'STORE_KEY_WRONG' }));
  });

  it('a store that ran before secure_delete keeps no erased text: its one-time conversion copies live rows only, leaving no free page', () => {
    const data = join(tmp.dir, 'data');
    const file = storeFile(data);
    mkdirSync(data);
    // An earlier version's store: plain, secure_delete off; a citizen's row written and erased.
    const erased = { name: 'Tòng Thị Xoè Đã Xoá', id: '014190123987', phone: '0977111222' };
    const makeOld = (path: string) => {
      const old = new Database(path);
      old.pragma('secure_delete = OFF');
      old.exec('CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT, id_number TEXT, phone TEXT, pad BLOB)');
      // Small rows share pages (an erased one leaves its bytes in the page's free space); large ones, erased, leave free pages.
      const ins = old.prepare('INSERT INTO people (full_name, id_number, phone, pad) VALUES (?, ?, ?, randomblob(?))');
      for (let i = 0; i < 50; i++) ins.run(i === 25 ? erased.name : `Người ${i}`, i === 25 ? erased.id : `01419000${String(1000 + i)}`, i === 25 ? erased.phone : `09${String(10000000 + i)}`, i > 30 ? 3000 : 10);
      old.prepare('DELETE FROM people WHERE id_number = ?').run(erased.id);
      old.prepare('DELETE FROM people WHERE id > 30').run();
      expect(old.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
      old.close();
    };
    makeOld(file);
    const has = (f: string, s: string) => readFileSync(f).includes(Buffer.from(s, 'utf8'));
    // The erased text is still in the old file's free space (what secure_delete would have zeroed).
    expect([has(file, erased.id), has(file, erased.name), has(file, erased.phone)]).toEqual([true, true, true]);

    const freePages = (f: string, key: Buffer) => {
      const db = openCopy(f, key, { readonly: true });
      try {
        return db.pragma('freelist_count', { simple: true });
      } finally {
        db.close();
      }
    };

    // The conversion every earlier store goes through at the first start of this version copies live rows only.
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    expect(app.db.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 29 });
    const storeKey = app.storeKey;
    app.close();
    // No free page, and every live page was written fresh by VACUUM INTO: no cell's free space carries the old bytes.
    expect(freePages(file, storeKey)).toBe(0);
  });

  it('removes quarantine copies and backups past the retention, keeping the newest backup, and reports counts', () => {
    const data = join(tmp.dir, 'data');
    mkdirSync(join(data, 'backups'), { recursive: true });
    mkdirSync(join(data, 'quarantine'));
    const touch = (f: string) => writeFileSync(join(data, f), 'x');
    ['backup-20260101T010000.sqlite', 'backup-20260102T010000.sqlite', 'pre-migrate-v3-20260101T000000.sqlite', 'backup-20260301T010000.sqlite'].forEach((f) => touch(`backups/${f}`));
    ['quay-hcc.sqlite.20260101T000000.corrupt', 'quay-hcc.sqlite.20260101T000000.corrupt-wal', 'quay-hcc.sqlite.20260225T000000.replaced', 'quay-hcc.sqlite.20260225T000000.replaced.store-key.json'].forEach((f) => touch(`quarantine/${f}`));
    const pruned = pruneStoreCopies(data, Date.parse('2026-03-05T00:00:00Z'));
    expect(pruned).toEqual({ quarantine: 1, backups: 3 });
    expect(readdirSync(join(data, 'backups'))).toEqual(['backup-20260301T010000.sqlite']);
    expect(readdirSync(join(data, 'quarantine')).sort()).toEqual(['quay-hcc.sqlite.20260225T000000.replaced', 'quay-hcc.sqlite.20260225T000000.replaced.store-key.json']);
    // The newest daily backup stays even when it is older than the retention.
    expect(pruneStoreCopies(data, Date.parse('2027-01-01T00:00:00Z'))).toEqual({ quarantine: 1, backups: 0 });
    expect(readdirSync(join(data, 'backups'))).toEqual(['backup-20260301T010000.sqlite']);
  });
});
