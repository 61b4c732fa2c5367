/**
 * After a restore from a backup (scripts/restore-backup.ts) the store is marked (store/reconcile.ts):
 * until the sync worker has taken back from the hub what the counter did after that backup
 * (sync/recover.ts), intake is refused, because the restored serial ranges would issue item numbers
 * already given to citizens. Everything else (look-ups, handing over what is on the shelf) goes on.
 */
import type { Db } from '../store/db';
import { isReconciling } from '../store/reconcile';
import { DomainError } from '../../shared/errors';

export const RECONCILE_MESSAGE =
  'Dữ liệu của quầy vừa được khôi phục từ bản sao lưu. Hãy đồng bộ với máy chủ tỉnh (Ctrl+K) trước khi tiếp nhận hồ sơ mới, để không cấp trùng số hiệu bưu gửi.';

export function assertNotReconciling(db: Db): void {
  if (isReconciling(db)) throw new DomainError('RECONCILE_REQUIRED', RECONCILE_MESSAGE);
}
