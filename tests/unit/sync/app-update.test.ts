/**
 * The update policy the hub sends in a header, and the version arithmetic both sides use
 * (src/shared/app-update.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  AssignRequestSchema,
  ChannelRequestSchema,
  CHANNEL_PATTERN,
  checkUpdateUrl,
  compareVersions,
  decodeUpdatePolicy,
  encodeUpdatePolicy,
  isBelowMinimum,
  isVersion,
  MinimumRequestSchema,
  updateFeedUrl,
  UpdatePolicySchema,
  type UpdatePolicy,
} from '../../../src/shared/app-update';

describe('compareVersions (semantic version order)', () => {
  it.each([
    ['1.2.3', '1.2.3', 0],
    ['1.2.3', '1.2.4', -1],
    ['1.2.10', '1.2.9', 1],
    ['1.10.0', '1.9.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.3.0', '1.2.99', 1],
    ['0.9.0', '0.10.0', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha', 1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-alpha.beta', '1.0.0-alpha.1', 1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-beta.11', '1.0.0-beta.2', 1],
    ['1.0.0-rc.1', '1.0.0-rc.1', 0],
    ['1.0.0+build.5', '1.0.0+build.9', 0],
    // Multi-digit identifiers compare as numbers; digits with letters are alphanumeric, wherever the digits are.
    ['1.0.0-rc.100', '1.0.0-rc.99', 1],
    ['1.0.0-rc.99', '1.0.0-rc.100', -1],
    ['1.0.0-a1', '1.0.0-2', 1],
    ['1.0.0-1a', '1.0.0-2', 1],
    ['1.0.0-2', '1.0.0-a1', -1],
    ['1.0.0-2', '1.0.0-1a', -1],
    // An equal numeric identifier goes on to the next one.
    ['1.0.0-1.beta', '1.0.0-1.alpha', 1],
    // Numeric is below alphanumeric even when the alphanumeric one sorts first as text ('-' < '0').
    ['1.0.0-1', '1.0.0--x', -1],
    ['1.0.0--x', '1.0.0-1', 1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(compareVersions(a, b)).toBe(want);
  });

  it('throws on what is not a version, naming it', () => {
    expect(() => compareVersions('1.2', '1.2.0')).toThrow(new RangeError('not a version: 1.2'));
    expect(() => compareVersions('1.2.0', 'v1.2.0')).toThrow(new RangeError('not a version: v1.2.0'));
  });

  it('accepts versions as electron-builder writes them, nothing else', () => {
    for (const v of ['0.1.0', '1.4.2', '10.20.30', '1.5.0-rc.1', '1.0.0+20261207', '1.0.0-x-y.2+b.1']) expect(isVersion(v), v).toBe(true);
    for (const v of ['1.4', '01.4.2', '1.4.2.', 'v1.4.2', '1.4.2-', '1.4.2-rc..1', ' 1.4.2', '1.4.2 ', '', 'mới nhất']) expect(isVersion(v), v).toBe(false);
  });
});

describe('isBelowMinimum', () => {
  it('is below when older than the minimum, never without a minimum, and when the version is unknown', () => {
    expect(isBelowMinimum('1.3.9', '1.4.0')).toBe(true);
    expect(isBelowMinimum('1.4.0-rc.1', '1.4.0')).toBe(true);
    expect(isBelowMinimum('1.4.0', '1.4.0')).toBe(false);
    expect(isBelowMinimum('1.10.0', '1.4.0')).toBe(false);
    expect(isBelowMinimum('1.0.0', null)).toBe(false);
    expect(isBelowMinimum(null, null)).toBe(false);
    expect(isBelowMinimum(null, '1.4.0')).toBe(true);
    expect(isBelowMinimum('dev', '1.4.0')).toBe(true);
  });
});

describe('the policy header', () => {
  const policy: UpdatePolicy = { channel: 'pilot', url: null, minVersion: '1.4.0', allowDowngrade: false };

  it('round-trips, in ASCII even for a URL with Vietnamese in it', () => {
    expect(decodeUpdatePolicy(encodeUpdatePolicy(policy))).toEqual(policy);
    const viet = { ...policy, url: 'https://tệp.example.vn/cập-nhật/' };
    const header = encodeUpdatePolicy(viet);
    expect(/^[\x20-\x7e]*$/.test(header)).toBe(true);
    expect(header).toBe('{"channel":"pilot","url":"https://t%E1%BB%87p.example.vn/c%E1%BA%ADp-nh%E1%BA%ADt/","minVersion":"1.4.0","allowDowngrade":false}');
  });

  it('reads anything malformed, oversized or absent as no policy', () => {
    expect(decodeUpdatePolicy(null)).toBeNull();
    expect(decodeUpdatePolicy(undefined)).toBeNull();
    expect(decodeUpdatePolicy('')).toBeNull();
    expect(decodeUpdatePolicy('{not json')).toBeNull();
    expect(decodeUpdatePolicy(JSON.stringify({ ...policy, extra: 1 }))).toBeNull();
    expect(decodeUpdatePolicy(JSON.stringify({ ...policy, channel: 'Pilot' }))).toBeNull();
    expect(decodeUpdatePolicy(JSON.stringify({ ...policy, url: 'ftp://files.example.vn/' }))).toBeNull();
    expect(decodeUpdatePolicy(JSON.stringify({ ...policy, minVersion: '1.4' }))).toBeNull();
    expect(decodeUpdatePolicy(JSON.stringify({ ...policy, allowDowngrade: 'yes' }))).toBeNull();
    const big = JSON.stringify({ ...policy, url: `https://x.vn/${'a'.repeat(1990)}` });
    expect(big.length).toBeGreaterThan(2000);
    expect(decodeUpdatePolicy(big)).toBeNull();
    // Exactly at the limit it is still read (when otherwise valid).
    const padded = `${JSON.stringify(policy)}${' '.repeat(2000 - JSON.stringify(policy).length)}`;
    expect(padded.length).toBe(2000);
    expect(decodeUpdatePolicy(padded)).toEqual(policy);
    // One character more is not read, however valid the JSON.
    expect(decodeUpdatePolicy(`${padded} `)).toBeNull();
  });

  it('channel names are lower-case ASCII words that make safe file names', () => {
    for (const c of ['stable', 'pilot', 'beta-2', 'a']) expect(CHANNEL_PATTERN.test(c), c).toBe(true);
    for (const c of ['Stable', '2pilot', '-x', 'thử', 'a/b', '..', 'a'.repeat(33), '']) expect(CHANNEL_PATTERN.test(c), c).toBe(false);
    expect(UpdatePolicySchema.safeParse({ ...policy, channel: 'a'.repeat(32) }).success).toBe(true);
  });
});

describe('updateFeedUrl', () => {
  it("is the hub's own /updates/<channel>/ unless the channel names a server, always ending in /", () => {
    const p: UpdatePolicy = { channel: 'pilot', url: null, minVersion: null, allowDowngrade: false };
    expect(updateFeedUrl(p, 'https://dongbo.buudien-sonla.vn/')).toBe('https://dongbo.buudien-sonla.vn/updates/pilot/');
    expect(updateFeedUrl(p, 'https://dongbo.buudien-sonla.vn//')).toBe('https://dongbo.buudien-sonla.vn/updates/pilot/');
    expect(updateFeedUrl(p, 'http://10.0.0.5:8787')).toBe('http://10.0.0.5:8787/updates/pilot/');
    expect(updateFeedUrl({ ...p, url: 'https://files.example.vn/quay/pilot' }, 'https://hub/')).toBe('https://files.example.vn/quay/pilot/');
    expect(updateFeedUrl({ ...p, url: 'https://files.example.vn/quay/pilot/' }, 'https://hub/')).toBe('https://files.example.vn/quay/pilot/');
  });
});

describe('admin requests', () => {
  it('assign names exactly one of a counter or a branch', () => {
    expect(AssignRequestSchema.parse({ counterId: 'SL-TP-Q01', channel: 'pilot' })).toEqual({ counterId: 'SL-TP-Q01', channel: 'pilot', allowDowngrade: false });
    expect(AssignRequestSchema.parse({ branchCode: 'SL-TP', channel: 'stable', allowDowngrade: true })).toEqual({ branchCode: 'SL-TP', channel: 'stable', allowDowngrade: true });
    const both = AssignRequestSchema.safeParse({ counterId: 'SL-TP-Q01', branchCode: 'SL-TP', channel: 'pilot' });
    expect(both.success ? null : both.error.issues[0]!.message).toBe('Cần đúng một trong counterId hoặc branchCode.');
    expect(AssignRequestSchema.safeParse({ channel: 'pilot' }).success).toBe(false);
    expect(AssignRequestSchema.safeParse({ counterId: 'SL-TP-Q01', channel: 'Pilot' }).success).toBe(false);
  });

  it('channel and minimum requests are strict', () => {
    expect(ChannelRequestSchema.parse({})).toEqual({});
    expect(ChannelRequestSchema.parse({ url: null, stagingPercentage: 10 })).toEqual({ url: null, stagingPercentage: 10 });
    expect(ChannelRequestSchema.safeParse({ stagingPercentage: 101 }).success).toBe(false);
    expect(ChannelRequestSchema.safeParse({ stagingPercentage: -1 }).success).toBe(false);
    expect(ChannelRequestSchema.safeParse({ stagingPercentage: 2.5 }).success).toBe(false);
    expect(ChannelRequestSchema.safeParse({ other: 1 }).success).toBe(false);
    expect(MinimumRequestSchema.parse({ version: null })).toEqual({ version: null });
    const bad = MinimumRequestSchema.safeParse({ version: '1.4' });
    expect(bad.success ? null : bad.error.issues[0]!.message).toBe('Phiên bản phải có dạng 1.4.2.');
  });
});

describe('a channel update URL as IT types it (checkUpdateUrl): the hub-address rule', () => {
  it('https anywhere, plain http only on this machine or a private LAN; a trailing slash added; empty is the hub', () => {
    expect(checkUpdateUrl('  https://capnhat.buudien-sonla.vn/quay/pilot ')).toEqual({ ok: true, url: 'https://capnhat.buudien-sonla.vn/quay/pilot/' });
    expect(checkUpdateUrl('https://capnhat.example.vn/')).toEqual({ ok: true, url: 'https://capnhat.example.vn/' });
    for (const lan of ['http://127.0.0.1:8080/u', 'http://10.20.0.5/u', 'http://172.16.4.2/u', 'http://192.168.1.9/u', 'http://localhost:9000/u', 'http://[::1]:9000/u']) {
      const r = checkUpdateUrl(lan);
      expect(r.ok, lan).toBe(true);
    }
    expect(checkUpdateUrl('')).toEqual({ ok: true, url: null });
    expect(checkUpdateUrl('   ')).toEqual({ ok: true, url: null });
  });

  it('refuses, saying why, what a counter must not be sent', () => {
    const why = (s: string) => {
      const r = checkUpdateUrl(s);
      return r.ok ? `accepted ${String(r.url)}` : r.message;
    };
    expect(why('http://capnhat.example.vn/u')).toMatch(/^http:\/\/ \(không mã hoá\) chỉ dùng được với máy chủ ở máy này hoặc trong mạng nội bộ/);
    expect(why('http://172.32.0.1/u')).toMatch(/^http:\/\/ \(không mã hoá\)/);
    expect(why('ftp://files.example.vn/u')).toMatch(/^Địa chỉ tệp cập nhật phải bắt đầu bằng https:\/\//);
    expect(why('capnhat.example.vn/u')).toMatch(/không phải một URL đầy đủ/);
    expect(why('https://it:mat-khau@capnhat.example.vn/u')).toMatch(/không có tên đăng nhập, mật khẩu/);
    expect(why('https://capnhat.example.vn/u?kenh=pilot')).toMatch(/“\?” hay “#”/);
    expect(why('https://capnhat.example.vn/u #1')).toMatch(/không được có dấu cách/);
    expect(why(`https://capnhat.example.vn/${'a'.repeat(500)}`)).toMatch(/dài tối đa 500 ký tự/);
  });
});
