import { describe, expect, it } from 'vitest';
import { describeSkew, enrollmentText, isLocalHost, looksLikeEnrollmentText, normalizeHubAddress, parseEnrollmentText } from '../../../src/shared/enrollment';

describe('hub address as typed', () => {
  it('host and port become an http URL on loopback and private LAN, and say so', () => {
    expect(normalizeHubAddress('127.0.0.1:8787')).toEqual({ ok: true, url: 'http://127.0.0.1:8787', plainHttp: true, note: expect.stringMatching(/không mã hoá/) });
    expect(normalizeHubAddress(' 10.20.0.5:8787/ ')).toMatchObject({ ok: true, url: 'http://10.20.0.5:8787', plainHttp: true });
    expect(normalizeHubAddress('192.168.1.10')).toMatchObject({ ok: true, url: 'http://192.168.1.10' });
    expect(normalizeHubAddress('localhost:8787')).toMatchObject({ ok: true, url: 'http://localhost:8787' });
    expect(normalizeHubAddress('[::1]:8787')).toMatchObject({ ok: true, url: 'http://[::1]:8787' });
  });

  it('a name without scheme gets https; a path is kept, a trailing slash dropped', () => {
    expect(normalizeHubAddress('dongbo.buudien-sonla.vn')).toEqual({ ok: true, url: 'https://dongbo.buudien-sonla.vn', plainHttp: false, note: null });
    expect(normalizeHubAddress('https://hub.example.vn:8443/quay/')).toMatchObject({ ok: true, url: 'https://hub.example.vn:8443/quay' });
    expect(normalizeHubAddress('HTTPS://Hub.Example.VN')).toMatchObject({ ok: true, url: 'https://hub.example.vn' });
  });

  it('refuses plain http over the Internet, naming which addresses may use it', () => {
    const r = normalizeHubAddress('http://dongbo.buudien-sonla.vn');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^http:\/\/ \(không mã hoá\) chỉ dùng được.*192\.168\.x.*https:\/\//) });
    expect(normalizeHubAddress('http://172.32.0.1')).toMatchObject({ ok: false });
    expect(normalizeHubAddress('http://8.8.8.8:8787')).toMatchObject({ ok: false });
  });

  it('refuses empty, spaced, foreign-scheme and credential-bearing addresses with their own messages', () => {
    expect(normalizeHubAddress('  ')).toMatchObject({ ok: false, message: expect.stringMatching(/^Hãy nhập địa chỉ máy chủ tỉnh \(ví dụ: 10\.20\.0\.5:8787/) });
    expect(normalizeHubAddress('10.0.0.1 8787')).toMatchObject({ ok: false, message: expect.stringMatching(/dấu cách/) });
    expect(normalizeHubAddress('ftp://10.0.0.1')).toMatchObject({ ok: false, message: expect.stringMatching(/phải bắt đầu bằng https:\/\//) });
    expect(normalizeHubAddress('https://a:b@hub.vn')).toMatchObject({ ok: false, message: expect.stringMatching(/không có tên đăng nhập/) });
    expect(normalizeHubAddress('https://hub.vn/?x=1')).toMatchObject({ ok: false, message: expect.stringMatching(/“\?”/) });
    expect(normalizeHubAddress('http://[zz')).toMatchObject({ ok: false, message: expect.stringMatching(/không hợp lệ/) });
  });

  it('knows the local ranges exactly', () => {
    for (const h of ['127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.1.1', '::1', '[fd00::1]', 'fe80::1', 'LOCALHOST'])
      expect([h, isLocalHost(h)]).toEqual([h, true]);
    for (const h of ['172.15.0.1', '172.32.0.1', '192.169.0.1', '11.0.0.1', '8.8.8.8', '256.1.1.1', 'hub.local', '2001:db8::1', 'example.vn'])
      expect([h, isLocalHost(h)]).toEqual([h, false]);
  });
});

describe('the enrollment QR text', () => {
  it('round-trips address, code and counter', () => {
    const text = enrollmentText({ hubUrl: 'http://10.20.0.5:8787', code: 'K7QF-2MX9-PAD4', counterId: 'SL-MS-Q02' });
    expect(text).toBe('QUAYHCC:1;HUB=http://10.20.0.5:8787;CODE=K7QF-2MX9-PAD4;COUNTER=SL-MS-Q02');
    expect(/^[\x21-\x7e]+$/.test(text)).toBe(true); // one line of printable ASCII: a keyboard-wedge scanner types it
    expect(parseEnrollmentText(text)).toMatchObject({ ok: true, ticket: { hubUrl: 'http://10.20.0.5:8787', code: 'K7QF-2MX9-PAD4', counterId: 'SL-MS-Q02' }, address: { plainHttp: true } });
  });

  it('reads fields in any order, any case of keys and code, ignoring unknown keys and blanks', () => {
    const r = parseEnrollmentText('  quayhcc:1;code=k7qf2mx9pad4;X-NEW=1;;hub=127.0.0.1:8787 ');
    expect(r).toEqual({ ok: true, address: expect.objectContaining({ url: 'http://127.0.0.1:8787' }), ticket: { hubUrl: 'http://127.0.0.1:8787', code: 'K7QF-2MX9-PAD4' } });
    expect(looksLikeEnrollmentText('QUAYHCC:1;HUB=x')).toBe(true);
    expect(looksLikeEnrollmentText('EA123456785VN')).toBe(false);
  });

  it('refuses what is not one, or misses a part, or carries a bad address or code', () => {
    expect(parseEnrollmentText('EA123456785VN')).toEqual({ ok: false, message: expect.stringMatching(/không phải mã QR đăng ký/) });
    expect(parseEnrollmentText('QUAYHCC:1;CODE=K7QF-2MX9-PAD4')).toEqual({ ok: false, message: expect.stringMatching(/thiếu địa chỉ máy chủ/) });
    expect(parseEnrollmentText('QUAYHCC:1;HUB=10.0.0.1')).toEqual({ ok: false, message: expect.stringMatching(/thiếu mã đăng ký/) });
    expect(parseEnrollmentText('QUAYHCC:1;HUB=http://example.vn;CODE=K7QF-2MX9-PAD4')).toEqual({ ok: false, message: expect.stringMatching(/^http:\/\/ \(không mã hoá\)/) });
    expect(parseEnrollmentText('QUAYHCC:1;HUB=10.0.0.1;CODE=K7/QF')).toEqual({ ok: false, message: expect.stringMatching(/Mã đăng ký trong mã QR không hợp lệ/) });
    expect(() => enrollmentText({ hubUrl: 'http://a;b', code: 'X' })).toThrow(/must not contain/);
  });
});

describe('clock skew in words', () => {
  it('says which way and how much, and warns past the limit', () => {
    expect(describeSkew(400, 120_000)).toEqual({ text: 'Đồng hồ máy này khớp với máy chủ (lệch dưới 1 giây).', warn: false });
    expect(describeSkew(5_000, 120_000)).toEqual({ text: 'Đồng hồ máy này chậm hơn máy chủ 5 giây.', warn: false });
    expect(describeSkew(-600_000, 120_000)).toEqual({ text: 'Đồng hồ máy này nhanh hơn máy chủ 10 phút — hãy chỉnh lại giờ của máy.', warn: true });
  });
});
