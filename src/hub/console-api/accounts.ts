/**
 * The people who use the provincial console (/console/): IT administrators (everything), province
 * managers (read-only outside reports), branch managers (their own branch only).
 *
 * Passwords are stored as scrypt hashes with a random salt (`scrypt$N$r$p$salt$hash`). After
 * MAX_FAILURES wrong passwords in a row an account is locked for LOCK_MS; the count lives in the
 * database so every worker sees it. Sessions are server-side: the browser holds a random 256-bit id
 * in an HttpOnly cookie, the table holds only its sha256, and a session ends after IDLE_MS without
 * use or MAX_AGE_MS in all.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { HubDb } from '../db';

export const ROLES = ['it_admin', 'province_manager', 'branch_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  it_admin: 'Quản trị CNTT',
  province_manager: 'Lãnh đạo tỉnh',
  branch_manager: 'Trưởng bưu cục',
};

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const IDLE_MS = 30 * 60_000;
export const MAX_AGE_MS = 12 * 3_600_000;
export const MIN_PASSWORD = 10;

export interface HubUser {
  username: string;
  displayName: string;
  role: Role;
  branchCode: string | null;
}

export class AccountError extends Error {
  constructor(
    readonly code: 'BAD_LOGIN' | 'LOCKED' | 'EXISTS' | 'WEAK_PASSWORD' | 'BAD_USERNAME' | 'NO_BRANCH' | 'UNKNOWN_USER' | 'LAST_ADMIN',
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

const SCRYPT = { N: 16384, r: 8, p: 1 };

function scrypt(password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> {
  return new Promise((res, rej) => scryptCb(password.normalize('NFC'), salt, 32, { ...o, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? rej(e) : res(k))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return got.length === want.length && timingSafeEqual(got, want);
}

// A hash to compare against when the user does not exist, so both answers take the same time.
let dummy: Promise<string> | null = null;

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD) throw new AccountError('WEAK_PASSWORD', `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
}

export async function createUser(
  db: HubDb,
  u: { username: string; displayName?: string; role: Role; branchCode?: string | null; password: string },
  now: number,
): Promise<HubUser> {
  const username = u.username.trim().toLowerCase();
  if (!USERNAME.test(username)) throw new AccountError('BAD_USERNAME', 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.');
  checkPassword(u.password);
  const branchCode = u.role === 'branch_manager' ? (u.branchCode?.trim() ?? '') : null;
  if (u.role === 'branch_manager' && !branchCode) throw new AccountError('NO_BRANCH', 'Trưởng bưu cục phải gắn với một mã bưu cục.');
  const hash = await hashPassword(u.password);
  const r = await db.query(
    `INSERT INTO hub_users (username, display_name, role, branch_code, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (username) DO NOTHING RETURNING username`,
    [username, u.displayName?.trim() || username, u.role, branchCode, hash, now],
  );
  if (r.rows.length === 0) throw new AccountError('EXISTS', `Đã có tài khoản ${username}.`);
  return { username, displayName: u.displayName?.trim() || username, role: u.role, branchCode };
}

export async function listUsers(db: HubDb): Promise<(HubUser & { lockedUntil: number | null; disabled: boolean })[]> {
  const r = await db.query<{ username: string; display_name: string; role: Role; branch_code: string | null; locked_until: number | null; disabled_at: number | null }>(
    'SELECT username, display_name, role, branch_code, locked_until::float8 AS locked_until, disabled_at::float8 AS disabled_at FROM hub_users ORDER BY username',
  );
  return r.rows.map((x) => ({ username: x.username, displayName: x.display_name, role: x.role, branchCode: x.branch_code, lockedUntil: x.locked_until, disabled: x.disabled_at !== null }));
}

const sha = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Checks a password; on success opens a session and returns its id (for the cookie). A wrong
 * password counts toward the lock; a locked account is refused without looking at the password (so
 * guessing during the lock teaches nothing).
 */
export async function login(db: HubDb, username: string, password: string, now: number): Promise<{ sessionId: string; user: HubUser; expiresAt: number }> {
  const name = username.trim().toLowerCase();
  const r = await db.query<{ username: string; display_name: string; role: Role; branch_code: string | null; password_hash: string; failed_count: number; locked_until: number | null; disabled_at: number | null }>(
    'SELECT username, display_name, role, branch_code, password_hash, failed_count, locked_until::float8 AS locked_until, disabled_at::float8 AS disabled_at FROM hub_users WHERE username = $1',
    [name],
  );
  const row = r.rows[0];
  const bad = new AccountError('BAD_LOGIN', 'Sai tên đăng nhập hoặc mật khẩu.');
  if (!row) {
    dummy ??= hashPassword('not a password of anyone');
    await verifyPassword(password, await dummy);
    throw bad;
  }
  if (row.locked_until !== null && row.locked_until > now) {
    const wait = row.locked_until - now;
    throw new AccountError('LOCKED', `Tài khoản tạm khoá vì nhập sai mật khẩu ${MAX_FAILURES} lần; hãy thử lại sau ${Math.ceil(wait / 60_000)} phút hoặc nhờ quản trị CNTT mở khoá.`, wait);
  }
  if (row.disabled_at !== null || !(await verifyPassword(password, row.password_hash))) {
    const u = await db.query<{ failed_count: number }>(
      `UPDATE hub_users SET failed_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_count + 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 ELSE failed_count + 1 END) >= $3 THEN $2::bigint + $4 ELSE NULL END
        WHERE username = $1 RETURNING failed_count`,
      [name, now, MAX_FAILURES, LOCK_MS],
    );
    if ((u.rows[0]?.failed_count ?? 0) >= MAX_FAILURES) {
      throw new AccountError('LOCKED', `Tài khoản tạm khoá vì nhập sai mật khẩu ${MAX_FAILURES} lần; hãy thử lại sau ${Math.ceil(LOCK_MS / 60_000)} phút hoặc nhờ quản trị CNTT mở khoá.`, LOCK_MS);
    }
    throw bad;
  }
  await db.query('UPDATE hub_users SET failed_count = 0, locked_until = NULL WHERE username = $1', [name]);
  const sessionId = randomBytes(32).toString('base64url');
  const expiresAt = now + IDLE_MS;
  await db.query('INSERT INTO hub_sessions (id_hash, username, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)', [sha(sessionId), name, now, expiresAt]);
  // Now and then sweep the expired ones.
  await db.query('DELETE FROM hub_sessions WHERE expires_at <= $1', [now]);
  return { sessionId, user: { username: row.username, displayName: row.display_name, role: row.role, branchCode: row.branch_code }, expiresAt };
}

