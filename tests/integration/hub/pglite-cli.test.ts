/**
 * The update and report verbs of the CLI beside a running PGlite hub (`npm run hub` in its own
 * process, the folder locked by it): the hub runs them for the CLI, so IT can raise a rollout or
 * print a report without stopping the hub; a refusal is the same Vietnamese line and exit code.
 * (Each CLI call is a cold node + tsx start: the test keeps their number small.)
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, healthy, repoRoot, runCli, runHub, until, type HubProcess } from '../../helpers/hub-process';
import { writeRelease } from '../../helpers/release';

describe('hub on PGlite: the update and report verbs go through the running hub', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  const work = mkdtempSync(join(tmpdir(), 'hub-cli-files-'));
  let hub: HubProcess | undefined;
  afterAll(() => {
    if (hub && hub.child.exitCode === null) hub.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });
  const env = { HUB_DATA_DIR: dir };

  it('channels, publication, rollout, assignment, minimum version and the periodic report, all while it serves', async () => {
    const port = await freePort();
    hub = runHub(['serve'], { ...env, HUB_PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await until(() => healthy(url), 'the PGlite hub to answer /health', 180_000, hub);
    const cli = async (...args: string[]) => runCli(args, env);

    expect((await cli('create-code', '--branch', 'CLI-1', '--counter', 'CLI-1-Q1')).code).toBe(0);
    const channel = await cli('update-channel', '--name', 'pilot');
    expect(channel.code, channel.stderr).toBe(0);
    expect(channel.stdout).toContain('Kênh pilot: tệp cập nhật ở máy chủ này, /updates/pilot/');

    // The release folder named relative to the CLI's working folder (the CLI makes it absolute for the hub).
    const release = join(work, 'release');
    mkdirSync(release);
    const installer = writeRelease(release, '1.3.0');
    const published = await cli('update-publish', '--channel', 'pilot', '--dir', relative(repoRoot, release), '--staging', '10');
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain('Đã công bố bản 1.3.0 trên kênh pilot');
    const yml = await fetch(`${url}/updates/pilot/pilot.yml`);
    expect(yml.status).toBe(200);
    expect(await yml.text()).toMatch(/^version: 1\.3\.0$[\s\S]*^stagingPercentage: 10$/m);
    expect(Buffer.from(await (await fetch(`${url}/updates/pilot/quay-hcc-setup-1.3.0.exe`)).arrayBuffer()).equals(installer)).toBe(true);

    expect((await cli('update-stage', '--channel', 'pilot', '--percent', '50')).code).toBe(0);
    expect(await (await fetch(`${url}/updates/pilot/pilot.yml`)).text()).toMatch(/^stagingPercentage: 50$/m);
    const unknown = await cli('update-stage', '--channel', 'beta', '--percent', '50');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Chưa có kênh "beta"; tạo bằng: npm run hub -- update-channel --name beta');

    const assigned = await cli('update-assign', '--counter', 'CLI-1-Q1', '--channel', 'pilot');
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('Đã chuyển 1 quầy sang kênh pilot: CLI-1-Q1.');
    expect((await cli('update-minimum', '--version', '1.2.0')).code).toBe(0);
    const listed = await cli('updates', '--json');
    expect(listed.code).toBe(0);
    const view = JSON.parse(listed.stdout) as { minVersion: string; channels: { name: string; stagingPercentage: number | null; publishedVersion: string | null }[] };
    expect(view.minVersion).toBe('1.2.0');
    expect(view.channels.find((c) => c.name === 'pilot')).toMatchObject({ stagingPercentage: 50, publishedVersion: '1.3.0' });

    // The periodic report, written where asked (its refusals are report.test.ts's).
    const out = join(work, 'q1.xlsx');
    const report = await cli('report', '--period', '2026-Q1', '--format', 'xlsx', '--out', relative(repoRoot, out));
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ report: '2026-Q1', format: 'xlsx', out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('Báo cáo')!.getCell('A2').value).toBe('Phạm vi: toàn tỉnh');

    // The hub never stopped serving.
    expect(await healthy(url)).toBe(true);
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
  }, 600_000);
});
