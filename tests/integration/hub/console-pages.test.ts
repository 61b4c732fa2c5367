/**
 * The console's pages beyond counters and the catalogue, through their API on a real hub and real
 * PostgreSQL: who may do what (IT everything; province manager reads, reports and complaints; branch
 * manager only their own branch), complaints across branches with the overdue ones first and no
 * personal data, the periodic report's downloads read back (exceljs, unpdf), reference documents
 * checked with their problems and published with a version, update channels and staging, accounts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { beforeAll, expect, it } from 'vitest';
import { localDateOf } from '../../../src/shared/calendar';
import { describePg } from '../../helpers/pg';
import { consoleAccounts, consoleSession, PASSWORDS, seedComplaint } from '../../helpers/console-data';
import { decodeUpdatePolicy, UPDATE_POLICY_HEADER } from '../../../src/shared/app-update';
import { COUNTER_VERSION_HEADER } from '../../../src/shared/sync-protocol';
import { ADMIN_TOKEN, call, enroll, freshHub, type Enrolled, type TestHub } from './harness';

describePg('hub console: updates, reports and complaints, reference data, accounts', () => {
  let hub: TestHub;
  freshHub((h) => (hub = h));
  const as: Record<'it' | 'pm' | 'bm', Record<string, string>> = { it: {}, pm: {}, bm: {} };
  const k: Record<string, Enrolled> = {};
  const today = localDateOf(Date.now());
  beforeAll(async () => {
    await consoleAccounts(hub.db, 'SL-TP');
    k.tp = await enroll(hub, 'SL-TP', 'SL-TP-01');
    k.mc = await enroll(hub, 'SL-MC', 'SL-MC-01');
    as.it = await consoleSession(hub.url, 'it.admin', PASSWORDS.it);
    as.pm = await consoleSession(hub.url, 'ld.tinh', PASSWORDS.pm);
    as.bm = await consoleSession(hub.url, 'tb.tp', PASSWORDS.bm);
    await seedComplaint(hub.db, { branch: 'SL-TP', counterId: 'SL-TP-01', number: 'KN-260101-000001', itemNumber: 'EA000000001VN', opened: '2026-01-02', deadline: '2026-01-09', state: 'received' });
    await seedComplaint(hub.db, { branch: 'SL-MC', counterId: 'SL-MC-01', number: 'KN-260101-000002', itemNumber: null, opened: '2026-01-05', deadline: '2099-01-01', state: 'handling' });
    await seedComplaint(hub.db, { branch: 'SL-MC', counterId: 'SL-MC-01', number: 'KN-260101-000003', itemNumber: null, opened: '2026-01-06', deadline: '2026-01-13', state: 'answered', doneDate: '2026-01-08' });
  });

  it('roles are checked on the server: each refusal says which', async () => {
    const refused = async (who: 'pm' | 'bm', path: string, method: string, body?: unknown) => {
      const r = await call(hub, `/console/api/${path}`, { method, headers: as[who], ...(body !== undefined ? { body } : {}) });
      return [r.status, r.body.error];
    };
    for (const who of ['pm', 'bm'] as const) {
      expect(await refused(who, 'users', 'GET')).toEqual([403, 'FORBIDDEN']);
      expect(await refused(who, 'users/tb.tp/password', 'POST', { password: 'mat-khau-moi-123' })).toEqual([403, 'FORBIDDEN']);
      expect(await refused(who, 'updates/channels/stable/staging', 'PUT', { stagingPercentage: 10 })).toEqual([403, 'FORBIDDEN']);
      expect(await refused(who, 'updates/minimum', 'PUT', { version: '1.0.0' })).toEqual([403, 'FORBIDDEN']);
      expect(await refused(who, 'reference/calendar/publish', 'POST', { text: '{}', version: 'x' })).toEqual([403, 'FORBIDDEN']);
    }
    // Without the CSRF header even IT is refused a change.
    const noCsrf = await call(hub, '/console/api/updates/minimum', { method: 'PUT', headers: { cookie: as.it.cookie! }, body: { version: '1.0.0' } });
    expect([noCsrf.status, noCsrf.body.error]).toEqual([403, 'CSRF']);
  });

  it('complaints across branches: overdue first, a branch manager sees only their branch, no personal data', async () => {
    const all = await call<{ asOf: string; complaints: { number: string; branchCode: string; overdue: boolean; state: string }[] }>(hub, '/console/api/complaints', { headers: as.pm });
    expect(all.body.asOf).toBe(today);
    expect(all.body.complaints.map((c) => [c.number, c.branchCode, c.overdue])).toEqual([
      ['KN-260101-000001', 'SL-TP', true],
      ['KN-260101-000003', 'SL-MC', false],
      ['KN-260101-000002', 'SL-MC', false],
    ]);
    const open = await call<{ complaints: { number: string }[] }>(hub, '/console/api/complaints?open=1', { headers: as.it });
    expect(open.body.complaints.map((c) => c.number)).toEqual(['KN-260101-000001', 'KN-260101-000002']);
    const mine = await call<{ complaints: { number: string }[] }>(hub, '/console/api/complaints?branch=SL-MC', { headers: as.bm });
    expect(mine.body.complaints.map((c) => c.number)).toEqual(['KN-260101-000001']);
    const text = JSON.stringify(all.body);
    for (const secret of ['Lường Thị Khiếu', '0912345678', 'Chậm trả kết quả']) expect(text).not.toContain(secret);
  });

  it('the periodic report: figures, XLSX and PDF for a period and branch; a bad period is refused', async () => {
    const bad = await call(hub, '/console/api/report?period=2026-Q5', { headers: as.pm });
    expect([bad.status, bad.body.error]).toEqual([400, 'BAD_PERIOD']);
    const r = await call<{ report: { branch: { code: string } | null; complaints: { received: number; overdue: number } } }>(hub, '/console/api/report?period=2026-Q1&branch=SL-MC', { headers: as.pm });
    expect(r.body.report.branch?.code).toBe('SL-MC');
    expect(r.body.report.complaints.received).toBe(2);
    // The branch manager asks for another branch and gets their own.
    const own = await call<{ report: { branch: { code: string } | null } }>(hub, '/console/api/report?period=2026-Q1&branch=SL-MC', { headers: as.bm });
    expect(own.body.report.branch?.code).toBe('SL-TP');
    const x = await fetch(`${hub.url}/console/api/report/bao-cao.xlsx?period=2026-Q1`, { headers: as.pm });
    expect(x.headers.get('content-disposition')).toBe('attachment; filename="bao-cao-2026-Q1.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
    expect(cells).toContain('Khiếu nại quá hạn (tính đến ' + today.split('-').reverse().join('/') + ')');
    const p = await fetch(`${hub.url}/console/api/report/bao-cao.pdf?period=2026-Q1&branch=SL-TP`, { headers: as.it });
    expect(p.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(new Uint8Array(await p.arrayBuffer()), { mergePages: true });
    expect(text).toContain('QUÝ I NĂM 2026');
    expect(text).toContain('Bưu cục: Bưu cục SL-TP (SL-TP)');
  });

  it('reference data: problems in Vietnamese, nothing published; then published with a version and served back', async () => {
    const good = readFileSync(resolve(__dirname, '../../../resources/reference/transit-limits.json'), 'utf8');
    const notJson = await call<{ ok: boolean; problems: { message: string }[] }>(hub, '/console/api/reference/transit/check', { headers: as.it, body: { text: '{ "a": ' } });
    expect(notJson.body.ok).toBe(false);
    expect(notJson.body.problems[0]!.message).toMatch(/^Tệp không phải JSON hợp lệ/);
    const wrong = await call<{ ok: boolean; problems: { path: string; message: string }[] }>(hub, '/console/api/reference/transit/check', { headers: as.it, body: { text: '{"x": 1}' } });
    expect(wrong.body.ok).toBe(false);
    expect(wrong.body.problems.length).toBeGreaterThan(0);
    const refused = await call(hub, '/console/api/reference/transit/publish', { headers: as.it, body: { text: '{"x": 1}', version: '2026.1' } });
    expect([refused.status, refused.body.error]).toEqual([400, 'INVALID_REFERENCE']);
    expect((await hub.db.query(`SELECT 1 FROM reference_docs WHERE name = 'transit'`)).rows).toEqual([]);
    expect((await call<{ ok: boolean }>(hub, '/console/api/reference/transit/check', { headers: as.it, body: { text: good } })).body.ok).toBe(true);
    const pub = await call(hub, '/console/api/reference/transit/publish', { headers: as.it, body: { text: good, version: '2026.1' } });
    expect(pub.status).toBe(200);
    const again = await call(hub, '/console/api/reference/transit/publish', { headers: as.it, body: { text: good, version: '2026.1' } });
    expect([again.status, again.body.error]).toEqual([409, 'SAME_VERSION']);
    const list = await call<{ kinds: { name: string; version: string | null }[] }>(hub, '/console/api/reference', { headers: as.bm });
    expect(list.body.kinds.find((k) => k.name === 'transit')?.version).toBe('2026.1');
    const back = await fetch(`${hub.url}/console/api/reference/transit/current.json`, { headers: as.pm });
    expect(JSON.parse(await back.text())).toEqual(JSON.parse(good));
  });

  it('updates: staging and minimum version by IT; who is on what, a branch manager sees their branch only', async () => {
    const bad = await call(hub, '/console/api/updates/channels/stable/staging', { method: 'PUT', headers: as.it, body: { stagingPercentage: 101 } });
    expect([bad.status, bad.body.error]).toEqual([400, 'BAD_PERCENT']);
    const set = await call<{ channels: { name: string; stagingPercentage: number | null }[] }>(hub, '/console/api/updates/channels/stable/staging', { method: 'PUT', headers: as.it, body: { stagingPercentage: 25 } });
    expect(set.body.channels.find((c) => c.name === 'stable')?.stagingPercentage).toBe(25);
    const min = await call<{ minVersion: string | null }>(hub, '/console/api/updates/minimum', { method: 'PUT', headers: as.it, body: { version: '1.2.0' } });
    expect(min.body.minVersion).toBe('1.2.0');
    const created = await call(hub, '/console/api/updates/channels', { headers: as.it, body: { name: 'pilot' } });
    expect(created.status).toBe(200);
    const moved = await call<{ moved: string[] }>(hub, '/console/api/updates/assign', { headers: as.it, body: { branchCode: 'SL-MC', channel: 'pilot' } });
    expect(moved.body.moved).toEqual(['SL-MC-01']);
    const seen = await call<{ counters: { counterId: string; channel: string }[] }>(hub, '/console/api/updates', { headers: as.pm });
    expect(seen.body.counters.map((c) => [c.counterId, c.channel])).toEqual([
      ['SL-MC-01', 'pilot'],
      ['SL-TP-01', 'stable'],
    ]);
    const branch = await call<{ counters: { counterId: string }[] }>(hub, '/console/api/updates', { headers: as.bm });
    expect(branch.body.counters.map((c) => c.counterId)).toEqual(['SL-TP-01']);
  });

  it("a channel's update URL set by IT: checked by the hub-address rule, audited, and in the next answer to the channel's counters", async () => {
    interface Ch {
      name: string;
      url: string | null;
      feedUrl: string | null;
    }
    interface View {
      channels: Ch[];
      audit: { actor: string; action: string; subject: string; before: string | null; after: string | null }[];
    }
    const setUrl = (who: 'it' | 'pm', channel: string, url: string | null) => call<View & { error?: string; message?: string }>(hub, `/console/api/updates/channels/${channel}/url`, { method: 'PUT', headers: as[who], body: { url } });
    const policy = async (e: Enrolled) => decodeUpdatePolicy((await call(hub, '/pull', { token: e.token })).headers.get(UPDATE_POLICY_HEADER));
    const before = await hub.db.query('SELECT count(*)::int AS n FROM hub_audit');

    // Refusals, each with its code; nothing changes and nothing is recorded.
    const refusals: [string, string | null, number, string, RegExp][] = [
      ['pilot', 'http://capnhat.example.vn/quay/', 400, 'BAD_URL', /^http:\/\/ \(không mã hoá\) chỉ dùng được/],
      ['pilot', 'ftp://capnhat.example.vn/quay/', 400, 'BAD_URL', /phải bắt đầu bằng https:\/\//],
      ['pilot', 'https://it:bi-mat@capnhat.example.vn/', 400, 'BAD_URL', /không có tên đăng nhập/],
      ['beta', 'https://capnhat.example.vn/beta/', 404, 'UNKNOWN_CHANNEL', /Chưa có kênh "beta"/],
    ];
    for (const [channel, url, status, code, message] of refusals) {
      const r = await setUrl('it', channel, url);
      expect([r.status, r.body.error], String(url)).toEqual([status, code]);
      expect(r.body.message).toMatch(message);
    }
    const notIt = await setUrl('pm', 'pilot', 'https://capnhat.example.vn/quay/');
    expect([notIt.status, notIt.body.error]).toEqual([403, 'FORBIDDEN']);
    const viaScript = await call(hub, '/admin/updates/channels/pilot', { method: 'PUT', token: ADMIN_TOKEN, body: { url: 'http://capnhat.example.vn/quay/' } });
    expect([viaScript.status, viaScript.body.error]).toEqual([400, 'BAD_URL']);
    expect((await hub.db.query<{ url: string | null }>(`SELECT url FROM update_channels WHERE name = 'pilot'`)).rows[0]?.url).toBeNull();
    expect((await hub.db.query('SELECT count(*)::int AS n FROM hub_audit')).rows).toEqual(before.rows);
    expect((await policy(k.mc!))?.url).toBeNull();

    // Set: shown as the URL the channel's counters will read; the pilot counter is told at once, the
    // stable one is not.
    const set = await setUrl('it', 'pilot', ' https://capnhat.buudien-sonla.vn/quay/pilot ');
    expect(set.status).toBe(200);
    expect(set.body.channels.find((c) => c.name === 'pilot')).toMatchObject({ url: 'https://capnhat.buudien-sonla.vn/quay/pilot/', feedUrl: 'https://capnhat.buudien-sonla.vn/quay/pilot/' });
    expect(set.body.audit[0]).toEqual({ at: expect.any(Number), actor: 'it.admin', action: 'update.channel.url', subject: 'pilot', before: null, after: 'https://capnhat.buudien-sonla.vn/quay/pilot/' });
    expect(await policy(k.mc!)).toEqual({ channel: 'pilot', url: 'https://capnhat.buudien-sonla.vn/quay/pilot/', minVersion: '1.2.0', allowDowngrade: false });
    expect((await policy(k.tp!))?.url).toBeNull();

    // A server on the LAN over plain http; then empty: back to the hub's own /updates/pilot/.
    expect((await setUrl('it', 'pilot', 'http://10.20.0.7:8080/capnhat')).body.channels.find((c) => c.name === 'pilot')?.url).toBe('http://10.20.0.7:8080/capnhat/');
    expect((await policy(k.mc!))?.url).toBe('http://10.20.0.7:8080/capnhat/');
    const back = await setUrl('it', 'pilot', '');
    // No HUB_PUBLIC_URL in this hub: the counters read /updates/pilot/ at the address they enrolled with.
    expect(back.body.channels.find((c) => c.name === 'pilot')).toMatchObject({ url: null, feedUrl: null });
    expect((await policy(k.mc!))?.url).toBeNull();
    // Saving the same value again records nothing.
    await setUrl('it', 'pilot', null);
    const audit = (await call<View>(hub, '/console/api/updates', { headers: as.bm })).body.audit.filter((a) => a.action === 'update.channel.url');
    expect(audit.map((a) => [a.actor, a.before, a.after])).toEqual([
      ['it.admin', 'http://10.20.0.7:8080/capnhat/', null],
      ['it.admin', 'https://capnhat.buudien-sonla.vn/quay/pilot/', 'http://10.20.0.7:8080/capnhat/'],
      ['it.admin', null, 'https://capnhat.buudien-sonla.vn/quay/pilot/'],
    ]);
    // The earlier settings of this file were recorded too, by whom they were made.
    const all = (await call<View>(hub, '/console/api/updates', { headers: as.it })).body.audit.map((a) => [a.action, a.subject, a.after]);
    expect(all).toEqual(expect.arrayContaining([['update.channel.staging', 'stable', '25'], ['update.minimum', 'min_app_version', '1.2.0'], ['update.channel.create', 'pilot', null]]));
  });

  it('counters below the minimum version: flagged in the counters list and counted on the updates page, per role', async () => {
    // SL-TP-01 reports 1.3.0; SL-MC-01 never reported a version (enrolled: counted as below).
    await call(hub, '/pull', { token: k.tp!.token, headers: { [COUNTER_VERSION_HEADER]: '1.3.0' } });
    const set = await call(hub, '/console/api/updates/minimum', { method: 'PUT', headers: as.it, body: { version: '1.3.0' } });
    expect(set.status).toBe(200);
    const list = await call<{ minVersion: string | null; counters: { counterId: string; appVersion: string | null; belowMinimum: boolean }[] }>(hub, '/console/api/counters', { headers: as.pm });
    expect(list.body.minVersion).toBe('1.3.0');
    expect(list.body.counters.map((c) => [c.counterId, c.appVersion, c.belowMinimum])).toEqual([
      ['SL-MC-01', null, true],
      ['SL-TP-01', '1.3.0', false],
    ]);
    const upd = await call<{ belowMinimum: number; channels: { name: string; belowMinimum: number }[] }>(hub, '/console/api/updates', { headers: as.pm });
    expect(upd.body.belowMinimum).toBe(1);
    expect(upd.body.channels.map((c) => [c.name, c.belowMinimum])).toEqual([
      ['pilot', 1],
      ['stable', 0],
    ]);
    expect((await call<{ belowMinimum: number }>(hub, '/console/api/updates', { headers: as.bm })).body.belowMinimum).toBe(0);
    await call(hub, '/pull', { token: k.mc!.token, headers: { [COUNTER_VERSION_HEADER]: '1.3.1' } });
    expect((await call<{ belowMinimum: number }>(hub, '/console/api/updates', { headers: as.it })).body.belowMinimum).toBe(0);
  });

  it('accounts: create, change role and branch, reset password, disable; the last IT administrator stays', async () => {
    const weak = await call(hub, '/console/api/users', { headers: as.it, body: { username: 'tb.mc', role: 'branch_manager', branchCode: 'SL-MC', password: 'ngan' } });
    expect([weak.status, weak.body.error]).toEqual([400, 'WEAK_PASSWORD']);
    expect((await call(hub, '/console/api/users', { headers: as.it, body: { username: 'tb.mc', role: 'branch_manager', branchCode: 'SL-MC', password: 'Mat-khau-MC-01' } })).status).toBe(200);
    const noBranch = await call(hub, '/console/api/users/tb.mc', { method: 'PUT', headers: as.it, body: { role: 'branch_manager', branchCode: '' } });
    expect([noBranch.status, noBranch.body.error]).toEqual([400, 'NO_BRANCH']);
    const mc = await consoleSession(hub.url, 'tb.mc', 'Mat-khau-MC-01');
    const changed = await call<{ user: { role: string; branchCode: string | null } }>(hub, '/console/api/users/tb.mc', { method: 'PUT', headers: as.it, body: { role: 'province_manager' } });
    expect(changed.body.user).toMatchObject({ role: 'province_manager', branchCode: null });
    // The change ends the account's sessions (they carried the old role).
    expect((await call(hub, '/console/api/me', { headers: mc })).status).toBe(401);
    expect((await call(hub, '/console/api/users/tb.mc/password', { headers: as.it, body: { password: 'Mat-khau-moi-02' } })).status).toBe(200);
    await expect(consoleSession(hub.url, 'tb.mc', 'Mat-khau-MC-01')).rejects.toThrow(/401/);
    const fresh = await consoleSession(hub.url, 'tb.mc', 'Mat-khau-moi-02');
    expect((await call(hub, '/console/api/users/tb.mc/disabled', { headers: as.it, body: { disabled: true } })).status).toBe(200);
    expect((await call(hub, '/console/api/me', { headers: fresh })).status).toBe(401);
    await expect(consoleSession(hub.url, 'tb.mc', 'Mat-khau-moi-02')).rejects.toThrow(/401/);
    const self = await call(hub, '/console/api/users/it.admin/disabled', { headers: as.it, body: { disabled: true } });
    expect([self.status, self.body.error]).toEqual([409, 'SELF']);
    const demote = await call(hub, '/console/api/users/it.admin', { method: 'PUT', headers: as.it, body: { role: 'province_manager' } });
    expect([demote.status, demote.body.error]).toEqual([409, 'LAST_ADMIN']);
    const unknown = await call(hub, '/console/api/users/khong.co/password', { headers: as.it, body: { password: 'Mat-khau-moi-02' } });
    expect([unknown.status, unknown.body.error]).toEqual([404, 'UNKNOWN_USER']);
    const list = await call<{ users: { username: string; disabled: boolean }[] }>(hub, '/console/api/users', { headers: as.it });
    expect(list.body.users.find((u) => u.username === 'tb.mc')?.disabled).toBe(true);
  });
});
