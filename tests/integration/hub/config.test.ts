/** Hub configuration from the environment: safe defaults for a newcomer, refusals for bad values. */
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../../src/hub/config';

describe('hub configuration', () => {
  it('defaults to loopback, port 8787, embedded PGlite in the home folder, no admin API', () => {
    const c = configFromEnv({ HOME: '/home/tester' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, databaseUrl: undefined, adminToken: undefined, logLevel: 'info' });
    expect(c.dataDir).toMatch(/\.quayhcc-hub$/);
    expect(c.serials).toMatchObject({ prefix: 'RR', blockSize: 100_000 });
  });

  it('reads every setting and refuses bad ones', () => {
    const c = configFromEnv({ DATABASE_URL: 'postgres://x@db/hub', HUB_HOST: '0.0.0.0', HUB_PORT: '9000', HUB_ADMIN_TOKEN: 'a-long-enough-admin-token', HUB_SERIAL_PREFIX: 'ea', HUB_SERIAL_BLOCK: '10000', HUB_DATA_DIR: '/srv/hub' });
    expect(c).toMatchObject({ databaseUrl: 'postgres://x@db/hub', host: '0.0.0.0', port: 9000, adminToken: 'a-long-enough-admin-token', dataDir: '/srv/hub', serials: { prefix: 'EA', blockSize: 10_000 } });
    expect(() => configFromEnv({ HUB_PORT: 'eighty' })).toThrow(/HUB_PORT/);
    expect(() => configFromEnv({ HUB_ADMIN_TOKEN: 'short' })).toThrow(/HUB_ADMIN_TOKEN/);
    expect(() => configFromEnv({ HUB_SERIAL_PREFIX: 'E1' })).toThrow(/HUB_SERIAL_PREFIX/);
    expect(() => configFromEnv({ HUB_SERIAL_BLOCK: '3000' })).toThrow(/HUB_SERIAL_BLOCK/);
  });

  it('runs one process on PGlite, one per core (up to 8) on PostgreSQL, or HUB_WORKERS', () => {
    expect(configFromEnv({ HOME: '/home/tester' }).workers).toBe(1);
    const pgDefault = configFromEnv({ DATABASE_URL: 'postgres://x@db/hub' }).workers;
    expect(pgDefault).toBeGreaterThanOrEqual(1);
    expect(pgDefault).toBeLessThanOrEqual(8);
    expect(configFromEnv({ DATABASE_URL: 'postgres://x@db/hub', HUB_WORKERS: '3' }).workers).toBe(3);
    expect(() => configFromEnv({ HUB_WORKERS: '2' })).toThrow(/PGlite/);
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://x@db/hub', HUB_WORKERS: '0' })).toThrow(/HUB_WORKERS/);
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://x@db/hub', HUB_WORKERS: 'many' })).toThrow(/HUB_WORKERS/);
  });
});