/** The user of a live session, sliding its idle expiry (never past MAX_AGE_MS from login); null if none. */
export async function sessionUser(db: HubDb, sessionId: string | undefined, now: number): Promise<HubUser | null> {
  if (!sessionId || sessionId.length < 20 || sessionId.length > 100) return null;
  const r = await db.query<{ username: string; display_name: string; role: Role; branch_code: string | null }>(
    `UPDATE hub_sessions s SET last_seen_at = $2, expires_at = least($2::bigint + $3, s.created_at + $4)
       FROM hub_users u
      WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.username = s.username AND u.disabled_at IS NULL
      RETURNING u.username, u.display_name, u.role, u.branch_code`,
    [sha(sessionId), now, IDLE_MS, MAX_AGE_MS],
  );
  const row = r.rows[0];
  return row ? { username: row.username, displayName: row.display_name, role: row.role, branchCode: row.branch_code } : null;
}

export async function logout(db: HubDb, sessionId: string | undefined): Promise<void> {
  if (sessionId) await db.query('DELETE FROM hub_sessions WHERE id_hash = $1', [sha(sessionId)]);
}

/** IT lifts a lock before it runs out. */
export async function unlockUser(db: HubDb, username: string): Promise<boolean> {
  const r = await db.query('UPDATE hub_users SET failed_count = 0, locked_until = NULL WHERE username = $1 RETURNING 1', [username]);
  return r.rows.length > 0;
}

const unknownUser = (username: string) => new AccountError('UNKNOWN_USER', `Không có tài khoản ${username}.`);

/** How many enabled IT administrators other than `username` there are (the last one is never demoted or disabled). */
async function otherAdmins(db: HubDb, username: string): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM hub_users WHERE role = 'it_admin' AND disabled_at IS NULL AND username <> $1`, [username]);
  return r.rows[0]?.n ?? 0;
}

async function guardLastAdmin(db: HubDb, username: string, role: Role | null): Promise<void> {
  if (role === 'it_admin') return;
  const r = await db.query<{ role: Role }>('SELECT role FROM hub_users WHERE username = $1 AND disabled_at IS NULL', [username]);
  if (r.rows[0]?.role === 'it_admin' && (await otherAdmins(db, username)) === 0) {
    throw new AccountError('LAST_ADMIN', 'Đây là tài khoản quản trị CNTT cuối cùng còn hoạt động; hãy tạo một quản trị CNTT khác trước.');
  }
}

/** IT changes an account's role, branch and displayed name; the account's open sessions end (they carried the old role). */
export async function updateUser(db: HubDb, username: string, u: { role: Role; branchCode?: string | null; displayName?: string }): Promise<HubUser> {
  const branchCode = u.role === 'branch_manager' ? (u.branchCode?.trim() ?? '') : null;
  if (u.role === 'branch_manager' && !branchCode) throw new AccountError('NO_BRANCH', 'Trưởng bưu cục phải gắn với một mã bưu cục.');
  await guardLastAdmin(db, username, u.role);
  const r = await db.query<{ username: string; display_name: string }>(
    `UPDATE hub_users SET role = $2, branch_code = $3, display_name = coalesce(nullif(trim($4), ''), display_name) WHERE username = $1 RETURNING username, display_name`,
    [username, u.role, branchCode, u.displayName ?? ''],
  );
  const row = r.rows[0];
  if (!row) throw unknownUser(username);
  await db.query('DELETE FROM hub_sessions WHERE username = $1', [username]);
  return { username: row.username, displayName: row.display_name, role: u.role, branchCode };
}

/** Disables (ending its sessions) or re-enables an account. */
export async function setUserDisabled(db: HubDb, username: string, disabled: boolean, now: number): Promise<void> {
  if (disabled) await guardLastAdmin(db, username, null);
  const r = await db.query('UPDATE hub_users SET disabled_at = $2 WHERE username = $1 RETURNING 1', [username, disabled ? now : null]);
  if (r.rows.length === 0) throw unknownUser(username);
  if (disabled) await db.query('DELETE FROM hub_sessions WHERE username = $1', [username]);
}

/** IT sets a new password (told to the person out of band): the lock is lifted and open sessions end. */
export async function resetPassword(db: HubDb, username: string, password: string): Promise<void> {
  checkPassword(password);
  const hash = await hashPassword(password);
  const r = await db.query('UPDATE hub_users SET password_hash = $2, failed_count = 0, locked_until = NULL WHERE username = $1 RETURNING 1', [username, hash]);
  if (r.rows.length === 0) throw unknownUser(username);
  await db.query('DELETE FROM hub_sessions WHERE username = $1', [username]);
}
