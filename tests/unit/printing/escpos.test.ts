import { describe, expect, it } from 'vitest';
import { feeReceipt, intakeReceipt } from '../../../src/shared/print-model';
import { buildJobBytes } from '../../../src/main/printing/build';
import { code128Payload, encode } from '../../../src/main/printing/escpos';
import { renderDocument } from '../../../src/main/printing/raster';
import { decode, decodeReceipt } from '../../helpers/escpos-decoder';
import { feeModel, intakeModel } from '../../fixtures/printing/samples';

const P80 = { widthMm: 80 as const, dots: 576 as const, cutter: true, drawer: true };
const P58 = { widthMm: 58 as const, dots: 384 as const, cutter: false, drawer: false };

describe('Code 128 payload', () => {
  it('uses code set C for the eight serial digits and B for the letters', () => {
    const raw = code128Payload('EA123456785VN');
    const cmds = decode(Uint8Array.from([0x1d, 0x6b, 73, raw.length, ...raw]));
    expect(cmds).toHaveLength(1);
    const c = cmds[0]!;
    if (c.op !== 'code128') throw new Error('not a barcode');
    expect(c.data).toBe('EA123456785VN');
    expect(c.sets).toEqual(['B', 'C', 'B']);
    // {B E A 1 {C 23 45 67 85 {B V N: four digit pairs in set C (values 0..99), the odd digit in B.
    expect(raw).toEqual([0x7b, 0x42, 0x45, 0x41, 0x31, 0x7b, 0x43, 23, 45, 67, 85, 0x7b, 0x42, 0x56, 0x4e]);
  });

  it('starts in C for an even run of digits and escapes a literal brace', () => {
    const c = decode(Uint8Array.from([0x1d, 0x6b, 73, ...((p) => [p.length, ...p])(code128Payload('12345678'))]))[0]!;
    expect(c.op === 'code128' && c.sets).toEqual(['C']);
    expect(c.op === 'code128' && c.data).toBe('12345678');
    const b = decode(Uint8Array.from([0x1d, 0x6b, 73, ...((p) => [p.length, ...p])(code128Payload('A{B'))]))[0]!;
    expect(b.op === 'code128' && b.data).toBe('A{B');
  });

  it('refuses non-ASCII data for native barcodes and QR', () => {
    expect(() => code128Payload('Đ123')).toThrow();
    expect(() => encode([{ k: 'qr', data: 'tra cứu', cell: 4 }])).toThrow();
  });
});

describe('receipt bytes', () => {
  it('80 mm intake receipt: raster text only, native barcode and QR with the right payloads, one cut', () => {
    const r = decodeReceipt(buildJobBytes(intakeReceipt(intakeModel), P80));
    expect(r.unknown).toBe(0);
    expect(r.commands.some((c) => c.op === 'text' || c.op === 'codepage')).toBe(false);
    expect(r.barcodes).toEqual(['EA123456785VN']);
    expect(r.qr).toEqual([intakeModel.trackingUrl]);
    expect(r.cuts).toBe(1);
    expect(r.drawer).toBe(0);
    expect(r.commands.slice(0, 2)).toEqual([{ op: 'init' }, { op: 'asb', n: 0 }]);
    expect(r.raster.width).toBe(576);
    expect(r.raster.height).toBeGreaterThan(800);
    // HRI off before the barcode: the grouped number is printed in the raster instead.
    const iBar = r.commands.findIndex((c) => c.op === 'code128');
    const hri = r.commands.slice(0, iBar).filter((c) => c.op === 'hri');
    expect(hri.at(-1)).toEqual({ op: 'hri', n: 0 });
    const width = r.commands.slice(0, iBar).filter((c) => c.op === 'barcodeWidth').at(-1);
    expect(width && width.op === 'barcodeWidth' && width.n).toBe(3);
    // Every raster band is a whole number of bytes wide and within the paper.
    for (const c of r.commands) if (c.op === 'raster') expect(c.width).toBe(576);
  });

  it('58 mm: 384 dots, a barcode narrow enough for the paper, no cut without a cutter', () => {
    const segs = renderDocument(intakeReceipt(intakeModel), { dots: 384, widthMm: 58 });
    const bar = segs.find((s) => s.k === 'code128');
    expect(bar && bar.k === 'code128' && bar.module).toBe(2);
    const r = decodeReceipt(buildJobBytes(intakeReceipt(intakeModel), P58));
    expect(r.raster.width).toBe(384);
    expect(r.cuts).toBe(0);
    expect(r.barcodes).toEqual(['EA123456785VN']);
  });

  it('opens the drawer only for a cash fee receipt on a profile with a drawer', () => {
    expect(decodeReceipt(buildJobBytes(feeReceipt(feeModel), P80)).drawer).toBe(1);
    expect(decodeReceipt(buildJobBytes(feeReceipt({ ...feeModel, drawer: false }), P80)).drawer).toBe(0);
    expect(decodeReceipt(buildJobBytes(intakeReceipt(intakeModel), P80)).drawer).toBe(0);
  });

  it('a marked copy differs from the original at the top', () => {
    const doc = intakeReceipt(intakeModel);
    const a = decodeReceipt(buildJobBytes(doc, P80)).raster;
    const b = decodeReceipt(buildJobBytes({ ...doc, copy: { n: 1, at: intakeModel.acceptedAt } }, P80)).raster;
    expect(b.height).toBeGreaterThan(a.height);
    // The banner is a solid black bar across the width near the top.
    const rowBytes = 576 / 8;
    const darkRows = Array.from({ length: 40 }, (_, y) => b.bits.subarray(y * rowBytes, (y + 1) * rowBytes).filter((x) => x === 0xff).length).filter((n) => n > 50);
    expect(darkRows.length).toBeGreaterThan(10);
  });
});
