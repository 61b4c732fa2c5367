/**
 * Every counter the hub knows and its last contact, for provincial IT: which counters have gone
 * silent (a counter that has not synced for days holds dossiers and money the branch cannot see),
 * which still run an old version after an update was pushed, and how many operations were refused.
 * `GET /admin/counters` and `npm run hub -- counters`.
 *
 * And cutting off a counter whose machine is lost or stolen: `revokeCounter` voids its token (every
 * request from it is refused from then on) and its unused enrollment codes. Its history stays; a new
 * code enrolls the replacement machine as the same counter, which continues its own numbering.
 */
import { formatDateTimeVi } from '../shared/calendar';
import { CLOCK_SKEW_WARN_MS, type CounterStatus } from '../shared/sync-protocol';
import type { HubDb } from './db';
import { isBelowMinimum } from '../shared/app-update';
import { minimumVersion } from './updates';

export class UnknownCounter extends Error {}

export async function listCounters(db: HubDb): Promise<CounterStatus[]> {
  const r = await db.query<{
    id: string;
    name: string;
    branch_code: string;
    branch_name: string;
    enrolled_at: number | null;
    device_name: string | null;
    last_seen_at: number | null;
    last_push_at: number | null;
    app_version: string | null;
    clock_skew_ms: number | null;
    received: number;
    refused: number;
    revoked_at: number | null;
    update_channel: string;
  }>(
    `SELECT k.id, k.name, k.branch_code, b.name AS branch_name, k.enrolled_at::float8 AS enrolled_at, k.device_name,
            k.last_seen_at::float8 AS last_seen_at, k.last_push_at::float8 AS last_push_at, k.app_version, k.clock_skew_ms::float8 AS clock_skew_ms,
            (k.next_seq - 1)::float8 AS received, coalesce(o.n, 0)::float8 AS refused, k.revoked_at::float8 AS revoked_at, k.update_channel
       FROM counters k
       JOIN branches b ON b.code = k.branch_code
       LEFT JOIN (SELECT counter_id, count(*) AS n FROM ops GROUP BY counter_id) o ON o.counter_id = k.id
      ORDER BY k.branch_code, k.id`,
  );
  const min = await minimumVersion(db);
  return r.rows.map((x) => ({
    counterId: x.id,
    counterName: x.name,
    branchCode: x.branch_code,
    branchName: x.branch_name,
    enrolledAt: x.enrolled_at,
    deviceName: x.device_name,
    lastSeenAt: x.last_seen_at,
    lastPushAt: x.last_push_at,
    appVersion: x.app_version,
    clockSkewMs: x.clock_skew_ms,
    opsReceived: x.received,
    opsRefused: x.refused,
    revokedAt: x.revoked_at,
    updateChannel: x.update_channel,
    // A counter that never reported a version is not counted as below until it has been enrolled.
    belowMinimum: x.enrolled_at !== null && isBelowMinimum(x.app_version, min),
  }));
}

/** "3 giờ trước", "2 ngày trước": how long ago, for the table. */
export function ago(ms: number): string {
  const min = Math.floor(ms / 60_000);
  if (min < 1) return 'vừa xong';
  if (min < 60) return `${min} phút trước`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} giờ trước`;
  return `${Math.floor(h / 24)} ngày trước`;
}

/** "+3 phút", "−40 giây": how far off a counter's clock is. */
export function skewText(ms: number): string {
  const sign = ms > 0 ? '+' : ms < 0 ? '−' : '';
  const a = Math.abs(ms);
  if (a < 60_000) return `${sign}${Math.round(a / 1000)} giây`;
  if (a < 90 * 60_000) return `${sign}${Math.round(a / 60_000)} phút`;
  if (a < 48 * 3_600_000) return `${sign}${Math.round(a / 3_600_000)} giờ`;
  return `${sign}${Math.round(a / 86_400_000)} ngày`;
}

/**
 * The table `npm run hub -- counters` prints: one line per counter, marked when silent (enrolled, and
 * no contact for `silentMs`), when its clock is off by more than CLOCK_SKEW_WARN_MS (its events and
 * cash entries carry its local date), or when revoked. Returns the lines and how many are silent or
 * have a clock that is off.
 */
export function countersTable(list: CounterStatus[], now: number, silentMs: number): { lines: string[]; silent: number; wrongClock: number; belowMinimum: number } {
  const head = ['Bưu cục', 'Quầy', 'Tên quầy', 'Phiên bản', 'Kênh', 'Liên lạc gần nhất', 'Gửi dữ liệu gần nhất', 'Lệch giờ', 'Đã nhận', 'Bị từ chối', ''];
  let silent = 0;
  let wrongClock = 0;
  const rows = list.map((c) => {
    const quiet = c.enrolledAt !== null && c.revokedAt === null && (c.lastSeenAt === null || now - c.lastSeenAt >= silentMs);
    if (quiet) silent++;
    const offClock = c.revokedAt === null && c.clockSkewMs !== null && Math.abs(c.clockSkewMs) > CLOCK_SKEW_WARN_MS;
    if (offClock) wrongClock++;
    const when = (t: number | null) => (t === null ? 'chưa có' : `${formatDateTimeVi(t)} (${ago(now - t)})`);
    return [
      c.branchCode,
      c.counterId,
      c.counterName,
      c.appVersion ?? '—',
      c.updateChannel,
      c.enrolledAt === null ? 'chưa đăng ký' : when(c.lastSeenAt),
      when(c.lastPushAt),
      c.clockSkewMs === null ? '—' : skewText(c.clockSkewMs),
      String(c.opsReceived),
      String(c.opsRefused),
      c.revokedAt !== null
        ? `đã thu hồi ${formatDateTimeVi(c.revokedAt)}`
        : [quiet ? '⚠ im lặng' : '', offClock ? '⚠ sai giờ' : '', c.belowMinimum ? '⚠ dưới bản tối thiểu' : ''].filter(Boolean).join(', '),
    ];
  });
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => [...r[i]!].length)));
  const lines = all.map((r) => r.map((cell, i) => cell + ' '.repeat(width[i]! - [...cell].length)).join('  ').trimEnd());
  const belowMinimum = list.filter((c) => c.revokedAt === null && c.belowMinimum).length;
  return { lines, silent, wrongClock, belowMinimum };
}

/** Voids the counter's token and its unused enrollment codes; throws UnknownCounter. */
export async function revokeCounter(db: HubDb, counterId: string, now: number): Promise<{ revokedAt: number; codesCancelled: number }> {
  return db.tx(async (c) => {
    const r = await c.query('UPDATE counters SET token_hash = NULL, revoked_at = $2 WHERE id = $1 RETURNING id', [counterId, now]);
    if (r.rows.length === 0) throw new UnknownCounter(`Không có quầy ${counterId} trên máy chủ.`);
    const codes = await c.query('UPDATE enrollment_codes SET used_at = $2 WHERE counter_id = $1 AND used_at IS NULL RETURNING 1', [counterId, now]);
    return { revokedAt: now, codesCancelled: codes.rows.length };
  });
}
