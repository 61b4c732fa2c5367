/**
 * Updates as provincial IT runs them from the hub: channels (each counter is on one), a staged
 * rollout per channel, the province's minimum supported version, and the update files themselves.
 *
 * - Channels live in `update_channels`; a counter's channel and whether IT let it go back to an older
 *   version are columns of `counters`. `stable` always exists and is every counter's default.
 * - The policy a counter must follow (shared/app-update.ts) goes out with every answer to it, read
 *   in the same statement that authenticates it (enroll.ts `authenticate`).
 * - Files: by default the hub serves them itself from `<updatesDir>/<channel>/` at
 *   `GET /updates/<channel>/<file>`; a channel can point elsewhere instead (any plain HTTPS server).
 * - The staged rollout: the percentage is kept in the database (shared by every worker and host) and
 *   written into the channel's `<channel>.yml` as `stagingPercentage` when it is served, so raising
 *   it is one command and no file is edited. The counter's electron-updater compares it with its own
 *   persistent staging id, so each counter gets the same answer every time.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { CHANNEL_PATTERN, checkUpdateUrl, isBelowMinimum, isVersion, type UpdatePolicy } from '../shared/app-update';
import { CLI_ACTOR, recordAudit, type Actor } from './audit';
import type { Conn, HubDb } from './db';

export const DEFAULT_CHANNEL = 'stable';

export class UpdateError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ChannelInfo {
  name: string;
  /** Where the files are; null: this hub serves them. */
  url: string | null;
  /** Null: whatever the channel file says (everyone, when it says nothing). */
  stagingPercentage: number | null;
  /** The version in the channel file this hub serves (null when elsewhere or nothing published). */
  publishedVersion: string | null;
  counters: number;
  belowMinimum: number;
}

// ------------------------------------------------------------------ policy (read per request)

/** Column list `authenticate` reads with the counter, turned into a policy by `policyOf`. */
export interface PolicyRow {
  update_channel: string;
  update_allow_downgrade: boolean;
  channel_url: string | null;
  min_version: string | null;
}

export const policyOf = (r: PolicyRow): UpdatePolicy => ({
  channel: r.update_channel,
  url: r.channel_url,
  minVersion: r.min_version,
  allowDowngrade: r.update_allow_downgrade,
});

/** The policy of one counter (the enrollment answer carries it too). */
export async function counterPolicy(db: Conn, counterId: string): Promise<UpdatePolicy | null> {
  const r = await db.query<PolicyRow>(
    `SELECT k.update_channel, k.update_allow_downgrade, ch.url AS channel_url,
            (SELECT value FROM hub_meta WHERE key = 'min_app_version') AS min_version
       FROM counters k JOIN update_channels ch ON ch.name = k.update_channel WHERE k.id = $1`,
    [counterId],
  );
  return r.rows[0] ? policyOf(r.rows[0]) : null;
}

// ------------------------------------------------------------------ what IT sets

const checkChannel = (name: string): void => {
  if (!CHANNEL_PATTERN.test(name)) throw new UpdateError('BAD_CHANNEL', `Tên kênh "${name}" không hợp lệ: chữ thường không dấu, số và dấu gạch ngang, bắt đầu bằng chữ (ví dụ: stable, pilot).`);
};

