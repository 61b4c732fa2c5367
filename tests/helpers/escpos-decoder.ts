/**
 * Test helper: turns ESC/POS bytes back into commands, text and raster images, so tests assert on
 * what a printer would do, not on how the encoder was written. Unknown bytes are reported, never skipped.
 */
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

export type Command =
  | { op: 'init' }
  | { op: 'align'; n: number }
  | { op: 'raster'; mode: number; width: number; height: number; bits: Uint8Array }
  | { op: 'hri'; n: number }
  | { op: 'barcodeHeight'; n: number }
  | { op: 'barcodeWidth'; n: number }
  | { op: 'code128'; raw: number[]; data: string; sets: string[] }
  | { op: 'qr'; fn: number; bytes: number[] }
  | { op: 'feed'; dots: number }
  | { op: 'cut'; m: number; n: number }
  | { op: 'drawer'; pin: number; t1: number; t2: number }
  | { op: 'realtimeStatus'; n: number }
  | { op: 'statusInOrder'; n: number }
  | { op: 'codepage'; n: number }
  | { op: 'asb'; n: number }
  | { op: 'text'; text: string }
  | { op: 'unknown'; byte: number };

/**
 * Frames one command at `i`. Returns the command and its length, or null when more bytes are needed
 * (the fake printer parses a stream with it).
 */
export function nextCommand(b: Uint8Array, i: number): { cmd: Command; len: number } | null {
  const left = b.length - i;
  if (left <= 0) return null;
  const at = (k: number): number => b[i + k]!;
  const need = (n: number): boolean => left < n;
  const c = at(0);
  if (c === 0x1b) {
    if (need(2)) return null;
    switch (at(1)) {
      case 0x40:
        return { cmd: { op: 'init' }, len: 2 };
      case 0x61:
        return need(3) ? null : { cmd: { op: 'align', n: at(2) }, len: 3 };
      case 0x4a:
        return need(3) ? null : { cmd: { op: 'feed', dots: at(2) }, len: 3 };
      case 0x74:
        return need(3) ? null : { cmd: { op: 'codepage', n: at(2) }, len: 3 };
      case 0x70:
        return need(5) ? null : { cmd: { op: 'drawer', pin: at(2), t1: at(3), t2: at(4) }, len: 5 };
      default:
        return { cmd: { op: 'unknown', byte: c }, len: 1 };
    }
  }
  if (c === 0x10) {
    if (need(3)) return null;
    if (at(1) === 0x04) return { cmd: { op: 'realtimeStatus', n: at(2) }, len: 3 };
    return { cmd: { op: 'unknown', byte: c }, len: 1 };
  }
  if (c === 0x1d) {
    if (need(2)) return null;
    switch (at(1)) {
      case 0x76: {
        if (need(8)) return null;
        const rowBytes = at(4) | (at(5) << 8);
        const height = at(6) | (at(7) << 8);
        const size = rowBytes * height;
        if (need(8 + size)) return null;
        return { cmd: { op: 'raster', mode: at(3), width: rowBytes * 8, height, bits: b.slice(i + 8, i + 8 + size) }, len: 8 + size };
      }
      case 0x48:
        return need(3) ? null : { cmd: { op: 'hri', n: at(2) }, len: 3 };
      case 0x61:
        return need(3) ? null : { cmd: { op: 'asb', n: at(2) }, len: 3 };
      case 0x68:
        return need(3) ? null : { cmd: { op: 'barcodeHeight', n: at(2) }, len: 3 };
      case 0x77:
        return need(3) ? null : { cmd: { op: 'barcodeWidth', n: at(2) }, len: 3 };
      case 0x72:
        return need(3) ? null : { cmd: { op: 'statusInOrder', n: at(2) }, len: 3 };
      case 0x56: {
        if (need(3)) return null;
        const m = at(2);
        if (m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104) return need(4) ? null : { cmd: { op: 'cut', m, n: at(3) }, len: 4 };
        return { cmd: { op: 'cut', m, n: 0 }, len: 3 };
      }
      case 0x6b: {
        if (need(4)) return null;
        if (at(2) !== 73) return { cmd: { op: 'unknown', byte: c }, len: 1 };
        const n = at(3);
        if (need(4 + n)) return null;
        const raw = Array.from(b.slice(i + 4, i + 4 + n));
        return { cmd: { op: 'code128', raw, ...decodeCode128(raw) }, len: 4 + n };
      }
      case 0x28: {
        if (need(5)) return null;
        if (at(2) !== 0x6b) return { cmd: { op: 'unknown', byte: c }, len: 1 };
        const p = at(3) | (at(4) << 8);
        if (need(5 + p)) return null;
        const body = Array.from(b.slice(i + 5, i + 5 + p));
        return { cmd: { op: 'qr', fn: body[1]!, bytes: body.slice(2) }, len: 5 + p };
      }
      default:
        return { cmd: { op: 'unknown', byte: c }, len: 1 };
    }
  }
  if (c >= 0x20 && c < 0x7f) {
    let j = i;
    while (j < b.length && b[j]! >= 0x20 && b[j]! < 0x7f) j++;
    return { cmd: { op: 'text', text: String.fromCharCode(...b.slice(i, j)) }, len: j - i };
  }
  if (c === 0x0a) return { cmd: { op: 'text', text: '\n' }, len: 1 };
  return { cmd: { op: 'unknown', byte: c }, len: 1 };
}

