/**
 * Updates as provincial IT runs them from the hub (src/hub/updates.ts): channels, the policy every
 * answer to a counter carries in its header, the channel files served with the rollout written in,
 * the sha512 checked at publication, and the minimum version — below which a counter is told, listed,
 * and still has its data accepted.
 */
import { issuedNumbers } from '../../helpers/serials';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { main } from '../../../src/hub/main';
import { writeRelease as writeReleaseIn } from '../../helpers/release';
import { decodeUpdatePolicy, UPDATE_POLICY_HEADER, type UpdatePolicy } from '../../../src/shared/app-update';
import { COUNTER_VERSION_HEADER, CountersResponseSchema } from '../../../src/shared/sync-protocol';
import { describePg, type TestDatabase } from '../../helpers/pg';
import { acceptOp, ADMIN_TOKEN, call, enroll, freshHub, numbered, type Enrolled, type TestHub } from './harness';

const updatesDir = mkdtempSync(join(tmpdir(), 'quay-hub-updates-'));
const releaseDir = mkdtempSync(join(tmpdir(), 'quay-release-'));
afterAll(() => {
  rmSync(updatesDir, { recursive: true, force: true });
  rmSync(releaseDir, { recursive: true, force: true });
});

const policyOf = (h: Headers): UpdatePolicy | null => decodeUpdatePolicy(h.get(UPDATE_POLICY_HEADER));

const writeRelease = (version: string, opts: { wrongSha?: boolean; staging?: number } = {}): Buffer => writeReleaseIn(releaseDir, version, opts);

