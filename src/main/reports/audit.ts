/**
 * The audit viewer: every recorded action, filtered by clerk, date, kind and item number. Kinds are
 * listed as the log holds them (a kind written by a later feature, e.g. personal data looked at,
 * appears without a change here), each with its Vietnamese label or, when the table below does not
 * know it yet, the raw kind. Queries use audit_by_at / audit_by_actor / audit_by_action /
 * audit_by_entity; the distinct kinds are read by skipping along audit_by_action.
 */
import { localEpochOf } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { AuditEntry, AuditQueryInput } from '../../shared/ipc/channels/manager';
import { checkItemNumber, formatItemNumber } from '../../shared/s10';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

export const AUDIT_KIND_LABELS: Record<string, string> = {
  'dossier.accept': 'Tiếp nhận hồ sơ',
  'dossier.supplement': 'Bổ sung giấy tờ',
  'dossier.appointment': 'Ghi ngày hẹn của cơ quan',
  'dossier.result_collected': 'Nhận kết quả từ cơ quan',
  'dossier.handover': 'Trả kết quả cho công dân',
  'dossier.delivery_failed': 'Phát không thành công',
  'dossier.returned_to_agency': 'Trả lại cơ quan',
  'dossier.cancel': 'Hủy hồ sơ',
  'batch.create': 'Đóng chuyến giao cơ quan',
  'batch.remove': 'Rút hồ sơ khỏi chuyến',
  'batch.filed': 'Cơ quan ký nhận chuyến',
  'clerk.login': 'Đăng nhập',
  'clerk.login_failed': 'Đăng nhập sai mật khẩu',
  'clerk.setup_admin': 'Đặt mật khẩu quản trị lần đầu',
  'clerk.change_password': 'Đổi mật khẩu',
  'clerk.create': 'Tạo tài khoản giao dịch viên',
  'clerk.manager_confirm_failed': 'Xác nhận của trưởng bưu cục sai mật khẩu',
  'shift.close': 'Kết ca',
  'shift.reopen': 'Mở lại ca đã kết',
  'transfer.confirm': 'Xác nhận chuyển khoản',
  'day.close': 'Chốt sổ ngày',
  'day.report_print': 'In báo cáo cuối ngày',
  'overdue.export': 'Xuất danh sách quá hạn',
  'audit.export': 'Xuất nhật ký thao tác',
  'personal_data.view': 'Xem dữ liệu cá nhân',
  'personal_data.access': 'Xem dữ liệu cá nhân',
  'print.enqueue': 'Xếp lệnh in',
  'print.reprint': 'In lại (bản đánh dấu)',
  'print.mark_printed': 'Đánh dấu đã in',
  'print.retry': 'Thử in lại lệnh lỗi',
  'print.attempt': 'Lần gửi tới máy in',
  'print.interrupted': 'Lệnh in bị gián đoạn',
  'printer.configure': 'Lưu cấu hình máy in',
  'sync.recover': 'Khôi phục hàng đợi đồng bộ',
  'sync.rejected_reviewed': 'Đã xem thao tác bị máy chủ từ chối',
  'store.recovery_code_shown': 'Xem mã khôi phục dữ liệu',
  'store.recovery_code_confirmed': 'Xác nhận đã cất giữ mã khôi phục',
};

export const auditKindLabel = (kind: string): string => AUDIT_KIND_LABELS[kind] ?? kind;

export function auditKinds(db: Db): { kind: string; label: string }[] {
  const rows = prep(
    db,
    `WITH RECURSIVE k(a) AS (SELECT MIN(action) FROM audit_log UNION ALL SELECT (SELECT MIN(action) FROM audit_log WHERE action > k.a) FROM k WHERE k.a IS NOT NULL)
     SELECT a FROM k WHERE a IS NOT NULL`,
  ).all() as { a: string }[];
  return rows.map((r) => ({ kind: r.a, label: auditKindLabel(r.a) })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

export function auditList(db: Db, q: AuditQueryInput): { rows: AuditEntry[]; truncated: boolean } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.from) {
    where.push('a.at >= ?');
    params.push(localEpochOf(q.from));
  }
  if (q.to) {
    where.push('a.at < ?');
    params.push(localEpochOf(q.to) + 86_400_000);
  }
  if (q.byClerk) {
    where.push('a.actor_id = ?');
    params.push(q.byClerk);
  }
  if (q.kind) {
    where.push('a.action = ?');
    params.push(q.kind);
  }
  if (q.itemNumber) {
    const c = checkItemNumber(q.itemNumber);
    if (!c.ok) throw new DomainError(c.code, c.message, 'itemNumber');
    const d = prep(db, 'SELECT id FROM dossiers WHERE item_number = ?').get(c.value.value) as { id: string } | undefined;
    if (!d) return { rows: [], truncated: false };
    // Entries about the dossier itself, and those that name it in their detail (e.g. a batch change).
    where.push("((a.entity = 'dossier' AND a.entity_id = ?) OR (a.entity IN ('batch', 'ledger') AND a.detail LIKE ?))");
    params.push(d.id, `%${d.id}%`);
  }
  const limit = q.limit ?? 500;
  const rows = prep(
    db,
    `SELECT a.id, a.at, a.actor_id, c.full_name, a.counter_id, a.action, a.entity, a.entity_id, a.detail, d.item_number
       FROM audit_log a LEFT JOIN clerks c ON c.id = a.actor_id LEFT JOIN dossiers d ON a.entity = 'dossier' AND d.id = a.entity_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.at DESC, a.id DESC LIMIT ?`,
  ).all(...params, limit + 1) as { id: number; at: number; actor_id: string; full_name: string | null; counter_id: string; action: string; entity: string; entity_id: string | null; detail: string; item_number: string | null }[];
  return {
    truncated: rows.length > limit,
    rows: rows.slice(0, limit).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.full_name ?? r.actor_id,
      counterId: r.counter_id,
      kind: r.action,
      kindLabel: auditKindLabel(r.action),
      entity: r.entity,
      entityId: r.entity_id,
      itemNumber: r.item_number ? formatItemNumber(r.item_number) : null,
      detail: r.detail,
    })),
  };
}
