/**
 * Updates on the counter with the REAL electron-updater: its NsisUpdater (what counters run on
 * Windows) built with a test app adapter, as electron-builder's own tests build it, against a local
 * HTTP server that serves the channel file and an installer — found, downloaded and sha512-checked by
 * electron-updater itself; the staged rollout decided by its staging id; the channel switched through
 * its setter. The counter's side is real too: its store (the hub's policy as the sync worker stores
 * it), its print queue on a fake network printer, its update service and controller, its log file.
 *
 * The "installer" is a shell script: when the controller installs, electron-updater really spawns
 * the downloaded file with NSIS's arguments, and the script writes them down.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UUID } from 'builder-util-runtime';
import { NsisUpdater, type UpdateDownloadedEvent } from 'electron-updater';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCounter } from '../../../src/main/counter';
import { createMainLog } from '../../../src/main/log';
import { parseProfile } from '../../../src/main/printing/profiles';
import { createPrintService, type PrintService } from '../../../src/main/printing/service';
import { openStore, storeFile, type Db } from '../../../src/main/store/db';
import { noteUpdatePolicy } from '../../../src/main/sync/sync-state';
import { createUpdateService, type UpdateService } from '../../../src/main/update/service';
import type { UpdatePolicy } from '../../../src/shared/app-update';
import { intakeReceipt } from '../../../src/shared/print-model';
import { intakeModel } from '../../fixtures/printing/samples';
import { FakePrinter } from '../../helpers/fake-printer';
import { channelYml, NodeHttp, startUpdateServer, TestAppAdapter, type UpdateServer } from '../../helpers/update-server';

const root = mkdtempSync(join(tmpdir(), 'quay-updater-'));
const ranFile = join(root, 'installer-ran.txt');
let server: UpdateServer;

/** An "installer" that records the arguments electron-updater runs it with (padded to look like one). */
const installerBody = (version: string): Buffer => Buffer.from(`#!/bin/sh\necho "${version} $@" >> '${ranFile}'\nexit 0\n# ${'Quầy HCC installer payload '.repeat(40_000)}\n`);

/** Publishes `version` on `channel` of the test server. */
function publish(channel: string, version: string, opts: { staging?: number; wrongSha?: boolean; slowMs?: number } = {}): Buffer {
  const file = `quay-hcc-setup-${version}.exe`;
  const installer = installerBody(version);
  server.files.set(`/updates/${channel}/${file}`, { body: installer, ...(opts.slowMs ? { slowMs: opts.slowMs } : {}) });
  const yml = channelYml(version, file, installer, { ...(opts.staging !== undefined ? { staging: opts.staging } : {}), ...(opts.wrongSha ? { sha: channelYml('0.0.0', 'x', Buffer.from('another file')).match(/sha512: (.*)/)![1]! } : {}) });
  server.files.set(`/updates/${channel}/${channel}.yml`, { body: yml });
  return installer;
}

let n = 0;
interface World {
  db: Db;
  adapter: TestAppAdapter;
  updater: NsisUpdater;
  updates: UpdateService;
  logFile: string;
  dir: string;
}
const worlds: World[] = [];

/**
 * One counter running `version`: a store holding the hub's policy for it (as enrollment and the
 * sync worker store it), the real NsisUpdater on a test app adapter, the update service attached.
 * `userData`: share electron-updater's folder (its staging id) with another world.
 */
