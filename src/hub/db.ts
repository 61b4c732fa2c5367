/**
 * The hub's database handle: PostgreSQL through a `pg` pool, or an embedded PGlite (the same
 * PostgreSQL engine compiled to WASM, one connection) so that a newcomer can run the hub without
 * installing anything. Both expose the same two calls: `query` and `tx`.
 *
 * Conventions that keep both drivers returning the same JS values: every int8/xid8 the code reads is
 * cast in SQL (`::text` for identifiers that may exceed 2^53, `::float8` for epoch milliseconds), and
 * JSON goes in as text cast to `::jsonb`; a JsonArray (json[] of UTF-8 texts) goes to PostgreSQL in
 * the binary array format (its toPostgres) and to PGlite as an array of strings.
 */
import pg from 'pg';
import { JsonArray } from './raw-json';

export interface Rows<R> {
  rows: R[];
  rowCount: number;
}

export interface Conn {
  /**
   * One statement. With `name`, PostgreSQL parses and plans it once per connection and each later
   * call only binds and runs it (a hot read such as the public tracking page); a name stands for one
   * text only. PGlite ignores the name.
   */
  query<R = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<Rows<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface HubDb extends Conn {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction (READ COMMITTED); retried on deadlock / serialization failure. */
  tx<T>(fn: (c: Conn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const RETRYABLE = new Set(['40P01', '40001']);
const MAX_TX_ATTEMPTS = 5;

/** The client-side timeouts (tests shorten them). */
export interface PostgresOptions {
  max?: number;
  /** As PostgreSQL shows the connections (pg_stat_activity); default quayhcc-hub. */
  applicationName?: string;
  /** Connecting to PostgreSQL. Default 10 s. */
  connectTimeoutMs?: number;
  /** Waiting for a statement's answer; longer than the server's statement_timeout. Default 75 s. */
  queryTimeoutMs?: number;
}

const READ_TIMEOUT = 'Query read timeout';

/**
 * True for an error that says the link to the database is gone or not there (not that the request
 * was wrong): the request is answered 503 and the counter retries later.
 */
export function isConnectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  const msg = typeof e.message === 'string' ? e.message : '';
  // 08: connection exception; 57P01-57P03: administrator/crash shutdown, cannot connect now.
  if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
  return (
    msg === READ_TIMEOUT ||
    /Connection terminated|terminating connection|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect|Connection ended/i.test(msg)
  );
}

export function openPostgres(connectionString: string, opts: PostgresOptions = {}): HubDb {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'quayhcc-hub',
    // A stuck statement or a transaction left open would hold back every counter's pull horizon
    // (see pull.ts): bound both.
    statement_timeout: 60_000,
    idle_in_transaction_session_timeout: 60_000,
    // A link to PostgreSQL that goes silent (a cut network, a frozen server) answers nothing, not
    // even an error: without these, requests would wait on it for the kernel's ~15 minutes and the
    // pool would fill with them, so the hub would hang for every counter. With them a request fails
    // (500: counters retry), the dead connection is dropped, and a new one is made when it is back.
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    query_timeout: opts.queryTimeoutMs ?? 75_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client that errors (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const wrap = (c: { query: pg.Pool['query'] | pg.PoolClient['query'] }): Conn => ({
    async query<R>(text: string, params?: unknown[], name?: string): Promise<Rows<R>> {
      const r = name
        ? await (c.query as (q: pg.QueryConfig) => Promise<pg.QueryResult>)({ name, text, values: params ?? [] })
        : await (c.query as (t: string, p?: unknown[]) => Promise<pg.QueryResult>)(text, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await (c.query as (t: string) => Promise<unknown>)(sql);
    },
  });
  const top = wrap(pool);
  return {
    kind: 'postgres',
    query: top.query,
    exec: top.exec,
    async tx<T>(fn: (c: Conn) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        let broken = false;
        // A checked-out client has no 'error' listener of the pool's: when its connection drops
        // between two statements of the transaction (PostgreSQL restarted, a proxy cut it,
        // pg_terminate_backend), the error it emits would be unhandled and kill the process. It is
        // caught here; the next statement then fails, and so does this one request (503: the counter
        // retries, and nothing was acknowledged).
        const onLost = (): void => {
          broken = true;
        };
        client.on('error', onLost);
        try {
          await client.query('BEGIN');
          const out = await fn(wrap(client));
          await client.query('COMMIT');
          return out;
        } catch (err) {
          // A connection that timed out or dropped is not asked anything more: it is discarded.
          if (broken || isConnectionLost(err)) broken = true;
          else {
            try {
              await client.query('ROLLBACK');
            } catch {
              broken = true;
            }
          }
          const code = (err as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < MAX_TX_ATTEMPTS) continue;
          throw err;
        } finally {
          client.release(broken);
          // A destroyed client may still emit; a healthy one goes back to the pool without us.
          if (!broken) client.removeListener('error', onLost);
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Embedded PGlite in `dataDir` (created if needed). Transactions are serialised by PGlite itself. */
export async function openPglite(dataDir: string): Promise<HubDb> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  type Q = { query<R>(t: string, p?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>; exec(sql: string): Promise<unknown> };
  const wrap = (c: Q): Conn => ({
    async query<R>(text: string, params?: unknown[]): Promise<Rows<R>> {
      const r = await c.query<R>(text, params?.map((p) => (p instanceof JsonArray ? p.texts() : p)));
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await c.exec(sql);
    },
  });
  const top = wrap(db as unknown as Q);
  return {
    kind: 'pglite',
    query: top.query,
    exec: top.exec,
    tx: (fn) => db.transaction((t) => fn(wrap(t as unknown as Q))),
    async close() {
      await db.close();
    },
  };
}
