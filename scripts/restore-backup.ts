/**
 * `npm run restore -- <backup.sqlite> [--data <data folder>]`: restore a counter's store from one of
 * its backups (see src/main/store/restore.ts). Close Quầy HCC first.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { restoreFromBackup } from '../src/main/store/restore';

const args = process.argv.slice(2);
const at = args.indexOf('--data');
const dataDir = at >= 0 ? args[at + 1] : (process.env['QUAY_DATA_DIR'] ?? join(homedir(), '.config', 'quay-hcc', 'data'));
const backup = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
if (!backup || !dataDir) {
  console.error('Cách dùng: npm run restore -- <tệp sao lưu .sqlite> [--data <thư mục dữ liệu>]   (đóng Quầy HCC trước)');
  process.exit(2);
}
try {
  // Progress on one line per step (a large store takes minutes to check and copy).
  const r = restoreFromBackup(resolve(dataDir), resolve(backup), Date.now, (p) => console.log(`[${String(p.percent).padStart(3)}%] ${p.message}`));
  console.log(`Đã khôi phục ${r.dossiers} hồ sơ từ ${backup} vào ${dataDir}.`);
  if (r.replacedTo) console.log(`Cơ sở dữ liệu cũ được giữ lại tại ${r.replacedTo}.`);
  if (r.reconcile) console.log('Lần đồng bộ đầu tiên sẽ lấy lại từ máy chủ tỉnh các thao tác sau thời điểm sao lưu; trước đó quầy chưa tiếp nhận hồ sơ mới.');
  else console.log('Quầy chưa đăng ký với máy chủ tỉnh: những gì làm sau thời điểm sao lưu không lấy lại được; số hiệu bưu gửi tiếp theo được bỏ qua một khoảng để không cấp trùng.');
} catch (err) {
  console.error(`Không khôi phục được: ${(err as Error).message}`);
  process.exit(1);
}
