/**
 * The enrollment rules on both sides of each bound (src/shared/enrollment.ts): which hosts count as
 * local (plain http allowed), the anchors of the address patterns, the length of an enrollment code,
 * and the clock-skew wording at its thresholds. Complements enrollment.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { describeSkew, enrollmentText, isLocalHost, looksLikeEnrollmentText, normalizeHubAddress, parseEnrollmentText } from '../../../src/shared/enrollment';

describe('isLocalHost at the edges of each range', () => {
  it.each([
    ['169.254.0.1', true],
    ['169.253.0.1', false],
    ['168.254.0.1', false],
    ['192.167.0.1', false],
    ['193.168.0.1', false],
    ['126.0.0.1', false],
    ['128.0.0.1', false],
    ['9.0.0.1', false],
    ['173.16.0.1', false],
    ['10.0.0.256', false],
    ['a10.0.0.1', false],
    ['10.0.0.1a', false],
    ['1.10.0.0.1', false],
    ['fc00::1', true],
    ['fdff::1', true],
    ['fe80::1', true],
    ['febf::1', true],
    ['fe8::1', true],
    ['fec0::1', false],
    ['fe7f::1', false],
    ['ff02::1', false],
    ['2001:fc00::1', false],
    ['2001:fe80::1', false],
    ['fc123::1', false],
    ['fe80a::1', false],
    ['[::1]', true],
    ['::2', false],
    ['localhost', true],
    ['localhost2', false],
    // the brackets of an IPv6 literal are taken off at its ends only
    ['local[host', false],
    ['local]host', false],
    ['[localhost]', true],
  ])('%s → %s', (host, local) => {
    expect(isLocalHost(host)).toBe(local);
  });
});

describe('normalizeHubAddress: refusals and normal forms', () => {
  it('refuses a semicolon or a tab like a space', () => {
    for (const bad of ['10.0.0.1;8787', '10.0.0.1\t8787']) expect(normalizeHubAddress(bad)).toMatchObject({ ok: false, message: expect.stringMatching(/^Địa chỉ máy chủ không được có dấu cách hay dấu “;”/) });
  });
  it('refuses a fragment and a password alone, each with the same message', () => {
    for (const bad of ['https://hub.vn/#x', 'https://:p@hub.vn', 'https://u@hub.vn']) expect(normalizeHubAddress(bad)).toMatchObject({ ok: false, message: expect.stringMatching(/không có tên đăng nhập, “\?” hay “#”/) });
  });
  it('drops every trailing slash of the path, keeps the rest', () => {
    expect(normalizeHubAddress('https://hub.vn/quay///')).toMatchObject({ ok: true, url: 'https://hub.vn/quay' });
    expect(normalizeHubAddress('https://hub.vn/a/b')).toMatchObject({ ok: true, url: 'https://hub.vn/a/b' });
  });
  it('a scheme is only a scheme at the start: "x://" inside a path is not one', () => {
    expect(normalizeHubAddress('hub.vn/a://b')).toMatchObject({ ok: true, url: 'https://hub.vn/a://b' });
  });
  it('a host name without scheme that does not parse is refused as invalid', () => {
    expect(normalizeHubAddress('[zz')).toEqual({ ok: false, message: expect.stringMatching(/^Địa chỉ máy chủ tỉnh không hợp lệ \(ví dụ:/) });
  });
});

describe('the enrollment code in the QR text', () => {
  const text = (code: string): string => `QUAYHCC:1;HUB=10.0.0.1;CODE=${code}`;
  it('4 to 40 letters and digits, grouped by four', () => {
    expect(parseEnrollmentText(text('K7QF'))).toMatchObject({ ok: true, ticket: { code: 'K7QF' } });
    expect(parseEnrollmentText(text('K7QF2'))).toMatchObject({ ok: true, ticket: { code: 'K7QF-2' } });
    expect(parseEnrollmentText(text('A'.repeat(40)))).toMatchObject({ ok: true });
    expect(parseEnrollmentText(text('K7Q'))).toMatchObject({ ok: false, message: expect.stringMatching(/^Mã đăng ký trong mã QR không hợp lệ/) });
    expect(parseEnrollmentText(text('A'.repeat(41)))).toMatchObject({ ok: false, message: expect.stringMatching(/^Mã đăng ký trong mã QR không hợp lệ/) });
  });
  it('a part without a key ("=x") or without "=" is skipped; keys and values are trimmed', () => {
    expect(parseEnrollmentText('QUAYHCC:1;=x;junk; hub = 10.0.0.1 ; code = K7QF ; counter = Q1 ')).toEqual({
      ok: true,
      address: expect.objectContaining({ url: 'http://10.0.0.1' }),
      ticket: { hubUrl: 'http://10.0.0.1', code: 'K7QF', counterId: 'Q1' },
    });
  });
  it('a part without "=" names no field, even when it starts with a key', () => {
    expect(parseEnrollmentText('QUAYHCC:1;HUB=10.0.0.1;CODE=K7QF;CODEX;HUBX')).toMatchObject({ ok: true, ticket: { hubUrl: 'http://10.0.0.1', code: 'K7QF' } });
  });
  it('an empty HUB= or CODE= counts as missing', () => {
    expect(parseEnrollmentText('QUAYHCC:1;HUB=;CODE=K7QF')).toMatchObject({ ok: false, message: expect.stringMatching(/thiếu địa chỉ máy chủ/) });
    expect(parseEnrollmentText('QUAYHCC:1;HUB=10.0.0.1;CODE=')).toMatchObject({ ok: false, message: expect.stringMatching(/thiếu mã đăng ký/) });
  });
});

describe('clock skew at its thresholds', () => {
  it('under one second it agrees; from one second it counts', () => {
    expect(describeSkew(999, 5_000).text).toBe('Đồng hồ máy này khớp với máy chủ (lệch dưới 1 giây).');
    expect(describeSkew(-999, 5_000).text).toBe('Đồng hồ máy này khớp với máy chủ (lệch dưới 1 giây).');
    expect(describeSkew(1_000, 5_000).text).toBe('Đồng hồ máy này chậm hơn máy chủ 1 giây.');
    expect(describeSkew(-1_000, 5_000).text).toBe('Đồng hồ máy này nhanh hơn máy chủ 1 giây.');
  });
  it('seconds up to 119, minutes from 120 seconds', () => {
    expect(describeSkew(119_000, 600_000).text).toBe('Đồng hồ máy này chậm hơn máy chủ 119 giây.');
    expect(describeSkew(120_000, 600_000).text).toBe('Đồng hồ máy này chậm hơn máy chủ 2 phút.');
    expect(describeSkew(150_000, 600_000).text).toBe('Đồng hồ máy này chậm hơn máy chủ 3 phút.');
  });
  it('warns only past the limit, under one second too', () => {
    expect(describeSkew(5_000, 5_000)).toEqual({ text: 'Đồng hồ máy này chậm hơn máy chủ 5 giây.', warn: false });
    expect(describeSkew(5_001, 5_000)).toEqual({ text: 'Đồng hồ máy này chậm hơn máy chủ 5 giây — hãy chỉnh lại giờ của máy.', warn: true });
    expect(describeSkew(-500, 100)).toEqual({ text: 'Đồng hồ máy này khớp với máy chủ (lệch dưới 1 giây).', warn: true });
  });
});

describe('the enrollment QR text without a counter', () => {
  it('has no COUNTER field, and is recognised with blanks around it and in any case', () => {
    expect(enrollmentText({ hubUrl: 'http://10.0.0.1', code: 'K7QF' })).toBe('QUAYHCC:1;HUB=http://10.0.0.1;CODE=K7QF');
    expect(looksLikeEnrollmentText('  quayhcc:1;HUB=x')).toBe(true);
    expect(looksLikeEnrollmentText('QUAYHCC:1')).toBe(false);
  });
});
