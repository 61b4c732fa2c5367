/**
 * VietQR payloads (EMVCo merchant-presented QR, NAPAS "QRIBFTTA" transfer to an account): TLV
 * fields and CRC-16/CCITT-FALSE, built in src/shared so main, the renderer and tests share one copy.
 */
import { describe, expect, it } from 'vitest';
import { asciiPurpose, crc16ccitt, parseTlv, vietQrPayload } from '../../../src/shared/vietqr';

describe('VietQR payload', () => {
  it('CRC-16/CCITT-FALSE matches the standard check value', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
    expect(crc16ccitt('A1')).toBe('0580'); // always four hex digits
  });
  it('builds the EMVCo fields with a valid CRC', () => {
    const p = vietQrPayload({ bankBin: '970405', accountNumber: '7900201234567', amount: 235000, purpose: 'Lệ phí EA123456785VN Đỗ Thị Hà' });
    const f = parseTlv(p);
    expect(f.get('00')).toBe('01');
    expect(f.get('01')).toBe('12');
    expect(f.get('53')).toBe('704');
    expect(f.get('54')).toBe('235000');
    expect(f.get('58')).toBe('VN');
    const m = parseTlv(f.get('38')!);
    expect(m.get('00')).toBe('A000000727');
    expect(m.get('02')).toBe('QRIBFTTA');
    expect(parseTlv(m.get('01')!)).toEqual(new Map([['00', '970405'], ['01', '7900201234567']]));
    expect(parseTlv(f.get('62')!).get('08')).toBe('Le phi EA123456785VN Do T');
    expect(p.slice(-8, -4)).toBe('6304');
    expect(p.slice(-4)).toBe(crc16ccitt(p.slice(0, -4)));
  });
  it('refuses a non-integer or non-positive amount', () => {
    expect(() => vietQrPayload({ bankBin: '970405', accountNumber: '1', amount: 1.5, purpose: '' })).toThrow();
    expect(() => vietQrPayload({ bankBin: '970405', accountNumber: '1', amount: 0, purpose: '' })).toThrow();
    expect(asciiPurpose('Đường')).toBe('Duong');
  });

  it('reproduces a payload published with an independent VietQR generator, byte for byte', () => {
    // The example in the README of the Go package github.com/subiz/vietqr: 120.000 ₫ to account
    // 0011001932418 at VietinBank (BIN 970415), purpose “ủng hộ lũ lụt”. Its CRC (C15C) was computed
    // by that implementation, so this also checks our CRC and field order against another one.
    const published = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
    expect(vietQrPayload({ bankBin: '970415', accountNumber: '0011001932418', amount: 120000, purpose: 'ủng hộ lũ lụt' })).toBe(published);
    expect(crc16ccitt(published.slice(0, -4))).toBe('C15C');
  });

  it('folds the purpose to plain ASCII words: marks and đ dropped, other signs and runs of spaces one space, cut to 25', () => {
    expect(asciiPurpose('  Lệ phí: hồ sơ #12,  Đăk Lăk!  ')).toBe('Le phi ho so 12 Dak Lak');
    expect(asciiPurpose('đường\tsố\n5 — ngõ 7')).toBe('duong so 5 ngo 7');
    expect(asciiPurpose('Nộp lệ phí hồ sơ số EA123456785VN')).toBe('Nop le phi ho so so EA123');
    expect(asciiPurpose('x'.repeat(26))).toBe('x'.repeat(25));
    expect(asciiPurpose(' !? ')).toBe('');
  });

  it('leaves the purpose field out when nothing of the purpose is left', () => {
    const p = vietQrPayload({ bankBin: '970405', accountNumber: 'A'.repeat(19), amount: 1, purpose: ' — ' });
    expect(p).toBe('00020101021238630010A000000727013300069704050119AAAAAAAAAAAAAAAAAAA0208QRIBFTTA5303704540115802VN6304F40E');
    expect(parseTlv(p).has('62')).toBe(false);
  });

  it('refuses a BIN that is not exactly 6 digits, an account number that is not 1–19 letters or digits, an amount that is not a positive whole number', () => {
    const q = { bankBin: '970405', accountNumber: '7900201234567', amount: 1, purpose: 'x' };
    expect(vietQrPayload(q)).toMatch(/^000201/);
    for (const bankBin of ['97040', '9704051', 'a970405', '970405a', '97O405']) expect(() => vietQrPayload({ ...q, bankBin })).toThrow('bank BIN must be 6 digits');
    expect(vietQrPayload({ ...q, accountNumber: '1' })).toContain('0115000697040501011');
    for (const accountNumber of ['', 'A'.repeat(20), '7900-2012', ' 79002012', '79002012 ']) expect(() => vietQrPayload({ ...q, accountNumber })).toThrow('bad account number');
    for (const amount of [0, -1, 1.5, Number.NaN, 2 ** 53]) expect(() => vietQrPayload({ ...q, amount })).toThrow('amount must be a positive whole number of đồng');
  });

  it('reads the top-level fields up to the last complete header, an empty field included', () => {
    expect(parseTlv('0000')).toEqual(new Map([['00', '']]));
    expect(parseTlv('0102ab580')).toEqual(new Map([['01', 'ab']]));
    expect(parseTlv('')).toEqual(new Map());
  });
});
