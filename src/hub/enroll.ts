/**
 * Enrollment and authentication of counters.
 *
 * An admin creates a one-time code for (branch, counter) — HTTP with the admin token, or the CLI on
 * the hub's machine. The counter exchanges it once, before it expires, for a random 256-bit bearer
 * token bound to that counter and branch. Only SHA-256 hashes of codes and tokens are stored, so a
 * copy of the database does not let anyone push as a counter. Re-enrolling a counter (new machine)
 * replaces its token; the old one stops working.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { APP_VERSION_PATTERN, ENROLL_CODE_ALPHABET, normalizeEnrollCode, type CreateCodeRequest, type SerialRange } from '../shared/sync-protocol';
import type { HubDb } from './db';
import { allocateBlock, countersBlocks, newestBlock, type SerialConfig } from './serials';
import type { Caller } from './push';
import type { UpdatePolicy } from '../shared/app-update';
import { policyOf, type PolicyRow } from './updates';

export const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export class EnrollError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function newCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ENROLL_CODE_ALPHABET[randomInt(ENROLL_CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export const DEFAULT_CODE_TTL_MINUTES = 24 * 60;

export async function createEnrollmentCode(db: HubDb, req: CreateCodeRequest, now: number): Promise<{ code: string; expiresAt: number }> {
  const code = newCode();
  const expiresAt = now + (req.ttlMinutes ?? DEFAULT_CODE_TTL_MINUTES) * 60_000;
  await db.tx(async (c) => {
    await c.query(
      `INSERT INTO branches (code, name) VALUES ($1, $2)
       ON CONFLICT (code) DO UPDATE SET name = CASE WHEN $3 THEN EXCLUDED.name ELSE branches.name END`,
      [req.branchCode, req.branchName ?? req.branchCode, req.branchName !== undefined],
    );
    const existing = await c.query<{ branch_code: string }>('SELECT branch_code FROM counters WHERE id = $1 FOR UPDATE', [req.counterId]);
    if (existing.rows[0] && existing.rows[0].branch_code !== req.branchCode) {
      throw new EnrollError('COUNTER_OTHER_BRANCH', `Quầy ${req.counterId} đã thuộc bưu cục ${existing.rows[0].branch_code}.`, 409);
    }
    await c.query(
      `INSERT INTO counters (id, branch_code, name) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = CASE WHEN $4 THEN EXCLUDED.name ELSE counters.name END`,
      [req.counterId, req.branchCode, req.counterName ?? req.counterId, req.counterName !== undefined],
    );
    await c.query('INSERT INTO enrollment_codes (code_hash, counter_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(normalizeEnrollCode(code)),
      req.counterId,
      now,
      expiresAt,
    ]);
  });
  return { code, expiresAt };
}

export interface Enrolled {
  token: string;
  counterId: string;
  counterName: string;
  branchCode: string;
  branchName: string;
  provinceCode: string;
  serialRanges: SerialRange[];
}

export async function enrollWithCode(
  db: HubDb,
  serials: SerialConfig,
  code: string,
  deviceName: string | undefined,
  now: number,
  expectedCounterId?: string,
): Promise<Enrolled> {
  const token = randomBytes(32).toString('base64url');
  return db.tx(async (c) => {
    const found = await c.query<{ counter_id: string }>(
      `SELECT counter_id FROM enrollment_codes WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE`,
      [sha256(normalizeEnrollCode(code)), now],
    );
    const counterId = found.rows[0]?.counter_id;
    if (!counterId) throw new EnrollError('BAD_CODE', 'Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. Hãy xin quản trị viên mã mới.', 401);
    if (expectedCounterId !== undefined && expectedCounterId !== counterId) {
      throw new EnrollError('CODE_FOR_OTHER_COUNTER', `Mã đăng ký này dành cho quầy ${counterId}, nhưng máy này được cài là quầy ${expectedCounterId}. Mã chưa bị dùng; hãy nhập trên đúng máy hoặc xin mã cho quầy ${expectedCounterId}.`, 409);
    }
    await c.query('UPDATE enrollment_codes SET used_at = $2 WHERE code_hash = $1', [sha256(normalizeEnrollCode(code)), now]);
    const r = await c.query<{ name: string; branch_code: string; branch_name: string; province_code: string }>(
      `UPDATE counters k SET token_hash = $2, device_name = $3, enrolled_at = $4, last_seen_at = $4, revoked_at = NULL FROM branches b
        WHERE k.id = $1 AND b.code = k.branch_code
        RETURNING k.name, k.branch_code, b.name AS branch_name, b.province_code`,
      [counterId, sha256(token), deviceName ?? null, now],
    );
    const row = r.rows[0]!;
    if (!(await newestBlock(c, serials, counterId))) {
      const k = await c.query<{ k: string }>('SELECT pg_current_xact_id()::text AS k');
      await allocateBlock(c, serials, counterId, now, k.rows[0]!.k);
    }
    const serialRanges = await countersBlocks(c, serials, counterId);
    return { token, counterId, counterName: row.name, branchCode: row.branch_code, branchName: row.branch_name, provinceCode: row.province_code, serialRanges };
  });
}

/** How often a counter's last contact is written at most (a pull every few seconds writes nothing). */
export const CONTACT_RESOLUTION_MS = 60_000;

