import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intakeReceipt, VIETNAMESE_LETTERS, VIETNAMESE_VOWELS_LOWER, VIETNAMESE_VOWELS_UPPER, type PrintDocument } from '../../../src/shared/print-model';
import { buildJobBytes } from '../../../src/main/printing/build';
import { fontPath, FONT_BOLD, FONT_REGULAR } from '../../../src/main/printing/fonts';
import { renderDocument, type PaperSpec } from '../../../src/main/printing/raster';
import { decodeReceipt, stackRasters } from '../../helpers/escpos-decoder';
import { intakeModel } from '../../fixtures/printing/samples';
import { compareGolden } from './golden';

const P80: PaperSpec = { dots: 576, widthMm: 80 };
const P58: PaperSpec = { dots: 384, widthMm: 58 };

/** Reads a TrueType cmap (format 4, BMP) to list the code points the font really has. */
function cmapCodePoints(file: string): Set<number> {
  const b = readFileSync(file);
  const numTables = b.readUInt16BE(4);
  let cmap = 0;
  for (let i = 0; i < numTables; i++) if (b.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = b.readUInt32BE(12 + i * 16 + 8);
  const n = b.readUInt16BE(cmap + 2);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) {
    const off = cmap + b.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (b.readUInt16BE(off) !== 4) continue;
    const segX2 = b.readUInt16BE(off + 6);
    const ends = off + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = b.readUInt16BE(ends + s * 2);
      const start = b.readUInt16BE(starts + s * 2);
      const delta = b.readInt16BE(deltas + s * 2);
      const ro = b.readUInt16BE(ranges + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (ro === 0) g = (c + delta) & 0xffff;
        else {
          const gi = b.readUInt16BE(ranges + s * 2 + ro + (c - start) * 2);
          g = gi === 0 ? 0 : (gi + delta) & 0xffff;
        }
        if (g !== 0) out.add(c);
      }
    }
  }
  return out;
}

const textDoc = (lines: { text: string; bold?: boolean; size?: 'small' | 'normal' | 'large' }[]): PrintDocument => ({
  kind: 'test_page',
  title: 't',
  blocks: lines.map((l) => ({ t: 'text', text: l.text, bold: l.bold, size: l.size })),
});

function rasterOf(doc: PrintDocument, paper: PaperSpec): { width: number; height: number; bits: Uint8Array } {
  return decodeReceipt(buildJobBytes(doc, { ...paper, cutter: true, drawer: false })).raster;
}

function inkRows(img: { width: number; height: number; bits: Uint8Array }): number[] {
  const rb = img.width >> 3;
  const rows: number[] = [];
  for (let y = 0; y < img.height; y++) if (img.bits.subarray(y * rb, (y + 1) * rb).some((x) => x !== 0)) rows.push(y);
  return rows;
}

describe('bundled font', () => {
  it.each([FONT_REGULAR, FONT_BOLD])('%s has a glyph for every Vietnamese letter, đ/Đ, ₫ and the dashes used', (family) => {
    const cps = cmapCodePoints(fontPath(family));
    const needed = [...VIETNAMESE_LETTERS, '₫', '–', '…', '•', ...'bcdghklmnpqrstvx'.split(''), ...'BCDGHKLMNPQRSTVX'.split('')];
    const missing = needed.filter((ch) => !cps.has(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
    expect(VIETNAMESE_LETTERS.length).toBe(12 * 6 * 2 + 2);
  });
});

describe('Vietnamese raster', () => {
  it.each([
    ['80', P80],
    ['58', P58],
  ] as const)('golden: every vowel with every tone in both cases and đ/Đ (%s mm)', (w, paper) => {
    const half = (arr: string[]): string[] => [arr.slice(0, 6).join(' '), arr.slice(6).join(' ')];
    const doc = textDoc([
      ...half(VIETNAMESE_VOWELS_LOWER).map((text) => ({ text })),
      ...half(VIETNAMESE_VOWELS_UPPER).map((text) => ({ text })),
      { text: 'đ Đ – Đường Điện Biên Phủ, Mường Ảng, Quỳnh Nhai', bold: true },
      { text: 'Phiếu lý lịch tư pháp – Giấy ủy quyền – Sổ BHXH', size: 'small' },
    ]);
    expect(compareGolden(`vietnamese-letters-${w}mm`, rasterOf(doc, paper))).toBe(0);
  });

  it.each([
    ['80', P80],
    ['58', P58],
  ] as const)('golden: 80/58 mm intake receipt raster (%s mm)', (w, paper) => {
    expect(compareGolden(`intake-receipt-${w}mm`, rasterOf(intakeReceipt(intakeModel), paper))).toBe(0);
  });

  it.each([
    ['normal', P80],
    ['small', P58],
  ] as const)('every letter stays distinct after thresholding (%s text, the smallest size on the paper)', (size, paper) => {
    const seen = new Map<string, string>();
    for (const ch of VIETNAMESE_LETTERS) {
      const img = stackRasters(
        decodeReceipt(buildJobBytes(textDoc([{ text: ch, size: size as 'normal' | 'small' }]), { ...paper, cutter: false, drawer: false })).commands,
      );
      const key = Buffer.from(img.bits).toString('base64');
      expect(seen.get(key), `${ch} renders like ${seen.get(key)}`).toBeUndefined();
      seen.set(key, ch);
    }
    expect(seen.size).toBe(VIETNAMESE_LETTERS.length);
  });

  it('does not clip stacked marks: blank rows above Ẫ/Ỗ and below ỵ/ậ on every size', () => {
    for (const size of ['small', 'normal', 'large'] as const) {
      for (const paper of [P58, P80]) {
        for (const text of ['ẪỖẨỸ', 'ỵậịgỹ']) {
          const img = rasterOf(textDoc([{ text, size }, { text, size, bold: true }]), paper);
          const rows = inkRows(img);
          expect(rows[0]!).toBeGreaterThan(0);
          expect(rows.at(-1)!).toBeLessThan(img.height - 1);
        }
      }
    }
  });

  it('wraps long values inside the paper and keeps the right margin clear', () => {
    for (const paper of [P58, P80]) {
      const img = rasterOf(intakeReceipt({ ...intakeModel, sender: { ...intakeModel.sender, address: 'Số 12, ngõ 34, đường Chu Văn Thịnh, tổ dân phố 5, phường Chiềng Lề, tỉnh Sơn La, Việt Nam' } }), paper);
      const rb = img.width >> 3;
      // The last 2 dots of every row are blank except full-width rules/ruler (none in a receipt at x >= dots - 4).
      let inkAtEdge = 0;
      for (let y = 0; y < img.height; y++) if (img.bits[y * rb + rb - 1]! & 0x03) inkAtEdge++;
      expect(inkAtEdge).toBe(0);
    }
  });

  it('NFD input prints the same as NFC', () => {
    const nfc = 'Nguyễn Thị Hồng Nhung';
    const a = rasterOf(textDoc([{ text: nfc }]), P80);
    const b = rasterOf(textDoc([{ text: nfc.normalize('NFD') }]), P80);
    expect(Buffer.from(b.bits).equals(Buffer.from(a.bits))).toBe(true);
  });
});

describe('render segments', () => {
  it('keeps native codes between raster groups in document order', () => {
    const segs = renderDocument(intakeReceipt(intakeModel), P80);
    const kinds = segs.map((s) => s.k).filter((k) => k !== 'feed');
    expect(kinds).toEqual(['raster', 'code128', 'raster', 'qr', 'raster']);
  });
});
