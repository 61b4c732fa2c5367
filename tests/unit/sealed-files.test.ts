/**
 * The envelope of the documents kept in the data folder (store/sealed-files.ts): what is sealed
 * opens with the same store key only; a file cut short, altered or sealed by another counter's key
 * is refused by code, never shown half; a plain store's folder writes as it is.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentFolder, isSealed, openSealedFile, seal, sealPlainDocuments, unseal, writeReadableCopy } from '../../src/main/store/sealed-files';
import { tempDir } from '../helpers/app';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('quayhcc-sealed-');
});
afterEach(() => tmp.cleanup());

const KEY = randomBytes(32);
const TEXT = 'Lò Văn Pình, CCCD 014085001234, 0912 345 678';

describe('sealed documents', () => {
  it('saves sealed (0600, nothing readable), opens with the key, twice the same text sealing differently', () => {
    const folder = documentFolder(join(tmp.dir, 'documents'), KEY);
    const file = folder.save('yeu-cau.json', TEXT);
    const raw = readFileSync(file);
    expect(isSealed(raw)).toBe(true);
    for (const s of ['014085001234', 'Pình', '0912 345 678']) expect(raw.includes(Buffer.from(s, 'utf8'))).toBe(false);
    expect(folder.open(file).toString('utf8')).toBe(TEXT);
    expect(openSealedFile(file, KEY).toString('utf8')).toBe(TEXT);
    expect(seal(KEY, Buffer.from(TEXT)).equals(seal(KEY, Buffer.from(TEXT)))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses another counter’s key, a changed byte, a file cut short and a file that is not an envelope', () => {
    const sealed = seal(KEY, Buffer.from(TEXT));
    expect(() => unseal(randomBytes(32), sealed)).toThrow(expect.objectContaining({ code: 'SEALED_FILE_WRONG_KEY' }));
    const changed = Buffer.from(sealed);
    changed[30] = changed[30]! ^ 1;
    expect(() => unseal(KEY, changed)).toThrow(expect.objectContaining({ code: 'SEALED_FILE_WRONG_KEY' }));
    expect(() => unseal(KEY, sealed.subarray(0, sealed.length - 1))).toThrow(expect.objectContaining({ code: 'SEALED_FILE_WRONG_KEY' }));
    expect(() => unseal(KEY, Buffer.from('%PDF-1.7 …'))).toThrow(expect.objectContaining({ code: 'SEALED_FILE_BAD', message: expect.stringMatching(/^Tệp này không phải tài liệu được mã hoá/) }));
  });

  it('a plain store (no key) writes documents as they are, and an unsealed file opens as it is', () => {
    const folder = documentFolder(join(tmp.dir, 'documents'), Buffer.alloc(0));
    const file = folder.save('plain.json', TEXT);
    expect(readFileSync(file, 'utf8')).toBe(TEXT);
    writeFileSync(join(tmp.dir, 'old.pdf'), '%PDF-1.7');
    expect(openSealedFile(join(tmp.dir, 'old.pdf'), KEY).toString('latin1')).toBe('%PDF-1.7');
  });

  it('hands over a readable copy outside the data folder only', () => {
    const data = join(tmp.dir, 'data');
    const file = documentFolder(join(data, 'documents'), KEY).save('yeu-cau.json', TEXT);
    for (const inside of [join(data, 'documents', 'copy.json'), join(data, 'copy.json'), data]) {
      expect(() => writeReadableCopy(file, inside, KEY, data)).toThrow(expect.objectContaining({ code: 'DOCUMENT_COPY_IN_DATA_FOLDER' }));
    }
    expect(existsSync(join(data, 'copy.json'))).toBe(false);
    const out = writeReadableCopy(file, join(tmp.dir, 'usb-yeu-cau.json'), KEY, data);
    expect(readFileSync(out, 'utf8')).toBe(TEXT);
    // A folder beside it whose name only starts the same is outside.
    expect(readFileSync(writeReadableCopy(file, join(tmp.dir, 'data-usb.json'), KEY, data), 'utf8')).toBe(TEXT);
  });

  it('seals the plain files a folder holds once (an empty one, one shorter than a header, one in a subfolder); leaves sealed ones and a plain store’s as they are', () => {
    const dir = join(tmp.dir, 'documents');
    const folder = documentFolder(dir, KEY);
    const already = folder.save('bao-cao.json', TEXT);
    const alreadyBytes = readFileSync(already);
    mkdirSync(join(dir, '2026-01'), { recursive: true });
    const plain: Record<string, Buffer> = {
      [join(dir, 'empty.pdf')]: Buffer.alloc(0),
      [join(dir, 'short.txt')]: Buffer.from('QHC', 'latin1'),
      [join(dir, '2026-01', 'yeu-cau.json')]: Buffer.from(TEXT, 'utf8'),
    };
    for (const [f, b] of Object.entries(plain)) writeFileSync(f, b);
    // A sealed copy a crash left before its rename: removed, then made again.
    writeFileSync(join(dir, 'short.txt.sealing'), 'half');
    expect(sealPlainDocuments(dir, Buffer.alloc(0))).toBe(0);
    expect(readFileSync(join(dir, '2026-01', 'yeu-cau.json'), 'utf8')).toBe(TEXT);
    expect(sealPlainDocuments(dir, KEY)).toBe(3);
    for (const [f, b] of Object.entries(plain)) {
      expect(isSealed(readFileSync(f))).toBe(true);
      expect(folder.open(f).equals(b)).toBe(true);
    }
    expect(readFileSync(already).equals(alreadyBytes)).toBe(true);
    expect(existsSync(join(dir, 'short.txt.sealing'))).toBe(false);
    expect(sealPlainDocuments(dir, KEY)).toBe(0);
    expect(sealPlainDocuments(join(tmp.dir, 'no-such-folder'), KEY)).toBe(0);
  });
});
