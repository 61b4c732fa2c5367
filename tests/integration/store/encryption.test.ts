/**
 * The store encrypted at rest (issue #15 §1): after a day of intakes, a backup and a quarantined
 * copy, no ID number, phone or name is found in the raw bytes of any file under the data folder; the
 * key on disk is sealed by the (stand-in) OS key store; a restore on a "new machine" (another folder,
 * another OS key) works with the recovery code and, without it, fails with a clear message and
 * nothing overwritten; a plain store of an earlier version is converted once; files are 0600 and
 * folders 0700; old copies are pruned on schedule.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMaintenance } from '../../../src/main/maintenance';
import { isPlainDatabase } from '../../../src/main/store/cipher';
import { moveToQuarantine, openCopy, storeFile } from '../../../src/main/store/db';
import Database from '../../../src/main/store/driver';
import { fileKeyStore } from '../../../src/main/store/key-store';
import { fromRecoveryCode, toRecoveryCode } from '../../../src/main/store/recovery-code';
import { restoreFromBackup, restoreKey } from '../../../src/main/store/restore';
import { pruneStoreCopies } from '../../../src/main/store/retention';
import { keyFilePath, prepareStoreKey } from '../../../src/main/store/store-key';
import { foldVi } from '../../../src/shared/text';
import { backupOf, CITIZEN, createTestApp, lltpInput, NAME_WORDS, tempDir, type TestApp } from '../../helpers/app';

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

describe('the store encrypted at rest', () => {
  it('after a day of intakes, a backup and a quarantined copy, no ID, phone or name is in any file of the data folder', async () => {
    const data = join(tmp.dir, 'data');
    const app = createTestApp({ dir: data, keyStore: machine('a') });
    const people = dayOfIntakes(app, 40);
    // The daily backup through maintenance (the store worker's VACUUM INTO), the -wal still holding the day.
    const m = createMaintenance(app.db, data, { worker: false, now: () => app.clock.now() });
    const round = await m.runOnce();
    expect(round.backup).toMatch(/backups\/backup-\d{8}T\d{6}\.sqlite$/);
    // A copy set aside (as a restore or a corrupt store leaves one).
    await backupOf(app.db, join(tmp.dir, 'copy.sqlite'));
    copyFileSync(join(tmp.dir, 'copy.sqlite'), join(data, 'copy.sqlite'));
    moveToQuarantine(join(data, 'copy.sqlite'), 'replaced', () => app.clock.now());
    expect(existsSync(`${storeFile(data)}-wal`)).toBe(true);
    expect(statSync(`${storeFile(data)}-wal`).size).toBeGreaterThan(0);

    const files = filesUnder(data);
    expect(files.map((f) => relative(data, f)).sort()).toEqual(
      expect.arrayContaining(['quay-hcc.sqlite', 'quay-hcc.sqlite-wal', 'store-key.json', expect.stringMatching(/^backups\/backup-/), expect.stringMatching(/^quarantine\/copy\.sqlite\./)]),
    );
    const found: string[] = [];
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const p of people) for (const s of needles(p)) if (bytes.includes(Buffer.from(s, 'utf8'))) found.push(`${relative(data, f)}: ${s}`);
    }
    expect(found).toEqual([]);
    // The same day readable through the key: every dossier and the name search work.
    expect(app.db.prepare('SELECT count(*) AS n FROM dossiers').get()).toEqual({ n: 40 });
    expect(app.services.lookup.search({ query: people[3]!.idNumber }).results).toHaveLength(1);
    // Nor is the key itself on disk: only sealed.
    const keyText = readFileSync(keyFilePath(data), 'utf8');
    expect(keyText).not.toContain(app.storeKey.toString('hex'));
    expect(keyText).not.toContain(app.storeKey.toString('base64'));
    app.close();
  });

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
