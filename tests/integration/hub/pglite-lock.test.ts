/**
 * The newcomer's hub on embedded PGlite, as IT runs it (`npm run hub` in its own process): the data
 * folder belongs to one process. A second process refuses in under a second and says what to do; the
 * CLI commands go through the running hub's admin API (a code made that way enrolls), work directly on
 * a stopped hub, and a lock left by a killed hub does not block the next start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DataDirBusy } from '../../../src/hub/lock';
import { freePort, healthy, runCli, runHub, until, type HubProcess } from '../../helpers/hub-process';

describe('hub on PGlite: one process per data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-lock-'));
  const hubs: HubProcess[] = [];
  afterAll(() => {
    for (const h of hubs) if (h.child.exitCode === null) h.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
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
