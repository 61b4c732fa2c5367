/**
 * ESC/POS bytes from rendered segments. Only commands that carry no text in a code page are used:
 * raster (GS v 0), Code 128 (GS k 73, HRI off), QR (GS ( k), feed, cut and the drawer pulse.
 *
 * node-thermal-printer was considered as the builder: its raster path allocates an object per dot
 * (too slow for the 30 ms budget of an 80 mm receipt) and its Code 128 only uses code set B, so
 * these few documented commands are written here and checked by the decoder in the tests.
 */
import type { Segment } from './raster';
import { code128Symbols } from './raster';

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;

/** Rows per GS v 0 command: small bands keep within every printer's receive buffer. */
export const RASTER_BAND_ROWS = 240;

export const cmd = {
  init: (): number[] => [ESC, 0x40],
  /** GS a 0: no automatic status back, so the only bytes coming back are the replies we ask for. */
  asbOff: (): number[] => [GS, 0x61, 0],
  align: (n: 0 | 1 | 2): number[] => [ESC, 0x61, n],
  feedDots: (n: number): number[] => [ESC, 0x4a, Math.max(0, Math.min(255, n))],
  /** GS V 66 n: feed to the cutter (+n) and cut, leaving a hinge (partial cut). */
  cut: (): number[] => [GS, 0x56, 66, 0],
  /** ESC p m t1 t2: pulse the drawer kick-out connector pin 2 (t1 = 50 ms, t2 = 500 ms). */
  drawer: (): number[] => [ESC, 0x70, 0, 25, 250],
  /** DLE EOT n: real-time status (1 printer, 2 offline cause, 4 paper). */
  status: (n: 1 | 2 | 4): number[] => [DLE, EOT, n],
  /** GS r 1: paper sensor status, answered in sequence after the data before it. */
  paperStatusInOrder: (): number[] => [GS, 0x72, 1],
};

class ByteSink {
  private buf = new Uint8Array(64 * 1024);
  length = 0;
  private grow(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  push(bytes: ArrayLike<number>): void {
    this.grow(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** The Epson GS k 73 data for Code 128: '{B' / '{C' switches, set C digits as values 0..99. */
export function code128Payload(data: string): number[] {
  const syms = code128Symbols(data);
  const out: number[] = [];
  // Re-derive the starting set the same way the symbol splitter did.
  const firstRun = /^\d+/.exec(data)?.[0].length ?? 0;
  let set: 'B' | 'C' = firstRun >= 4 && firstRun % 2 === 0 ? 'C' : 'B';
  out.push(0x7b, set === 'C' ? 0x43 : 0x42);
  for (const s of syms) {
    if (s === '{B' || s === '{C') {
      set = s === '{B' ? 'B' : 'C';
      out.push(0x7b, s.charCodeAt(1));
    } else if (set === 'C') {
      out.push(Number(s));
    } else {
      const c = s.charCodeAt(0);
      if (c === 0x7b) out.push(0x7b, 0x7b);
      else out.push(c);
    }
  }
  return out;
}

function qrCommands(data: string, cell: number): number[] {
  if (!/^[\x20-\x7e]+$/.test(data)) throw new Error('QR data must be printable ASCII');
  const bytes = Array.from(data, (c) => c.charCodeAt(0));
  const len = bytes.length + 3;
  return [
    GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0, // model 2
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, cell, // module size
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31, // error correction M
    GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...bytes, // store
    GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, // print
  ];
}

export interface EncodeOptions {
  cut?: boolean;
  drawer?: boolean;
}

export function encode(segments: Segment[], opts: EncodeOptions = {}): Uint8Array {
  const out = new ByteSink();
  out.push(cmd.init());
  out.push(cmd.asbOff());
  for (const s of segments) {
    switch (s.k) {
      case 'raster': {
        const rowBytes = s.width >> 3;
        for (let y = 0; y < s.height; y += RASTER_BAND_ROWS) {
          const rows = Math.min(RASTER_BAND_ROWS, s.height - y);
          out.push([GS, 0x76, 0x30, 0, rowBytes & 0xff, rowBytes >> 8, rows & 0xff, rows >> 8]);
          out.push(s.bits.subarray(y * rowBytes, (y + rows) * rowBytes));
        }
        break;
      }
      case 'code128': {
        const payload = code128Payload(s.data);
        out.push(cmd.align(1));
        out.push([GS, 0x48, 0]); // HRI off: the grouped number is in the raster
        out.push([GS, 0x68, s.height]);
        out.push([GS, 0x77, s.module]);
        out.push([GS, 0x6b, 73, payload.length, ...payload]);
        out.push(cmd.align(0));
        break;
      }
      case 'qr':
        out.push(cmd.align(1));
        out.push(qrCommands(s.data, s.cell));
        out.push(cmd.align(0));
        break;
      case 'feed':
        for (let left = s.dots; left > 0; left -= 255) out.push(cmd.feedDots(Math.min(255, left)));
        break;
    }
  }
  if (opts.cut !== false) out.push(cmd.cut());
  if (opts.drawer) out.push(cmd.drawer());
  return out.bytes();
}
