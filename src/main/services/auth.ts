/**
 * Clerks and their passwords (or PINs). Hashes are scrypt with a random 16-byte salt, stored as
 * `scrypt$N$r$p$salt$hash` (base64), compared in constant time. The first run creates an `admin`
 * account without a password; the counter then asks for one before anything else.
 * Log-ins, failed log-ins, password changes and new clerks go to the audit log.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { Db as Database } from '../store/driver';
import { DomainError } from '../../shared/errors';
import type { Clock, Ids } from '../../shared/ports';
import type { Role } from '../../shared/ipc/define';
import { lockedOutMessage } from '../../shared/sign-in-policy';
import type { CounterSecurity } from '../../shared/sign-in-policy';
import { createSignInGuard, readCounterSecurity } from './sign-in-guard';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keylen, { N: n, r, p, maxmem: 256 * n * r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P, KEYLEN);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when the username is unknown (same timing). */
let dummyHash: Promise<string> | null = null;

export interface ClerkDto {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
  active: boolean;
}

interface ClerkRow {
  id: string;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string | null;
  must_change_password: number;
  active: number;
}

const toDto = (r: ClerkRow): ClerkDto => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  role: r.role,
  mustChangePassword: r.must_change_password === 1,
  active: r.active === 1,
});

export function passwordProblem(password: string): string | null {
  if (password.length < 6) return 'Mật khẩu hoặc mã PIN cần ít nhất 6 ký tự.';
  if (password.length > 128) return 'Mật khẩu dài quá 128 ký tự.';
  return null;
}

export interface AuthDeps {
  db: Database;
  clock: Clock;
  ids: Ids;
}

/** The actor of an audit row about a user name no account has. */
export const UNKNOWN_ACCOUNT = 'unknown-account';

interface GuardedAttempt {
  /** Who the audit row names as the actor (the account itself, or the clerk at the counter). */
  actorId: string;
  counterId: string;
  via: 'login' | 'unlock' | 'manager_confirm' | 'change_password';
  detail?: object;
  field?: string;
}