/** What a counter tells about itself with each request, as its headers say it (checked here). */
export interface ContactInfo {
  appVersion?: string | undefined;
  /** Epoch ms, in decimal digits. */
  counterTime?: string | undefined;
}

/**
 * The counter a bearer token belongs to, or null. In the same statement, records the contact for
 * provincial IT (counters.ts): the hub's time and how far off the counter's clock is, at most once
 * per CONTACT_RESOLUTION_MS, and the version the counter reports (a well-formed one only) whenever it
 * changes.
 */
export async function authenticate(db: HubDb, token: string, now: number, info: ContactInfo = {}): Promise<(Caller & { update: UpdatePolicy }) | null> {
  if (token.length < 20 || token.length > 200) return null;
  const version = info.appVersion !== undefined && APP_VERSION_PATTERN.test(info.appVersion) ? info.appVersion : null;
  // A clock more than ten years off is not a clock reading.
  const time = info.counterTime !== undefined && /^\d{1,16}$/.test(info.counterTime) ? Number(info.counterTime) : null;
  const skew = time !== null && Math.abs(time - now) < 10 * 365 * 86_400_000 ? time - now : null;
  const r = await db.query<{ id: string; branch_code: string } & PolicyRow>(
    `WITH k AS (SELECT id, branch_code, last_seen_at, app_version, update_channel, update_allow_downgrade FROM counters WHERE token_hash = $1),
          seen AS (
            UPDATE counters c SET last_seen_at = $2, app_version = coalesce($3, c.app_version), clock_skew_ms = coalesce($5, c.clock_skew_ms)
              FROM k
             WHERE c.id = k.id
               AND (k.last_seen_at IS NULL OR k.last_seen_at <= $2::bigint - $4 OR ($3::text IS NOT NULL AND k.app_version IS DISTINCT FROM $3)))
     SELECT k.id, k.branch_code, k.update_channel, k.update_allow_downgrade, ch.url AS channel_url,
            (SELECT value FROM hub_meta WHERE key = 'min_app_version') AS min_version
       FROM k LEFT JOIN update_channels ch ON ch.name = k.update_channel`,
    [sha256(token), now, version, CONTACT_RESOLUTION_MS, skew],
  );
  const row = r.rows[0];
  // The update policy is read in the same statement: every answer to the counter carries it.
  return row ? { counterId: row.id, branchCode: row.branch_code, update: policyOf(row) } : null;
}

/** Constant-time comparison of the admin token. */
export function adminTokenOk(configured: string | undefined, presented: string | undefined): boolean {
  if (!configured || !presented) return false;
  const a = sha256(configured);
  const b = sha256(presented);
  return timingSafeEqual(a, b);
}
