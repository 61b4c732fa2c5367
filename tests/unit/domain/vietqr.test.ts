/**
 * VietQR payloads (EMVCo merchant-presented QR, NAPAS "QRIBFTTA" transfer to an account): TLV
 * fields and CRC-16/CCITT-FALSE, built in src/shared so main, the renderer and tests share one copy.
 */
import { describe, expect, it } from 'vitest';
import { asciiPurpose, crc16ccitt, parseTlv, vietQrPayload } from '../../../src/shared/vietqr';

describe('VietQR payload', () => {
  it('CRC-16/CCITT-FALSE matches the standard check value', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
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
});