export interface AuditActor {
  clerkId: string;
  counterId: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({ db, clock, ids }: AuthDeps) {
  const byUsername = db.prepare<[string], ClerkRow>('SELECT * FROM clerks WHERE username = ?');
  const byId = db.prepare<[string], ClerkRow>('SELECT * FROM clerks WHERE id = ?');
  const audit = db.prepare(
    "INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, 'clerk', ?, ?)",
  );
  const guard = createSignInGuard(db, clock);
  const writeAudit = (actorId: string, counterId: string, action: string, clerkId: string | null, detail: object = {}) =>
    audit.run(clock.now(), actorId, counterId, action, clerkId, JSON.stringify(detail));

  function setHash(id: string, hash: string, mustChange: boolean): void {
    db.prepare('UPDATE clerks SET password_hash = ?, must_change_password = ? WHERE id = ?').run(hash, mustChange ? 1 : 0, id);
  }

  /**
   * Checks a password against an account under the sign-in guard: refused without a check while the
   * account waits; a wrong one is counted and audited (the last of a round starts the wait); a right
   * one clears the count. An unknown user name is audited without the text typed (it may be a
   * password typed in the wrong field).
   */
  async function guarded(row: ClerkRow | undefined, password: string, a: GuardedAttempt, wrong: () => DomainError): Promise<ClerkRow> {
    const entity = row?.id ?? null;
    try {
      if (row) guard.check(row.id, a.field);
    } catch (err) {
      writeAudit(a.actorId, a.counterId, 'clerk.refused_while_locked', entity, { via: a.via, ...a.detail });
      throw err;
    }
    const stored = row?.password_hash ?? (await (dummyHash ??= hashPassword(randomBytes(12).toString('hex'))));
    const good = await verifyPassword(password, stored);
    if (row && good && row.active === 1 && row.password_hash !== null) {
      guard.succeeded(row.id);
      return row;
    }
    if (!row) {
      writeAudit(a.actorId, a.counterId, `clerk.${a.via}_failed`, null, { unknownAccount: true, ...a.detail });
      throw wrong();
    }
    const out = guard.failed(row.id);
    writeAudit(a.actorId, a.counterId, `clerk.${a.via}_failed`, row.id, { attempt: out.attempt, of: out.of, ...a.detail });
    if (out.lockedUntil !== null) {
      writeAudit(a.actorId, a.counterId, 'clerk.locked_out', row.id, { minutes: Math.round((out.lockedUntil - clock.now()) / 60_000), lockouts: out.lockouts });
      throw new DomainError('account_locked', lockedOutMessage(out.lockedUntil - clock.now(), out.lockedUntil), a.field ?? 'password');
    }
    const left = out.of - out.attempt;
    const e = wrong();
    if (left <= 2) throw new DomainError(e.code, `${e.message} Còn ${left} lần thử trước khi tài khoản tạm khoá.`, e.field);
    throw e;
  }

  return {
    /** Creates the first admin (no password, must set one) when the clerks table is empty. */
    ensureFirstAdmin(): boolean {
      const count = (db.prepare('SELECT count(*) AS n FROM clerks').get() as { n: number }).n;
      if (count > 0) return false;
      db.prepare(
        "INSERT INTO clerks (id, username, full_name, role, password_hash, must_change_password, active, created_at) VALUES (?, 'admin', 'Quản trị viên', 'admin', NULL, 1, 1, ?)",
      ).run(ids.uuid(), clock.now());
      return true;
    },

    /** Whether an admin still has no password (first run): the counter must ask for one first. */
    needsSetup(): { needsSetup: boolean; username: string | null } {
      const row = db
        .prepare<[], { username: string }>("SELECT username FROM clerks WHERE role = 'admin' AND active = 1 AND password_hash IS NULL ORDER BY created_at LIMIT 1")
        .get();
      return { needsSetup: row !== undefined, username: row?.username ?? null };
    },

    /** First run: give the password-less admin a password. Refused once it has one. */
    async setupAdmin(input: { username: string; password: string }, counterId: string): Promise<ClerkDto> {
      const row = byUsername.get(input.username.trim());
      if (!row || row.role !== 'admin' || row.password_hash !== null) {
        throw new DomainError('setup_done', 'Tài khoản quản trị đã có mật khẩu. Hãy đăng nhập.');
      }
      const problem = passwordProblem(input.password);
      if (problem) throw new DomainError('weak_password', problem, 'password');
      setHash(row.id, await hashPassword(input.password), false);
      writeAudit(row.id, counterId, 'clerk.setup_admin', row.id);
      return toDto(byId.get(row.id)!);
    },

    async login(input: { username: string; password: string }, counterId: string): Promise<ClerkDto> {
      const row = byUsername.get(input.username.trim());
      const ok = await guarded(row, input.password, { actorId: row?.id ?? UNKNOWN_ACCOUNT, counterId, via: 'login' }, () => new DomainError('bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'password'));
      writeAudit(ok.id, counterId, 'clerk.login', ok.id);
      return toDto(ok);
    },

    /** Unlocks the counter for the clerk who locked it: a wrong password counts like a wrong log-in. */
    async unlock(clerkId: string, password: string, counterId: string): Promise<ClerkDto> {
      const row = byId.get(clerkId);
      const ok = await guarded(row, password, { actorId: clerkId, counterId, via: 'unlock' }, () => new DomainError('bad_credentials', 'Mật khẩu không đúng.', 'password'));
      writeAudit(ok.id, counterId, 'clerk.unlock', ok.id);
      return toDto(ok);
    },

    /**
     * A manager (or admin) unlocks a counter someone else locked, with their own user name and
     * password; the counter is then theirs (what they save is recorded under their name).
     */
    async unlockAsManager(input: { username: string; password: string }, lockedClerkId: string, counterId: string): Promise<ClerkDto> {
      const row = byUsername.get(input.username.trim().toLowerCase());
      const ok = await guarded(row, input.password, { actorId: row?.id ?? UNKNOWN_ACCOUNT, counterId, via: 'unlock', field: 'password' }, () => new DomainError('bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu.', 'password'));
      if (ok.role !== 'manager' && ok.role !== 'admin') {
        writeAudit(ok.id, counterId, 'clerk.unlock_failed', lockedClerkId, { notManager: true });
        throw new DomainError('NOT_MANAGER', `Tài khoản ${ok.username} không phải trưởng bưu cục: chỉ người đã khoá quầy hoặc trưởng bưu cục được mở.`, 'username');
      }
      writeAudit(ok.id, counterId, 'clerk.unlock_by_manager', lockedClerkId);
      return toDto(ok);
    },

    /**
     * A manager confirms at someone else's counter with their own user name and password (a shift
     * close, a reopen). A failure is audited against the account named, like a failed log-in.
     */
    async confirmManager(input: { username: string; password: string }, actor: AuditActor, purpose: string): Promise<ClerkDto> {
      const row = byUsername.get(input.username.trim().toLowerCase());
      const ok = await guarded(row, input.password, { actorId: actor.clerkId, counterId: actor.counterId, via: 'manager_confirm', detail: { purpose }, field: 'managerPassword' }, () =>
        new DomainError('MANAGER_PASSWORD', 'Sai tên đăng nhập hoặc mật khẩu của trưởng bưu cục.', 'managerPassword'),
      );
      if (ok.role !== 'manager' && ok.role !== 'admin') {
        throw new DomainError('NOT_MANAGER', `Tài khoản ${ok.username} không phải trưởng bưu cục: cần trưởng bưu cục xác nhận.`, 'managerUsername');
      }
      return toDto(ok);
    },

    async changePassword(input: { oldPassword: string; newPassword: string }, actor: AuditActor): Promise<ClerkDto> {
      const row = await guarded(byId.get(actor.clerkId), input.oldPassword, { actorId: actor.clerkId, counterId: actor.counterId, via: 'change_password', field: 'oldPassword' }, () =>
        new DomainError('bad_credentials', 'Mật khẩu hiện tại không đúng.', 'oldPassword'),
      );
      const problem = passwordProblem(input.newPassword);
      if (problem) throw new DomainError('weak_password', problem, 'newPassword');
      if (input.newPassword === input.oldPassword) throw new DomainError('same_password', 'Mật khẩu mới phải khác mật khẩu cũ.', 'newPassword');
      setHash(row.id, await hashPassword(input.newPassword), false);
      writeAudit(actor.clerkId, actor.counterId, 'clerk.change_password', row.id);
      return toDto(byId.get(row.id)!);
    },

    /** An admin adds a clerk with a first password the clerk must change at first log-in. */
    async createClerk(input: { username: string; fullName: string; role: Role; password: string }, actor: AuditActor): Promise<ClerkDto> {
      const username = input.username.trim().toLowerCase();
      if (!/^[a-z0-9._-]{3,32}$/.test(username)) {
        throw new DomainError('bad_username', 'Tên đăng nhập 3–32 ký tự: chữ không dấu, số, dấu chấm, gạch.', 'username');
      }
      if (byUsername.get(username)) throw new DomainError('username_taken', 'Tên đăng nhập này đã có.', 'username');
      const problem = passwordProblem(input.password);
      if (problem) throw new DomainError('weak_password', problem, 'password');
      const fullName = input.fullName.normalize('NFC').trim();
      if (!fullName) throw new DomainError('no_name', 'Chưa nhập họ tên.', 'fullName');
      const id = ids.uuid();
      const hash = await hashPassword(input.password);
      db.transaction(() => {
        db.prepare(
          'INSERT INTO clerks (id, username, full_name, role, password_hash, must_change_password, active, created_at) VALUES (?, ?, ?, ?, ?, 1, 1, ?)',
        ).run(id, username, fullName, input.role, hash, clock.now());
        writeAudit(actor.clerkId, actor.counterId, 'clerk.create', id, { role: input.role });
      })();
      return toDto(byId.get(id)!);
    },

    /** The counter was locked, by the clerk or after the idle minutes. */
    recordLock(actor: AuditActor, idle: boolean): void {
      writeAudit(actor.clerkId, actor.counterId, 'clerk.lock', actor.clerkId, { idle });
    },

    /** The province's sign-in settings (reference kind counter_security, else the defaults). */
    security(): CounterSecurity {
      return readCounterSecurity(db);
    },

    listClerks(): ClerkDto[] {
      return db.prepare<[], ClerkRow>('SELECT * FROM clerks ORDER BY full_name').all().map(toDto);
    },

    get(clerkId: string): ClerkDto | null {
      const row = byId.get(clerkId);
      return row ? toDto(row) : null;
    },
  };
}
