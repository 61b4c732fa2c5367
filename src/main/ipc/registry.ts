/**
 * The handler registry: the one place where every call from the renderer (Electron IPC, the browser
 * bridge, the end-to-end binding) enters main. It knows the contract, refuses unknown channels and a
 * second handler for the same channel, checks the caller's role from the session held here (never
 * from the renderer), validates the input with the channel's strict zod schema, and returns a plain
 * JSON envelope. Nothing in here imports Electron.
 */
import { DomainError } from '../../shared/errors';
import type { Access, ContractShape, Envelope, OutputOf, ParsedInputOf, Role } from '../../shared/ipc/define';
import { allows } from '../../shared/ipc/define';
import { viErrorMap } from '../../shared/ipc/vi-errors';
import { markParsed } from '../../shared/ipc/parsed';
import { fastSchema } from '../../shared/fast-parse';

/** What a clerk who must still change the first password may call besides the public channels. */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<string> = new Set(['session.changePassword', 'session.lock']);

export interface SessionClerk {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  /** The account still has its first password: nothing but the change (and sign-out) is answered. */
  mustChangePassword?: boolean;
}

export interface Actor {
  clerkId: string;
  counterId: string;
  role: Role;
}

/** Who is at this counter. Lives in main; one per window (Electron) or per bridge. */
export class Session {
  clerk: SessionClerk | null = null;
  locked = false;
  private readonly counterIdOf: () => string;
  /** The counter's id, or how to read it: it changes when the first run gives the counter its identity. */
  constructor(counterId: string | (() => string)) {
    this.counterIdOf = typeof counterId === 'string' ? () => counterId : counterId;
  }
  get counterId(): string {
    return this.counterIdOf();
  }
  /** The actor of a call, or null when nobody is logged in or the counter is locked. */
  actor(): Actor | null {
    if (!this.clerk || this.locked) return null;
    return { clerkId: this.clerk.id, counterId: this.counterId, role: this.clerk.role };
  }
}

export interface CallContext {
  session: Session;
  /** Set for every channel whose access is not 'public'. */
  actor: Actor;
}

export type Handler<C extends ContractShape, K extends keyof C> = (
  input: ParsedInputOf<C[K]>,
  ctx: CallContext,
) => OutputOf<C[K]> | Promise<OutputOf<C[K]>>;

/**
 * One capability's handlers: exactly one per channel of its group in the contract
 * (src/shared/ipc/channels/<capability>.ts), so a channel added there without a handler does not compile.
 */
export type HandlerTable<C extends ContractShape> = { [K in keyof C & string]: Handler<C, K> };

export interface Logger {
  error(msg: string, err?: unknown): void;
}

export class Registry<C extends ContractShape> {
  private readonly handlers = new Map<string, Handler<C, keyof C>>();
  private readonly successListeners: ((name: string) => void)[] = [];
  constructor(
    private readonly contract: C,
    private readonly log: Logger = { error: (m, e) => console.error(m, e instanceof Error ? e.stack : e) },
  ) {}

  register<K extends keyof C & string>(name: K, handler: Handler<C, K>): this {
    if (!Object.hasOwn(this.contract, name)) throw new Error(`IPC: channel "${name}" is not in the contract`);
    if (this.handlers.has(name)) throw new Error(`IPC: channel "${name}" already has a handler`);
    this.handlers.set(name, handler as unknown as Handler<C, keyof C>);
    return this;
  }

  /** Registers a capability's handler table (see HandlerTable), one channel at a time. */
  registerAll(table: { [K in keyof C & string]?: Handler<C, K> }): this {
    for (const name of Object.keys(table) as (keyof C & string)[]) this.register(name, table[name]!);
    return this;
  }

  /** Called after every call that succeeded (e.g. to push the outbox to the hub soon). */
  onSuccess(fn: (name: string) => void): this {
    this.successListeners.push(fn);
    return this;
  }

  /** Channels of the contract that have no handler yet (main refuses to start with any). */
  missing(): string[] {
    return Object.keys(this.contract).filter((n) => !this.handlers.has(n));
  }

  names(): string[] {
    return Object.keys(this.contract);
  }

  async invoke(name: unknown, rawInput: unknown, session: Session): Promise<Envelope<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(this.contract, name)) {
      return fail('unknown_channel', 'Chức năng không tồn tại.');
    }
    const channel = this.contract[name]!;
    const handler = this.handlers.get(name);
    if (!handler) return fail('not_implemented', 'Chức năng này chưa sẵn sàng.');
    const access: Access = channel.access;
    const actor = session.actor();
    if (access !== 'public') {
      if (!actor) {
        return fail(session.locked ? 'locked' : 'not_logged_in', session.locked ? 'Quầy đang khoá. Hãy đăng nhập lại.' : 'Chưa đăng nhập.');
      }
      if (!allows(access, actor.role)) return fail('forbidden', roleMessage(access));
      // The first password is changed before anything else, whatever the screen shows.
      if (session.clerk?.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(name)) {
        return fail('must_change_password', 'Cần đổi mật khẩu lần đầu trước khi làm việc khác.');
      }
    }
    const parsed = fastSchema(channel.input).safeParse(rawInput, { error: viErrorMap });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
      return fail('invalid_input', issue?.message ?? 'Dữ liệu không hợp lệ.', field);
    }
    // A use case that checks this input with the same schema need not parse it again (parsed.ts).
    markParsed(channel.input, parsed.data);
    try {
      const value = await handler(parsed.data as never, { session, actor: actor as Actor });
      const plain = toPlain(value);
      for (const fn of this.successListeners) {
        try {
          fn(name);
        } catch (err) {
          this.log.error('IPC success listener failed', err);
        }
      }
      return { ok: true, value: plain };
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message, err.field);
      // Never log the input: it may hold citizens' ID numbers.
      this.log.error(`IPC handler "${name}" failed`, err);
      return fail('internal', 'Lỗi hệ thống. Thao tác chưa được lưu; hãy thử lại hoặc báo quản trị.');
    }
  }
}

function roleMessage(access: Access): string {
  if (access === 'admin') return 'Chỉ quản trị viên được làm việc này.';
  if (access === 'manager') return 'Chỉ trưởng bưu cục được làm việc này.';
  return 'Không có quyền.';
}

function fail(code: string, message: string, field?: string): Envelope<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** Plain JSON data only: no class instances, functions or DB row objects cross the boundary. */
function toPlain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