function counterRunning(version: string, policy: Partial<UpdatePolicy> = {}, opts: { userData?: string; stagingId?: string; lockIdleMs?: number } = {}): World {
  const dir = join(root, `counter-${++n}`);
  const db = openStore(storeFile(join(dir, 'data')));
  db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run(`${server.url}/`);
  noteUpdatePolicy(db, { channel: 'pilot', url: null, minVersion: null, allowDowngrade: false, ...policy }, Date.now());
  const adapter = new TestAppAdapter(version, opts.userData ?? join(dir, 'electron'));
  if (opts.stagingId) writeFileSync(join(adapter.userDataPath, '.updaterId'), opts.stagingId);
  const updater = new NsisUpdater(null, adapter);
  // electron-builder's tests: Node's HTTP instead of Electron's net, the Windows channel file names,
  // full downloads (no blockmaps here).
  Object.assign(updater, { httpExecutor: new NodeHttp(), _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
  // Windows runs an .exe as it is; here the script needs its execute bit.
  updater.on('update-downloaded', (e: UpdateDownloadedEvent) => chmodSync(e.downloadedFile, 0o755));
  const log = createMainLog({ dir: join(dir, 'logs') });
  const updates = createUpdateService({ db, appVersion: version, log });
  updates.attach(updater, { quit: () => adapter.quit(), tickMs: 3_600_000, retryMs: 50, lockIdleMs: opts.lockIdleMs ?? 100 });
  const w = { db, adapter, updater, updates, logFile: log.file, dir };
  worlds.push(w);
  return w;
}

/** The controller's check (the one the service started at attach is joined). */
const checked = async (w: World) => {
  const c = controllerOf(w);
  await c.check();
  return c.state();
};
const controllerOf = (w: World) => w.updates.controller()!;

const ran = (): string[] => (existsSync(ranFile) ? readFileSync(ranFile, 'utf8').trim().split('\n') : []);
const until = async (what: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  server = await startUpdateServer();
});
afterEach(() => {
  for (const w of worlds.splice(0)) {
    w.updates.stop();
    w.db.close();
  }
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('electron-updater (NsisUpdater, test app adapter) driven by the counter', () => {
  it('finds a newer version on its channel, downloads it in the background with progress on the status bar, and logs it', async () => {
    publish('pilot', '1.3.0', { slowMs: 2_500 });
    const w = counterRunning('1.2.0');
    const c = controllerOf(w);
    // While the download runs, the status bar shows its progress.
    const seen: string[] = [];
    await until(() => {
      const line = w.updates.statusLine();
      if (line.state === 'downloading') seen.push(line.label);
      return c.state().phase === 'ready';
    });
    expect(seen[0]).toMatch(/^Đang tải bản cập nhật 1\.3\.0: \d+%$/);
    expect(seen.some((l) => /: ([1-9]\d?)%$/.test(l))).toBe(true);
    expect(c.state()).toMatchObject({ phase: 'ready', version: '1.3.0', percent: 100 });
    expect(w.updates.statusLine()).toMatchObject({ state: 'ready', label: 'Bản 1.3.0 đã tải xong; sẽ cài khi quầy rảnh (đóng ca, khoá quầy lâu hoặc tắt phần mềm).' });
    // The channel file was asked for by its channel's name, with the counter's staging id.
    const yml = server.requests.find((r) => r.path === '/updates/pilot/pilot.yml');
    expect(UUID.check(yml?.stagingId ?? '')).toBeTruthy();
    const pending = join(w.adapter.baseCachePath, 'quay-hcc-updater', 'pending');
    expect(readdirSync(pending)).toContain('quay-hcc-setup-1.3.0.exe');
    const log = readFileSync(w.logFile, 'utf8');
    expect(log).toContain('update 1.3.0 offered (running 1.2.0); downloading in the background');
    expect(log).toMatch(/update 1\.3\.0 download \d{1,2}% \(\d+\.\d \/ \d+\.\d MB\)/);
    expect(log).toContain('update 1.3.0 downloaded and verified');
    // Nothing installs on its own: no moment yet.
    expect(w.adapter.quits).toBe(0);
  });

  it('a counter not enrolled with a hub asks nobody: not the hub, not the URL electron-builder wrote into app-update.yml', async () => {
    publish('stable', '1.3.0');
    const dir = join(root, `counter-${++n}`);
    const db = openStore(storeFile(join(dir, 'data')));
    const adapter = new TestAppAdapter('1.2.0', join(dir, 'electron'));
    expect(readFileSync(adapter.appUpdateConfigPath, 'utf8')).toContain('url: https://quayhcc.invalid/updates/');
    const updater = new NsisUpdater(null, adapter);
    const hosts: string[] = [];
    const http = new NodeHttp();
    const createRequest = http.createRequest.bind(http);
    http.createRequest = (options, callback) => {
      hosts.push(String(options.hostname ?? options.host));
      return createRequest(options, callback);
    };
    Object.assign(updater, { httpExecutor: http, _testOnlyOptions: { platform: 'win32', isUseDifferentialDownload: false } });
    const before = server.requests.length;
    const updates = createUpdateService({ db, appVersion: '1.2.0', log: createMainLog({ dir: join(dir, 'logs') }) });
    updates.attach(updater, { quit: () => adapter.quit(), tickMs: 3_600_000 });
    worlds.push({ db, adapter, updater, updates, logFile: '', dir });
    await updates.controller()!.check();
    expect(updates.controller()!.state().phase).toBe('idle');
    expect(hosts).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a download whose sha512 does not match the channel file: nothing to install, the error logged', async () => {
    publish('pilot', '1.3.1', { wrongSha: true });
    const w = counterRunning('1.2.0');
    const s = await checked(w);
    expect(s.phase).toBe('error');
    expect(s.errorCode).toBe('ERR_CHECKSUM_MISMATCH');
    expect(readdirSync(join(w.adapter.baseCachePath, 'quay-hcc-updater', 'pending')).filter((f) => f.endsWith('.exe'))).toEqual([]);
    expect(w.updates.statusLine()).toEqual({ state: 'error', label: 'Chưa tải được bản cập nhật; sẽ thử lại sau.', percent: null });
    expect(w.updates.moment('shift-close')).toBe('nothing');
    expect(w.adapter.quits).toBe(0);
    expect(readFileSync(w.logFile, 'utf8')).toMatch(/\[error\] update failed .*sha512 checksum mismatch/);
  });

  it('stagingPercentage 0 is offered to nobody, 100 to everybody', async () => {
    publish('pilot', '1.3.0', { staging: 0 });
    const a = counterRunning('1.2.0');
    expect((await checked(a)).phase).toBe('idle');
    expect(a.updates.statusLine().state).toBe('none');
    publish('pilot', '1.3.0', { staging: 100 });
    const b = counterRunning('1.2.0');
    expect(await checked(b)).toMatchObject({ phase: 'ready', version: '1.3.0' });
  });

  it('the same counter gets the same answer every time (its staging id is kept), another counter may get the other', async () => {
    // Two staging ids on either side of 50% (electron-updater reads the id's last four bytes).
    const ids = Array.from({ length: 64 }, (_, i) => UUID.v5(`quay-${i}`, UUID.OID));
    const share = (id: string) => UUID.parse(id).readUInt32BE(12) / 0xffffffff;
    const inside = ids.find((id) => share(id) < 0.5)!;
    const outside = ids.find((id) => share(id) >= 0.5)!;
    publish('pilot', '1.3.0', { staging: 50 });
    const answers = async (stagingId: string) => {
      const userData = join(root, `staging-${stagingId}`);
      const out: string[] = [];
      for (let i = 0; i < 3; i++) out.push((await checked(counterRunning('1.2.0', {}, { userData, stagingId: i === 0 ? stagingId : undefined }))).phase);
      expect(readFileSync(join(userData, 'user-data', '.updaterId'), 'utf8')).toBe(stagingId);
      return out;
    };
    expect(await answers(inside)).toEqual(['ready', 'ready', 'ready']);
    expect(await answers(outside)).toEqual(['idle', 'idle', 'idle']);
    // A new counter makes its id once and keeps it.
    const first = counterRunning('1.2.0');
    const phase = (await checked(first)).phase;
    const id = readFileSync(join(first.adapter.userDataPath, '.updaterId'), 'utf8');
    const again = counterRunning('1.2.0', {}, { userData: first.adapter.root });
    expect((await checked(again)).phase).toBe(phase);
    expect(readFileSync(join(first.adapter.userDataPath, '.updaterId'), 'utf8')).toBe(id);
  });

  it('moving to a channel with an older version does not downgrade, unless IT allowed it', async () => {
    publish('stable', '1.2.0');
    publish('pilot', '1.3.0');
    const w = counterRunning('1.3.0', { channel: 'stable' });
    expect(await checked(w)).toMatchObject({ phase: 'idle' });
    // electron-updater's channel setter turned allowDowngrade on; the controller set it back.
    expect(w.updater.channel).toBe('stable');
    expect(w.updater.allowDowngrade).toBe(false);
    expect(server.requests.some((r) => r.path === '/updates/stable/stable.yml')).toBe(true);
    expect(readFileSync(w.logFile, 'utf8')).toContain('no update to install (channel file says 1.2.0, running 1.3.0)');

    const allowed = counterRunning('1.3.0', { channel: 'stable', allowDowngrade: true });
    expect(await checked(allowed)).toMatchObject({ phase: 'ready', version: '1.2.0' });
    expect(allowed.updater.allowDowngrade).toBe(true);
  });

  it('below the minimum version: the banner shows on the status bar (status.get), with or without an updater', async () => {
    const dir = join(root, 'banner');
    const counter = createCounter({ dataDir: dir, appVersion: '1.2.0' });
    try {
      const session = counter.newSession();
      const status = async () => ((await counter.registry.invoke('status.get', {}, session)) as { ok: true; value: { update: { state: string; label: string } } }).value.update;
      expect(await status()).toEqual({ state: 'none', label: '', percent: null });
      counter.app.db.prepare('UPDATE sync_state SET hub_url = ? WHERE id = 1').run('https://dongbo.example.vn/');
      noteUpdatePolicy(counter.app.db, { channel: 'stable', url: null, minVersion: '1.4.0', allowDowngrade: false }, Date.now());
      expect(await status()).toEqual({ state: 'required', label: 'Phiên bản 1.2.0 thấp hơn mức tối thiểu 1.4.0 của tỉnh: quầy sẽ tự cập nhật ngay khi rảnh.', percent: null });
      noteUpdatePolicy(counter.app.db, { channel: 'stable', url: null, minVersion: '1.2.0', allowDowngrade: false }, Date.now());
      expect((await status()).state).toBe('none');
    } finally {
      await counter.close();
    }
  });

  it('below the minimum, a downloaded update installs at the first idle moment without waiting for one', async () => {
    publish('pilot', '1.4.0');
    const before = ran().length;
    const w = counterRunning('1.2.0', { minVersion: '1.4.0' });
    await checked(w);
    await until(() => w.adapter.quits === 1 && ran().length > before);
    expect(ran().slice(before)).toEqual(['1.4.0 --updated /S --force-run']);
  });
});

describe('installing only when the counter is idle', () => {
  let printer: FakePrinter;
  let prints: PrintService | null = null;
  beforeAll(async () => {
    printer = await new FakePrinter().start();
  });
  afterAll(async () => {
    await printer.close();
  });
  afterEach(async () => {
    await prints?.stop();
    prints = null;
  });

  it('holds the install while a print job is pending, and installs once it has printed (the adapter records the quit)', async () => {
    publish('pilot', '1.3.0');
    const w = counterRunning('1.2.0');
    expect((await checked(w)).phase).toBe('ready');
    // A receipt that takes two seconds to print on the counter's real print queue.
    printer.printDelayMs = 2_000;
    const profile = parseProfile({ id: 'quay', name: 'Máy in quầy', model: 'Fake ESC/POS', widthMm: 80, dots: 576, transport: { kind: 'tcp', host: printer.host, port: printer.port, connectTimeoutMs: 500, statusTimeoutMs: 3_000, minJobTimeoutMs: 5_000, minBytesPerSecond: 1_000_000 }, drawer: false });
    prints = createPrintService({ db: w.db, clock: { now: () => Date.now() }, profiles: [profile], pollMs: 20, statusPollMs: 0, log: () => undefined });
    prints.start();
    const job = prints.enqueue(intakeReceipt({ ...intakeModel, itemNumber: 'EA123456785VN', trackingUrl: 'https://tracuu.example.vn/hs?ma=EA123456785VN' }), { clerkId: 'clerk-1', counterId: 'SL-TP-Q01' });
    const before = ran().length;

    expect(w.updates.moment('shift-close')).toBe('held');
    expect(w.updates.statusLine().label).toBe('Bản 1.3.0 đã tải xong; sẽ cài khi quầy rảnh (đóng ca, khoá quầy lâu hoặc tắt phần mềm). Đang chờ: còn 1 lệnh in đang chờ hoặc đang in.');
    expect(w.adapter.quits).toBe(0);

    await until(() => w.adapter.quits === 1 && ran().length > before);
    expect(prints.job(job.jobId!).state).toBe('done');
    expect(printer.completeJobs).toHaveLength(1);
    expect(ran().slice(before)).toEqual(['1.3.0 --updated /S --force-run']);
    const log = readFileSync(w.logFile, 'utf8');
    expect(log).toContain('update 1.3.0 install held (shift-close): còn 1 lệnh in đang chờ hoặc đang in');
    expect(log).toContain('installing update 1.3.0 over 1.2.0, then restarting');
  });

  it('an unsaved form and operations waiting to be pushed hold it too; quitting installs only when idle', async () => {
    publish('pilot', '1.3.0');
    const w = counterRunning('1.2.0');
    await checked(w);
    w.updates.setActivity({ unsavedForm: true });
    w.db.prepare("INSERT INTO outbox (op_id, kind, payload, status, created_at) VALUES ('op-1', 'dossier.event', '{}', 'pending', 0)").run();
    expect(w.updates.busy()).toEqual(['biểu mẫu đang nhập dở chưa lưu', 'còn 1 thao tác chưa gửi lên máy chủ tỉnh']);
    expect(w.updates.moment('quit')).toBe('held');
    expect(w.adapter.quits).toBe(0);
    w.db.prepare("UPDATE outbox SET status = 'acked'").run();
    w.updates.setActivity({ unsavedForm: false });
    const before = ran().length;
    expect(w.updates.moment('quit')).toBe('installed');
    expect(w.adapter.quits).toBe(1);
    // At quit the counter does not restart by itself.
    await until(() => ran().length > before);
    expect(ran().slice(before)).toEqual(['1.3.0 --updated /S']);
  });

  it('a download that finishes after the clerk logged out installs then, without another moment', async () => {
    publish('pilot', '1.3.2', { slowMs: 800 });
    const before = ran().length;
    const w = counterRunning('1.2.0');
    expect(w.updates.moment('shift-close')).toBe('nothing');
    await until(() => w.adapter.quits === 1 && ran().length > before);
    expect(ran().slice(before)).toEqual(['1.3.2 --updated /S --force-run']);
  });

  it('the lock screen installs after its idle minutes, unless the clerk comes back first', async () => {
    publish('pilot', '1.3.0');
    const w = counterRunning('1.2.0', {}, { lockIdleMs: 300 });
    await checked(w);
    expect(w.updates.moment('lock')).toBe('waiting');
    w.updates.moment('active');
    await new Promise((r) => setTimeout(r, 500));
    expect(w.adapter.quits).toBe(0);
    expect(w.updates.moment('lock')).toBe('waiting');
    await until(() => w.adapter.quits === 1);
  });
});
