/**
 * The newcomer's hub on embedded PGlite, as IT runs it (`npm run hub` in its own process): the data
 * folder belongs to one process. A second process refuses in under a second and says what to do; the
 * CLI commands go through the running hub's admin API (a code made that way enrolls; the console's
 * first administrator, its password read by the CLI, logs in), work directly on a stopped hub, and a
 * lock left by a killed hub does not block the next start. A mistyped option is exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, askHolder, DataDirBusy } from '../../../src/hub/lock';
import { freshFolderNote } from '../../../src/hub/main';
import { freePort, healthy, repoRoot, runCli, runHub, until, type HubProcess } from '../../helpers/hub-process';

describe('hub on PGlite: one process per data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-lock-'));
  const hubs: HubProcess[] = [];
  afterAll(() => {
    for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-pw`, { force: true });
  });
  const env = { HUB_DATA_DIR: dir };
  const serve = async (port: number): Promise<{ hub: HubProcess; url: string }> => {
    const hub = runHub(['serve'], { ...env, HUB_PORT: String(port) });
    hubs.push(hub);
    const url = `http://127.0.0.1:${port}`;
    await until(() => healthy(url), 'the PGlite hub to answer /health', 180_000, hub);
    return { hub, url };
  };
  const enroll = (url: string, code: string) => fetch(`${url}/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });

  it('a command that finds no database in its folder makes one and says so (the service runs with another HUB_DATA_DIR?)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'hub-lock-fresh-'));
    try {
      const first = await runCli(['counters'], { HUB_DATA_DIR: other });
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr.trim()).toBe(freshFolderNote(other));
      const again = await runCli(['counters'], { HUB_DATA_DIR: other });
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toBe('');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 300_000);

  it('a second process refuses at once; the CLI works through the running hub, then directly once it stopped', async () => {
    const port = await freePort();
    const { hub, url } = await serve(port);
    expect(hub.stderr()).toContain(`Máy chủ tỉnh Quầy HCC đang chạy tại ${url} — cơ sở dữ liệu: PGlite nhúng trong thư mục ${dir} — 1 tiến trình xử lý.`);

    // Another opener of the folder is refused in well under a second, told what to do.
    const t0 = performance.now();
    const refused = await acquireLock(dir, { pid: process.pid, role: 'serve', startedAt: Date.now() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(refused).toBeInstanceOf(DataDirBusy);
    expect((refused as DataDirBusy).message).toContain(`Máy chủ tỉnh đang chạy trên thư mục dữ liệu ${dir} (tiến trình ${hub.child.pid}) tại ${url}`);
    expect((refused as DataDirBusy).message).toContain('đặt HUB_DATA_DIR sang thư mục khác');

    // A second server process: exit 1 with that message; the first one is untouched.
    const second = runHub(['serve'], { ...env, HUB_PORT: String(await freePort()) });
    hubs.push(second);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain('mỗi thư mục PGlite chỉ một tiến trình được mở');
    // A command that needs the files themselves is refused too, with the same advice.
    const migrate = await runCli(['migrate'], env);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain('hãy dừng máy chủ trước');

    // create-code through the running hub: the code it prints enrolls with that hub.
    const made = await runCli(['create-code', '--branch', 'LK-1', '--counter', 'LK-1-Q1', '--counter-name', 'Quầy 1'], env);
    expect(made.code, made.stderr).toBe(0);
    const { code } = JSON.parse(made.stdout.trim()) as { code: string };
    const e1 = await enroll(url, code);
    expect(e1.status).toBe(200);
    expect(((await e1.json()) as { counterId: string }).counterId).toBe('LK-1-Q1');
    // …and so do counters and revoke (which cuts the token at once).
    const listed = await runCli(['counters', '--json'], env);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { counters: { counterId: string }[] }).counters.map((c) => c.counterId)).toEqual(['LK-1-Q1']);
    const revoked = await runCli(['revoke', '--counter', 'LK-1-Q1'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Đã thu hồi khoá truy cập của quầy LK-1-Q1');
    const unknown = await runCli(['revoke', '--counter', 'LK-9-Q9'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('LK-9-Q9');
    // A mistyped option: exit 2 and one Vietnamese line, before anything is opened or sent.
    const typo = await runCli(['counters', '--slient-hours', '4'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim()).toBe('Không có tuỳ chọn --slient-hours. Xem danh sách lệnh và tuỳ chọn trong src/hub/README.md.');

    // The console's first IT administrator, while the hub serves: the password read by the CLI from
    // a file (named relative to its folder) or from its stdin, and the account logs in at once.
    writeFileSync(`${dir}-pw`, 'Quan-tri-0123\n');
    const fromFile = await runCli(['create-admin', '--username', 'it.admin', '--display-name', 'Quản trị', '--password-file', relative(repoRoot, `${dir}-pw`)], env);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toContain('Đã tạo tài khoản quản trị CNTT it.admin.');
    const fromStdin = await runCli(['create-admin', '--username', 'it.second'], env, 'Mat-khau-thu-hai\n');
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const weak = await runCli(['create-admin', '--username', 'it.weak'], env, 'ngan\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Mật khẩu phải có ít nhất 10 ký tự.');
    for (const [username, password] of [['it.admin', 'Quan-tri-0123'], ['it.second', 'Mat-khau-thu-hai']]) {
      const login = await fetch(`${url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-quayhcc-console': '1' }, body: JSON.stringify({ username, password }) });
      expect(login.status, username).toBe(200);
    }
    expect((await fetch(`${url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-quayhcc-console': '1' }, body: JSON.stringify({ username: 'it.weak', password: 'ngan' }) })).status).toBe(401);
    // The hub itself never reads a password (from its terminal or a file) for the command line.
    const lockSecret = (await askHolder(dir))!.secret!;
    const noPassword = await fetch(`${url}/admin/cli`, { method: 'POST', headers: { authorization: `Bearer ${lockSecret}`, 'content-type': 'application/json' }, body: JSON.stringify({ verb: 'create-admin', values: { username: 'it.third', 'password-file': '/etc/hostname' }, defaultHubUrl: url, tty: false }) });
    expect(noPassword.status).toBe(400);

    // The hub stops; the CLI now opens the folder itself, and the hub, started again, honours its code.
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    const direct = await runCli(['create-code', '--branch', 'LK-1', '--counter', 'LK-1-Q1'], env);
    expect(direct.code, direct.stderr).toBe(0);
    const code2 = (JSON.parse(direct.stdout.trim()) as { code: string }).code;

    // Killed hard, the hub leaves its lock behind: the next start is not blocked by it.
    const again = await serve(port);
    again.hub.child.kill('SIGKILL');
    await again.hub.exited;
    const third = await serve(port);
    expect((await enroll(third.url, code2)).status).toBe(200);
    third.hub.child.kill('SIGTERM');
    expect(await third.hub.exited).toBe(0);
  }, 600_000);
});