/** Creates a channel or changes where its files are (`url` null or empty: this hub serves them). */
export async function setChannel(db: HubDb, name: string, opts: { url?: string | null }, now: number, actor: Actor = CLI_ACTOR): Promise<ChannelInfo> {
  checkChannel(name);
  let url: string | null = null;
  if (opts.url !== undefined && opts.url !== null) {
    const checked = checkUpdateUrl(opts.url);
    if (!checked.ok) throw new UpdateError('BAD_URL', checked.message);
    url = checked.url;
  }
  await db.tx(async (c) => {
    const before = await c.query<{ url: string | null }>('SELECT url FROM update_channels WHERE name = $1 FOR UPDATE', [name]);
    const existed = before.rows[0];
    await c.query(
      `INSERT INTO update_channels (name, url, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET url = CASE WHEN $4 THEN EXCLUDED.url ELSE update_channels.url END, updated_at = EXCLUDED.updated_at`,
      [name, url, now, opts.url !== undefined],
    );
    if (!existed) await recordAudit(c, { at: now, actor, action: 'update.channel.create', subject: name, before: null, after: url });
    else if (opts.url !== undefined && existed.url !== url) await recordAudit(c, { at: now, actor, action: 'update.channel.url', subject: name, before: existed.url, after: url });
  });
  return (await listChannels(db, null)).find((c) => c.name === name)!;
}

async function requireChannel(c: Conn, name: string): Promise<void> {
  checkChannel(name);
  const r = await c.query('SELECT 1 FROM update_channels WHERE name = $1', [name]);
  if (r.rows.length === 0) throw new UpdateError('UNKNOWN_CHANNEL', `Chưa có kênh "${name}"; tạo bằng: npm run hub -- update-channel --name ${name}`);
}

/** Raises (or lowers) the share of a channel's counters that are offered its version. */
export async function setStaging(db: HubDb, channel: string, percent: number | null, now: number, actor: Actor = CLI_ACTOR): Promise<void> {
  if (percent !== null && (!Number.isInteger(percent) || percent < 0 || percent > 100)) throw new UpdateError('BAD_PERCENT', 'Tỉ lệ triển khai phải là số nguyên từ 0 đến 100.');
  await db.tx(async (c) => {
    await requireChannel(c, channel);
    const before = await c.query<{ staging_percentage: number | null }>('SELECT staging_percentage FROM update_channels WHERE name = $1 FOR UPDATE', [channel]);
    const was = before.rows[0]?.staging_percentage ?? null;
    await c.query('UPDATE update_channels SET staging_percentage = $2, updated_at = $3 WHERE name = $1', [channel, percent, now]);
    if (was !== percent) {
      await recordAudit(c, { at: now, actor, action: 'update.channel.staging', subject: channel, before: was === null ? null : String(was), after: percent === null ? null : String(percent) });
    }
  });
}

/**
 * Moves counters (one, or every counter of a branch) to a channel. Going to a channel whose version
 * is older never downgrades them unless IT says so (`allowDowngrade`); the flag is reset by the next
 * move without it.
 */
export async function assignChannel(db: HubDb, target: { counterId?: string; branchCode?: string }, channel: string, allowDowngrade: boolean): Promise<string[]> {
  return db.tx(async (c) => {
    await requireChannel(c, channel);
    const r = await c.query<{ id: string }>(
      `UPDATE counters SET update_channel = $3, update_allow_downgrade = $4
        WHERE ($1::text IS NOT NULL AND id = $1) OR ($2::text IS NOT NULL AND branch_code = $2) RETURNING id`,
      [target.counterId ?? null, target.branchCode ?? null, channel, allowDowngrade],
    );
    if (r.rows.length === 0) {
      throw new UpdateError('UNKNOWN_COUNTER', target.counterId ? `Không có quầy ${target.counterId} trên máy chủ.` : `Bưu cục ${target.branchCode ?? ''} chưa có quầy nào trên máy chủ.`);
    }
    return r.rows.map((x) => x.id).sort();
  });
}