function decodeCode128(raw: number[]): { data: string; sets: string[] } {
  let set = '';
  const sets: string[] = [];
  let data = '';
  for (let k = 0; k < raw.length; k++) {
    const v = raw[k]!;
    if (v === 0x7b) {
      const nx = raw[++k]!;
      if (nx === 0x7b) data += '{';
      else {
        set = String.fromCharCode(nx);
        sets.push(set);
      }
      continue;
    }
    if (set === 'C') data += String(v).padStart(2, '0');
    else data += String.fromCharCode(v);
  }
  return { data, sets };
}

export function decode(bytes: Uint8Array): Command[] {
  const out: Command[] = [];
  let i = 0;
  while (i < bytes.length) {
    const r = nextCommand(bytes, i);
    if (!r) throw new Error(`truncated command at byte ${i} of ${bytes.length}`);
    out.push(r.cmd);
    i += r.len;
  }
  return out;
}

export interface DecodedReceipt {
  commands: Command[];
  /** All raster bands stacked, as one 1-bit image (native barcodes not included). */
  raster: { width: number; height: number; bits: Uint8Array };
  barcodes: string[];
  qr: string[];
  cuts: number;
  drawer: number;
  unknown: number;
}

export function stackRasters(cmds: Command[]): { width: number; height: number; bits: Uint8Array } {
  const rasters = cmds.filter((c): c is Extract<Command, { op: 'raster' }> => c.op === 'raster');
  const width = Math.max(0, ...rasters.map((r) => r.width));
  const height = rasters.reduce((s, r) => s + r.height, 0);
  const rowBytes = width >> 3;
  const bits = new Uint8Array(rowBytes * height);
  let y = 0;
  for (const r of rasters) {
    const rb = r.width >> 3;
    for (let row = 0; row < r.height; row++) bits.set(r.bits.subarray(row * rb, row * rb + rb), (y + row) * rowBytes);
    y += r.height;
  }
  return { width, height, bits };
}

export function decodeReceipt(bytes: Uint8Array): DecodedReceipt {
  const commands = decode(bytes);
  const qr: string[] = [];
  for (const c of commands) if (c.op === 'qr' && c.fn === 0x50) qr.push(String.fromCharCode(...c.bytes.slice(1)));
  return {
    commands,
    raster: stackRasters(commands),
    barcodes: commands.flatMap((c) => (c.op === 'code128' ? [c.data] : [])),
    qr,
    cuts: commands.filter((c) => c.op === 'cut').length,
    drawer: commands.filter((c) => c.op === 'drawer').length,
    unknown: commands.filter((c) => c.op === 'unknown' || c.op === 'text').length,
  };
}

