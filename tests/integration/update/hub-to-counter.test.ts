/**
 * The whole path of an update, every part real: provincial IT publishes a release on the hub
 * (PostgreSQL) with the CLI; a counter (createCounter, its real sync worker) learns its channel when
 * it enrolls and when it syncs; electron-updater's NsisUpdater (test app adapter) downloads the
 * installer from the hub's /updates/<channel>/ with the rollout the hub writes in; a minimum version
 * set on the hub reaches the counter with its next sync, shows on its status bar, and the downloaded
 * update installs at once because the counter is idle. A channel address IT sets on the console's
 * Updates page reaches the counter the same way, and its updater then reads from that server.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NsisUpdater, type UpdateDownloadedEvent } from 'electron-updater';
import { afterAll, expect, it, vi } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { main } from '../../../src/hub/main';
import { createCounter, type Counter } from '../../../src/main/counter';
import { readUpdatePolicy } from '../../../src/main/update/policy';
import { describePg, type TestDatabase } from '../../helpers/pg';
import { channelYml, NodeHttp, startUpdateServer, TestAppAdapter } from '../../helpers/update-server';
import { consoleAccounts, consoleSession, PASSWORDS } from '../../helpers/console-data';
import { call, freshHub, type TestHub } from '../hub/harness';

const root = mkdtempSync(join(tmpdir(), 'quay-hub-update-'));
const updatesDir = join(root, 'hub-updates');
const release = mkdtempSync(join(root, 'release-'));
const ranFile = join(root, 'installer-ran.txt');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describePg('an update from the hub to a counter', () => {
  let hub: TestHub;
  let tdb: TestDatabase;
  freshHub(
    (h, t) => {
      hub = h;
      tdb = t;
    },
    { updatesDir },
  );
  const cli = async (...argv: string[]): Promise<number> => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      return await main(argv, { DATABASE_URL: tdb.url, HUB_UPDATES_DIR: updatesDir });
    } finally {
      log.mockRestore();
    }
  };

  let counter: Counter;
  afterAll(async () => {
    counter?.updates.stop();
    await counter?.close();
  });

  const attach = (dir: string): { adapter: TestAppAdapter; check: () => Promise<string> } => {
    const adapter = new TestAppAdapter('1.2.0', join(root, dir));
    const updater = new NsisUpdater(null, adapter);
    Object.assign(updater, { httpExecutor: new NodeHttp(), _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
    updater.on('update-downloaded', (e: UpdateDownloadedEvent) => chmodSync(e.downloadedFile, 0o755));
    const c = counter.updates.attach(updater, { quit: () => adapter.quit(), tickMs: 100, retryMs: 50 });
    return {
      adapter,
      check: async () => {
        await c.check();
        return c.state().phase;
      },
    };
  };

  it('IT publishes 1.3.0 on pilot; the counter enrolls, is moved to pilot, syncs, and downloads it from the hub', async () => {
    const installer = Buffer.from(`#!/bin/sh\necho "$@" >> '${ranFile}'\n# ${'payload '.repeat(50_000)}\n`);
    writeFileSync(join(release, 'quay-hcc-setup-1.3.0.exe'), installer);
    writeFileSync(join(release, 'latest.yml'), channelYml('1.3.0', 'quay-hcc-setup-1.3.0.exe', installer));
    expect(await cli('update-channel', '--name', 'pilot')).toBe(0);
    expect(await cli('update-publish', '--channel', 'pilot', '--dir', release, '--staging', '100')).toBe(0);

    counter = createCounter({ dataDir: join(root, 'counter'), sync: { pollIntervalMs: 3_600_000, start: false }, appVersion: '1.2.0' });
    const { code } = await createEnrollmentCode(hub.db, { branchCode: counter.counter.id.slice(0, 5), counterId: counter.counter.id }, Date.now());
    await counter.syncService.enroll(hub.url, code);
    expect(readUpdatePolicy(counter.app.db)).toEqual({ policy: { channel: 'stable', url: null, minVersion: null, allowDowngrade: false }, feedUrl: `${hub.url}/updates/stable/` });

    expect(await cli('update-assign', '--counter', counter.counter.id, '--channel', 'pilot')).toBe(0);
    await counter.sync!.syncNow();
    expect(readUpdatePolicy(counter.app.db)?.feedUrl).toBe(`${hub.url}/updates/pilot/`);

    const a = attach('electron-a');
    expect(await a.check()).toBe('ready');
    expect(counter.updates.statusLine()).toMatchObject({ state: 'ready', label: expect.stringMatching(/^Bản 1\.3\.0 đã tải xong/) });
  });

  it('at 0% the hub offers it to nobody', async () => {
    expect(await cli('update-stage', '--channel', 'pilot', '--percent', '0')).toBe(0);
    counter.updates.stop();
    expect(await attach('electron-b').check()).toBe('idle');
  });

  it("a channel address IT sets on the console reaches the counter with its next sync; its updater reads from there; empty puts it back on the hub", async () => {
    const mirror = await startUpdateServer();
    try {
      const installer = Buffer.from(`#!/bin/sh\n# mirror ${'payload '.repeat(10_000)}\n`);
      mirror.files.set('/quay/pilot/pilot.yml', { body: channelYml('1.3.1', 'quay-hcc-setup-1.3.1.exe', installer) });
      mirror.files.set('/quay/pilot/quay-hcc-setup-1.3.1.exe', { body: installer });
      await consoleAccounts(hub.db, counter.counter.id.slice(0, 5));
      const admin = await consoleSession(hub.url, 'it.admin', PASSWORDS.it);
      const setUrl = (url: string) => call(hub, '/console/api/updates/channels/pilot/url', { method: 'PUT', headers: admin, body: { url } });

      expect((await setUrl(`${mirror.url}/quay/pilot`)).status).toBe(200);
      await counter.sync!.syncNow();
      expect(readUpdatePolicy(counter.app.db)?.feedUrl).toBe(`${mirror.url}/quay/pilot/`);
      counter.updates.stop();
      expect(await attach('electron-mirror').check()).toBe('ready');
      expect(mirror.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/quay/pilot/pilot.yml', '/quay/pilot/quay-hcc-setup-1.3.1.exe']));
      expect(counter.updates.statusLine()).toMatchObject({ state: 'ready', label: expect.stringMatching(/^Bản 1\.3\.1 đã tải xong/) });

      expect((await setUrl('')).status).toBe(200);
      await counter.sync!.syncNow();
      expect(readUpdatePolicy(counter.app.db)?.feedUrl).toBe(`${hub.url}/updates/pilot/`);
    } finally {
      await mirror.close();
    }
  });

  it('a minimum version set on the hub reaches the counter with its next sync; idle, it installs at once', async () => {
    expect(await cli('update-stage', '--channel', 'pilot', '--percent', '100')).toBe(0);
    counter.updates.stop();
    const c = attach('electron-c');
    expect(await c.check()).toBe('ready');
    expect(c.adapter.quits).toBe(0);
    expect(await cli('update-minimum', '--version', '1.3.0')).toBe(0);
    await counter.sync!.syncNow();
    const session = counter.newSession();
    const status = (await counter.registry.invoke('status.get', {}, session)) as { ok: true; value: { update: { state: string; label: string } } };
    // Told at once — unless the service's next tick has already started the install.
    expect(status.value.update.label).toMatch(/^Phiên bản 1\.2\.0 thấp hơn mức tối thiểu 1\.3\.0 của tỉnh|^Đang cài bản 1\.3\.0/);
    await vi.waitFor(() => expect(c.adapter.quits).toBe(1), { timeout: 10_000, interval: 50 });
    await vi.waitFor(() => expect(existsSync(ranFile) && readFileSync(ranFile, 'utf8')).toBe('--updated /S --force-run\n'), { timeout: 10_000, interval: 50 });
  });
});
