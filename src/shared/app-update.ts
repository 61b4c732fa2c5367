/**
 * What the hub tells a counter about updates, and the version arithmetic both sides need.
 *
 * The hub sends a counter's update policy — its channel, where that channel's files are, the
 * province's minimum supported version, and whether IT allowed it to go back to an older version — in
 * the `x-quayhcc-update` header of EVERY answer to an authenticated request and of the enrollment
 * answer. A header and not a body field: the answer schemas are strict, so a new body field would
 * make every counter of an older version refuse the hub's answers — precisely the counters a minimum
 * version is for. Older counters ignore the header; newer ones read it (src/main/sync/client.ts).
 *
 * Pure TypeScript: no platform imports.
 */
import { z } from 'zod';
import { isLocalHost } from './enrollment';

export const UPDATE_POLICY_HEADER = 'x-quayhcc-update';

/** A channel name: also a file name (`<channel>.yml`) and a path segment (`/updates/<channel>/`). */
export const CHANNEL_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
export const channelName = z.string().regex(CHANNEL_PATTERN, 'Tên kênh: chữ thường không dấu, số và dấu gạch ngang (ví dụ: stable, pilot).');

/** Semantic versions as electron-builder writes them (1.4.2, 1.5.0-rc.1); build metadata ignored. */
export const VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;
export const appVersion = z.string().max(40).regex(VERSION_PATTERN, 'Phiên bản phải có dạng 1.4.2.');

export const isVersion = (v: string): boolean => VERSION_PATTERN.test(v);

/**
 * Semantic-version order: -1, 0 or 1 (a pre-release is below its release; numeric identifiers
 * compare as numbers and below alphanumeric ones). Throws on something that is not a version.
 */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION_PATTERN.exec(a);
  const pb = VERSION_PATTERN.exec(b);
  if (!pa || !pb) throw new RangeError(`not a version: ${pa ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const ra = pa[4];
  const rb = pb[4];
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  const xa = ra.split('.');
  const xb = rb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const u = xa[i];
    const v = xb[i];
    if (u === undefined || v === undefined) return u === undefined ? -1 : 1;
    const nu = /^\d+$/.test(u);
    const nv = /^\d+$/.test(v);
    if (nu && nv) {
      const d = Number(u) - Number(v);
      if (d !== 0) return Math.sign(d);
    } else if (nu !== nv) {
      return nu ? -1 : 1;
    } else if (u !== v) {
      // Stryker disable next-line EqualityOperator: `u <= v` is equivalent here, u and v are known to differ.
      return u < v ? -1 : 1;
    }
  }
  return 0;
}

/** True when `version` is below `minimum` (null minimum: nothing is). A malformed version is below. */
export function isBelowMinimum(version: string | null, minimum: string | null): boolean {
  if (minimum === null) return false;
  if (version === null || !isVersion(version)) return true;
  return compareVersions(version, minimum) < 0;
}

export const UpdatePolicySchema = z.strictObject({
  channel: channelName,
  /** Where the channel's `<channel>.yml` and installers are; null: the hub's own `/updates/<channel>/`. */
  url: z.url({ protocol: /^https?$/ }).max(500).nullable(),
  /** The province's minimum supported version; a counter below it installs at its next idle moment. */
  minVersion: appVersion.nullable(),
  /** IT allowed this counter to install an older version than it runs (moving it back to a channel). */
  allowDowngrade: z.boolean(),
});
export type UpdatePolicy = z.infer<typeof UpdatePolicySchema>;

/** The header's value: ASCII JSON (a URL with non-ASCII characters is percent-encoded first). */
export function encodeUpdatePolicy(p: UpdatePolicy): string {
  return JSON.stringify(p).replace(/[\u0080-\uffff]/g, (c) => encodeURIComponent(c));
}

/** The header read back; anything malformed is null (and changes nothing on the counter). */
export function decodeUpdatePolicy(value: string | null | undefined): UpdatePolicy | null {
  if (!value || value.length > 2000) return null;
  try {
    const r = UpdatePolicySchema.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** The URL the counter's updater reads `<channel>.yml` from: the policy's, or the hub's own folder. */
export function updateFeedUrl(p: UpdatePolicy, hubUrl: string): string {
  if (p.url !== null) return p.url.endsWith('/') ? p.url : `${p.url}/`;
  return `${hubUrl.replace(/\/+$/, '')}/updates/${p.channel}/`;
}

/**
 * A channel's update URL as IT types it (console, CLI, admin API), by the rule the counter applies to
 * its hub's address (shared/enrollment.ts): https, or plain http only for this machine or a private
 * LAN; no user name, password, "?" or "#" (electron-updater appends file names to it). Empty: the
 * hub serves the channel itself (null). The answer ends in "/".
 */
export function checkUpdateUrl(input: string): { ok: true; url: string | null } | { ok: false; message: string } {
  const text = input.trim();
  if (text === '') return { ok: true, url: null };
  const example = 'ví dụ: https://capnhat.buudien-sonla.vn/quay/stable/';
  if (/\s/.test(text) || text.length > 500) return { ok: false, message: `Địa chỉ tệp cập nhật không được có dấu cách và dài tối đa 500 ký tự (${example}).` };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, message: `Địa chỉ tệp cập nhật "${text}" không phải một URL đầy đủ (${example}).` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, message: `Địa chỉ tệp cập nhật phải bắt đầu bằng https:// (${example}).` };
  if (u.protocol === 'http:' && !isLocalHost(u.hostname)) {
    return { ok: false, message: 'http:// (không mã hoá) chỉ dùng được với máy chủ ở máy này hoặc trong mạng nội bộ (127.x, 10.x, 172.16–31.x, 192.168.x). Máy chủ qua Internet phải dùng https://.' };
  }
  if (u.username || u.password || u.search || u.hash) return { ok: false, message: 'Địa chỉ tệp cập nhật chỉ gồm tên máy, cổng và đường dẫn (không có tên đăng nhập, mật khẩu, “?” hay “#”).' };
  return { ok: true, url: u.href.endsWith('/') ? u.href : `${u.href}/` };
}

// ------------------------------------------------------------------ the hub's admin API for updates

/** PUT /admin/updates/channels/:name — create a channel, say where its files are, set its rollout. */
export const ChannelRequestSchema = z.strictObject({
  /** Null: the hub serves the files; absent: unchanged. */
  url: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
  stagingPercentage: z.int().min(0).max(100).nullable().optional(),
});
/** POST /admin/updates/assign — put one counter, or every counter of a branch, on a channel. */
export const AssignRequestSchema = z
  .strictObject({
    counterId: z.string().min(1).max(64).optional(),
    branchCode: z.string().min(1).max(64).optional(),
    channel: channelName,
    allowDowngrade: z.boolean().default(false),
  })
  .refine((r) => (r.counterId === undefined) !== (r.branchCode === undefined), 'Cần đúng một trong counterId hoặc branchCode.');
/** PUT /admin/updates/minimum — the province's minimum supported version (null: none). */
export const MinimumRequestSchema = z.strictObject({ version: appVersion.nullable() });