describePg('hub: update channels, rollout and minimum version', () => {
  let hub: TestHub;
  let tdb: TestDatabase;
  freshHub(
    (h, t) => {
      hub = h;
      tdb = t;
    },
    { updatesDir },
  );
  const env = () => ({ DATABASE_URL: tdb.url, HUB_UPDATES_DIR: updatesDir });
  /** Runs a CLI verb; returns its exit code and what it printed. */
  const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const error = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    try {
      const code = await main(argv, env());
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };

  let a: Enrolled;
  let b: Enrolled;

  it('a counter learns its channel at enrollment: stable, files on the hub, no minimum, no downgrade', async () => {
    const { code } = await createEnrollmentCode(hub.db, { branchCode: 'UP-1', counterId: 'UP-1-A' }, Date.now());
    const r = await fetch(`${hub.url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect(r.status).toBe(200);
    expect(policyOf(r.headers)).toEqual({ channel: 'stable', url: null, minVersion: null, allowDowngrade: false });
    a = { token: ((await r.json()) as { token: string }).token, counterId: 'UP-1-A', branchCode: 'UP-1' };
    b = await enroll(hub, 'UP-1', 'UP-1-B');
    // A refused enrollment tells nothing.
    const bad = await fetch(`${hub.url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'AAAA-BBBB-CCCC' }) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get(UPDATE_POLICY_HEADER)).toBeNull();
  });

  it('IT moves a counter to the pilot channel: every answer to it says so from then on, refusals included', async () => {
    expect((await cli('update-assign', '--counter', 'UP-1-A', '--channel', 'pilot')).err).toContain('Chưa có kênh "pilot"');
    const made = await cli('update-channel', '--name', 'pilot');
    expect(made.code).toBe(0);
    expect(made.out).toContain('Kênh pilot: tệp cập nhật ở máy chủ này, /updates/pilot/');
    const moved = await cli('update-assign', '--counter', 'UP-1-A', '--channel', 'pilot');
    expect(moved).toMatchObject({ code: 0, out: 'Đã chuyển 1 quầy sang kênh pilot: UP-1-A.' });

    const pulled = await call(hub, '/pull', { token: a.token });
    expect(pulled.status).toBe(200);
    expect(policyOf(pulled.headers)).toEqual({ channel: 'pilot', url: null, minVersion: null, allowDowngrade: false });
    const refused = await call(hub, '/push', { token: a.token, body: { ops: [] } });
    expect(refused.status).toBe(400);
    expect(policyOf(refused.headers)?.channel).toBe('pilot');
    expect(policyOf((await call(hub, '/pull', { token: b.token })).headers)?.channel).toBe('stable');
    // No token, no policy.
    expect((await call(hub, '/pull')).headers.get(UPDATE_POLICY_HEADER)).toBeNull();
  });

  it('back to stable only with --allow-downgrade does the counter get leave to install an older version', async () => {
    expect((await cli('update-assign', '--counter', 'UP-1-A', '--channel', 'stable', '--allow-downgrade')).out).toContain('được phép về bản cũ hơn');
    expect(policyOf((await call(hub, '/pull', { token: a.token })).headers)).toMatchObject({ channel: 'stable', allowDowngrade: true });
    await cli('update-assign', '--branch', 'UP-1', '--channel', 'pilot');
    expect(policyOf((await call(hub, '/pull', { token: a.token })).headers)).toMatchObject({ channel: 'pilot', allowDowngrade: false });
    expect(policyOf((await call(hub, '/pull', { token: b.token })).headers)).toMatchObject({ channel: 'pilot', allowDowngrade: false });
    expect((await cli('update-assign', '--channel', 'pilot')).code).toBe(2);
    expect((await cli('update-assign', '--counter', 'UP-9-Z', '--channel', 'pilot')).err).toBe('Không có quầy UP-9-Z trên máy chủ.');
  });

  it('publishing checks the installer against the sha512 of latest.yml and refuses a mismatch, publishing nothing', async () => {
    writeRelease('1.3.0', { wrongSha: true });
    const r = await cli('update-publish', '--channel', 'pilot', '--dir', releaseDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('không khớp mã kiểm tra sha512');
    expect((await call(hub, '/updates/pilot/pilot.yml')).status).toBe(404);
  });

  it('serves the channel file with the rollout IT set, raised step by step, and the installer byte for byte', async () => {
    // electron-builder's own stagingPercentage in the file is replaced by the hub's.
    const installer = writeRelease('1.3.0', { staging: 100 });
    const pub = await cli('update-publish', '--channel', 'pilot', '--dir', releaseDir, '--staging', '10');
    expect(pub.code).toBe(0);
    expect(pub.out).toContain('Đã công bố bản 1.3.0 trên kênh pilot (quay-hcc-setup-1.3.0.exe); đang mời 10% số quầy của kênh.');
    const yml = await call(hub, '/updates/pilot/pilot.yml');
    expect(yml.status).toBe(200);
    expect(String(yml.body).match(/^stagingPercentage: .*$/gm)).toEqual(['stagingPercentage: 10']);
    expect(String(yml.body)).toContain('version: 1.3.0');
    // An updater given no channel asks for latest.yml: the same file.
    expect((await call(hub, '/updates/pilot/latest.yml')).body).toBe(yml.body);

    expect((await cli('update-stage', '--channel', 'pilot', '--percent', '50')).code).toBe(0);
    expect(String((await call(hub, '/updates/pilot/pilot.yml')).body).match(/^stagingPercentage: .*$/gm)).toEqual(['stagingPercentage: 50']);
    expect((await cli('update-stage', '--channel', 'pilot', '--percent', '150')).code).toBe(2);

    const file = await fetch(`${hub.url}/updates/pilot/quay-hcc-setup-1.3.0.exe`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(installer)).toBe(true);
    expect(readFileSync(join(updatesDir, 'pilot', 'quay-hcc-setup-1.3.0.exe')).equals(installer)).toBe(true);

    // Nothing outside the channel's folder, nothing of another channel, no hidden files.
    for (const path of ['/updates/pilot/..%2F..%2Fetc%2Fpasswd', '/updates/pilot/.pilot.yml.tmp', '/updates/stable/quay-hcc-setup-1.3.0.exe', '/updates/stable/pilot.yml', '/updates/PILOT/pilot.yml', '/updates/nope/nope.yml']) {
      expect((await call(hub, path)).status, path).toBe(404);
    }

    const list = await cli('updates');
    expect(list.out).toContain('- pilot: bản 1.3.0, triển khai 50% số quầy; 2 quầy, 0 dưới bản tối thiểu');
  });

  it('a channel whose files are on another HTTPS server: the counters are told its address; the hub serves none', async () => {
    expect((await cli('update-channel', '--name', 'ngoai', '--url', 'ftp://files.example/x')).err).toContain('https://');
    expect((await cli('update-channel', '--name', 'Ngoài')).err).toContain('không hợp lệ');
    expect((await cli('update-channel', '--name', 'ngoai', '--url', 'https://files.example.vn/quay/ngoai')).code).toBe(0);
    await cli('update-assign', '--counter', 'UP-1-B', '--channel', 'ngoai');
    expect(policyOf((await call(hub, '/pull', { token: b.token })).headers)).toEqual({ channel: 'ngoai', url: 'https://files.example.vn/quay/ngoai/', minVersion: null, allowDowngrade: false });
    expect((await call(hub, '/updates/ngoai/ngoai.yml')).status).toBe(404);
  });

  it('below the minimum version: told in every answer, listed for IT, and its data still accepted', async () => {
    expect((await cli('update-minimum', '--version', '1.4')).err).toContain('không phải số phiên bản');
    expect((await cli('update-minimum', '--version', '1.4.0')).code).toBe(0);
    // An item number from the counter's own block (the hub refuses any other).
    const old = acceptOp(a.counterId, { itemNumber: (await issuedNumbers(hub.db, a.counterId))() });
    const pushed = await call<{ results: { status: string }[] }>(hub, '/push', { token: a.token, body: { ops: numbered(1, [old]) }, headers: { [COUNTER_VERSION_HEADER]: '1.3.0' } });
    expect(pushed.status).toBe(200);
    expect(pushed.body.results.map((x) => x.status)).toEqual(['accepted']);
    expect(policyOf(pushed.headers)).toMatchObject({ channel: 'pilot', minVersion: '1.4.0' });
    await call(hub, '/pull', { token: b.token, headers: { [COUNTER_VERSION_HEADER]: '1.4.0' } });

    const listed = CountersResponseSchema.parse((await call(hub, '/admin/counters', { token: ADMIN_TOKEN })).body).counters;
    expect(listed.map((c) => [c.counterId, c.appVersion, c.updateChannel, c.belowMinimum])).toEqual([
      ['UP-1-A', '1.3.0', 'pilot', true],
      ['UP-1-B', '1.4.0', 'ngoai', false],
    ]);
    const table = await cli('counters');
    expect(table.out.split('\n').find((l) => l.includes('UP-1-A'))).toContain('⚠ dưới bản tối thiểu');
    expect(table.out.split('\n').find((l) => l.includes('UP-1-B'))).not.toContain('tối thiểu');
    expect(table.out).toContain('1 quầy dưới phiên bản tối thiểu.');

    expect((await cli('update-minimum', '--none')).code).toBe(0);
    expect(policyOf((await call(hub, '/pull', { token: a.token })).headers)?.minVersion).toBeNull();
  });

  it('the same through the admin API, with Vietnamese refusals', async () => {
    const put = (path: string, body: unknown) => call(hub, path, { method: 'PUT', token: ADMIN_TOKEN, body });
    const min = await put('/admin/updates/minimum', { version: '1.5.0' });
    expect(min.status).toBe(200);
    expect(min.body).toMatchObject({ minVersion: '1.5.0' });
    expect((await put('/admin/updates/minimum', { version: 'mới nhất' })).body).toMatchObject({ error: 'INVALID' });
    const ch = await put('/admin/updates/channels/pilot', { stagingPercentage: 100 });
    expect((ch.body as { channels: { name: string; stagingPercentage: number | null }[] }).channels.find((c) => c.name === 'pilot')?.stagingPercentage).toBe(100);
    const assign = await call(hub, '/admin/updates/assign', { token: ADMIN_TOKEN, body: { counterId: 'UP-1-B', channel: 'beta' } });
    expect(assign.status).toBe(404);
    expect(assign.body).toMatchObject({ error: 'UNKNOWN_CHANNEL' });
    expect((await call(hub, '/admin/updates/assign', { token: a.token, body: { counterId: 'UP-1-B', channel: 'pilot' } })).status).toBe(401);
    const ok = await call(hub, '/admin/updates/assign', { token: ADMIN_TOKEN, body: { counterId: 'UP-1-B', channel: 'pilot' } });
    expect(ok.body).toMatchObject({ channel: 'pilot', counters: ['UP-1-B'], allowDowngrade: false });
    expect(policyOf((await call(hub, '/pull', { token: b.token })).headers)).toEqual({ channel: 'pilot', url: null, minVersion: '1.5.0', allowDowngrade: false });
  });
});
