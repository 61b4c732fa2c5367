/**
 * `npm run document -- <documents/file> --out <copy> [--data <data folder>] [--recovery-code <code>]`:
 * writes a readable copy of a document the counter keeps sealed in its data folder's documents/
 * (a handover record, a report, a citizen's export; src/main/store/sealed-files.ts) to a place
 * outside the data folder, for a manager who hands it over. The key is the one sealed on this
 * machine by browser mode and scripts, or the counter's recovery code.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileKeyStore } from '../src/main/store/key-store';
import { fromRecoveryCode } from '../src/main/store/recovery-code';
import { writeReadableCopy } from '../src/main/store/sealed-files';
import { readStoreKey } from '../src/main/store/store-key';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const valued = new Set(['--data', '--recovery-code', '--out'].flatMap((n) => (args.includes(n) ? [args.indexOf(n) + 1] : [])));
const dataDir = resolve(option('--data') ?? process.env['QUAY_DATA_DIR'] ?? join(homedir(), '.config', 'quay-hcc', 'data'));
const out = option('--out');
const code = option('--recovery-code');
const file = args.find((a, i) => !a.startsWith('--') && !valued.has(i));
if (!file || !out) {
  console.error('Cách dùng: npm run document -- <tệp trong documents/> --out <bản đọc được, ngoài thư mục dữ liệu> [--data <thư mục dữ liệu>] [--recovery-code <mã khôi phục>]');
  process.exit(2);
}
try {
  const key = code ? fromRecoveryCode(code) : readStoreKey(dataDir, fileKeyStore());
  if (!key) throw new Error(`Không có khoá dữ liệu trong ${dataDir}: hãy dùng --recovery-code.`);
  console.log(`Đã ghi bản đọc được: ${writeReadableCopy(resolve(file), out, key, dataDir)}`);
} catch (err) {
  console.error(`Không mở được tài liệu: ${(err as Error).message}`);
  process.exit(1);
}