/** The province's minimum supported version (null: none). Counters below it are told at once. */
export async function setMinimumVersion(db: HubDb, version: string | null, now: number, actor: Actor = CLI_ACTOR): Promise<void> {
  if (version !== null && !isVersion(version)) throw new UpdateError('BAD_VERSION', `"${version}" không phải số phiên bản (ví dụ: 1.4.2).`);
  await db.tx(async (c) => {
    const before = await c.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'min_app_version' FOR UPDATE");
    const was = before.rows[0]?.value ?? null;
    if (version === null) await c.query("DELETE FROM hub_meta WHERE key = 'min_app_version'");
    else await c.query("INSERT INTO hub_meta (key, value) VALUES ('min_app_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [version]);
    if (was !== version) await recordAudit(c, { at: now, actor, action: 'update.minimum', subject: 'min_app_version', before: was, after: version });
  });
}

export async function minimumVersion(db: Conn): Promise<string | null> {
  const r = await db.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'min_app_version'");
  return r.rows[0]?.value ?? null;
}

export async function listChannels(db: HubDb, updatesDir: string | null): Promise<ChannelInfo[]> {
  const min = await minimumVersion(db);
  const r = await db.query<{ name: string; url: string | null; staging_percentage: number | null }>('SELECT name, url, staging_percentage FROM update_channels ORDER BY name');
  const k = await db.query<{ update_channel: string; app_version: string | null }>('SELECT update_channel, app_version FROM counters WHERE revoked_at IS NULL AND enrolled_at IS NOT NULL');
  return r.rows.map((ch) => {
    const mine = k.rows.filter((x) => x.update_channel === ch.name);
    let publishedVersion: string | null = null;
    if (updatesDir && ch.url === null) {
      const text = readChannelFile(updatesDir, ch.name);
      publishedVersion = text === null ? null : topLevel(text, 'version');
    }
    return {
      name: ch.name,
      url: ch.url,
      stagingPercentage: ch.staging_percentage,
      publishedVersion,
      counters: mine.length,
      belowMinimum: mine.filter((x) => isBelowMinimum(x.app_version, min)).length,
    };
  });
}

// ------------------------------------------------------------------ the channel files

/**
 * A top-level scalar of electron-builder's `latest.yml` (`version: 1.4.2`, `path: …`, `sha512: …`),
 * quotes removed. The file is the flat YAML electron-builder writes; the hub reads only these keys
 * and never needs a YAML library.
 */
export function topLevel(yml: string, key: string): string | null {
  const m = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(yml);
  if (!m) return null;
  const v = m[1]!;
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** The file names a channel file refers to (`files[].url` and `path`). */
export function referencedFiles(yml: string): string[] {
  const names = new Set<string>();
  for (const m of yml.matchAll(/^\s*-?\s*url:[ \t]*(.+?)[ \t]*$/gm)) names.add(m[1]!.replace(/^(['"])(.*)\1$/, '$2'));
  const path = topLevel(yml, 'path');
  if (path) names.add(path);
  return [...names];
}

/** The served text: `stagingPercentage` as the database says (none: the file's own line, if any). */
export function withStaging(yml: string, percent: number | null): string {
  if (percent === null) return yml;
  const rest = yml.replace(/^stagingPercentage:.*(?:\r?\n|$)/m, '');
  return `${rest.endsWith('\n') || rest === '' ? rest : `${rest}\n`}stagingPercentage: ${percent}\n`;
}

const SAFE_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function channelDir(updatesDir: string, channel: string): string {
  checkChannel(channel);
  return join(updatesDir, channel);
}

function readChannelFile(updatesDir: string, channel: string): string | null {
  const f = join(channelDir(updatesDir, channel), `${channel}.yml`);
  return existsSync(f) ? readFileSync(f, 'utf8') : null;
}

const sha512 = (file: string): string => createHash('sha512').update(readFileSync(file)).digest('base64');

/**
 * Copies an electron-builder release (its `latest.yml` or `<channel>.yml` and the installer it
 * names, with its blockmap when there is one) into the channel's folder, after checking the
 * installer's sha512 against the file; the channel's rollout starts at `stagingPercentage`.
 * The channel file is replaced last, so a counter never reads a file whose installer is missing.
 */
export async function publishRelease(db: HubDb, updatesDir: string, channel: string, fromDir: string, stagingPercentage: number, now: number): Promise<{ version: string; files: string[] }> {
  await requireChannel(db, channel);
  const src = [join(fromDir, `${channel}.yml`), join(fromDir, 'latest.yml')].find((f) => existsSync(f));
  if (!src) throw new UpdateError('NO_CHANNEL_FILE', `Không thấy latest.yml (hay ${channel}.yml) trong ${fromDir}: hãy chỉ thư mục release/ mà electron-builder đã tạo.`);
  const yml = readFileSync(src, 'utf8');
  const version = topLevel(yml, 'version');
  if (!version || !isVersion(version)) throw new UpdateError('BAD_CHANNEL_FILE', `${basename(src)} không ghi số phiên bản hợp lệ.`);
  const files = referencedFiles(yml);
  if (files.length === 0) throw new UpdateError('BAD_CHANNEL_FILE', `${basename(src)} không nêu tệp cài đặt nào.`);
  for (const f of files) {
    if (!SAFE_FILE.test(f)) throw new UpdateError('BAD_FILE_NAME', `Tên tệp "${f}" không dùng được (chỉ chữ không dấu, số, . _ -); đặt nsis.artifactName trong electron-builder.yml.`);
    if (!existsSync(join(fromDir, f))) throw new UpdateError('MISSING_FILE', `Thiếu tệp ${f} trong ${fromDir}.`);
  }
  const path = topLevel(yml, 'path');
  const expected = topLevel(yml, 'sha512');
  if (path && expected && sha512(join(fromDir, path)) !== expected) {
    throw new UpdateError('SHA512_MISMATCH', `Tệp ${path} không khớp mã kiểm tra sha512 ghi trong ${basename(src)}: tệp hỏng hoặc không cùng bản dựng. Không công bố gì.`);
  }
  const dir = channelDir(updatesDir, channel);
  mkdirSync(dir, { recursive: true });
  const copied: string[] = [];
  for (const f of files) {
    copyFileSync(join(fromDir, f), join(dir, f));
    copied.push(f);
    const map = `${f}.blockmap`;
    if (existsSync(join(fromDir, map))) {
      copyFileSync(join(fromDir, map), join(dir, map));
      copied.push(map);
    }
  }
  await setStaging(db, channel, stagingPercentage, now);
  const tmp = join(dir, `.${channel}.yml.tmp`);
  copyFileSync(src, tmp);
  renameSync(tmp, join(dir, `${channel}.yml`));
  return { version, files: copied };
}

export type ServedFile = { kind: 'yml'; text: string } | { kind: 'file'; size: number; stream: ReadStream } | null;

/**
 * A file of a channel this hub serves: its channel file (asked for as `<channel>.yml`, or as
 * `latest.yml` by an updater that was given no channel) with the rollout written in, or a file in
 * its folder. Null for anything else: unknown channel, a channel whose files are elsewhere, a name
 * that could leave the folder.
 */
export async function serveUpdateFile(db: HubDb, updatesDir: string, channel: string, file: string): Promise<ServedFile> {
  if (!CHANNEL_PATTERN.test(channel) || !SAFE_FILE.test(file)) return null;
  const r = await db.query<{ url: string | null; staging_percentage: number | null }>('SELECT url, staging_percentage FROM update_channels WHERE name = $1', [channel]);
  const row = r.rows[0];
  if (!row || row.url !== null) return null;
  if (file === `${channel}.yml` || file === 'latest.yml') {
    const text = readChannelFile(updatesDir, channel);
    return text === null ? null : { kind: 'yml', text: withStaging(text, row.staging_percentage) };
  }
  if (file.endsWith('.yml') || file.startsWith('.')) return null;
  const dir = resolve(channelDir(updatesDir, channel));
  const full = resolve(dir, file);
  if (!full.startsWith(dir + sep) || !existsSync(full)) return null;
  const st = statSync(full);
  if (!st.isFile()) return null;
  return { kind: 'file', size: st.size, stream: createReadStream(full) };
}
