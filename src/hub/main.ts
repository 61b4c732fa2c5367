/**
 * `npm run hub [-- <command> …]`
 *
 *   (no command) | serve           migrate, then serve HTTP on HUB_HOST:HUB_PORT (127.0.0.1:8787)
 *   migrate                         apply pending migrations and exit
 *   reset-feed                      after restoring the database from a backup: renumber the change
 *                                   feed and make every counter pull everything again (idempotent)
 *   create-code --branch B --counter C [--branch-name N] [--counter-name N] [--ttl-minutes M]
 *                                   print a one-time enrollment code for counter C of branch B
 *   load-reference --name N --file F [--version V]
 *                                   validate and publish a reference document to every counter;
 *                                   N is a kind of src/shared/reference-kinds.ts (catalogue, calendar,
 *                                   transit, tariff, bank_accounts…)
 *   counters [--silent-hours H] [--json] [--check]
 *                                   every counter with its last contact, version, clock and refused
 *                                   operations; those silent for H hours (default 24) or with a
 *                                   clock off by over 2 minutes marked; --check: exit 1 if any
 *                                   (for a monitoring job)
 *   revoke --counter C              a lost or stolen counter machine: void its token and its unused
 *                                   enrollment codes at once (a new code enrolls the replacement)
 *   updates                         the update channels: where their files are, the version this hub
 *                                   serves, the rollout, counters on each and below the minimum
 *   update-channel --name N [--url U|hub]
 *                                   create a channel, or say where its files are (hub: this hub serves
 *                                   them from HUB_UPDATES_DIR/<N>/)
 *   update-publish --channel N --dir D [--staging P]
 *                                   copy an electron-builder release (latest.yml + installer) into the
 *                                   channel, sha512 checked; offered to P% of its counters (default 0)
 *   update-stage --channel N --percent P
 *                                   offer the channel's version to P% of its counters (0–100)
 *   update-assign (--counter C | --branch B) --channel N [--allow-downgrade]
 *                                   move counters to a channel; never to an older version unless
 *                                   --allow-downgrade
 *   update-minimum (--version V | --none)
 *                                   the minimum supported version: counters below it are told with
 *                                   every sync answer and install at their next idle moment
 *
 * DATABASE_URL selects PostgreSQL; without it the hub runs on an embedded PGlite in HUB_DATA_DIR
 * (default ~/.quayhcc-hub). Other settings: HUB_ADMIN_TOKEN, HUB_SERIAL_PREFIX, HUB_SERIAL_BLOCK,
 * HUB_LOG_LEVEL, HUB_WORKERS, HUB_UPDATES_DIR (see config.ts).
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLOCK_SKEW_WARN_MS, codeId, CreateCodeRequestSchema } from '../shared/sync-protocol';
import { isReferenceName, REFERENCE_KINDS, REFERENCE_NAMES } from '../shared/reference-kinds';
import { configFromEnv, type HubConfig } from './config';
import { openPglite, openPostgres, type HubDb } from './db';
import { countersTable, listCounters, revokeCounter, UnknownCounter } from './counters';
import { createEnrollmentCode } from './enroll';
import { migrateHub } from './migrations';
import { publishReference, ReferenceError } from './reference';
import { resetFeed } from './pull';
import { buildHub } from './server';
import { assignChannel, listChannels, minimumVersion, publishRelease, setChannel, setMinimumVersion, setStaging, UpdateError } from './updates';

export async function openHubDb(cfg: HubConfig): Promise<HubDb> {
  const db = cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir);
  // Cluster workers start after the primary migrated.
  if (!cluster.isWorker) await migrateHub(db);
  return db;
}

/**
 * Several HTTP workers on one port (node:cluster): the primary migrates once, forks, and forks again
 * any worker that dies; SIGINT/SIGTERM stop the workers gracefully (each finishes its requests).
 */
