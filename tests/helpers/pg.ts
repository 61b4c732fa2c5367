/**
 * The real PostgreSQL for hub and sync tests (127.0.0.1:5432, user postgres, trust; override with
 * PG_TEST_URL). Each test file creates its own fresh database `quayhcc_test_<random>` and drops it
 * afterwards.
 *
 * When PostgreSQL is unreachable: in CI (CI=true) the tests FAIL — a missing database must never
 * look like a green run; on a developer machine they are skipped with a clear message.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

export const PG_ADMIN_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

const problem = await reachable();
export const pgAvailable = problem === null;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** `describe` when PostgreSQL is reachable; a failing test in CI; a visible skip elsewhere. */
export function describePg(name: string, fn: () => void): void {
  if (pgAvailable) {
    describe(name, fn);
  } else if (inCi) {
    describe(name, () => {
      it('needs PostgreSQL at ' + PG_ADMIN_URL, () => {
        throw new Error(`PostgreSQL is unreachable (${problem}); in CI the hub tests must run. Start it (see .ci/run).`);
      });
    });
  } else {
    console.warn(`\n[hub/sync tests] SKIPPED "${name}": PostgreSQL is unreachable at ${PG_ADMIN_URL} (${problem}). Start PostgreSQL or set PG_TEST_URL.\n`);
    describe.skip(name, fn);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database. `drop()` terminates leftover connections and removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `quayhcc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