/** 1-bit image → PNG bytes (black dots on white). */
export function bitsToPng(img: { width: number; height: number; bits: Uint8Array }): Buffer {
  const png = new PNG({ width: Math.max(1, img.width), height: Math.max(1, img.height), colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const rowBytes = img.width >> 3;
  const gray = Buffer.alloc(img.width * img.height * 4, 255);
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      if (img.bits[y * rowBytes + (x >> 3)]! & (0x80 >> (x & 7))) {
        const p = (y * img.width + x) * 4;
        gray[p] = gray[p + 1] = gray[p + 2] = 0;
      }
    }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0 });
}

export function pngToBits(buf: Buffer): { width: number; height: number; bits: Uint8Array } {
  const png = PNG.sync.read(buf);
  const rowBytes = png.width >> 3;
  const bits = new Uint8Array(rowBytes * png.height);
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++) if (png.data[(y * png.width + x) * 4]! < 128) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  return { width: png.width, height: png.height, bits };
}

/**
 * A preview of the whole paper as a printer would print it: raster bands, the QR drawn from its
 * decoded payload, and Code 128 as a hatched box of its real width (for looking, not for goldens).
 */
export function previewPng(bytes: Uint8Array, paperDots: number): Buffer {
  const cmds = decode(bytes);
  const rows: Uint8Array[] = [];
  const rowBytes = paperDots >> 3;
  const blank = (): Uint8Array => new Uint8Array(rowBytes);
  const setDot = (row: Uint8Array, x: number): void => {
    if (x >= 0 && x < paperDots) row[x >> 3]! |= 0x80 >> (x & 7);
  };
  let align = 0;
  let bh = 162;
  let bw = 3;
  let cell = 3;
  let qrData = '';
  for (const c of cmds) {
    if (c.op === 'align') align = c.n;
    else if (c.op === 'barcodeHeight') bh = c.n;
    else if (c.op === 'barcodeWidth') bw = c.n;
    else if (c.op === 'feed') for (let k = 0; k < c.dots; k++) rows.push(blank());
    else if (c.op === 'raster') {
      const rb = c.width >> 3;
      for (let y = 0; y < c.height; y++) {
        const r = blank();
        r.set(c.bits.subarray(y * rb, y * rb + Math.min(rb, rowBytes)));
        rows.push(r);
      }
    } else if (c.op === 'code128') {
      const symbols = c.raw.length - c.sets.length - (c.sets.length > 0 ? 0 : 0);
      const w = ((symbols + 2) * 11 + 13) * bw;
      const x0 = align === 1 ? Math.floor((paperDots - w) / 2) : align === 2 ? paperDots - w : 0;
      for (let y = 0; y < bh; y++) {
        const r = blank();
        for (let x = 0; x < w; x++) if ((x + y) % 6 < 3 || y === 0 || y === bh - 1 || x < 2 || x >= w - 2) setDot(r, x0 + x);
        rows.push(r);
      }
    } else if (c.op === 'qr') {
      if (c.fn === 0x43) cell = c.bytes[0]!;
      if (c.fn === 0x50) qrData = String.fromCharCode(...c.bytes.slice(1));
      if (c.fn === 0x51) {
        const q = QRCode.create(qrData, { errorCorrectionLevel: 'M' });
        const n = q.modules.size;
        const w = n * cell;
        const x0 = align === 1 ? Math.floor((paperDots - w) / 2) : 0;
        for (let y = 0; y < w; y++) {
          const r = blank();
          for (let x = 0; x < w; x++) if (q.modules.get(Math.floor(y / cell), Math.floor(x / cell))) setDot(r, x0 + x);
          rows.push(r);
        }
      }
    } else if (c.op === 'cut') {
      const r = blank();
      for (let x = 0; x < paperDots; x += 4) setDot(r, x);
      rows.push(blank(), r, blank());
    }
  }
  const bits = new Uint8Array(rowBytes * rows.length);
  rows.forEach((r, y) => bits.set(r, y * rowBytes));
  return bitsToPng({ width: paperDots, height: rows.length, bits });
}
