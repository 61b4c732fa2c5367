/**
 * The province's tariff and VietQR account as reference data, end to end on the real hub
 * (PostgreSQL) and real counter stores: provincial IT loads them with `npm run hub -- load-reference`
 * or `PUT /admin/reference/:name`, the hub validates them with the registry's check and publishes
 * them, a counter applies them on its next sync and quotes the new postage; a bad document is
 * refused with its problem in Vietnamese and changes nothing, at the hub and at the counter.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { main } from '../../../src/hub/main';
import type { BankAccounts, Tariff } from '../../../src/shared/tariff';
import { describePg, type TestDatabase } from '../../helpers/pg';
import { ADMIN_TOKEN, call, freshHub, type TestHub } from '../hub/harness';
import { counter, type TestCounter } from './setup';

const PROVINCE_TARIFF: Tariff = {
  schemaVersion: 1,
  version: 'SL-2027.1',
  sample: false,
  source: 'Quyết định số 12/QĐ-BĐSL ngày 02/01/2027 của Bưu điện tỉnh Sơn La',
  postage: { send: 30_000, returnPickup: 16_000, returnHome: 32_000 },
};
const PROVINCE_ACCOUNT: BankAccounts = {
  schemaVersion: 1,
  version: 'SL-TK-2027.1',
  sample: false,
  source: 'Công văn số 3/BĐSL-TCKT',
  intake: { bankBin: '970415', bankName: 'VietinBank', accountNumber: '113000123456', owner: 'BUU DIEN TINH SON LA' },
};

describePg('reference data: the province’s tariff and account reach the counters', () => {
  let hub: TestHub;
  let tdb: TestDatabase;
  freshHub((h, t) => {
    hub = h;
    tdb = t;
  });
  const live: TestCounter[] = [];
  afterEach(async () => {
    for (const c of live.splice(0)) {
      await c.worker.stop();
      c.dispose();
    }
  });
  const dir = mkdtempSync(join(tmpdir(), 'quay-ref-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, doc: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(doc));
    return path;
  };
  const publishedTariffs = async () => (await hub.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM changes WHERE kind = 'reference' AND payload->>'name' = 'tariff'`)).rows[0]!.n;

  it('refuses a bad tariff from the CLI and over HTTP, saying which amount is wrong, and publishes nothing', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    try {
      const bad = file('bad-tariff.json', { ...PROVINCE_TARIFF, postage: { ...PROVINCE_TARIFF.postage, send: 30_000.5 } });
      expect(await main(['load-reference', '--name', 'tariff', '--file', bad], { DATABASE_URL: tdb.url })).toBe(1);
      expect(await main(['load-reference', '--name', 'bieu-cuoc', '--file', bad], { DATABASE_URL: tdb.url })).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(errors[0]).toMatch(/^Biểu cước dịch vụ không hợp lệ \(1 lỗi\): Cước chuyển hồ sơ đến cơ quan phải là số nguyên đồng/);
    expect(errors[2]).toMatch(/tariff \(Biểu cước dịch vụ\).*bank_accounts \(Tài khoản nhận chuyển khoản\)/);

    const r = await call<{ error: string; problemCode: string; problems: string[]; message: string }>(hub, '/admin/reference/bank_accounts', {
      method: 'PUT',
      token: ADMIN_TOKEN,
      body: { version: 'x', payload: { ...PROVINCE_ACCOUNT, intake: { ...PROVINCE_ACCOUNT.intake, bankBin: '9704' } } },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'INVALID_REFERENCE', problemCode: 'BAD_REFERENCE', problems: ['Mã ngân hàng (bankBin, mã BIN của NAPAS) phải gồm đúng 6 chữ số (intake.bankBin).'] });
    expect(await publishedTariffs()).toBe('0');
  });

  it('a new tariff and account published at the hub are applied by a counter, which then quotes them', async () => {
    let refreshed = 0;
    const c = counter('REF-1', { branchCode: 'REF', worker: { onReferenceChanged: () => void (refreshed++, c.refreshReference()) } });
    live.push(c);
    await c.enroll(hub);
    // Before: the bundled sample tariff.
    const before = c.services.reference.tariff();
    expect(before.postage).toMatchObject({ sample: true, quotes: { both: { pickup: 42_000 } } });
    expect(before.account).toMatchObject({ sample: true, bankBin: '970405' });

    expect(await main(['load-reference', '--name', 'tariff', '--file', file('tariff.json', PROVINCE_TARIFF)], { DATABASE_URL: tdb.url })).toBe(0);
    const put = await call(hub, '/admin/reference/bank_accounts', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 'SL-TK-2027.1', payload: PROVINCE_ACCOUNT } });
    expect(put.status).toBe(200);

    expect((await c.worker.syncNow()).status).toBe('synced');
    expect(refreshed).toBe(1);
    expect(c.db.prepare("SELECT name, version FROM reference_docs WHERE name IN ('tariff', 'bank_accounts') ORDER BY name").all()).toEqual([
      { name: 'bank_accounts', version: 'SL-TK-2027.1' },
      { name: 'tariff', version: 'SL-2027.1' },
    ]);
    const after = c.services.reference.tariff();
    expect(after.postage).toEqual({
      version: 'SL-2027.1',
      sample: false,
      quotes: { send: { pickup: 30_000, home: 30_000, none: 30_000 }, return: { pickup: 16_000, home: 32_000, none: 0 }, both: { pickup: 46_000, home: 62_000, none: 30_000 } },
    });
    expect(after.account).toEqual({ ...PROVINCE_ACCOUNT.intake, version: 'SL-TK-2027.1', sample: false });

    // A counter installed later starts from the sample and gets the same documents on its first sync.
    const late = counter('REF-2', { branchCode: 'REF', worker: { onReferenceChanged: () => late.refreshReference() } });
    live.push(late);
    await late.enroll(hub);
    expect((await late.worker.syncNow()).status).toBe('synced');
    expect(late.services.reference.tariff()).toEqual(after);
  });

  it('a counter refuses a bad document even from its hub: nothing applied, the cursor stays, the reason is shown', async () => {
    const c = counter('REF-3', { branchCode: 'REF3', worker: { onReferenceChanged: () => c.refreshReference() } });
    live.push(c);
    await c.enroll(hub);
    expect((await c.worker.syncNow()).status).toBe('synced');
    const cursor = (c.db.prepare('SELECT cursor FROM sync_state').get() as { cursor: string }).cursor;
    const tariffRow = c.db.prepare("SELECT version, payload FROM reference_docs WHERE name = 'tariff'").get();
    // A document that skipped the hub's check (written straight into its feed, as an older hub might have).
    await hub.db.tx((x) =>
      x.query(`INSERT INTO changes (change_key, branch_code, kind, hub_at, payload) VALUES (pg_current_xact_id(), NULL, 'reference', $1, $2::jsonb)`, [
        Date.now(),
        JSON.stringify({ name: 'tariff', version: 'hong', payload: { ...PROVINCE_TARIFF, postage: { ...PROVINCE_TARIFF.postage, returnHome: -1 } } }),
      ]),
    );
    const state = await c.worker.syncNow();
    expect(state.status).toBe('error');
    expect(state.lastError).toMatch(/^Biểu cước dịch vụ không hợp lệ \(1 lỗi\): Cước phát kết quả tận địa chỉ không được âm/);
    expect(c.db.prepare("SELECT version, payload FROM reference_docs WHERE name = 'tariff'").get()).toEqual(tariffRow);
    expect((c.db.prepare('SELECT cursor FROM sync_state').get() as { cursor: string }).cursor).toBe(cursor);
    await hub.db.tx((x) => x.query(`DELETE FROM changes WHERE kind = 'reference' AND payload->>'version' = 'hong'`));
  });
});