async function servePrimary(cfg: HubConfig): Promise<number> {
  const db = await openHubDb(cfg);
  await db.close();
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < cfg.workers; i++) fork();
  cluster.on('exit', (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    console.error(JSON.stringify({ level: 'error', msg: 'hub worker died, starting another', pid: w.process.pid, code, signal }));
    setTimeout(fork, 1000).unref();
  });
  const stop = () => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {});
    if (all.length === 0) process.exit(0);
    for (const w of all) w?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(JSON.stringify({ level: 'info', msg: 'hub primary', workers: cfg.workers, host: cfg.host, port: cfg.port }));
  return -1;
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const cfg = configFromEnv(env);
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  const rest = command === argv[0] ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      branch: { type: 'string' },
      'branch-name': { type: 'string' },
      counter: { type: 'string' },
      'counter-name': { type: 'string' },
      'ttl-minutes': { type: 'string' },
      name: { type: 'string' },
      file: { type: 'string' },
      version: { type: 'string' },
      'silent-hours': { type: 'string' },
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      channel: { type: 'string' },
      url: { type: 'string' },
      dir: { type: 'string' },
      staging: { type: 'string' },
      percent: { type: 'string' },
      'allow-downgrade': { type: 'boolean' },
      none: { type: 'boolean' },
    },
    strict: true,
  });

  if (command === 'serve') {
    if (cfg.workers > 1 && cluster.isPrimary) return servePrimary(cfg);
    const db = await openHubDb(cfg);
    const app = buildHub({ db, serials: cfg.serials, adminToken: cfg.adminToken, logLevel: cfg.logLevel, updatesDir: cfg.updatesDir });
    const stop = async () => {
      await app.close();
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    await app.listen({ host: cfg.host, port: cfg.port });
    app.log.info({ db: db.kind, dataDir: db.kind === 'pglite' ? cfg.dataDir : undefined, serialPrefix: cfg.serials.prefix, adminApi: cfg.adminToken !== undefined }, 'hub ready');
    return -1; // keep running
  }

  const db = await openHubDb(cfg);
  try {
    if (command === 'reset-feed') {
      // After restoring the hub's database from a backup (see pull.ts): every counter pulls again.
      const epoch = await resetFeed(db);
      console.log(JSON.stringify({ feedReset: true, epoch }));
      return 0;
    }
    if (command === 'migrate') {
      console.log(JSON.stringify({ migrated: true, db: db.kind }));
      return 0;
    }
    if (command === 'create-code') {
      const req = CreateCodeRequestSchema.safeParse({
        branchCode: values.branch,
        counterId: values.counter,
        ...(values['branch-name'] ? { branchName: values['branch-name'] } : {}),
        ...(values['counter-name'] ? { counterName: values['counter-name'] } : {}),
        ...(values['ttl-minutes'] ? { ttlMinutes: Number(values['ttl-minutes']) } : {}),
      });
      if (!req.success) {
        console.error('Cần --branch <mã bưu cục> và --counter <mã quầy> (chữ, số, . _ : -).');
        return 2;
      }
      const r = await createEnrollmentCode(db, req.data, Date.now());
      // The code goes to the terminal of the admin who asked for it, never to the logs.
      console.log(JSON.stringify({ code: r.code, counterId: req.data.counterId, branchCode: req.data.branchCode, expiresAt: new Date(r.expiresAt).toISOString() }));
      return 0;
    }
    if (command === 'load-reference') {
      const name = values.name;
      if (!isReferenceName(name) || !values.file) {
        console.error(`Cần --name và --file <tệp JSON>. Các loại dữ liệu: ${REFERENCE_NAMES.map((n) => `${n} (${REFERENCE_KINDS[n].label})`).join(', ')}.`);
        return 2;
      }
      const payload = JSON.parse(readFileSync(values.file, 'utf8')) as { version?: unknown };
      const version = values.version ?? (typeof payload.version === 'string' ? payload.version : new Date().toISOString());
      try {
        const changeId = await publishReference(db, name, version, payload, Date.now());
        console.log(JSON.stringify({ published: name, version, changeId }));
        return 0;
      } catch (err) {
        if (err instanceof ReferenceError) {
          console.error(err.message);
          for (const p of err.problems) console.error(` - ${p}`);
          return 1;
        }
        throw err;
      }
    }
    if (command === 'counters') {
      const hours = values['silent-hours'] === undefined ? 24 : Number(values['silent-hours']);
      if (!Number.isFinite(hours) || hours <= 0) {
        console.error('--silent-hours phải là một số giờ lớn hơn 0.');
        return 2;
      }
      const list = await listCounters(db);
      if (values.json) {
        console.log(JSON.stringify({ hubTime: Date.now(), counters: list }));
        return 0;
      }
      const { lines, silent, wrongClock, belowMinimum } = countersTable(list, Date.now(), hours * 3_600_000);
      for (const l of lines) console.log(l);
      console.log(`${list.length} quầy; ${silent} quầy im lặng quá ${hours} giờ; ${wrongClock} quầy lệch giờ quá ${CLOCK_SKEW_WARN_MS / 60_000} phút; ${belowMinimum} quầy dưới phiên bản tối thiểu.`);
      return values.check && silent + wrongClock > 0 ? 1 : 0;
    }
    if (command === 'revoke') {
      const id = codeId.safeParse(values.counter);
      if (!id.success) {
        console.error('Cần --counter <mã quầy> (chữ, số, . _ : -).');
        return 2;
      }
      try {
        const r = await revokeCounter(db, id.data, Date.now());
        console.log(`Đã thu hồi khoá truy cập của quầy ${id.data}; ${r.codesCancelled} mã đăng ký chưa dùng đã bị huỷ. Quầy này không gửi hay nhận được dữ liệu nữa cho đến khi được đăng ký lại bằng mã mới.`);
        return 0;
      } catch (err) {
        if (err instanceof UnknownCounter) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    }
    if (command.startsWith('update')) {
      try {
        return await updateCommand(db, cfg, command, values);
      } catch (err) {
        if (err instanceof UpdateError) {
          console.error(err.message);
          return 1;
        }
        throw err;
      }
    }
    console.error(`Lệnh không rõ: ${command}. Dùng: serve | migrate | create-code | load-reference | reset-feed | counters | revoke | updates | update-channel | update-publish | update-stage | update-assign | update-minimum`);
    return 2;
  } finally {
    await db.close();
  }
}

const percentArg = (v: string | undefined): number | null => (v !== undefined && /^\d{1,3}$/.test(v) && Number(v) <= 100 ? Number(v) : null);

/** The update verbs (updates.ts); 2 for a usage error, 1 for a refusal. */
async function updateCommand(db: HubDb, cfg: HubConfig, command: string, values: Record<string, string | boolean | undefined>): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const now = Date.now();
  if (command === 'updates') {
    const channels = await listChannels(db, cfg.updatesDir);
    const min = await minimumVersion(db);
    if (values.json) {
      console.log(JSON.stringify({ minVersion: min, channels }));
      return 0;
    }
    console.log(`Phiên bản tối thiểu: ${min ?? 'chưa đặt'}`);
    for (const c of channels) {
      const where = c.url ?? `máy chủ này (${cfg.updatesDir}/${c.name}/)`;
      const staged = c.stagingPercentage === null ? 'theo tệp kênh' : `${c.stagingPercentage}% số quầy`;
      console.log(`- ${c.name}: ${c.publishedVersion ? `bản ${c.publishedVersion}, ` : ''}triển khai ${staged}; ${c.counters} quầy, ${c.belowMinimum} dưới bản tối thiểu; tệp ở ${where}`);
    }
    return 0;
  }
  if (command === 'update-channel') {
    const name = str('name');
    if (!name) {
      console.error('Cần --name <kênh> (ví dụ: pilot) và, nếu tệp không để trên máy chủ này, --url <https://…>.');
      return 2;
    }
    const url = str('url');
    const c = await setChannel(db, name, url === undefined ? {} : { url: url === 'hub' ? null : url }, now);
    console.log(`Kênh ${c.name}: tệp cập nhật ở ${c.url ?? `máy chủ này, /updates/${c.name}/ (thư mục ${cfg.updatesDir}/${c.name}/)`}.`);
    return 0;
  }
  if (command === 'update-publish') {
    const channel = str('channel');
    const dir = str('dir');
    const staging = str('staging') === undefined ? 0 : percentArg(str('staging'));
    if (!channel || !dir || staging === null) {
      console.error('Cần --channel <kênh> --dir <thư mục release của electron-builder> [--staging <0–100, mặc định 0>].');
      return 2;
    }
    const r = await publishRelease(db, cfg.updatesDir, channel, dir, staging, now);
    console.log(`Đã công bố bản ${r.version} trên kênh ${channel} (${r.files.join(', ')}); đang mời ${staging}% số quầy của kênh. Tăng dần bằng: npm run hub -- update-stage --channel ${channel} --percent <P>`);
    return 0;
  }
  if (command === 'update-stage') {
    const channel = str('channel');
    const percent = percentArg(str('percent'));
    if (!channel || percent === null) {
      console.error('Cần --channel <kênh> --percent <0–100>.');
      return 2;
    }
    await setStaging(db, channel, percent, now);
    console.log(`Kênh ${channel}: mời ${percent}% số quầy cập nhật (mỗi quầy luôn nhận cùng một câu trả lời).`);
    return 0;
  }
  if (command === 'update-assign') {
    const channel = str('channel');
    const counterId = str('counter');
    const branchCode = str('branch');
    if (!channel || (counterId === undefined) === (branchCode === undefined)) {
      console.error('Cần --channel <kênh> và một trong --counter <mã quầy> hoặc --branch <mã bưu cục>.');
      return 2;
    }
    const moved = await assignChannel(db, counterId ? { counterId } : { branchCode: branchCode! }, channel, values['allow-downgrade'] === true);
    console.log(`Đã chuyển ${moved.length} quầy sang kênh ${channel}${values['allow-downgrade'] ? ' (được phép về bản cũ hơn)' : ''}: ${moved.join(', ')}.`);
    return 0;
  }
  if (command === 'update-minimum') {
    const version = str('version');
    if ((version === undefined) === (values.none !== true)) {
      console.error('Cần --version <phiên bản, ví dụ 1.4.2> hoặc --none (bỏ mức tối thiểu).');
      return 2;
    }
    await setMinimumVersion(db, version ?? null);
    console.log(version ? `Phiên bản tối thiểu: ${version}. Quầy chạy bản cũ hơn được báo ở lần đồng bộ kế tiếp và tự cập nhật khi rảnh; máy chủ vẫn nhận dữ liệu của chúng.` : 'Đã bỏ phiên bản tối thiểu.');
    return 0;
  }
  console.error(`Lệnh không rõ: ${command}.`);
  return 2;
}

const isEntry = process.argv[1] !== undefined && /src[\\/]hub[\\/]main\.ts$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
