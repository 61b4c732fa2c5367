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
import { UNKNOWN_ACCOUNT } from '../services/auth';

/** The viewer's filter for every kind of look at personal data at once. */
export const PERSONAL_DATA_ANY = 'personal_data.*';

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
  'clerk.unlock': 'Mở khoá quầy',
  'clerk.unlock_failed': 'Mở khoá quầy sai mật khẩu',
  'clerk.unlock_by_manager': 'Trưởng bưu cục mở khoá quầy',
  'clerk.lock': 'Khoá quầy',
  'clerk.change_password_failed': 'Đổi mật khẩu: sai mật khẩu hiện tại',
  'clerk.locked_out': 'Tài khoản tạm khoá do sai mật khẩu nhiều lần',
  'clerk.refused_while_locked': 'Đăng nhập khi tài khoản đang tạm khoá',
  'clerk.setup_admin': 'Đặt mật khẩu quản trị lần đầu',
  'clerk.change_password': 'Đổi mật khẩu',
  'clerk.create': 'Tạo tài khoản giao dịch viên',
  'clerk.manager_confirm_failed': 'Xác nhận của trưởng bưu cục sai mật khẩu',
  'shift.close': 'Kết ca',
  'receipt.reissue': 'Hủy và cấp lại biên lai thu phí',
  'shift.reopen': 'Mở lại ca đã kết',
  'transfer.confirm': 'Xác nhận chuyển khoản',
  'day.close': 'Chốt sổ ngày',
  'day.report_print': 'In báo cáo cuối ngày',
  'overdue.export': 'Xuất danh sách quá hạn',
  'audit.export': 'Xuất nhật ký thao tác',
  'document.copy': 'Lưu bản sao đọc được của tài liệu',
  'personal_data.view': 'Xem hồ sơ có dữ liệu cá nhân',
  'personal_data.lookup': 'Tra cứu (danh sách có dữ liệu cá nhân)',
  'personal_data.print': 'In phiếu có dữ liệu cá nhân',
  'personal_data.export': 'Xuất dữ liệu theo yêu cầu công dân',
  'personal_data.access': 'Xem dữ liệu cá nhân',
  'personal_data.copy': 'Lưu bản sao tài liệu có dữ liệu cá nhân',
  [PERSONAL_DATA_ANY]: 'Mọi lần xem dữ liệu cá nhân',
  'data_request.answer': 'Trả lời yêu cầu dữ liệu của công dân',
  'retention.purge': 'Xoá dữ liệu cá nhân hết thời hạn lưu',
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
  const kinds = rows.map((r) => ({ kind: r.a, label: auditKindLabel(r.a) })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  // Every look at personal data at once, first: what a manager checking access wants to see.
  return kinds.some((k) => k.kind.startsWith('personal_data.')) ? [{ kind: PERSONAL_DATA_ANY, label: auditKindLabel(PERSONAL_DATA_ANY) }, ...kinds] : kinds;
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
  if (q.kind === PERSONAL_DATA_ANY) {
    // A range on audit_by_action ('/' sorts right after '.').
    where.push("a.action >= 'personal_data.' AND a.action < 'personal_data/'");
  } else if (q.kind) {
    where.push('a.action = ?');
    params.push(q.kind);
  }
  if (q.itemNumber) {
    const c = checkItemNumber(q.itemNumber);
    if (!c.ok) throw new DomainError(c.code, c.message, 'itemNumber');
    const d = prep(db, 'SELECT id FROM dossiers WHERE item_number = ?').get(c.value.value) as { id: string } | undefined;
    // Entries about the dossier itself, those that name it in their detail (e.g. a batch change), and
    // prints of its receipts (named by the item number).
    where.push("((a.entity = 'dossier' AND a.entity_id = ?) OR (a.entity IN ('batch', 'ledger') AND a.detail LIKE ?) OR (a.entity = 'item' AND a.entity_id = ?))");
    params.push(d?.id ?? '', d ? `%${d.id}%` : '\u0000', c.value.value);
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
      actorName: r.full_name ?? (r.actor_id === UNKNOWN_ACCOUNT ? 'Tên đăng nhập không có' : r.actor_id),
      counterId: r.counter_id,
      kind: r.action,
      kindLabel: auditKindLabel(r.action),
      entity: r.entity,
      entityId: r.entity_id,
      itemNumber: r.item_number ? formatItemNumber(r.item_number) : r.entity === 'item' && r.entity_id ? formatItemNumber(r.entity_id) : null,
      detail: r.detail,
    })),
  };
}
