/**
 * `npm run restore -- <backup.sqlite> [--data <data folder>] [--recovery-code <code>]`: restore a
 * counter's store from one of its backups (see src/main/store/restore.ts). Close Quầy HCC first.
 * Backups are encrypted: on the same machine its sealed key opens them; on a new machine the
 * counter's recovery code does. `--recovery-code <code>` without a backup seals the key again for a
 * data folder copied here whole. The key is sealed with this machine's key store of browser mode
 * and scripts; the Electron app has its own (`Quầy HCC --restore=<file> --recovery-code=<code>`).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { restoreFromBackup, restoreKey } from '../src/main/store/restore';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const valued = new Set(['--data', '--recovery-code'].flatMap((n) => (args.includes(n) ? [args.indexOf(n) + 1] : [])));
const dataDir = option('--data') ?? process.env['QUAY_DATA_DIR'] ?? join(homedir(), '.config', 'quay-hcc', 'data');
const recoveryCode = option('--recovery-code');
const backup = args.find((a, i) => !a.startsWith('--') && !valued.has(i));
if ((!backup && !recoveryCode) || !dataDir) {
  console.error('Cách dùng: npm run restore -- <tệp sao lưu .sqlite> [--data <thư mục dữ liệu>] [--recovery-code <mã khôi phục>]   (đóng Quầy HCC trước)');
  process.exit(2);
}
try {
  if (!backup) {
    restoreKey(resolve(dataDir), recoveryCode!);
    console.log(`Mã khôi phục đúng: khoá dữ liệu của ${dataDir} đã được niêm phong lại trên máy này.`);
    process.exit(0);
  }
  // Progress on one line per step (a large store takes minutes to check and copy).
  const r = restoreFromBackup(resolve(dataDir), resolve(backup), Date.now, (p) => console.log(`[${String(p.percent).padStart(3)}%] ${p.message}`), recoveryCode ? { recoveryCode } : {});
  console.log(`Đã khôi phục ${r.dossiers} hồ sơ từ ${backup} vào ${dataDir}.`);
  if (r.replacedTo) console.log(`Cơ sở dữ liệu cũ được giữ lại tại ${r.replacedTo}.`);
  if (r.reconcile) console.log('Lần đồng bộ đầu tiên sẽ lấy lại từ máy chủ tỉnh các thao tác sau thời điểm sao lưu; trước đó quầy chưa tiếp nhận hồ sơ mới.');
  else console.log('Quầy chưa đăng ký với máy chủ tỉnh: những gì làm sau thời điểm sao lưu không lấy lại được; số hiệu bưu gửi tiếp theo được bỏ qua một khoảng để không cấp trùng.');
} catch (err) {
  console.error(`Không khôi phục được: ${(err as Error).message}`);
  process.exit(1);
}
