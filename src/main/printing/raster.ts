/**
 * Layout and rendering: a PrintDocument becomes segments for one printer width. All text (every
 * Vietnamese letter) is drawn with the bundled font and thresholded to a 1-bit raster; Code 128 and
 * QR of ASCII data stay native ESC/POS commands.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Align, Block, PrintDocument, TextSize } from '../../shared/print-model';
import { formatDateTimeVi } from '../../shared/calendar';
import { ensureFonts, FONT_BOLD, FONT_REGULAR } from './fonts';

export interface PaperSpec {
  /** Printable dots per line: 384 (58 mm) or 576 (80 mm). */
  dots: number;
  widthMm: 58 | 80;
}

export type Segment =
  /** width is a multiple of 8; bits are row-major, MSB = leftmost dot, 1 = black. */
  | { k: 'raster'; width: number; height: number; bits: Uint8Array }
  | { k: 'code128'; data: string; module: number; height: number }
  | { k: 'qr'; data: string; cell: number }
  | { k: 'feed'; dots: number };

/** Gray level (0 black … 255 white) under which a dot is printed. Tuned so tone marks survive. */
export const THRESHOLD = 150;

interface Metrics {
  px: number;
  ascent: number;
  descent: number;
  line: number;
}

interface Style {
  size: TextSize;
  bold: boolean;
}

type Op =
  | { o: 'text'; x: number; y: number; text: string; style: Style; invert?: boolean }
  | { o: 'rect'; x: number; y: number; w: number; h: number; white?: boolean };

interface Group {
  ops: Op[];
  height: number;
}

const SIZES: Record<58 | 80, Record<TextSize, number>> = {
  80: { small: 20, normal: 24, large: 30, title: 32 },
  58: { small: 18, normal: 21, large: 26, title: 28 },
};

const metricsCache = new Map<string, Metrics>();

function fontOf(style: Style, px: number): string {
  return `${px}px "${style.bold ? FONT_BOLD : FONT_REGULAR}"`;
}

/** Measuring context: one small canvas reused for every width measurement. */
let measureCtx: SKRSContext2D | undefined;
function mctx(): SKRSContext2D {
  if (!measureCtx) {
    ensureFonts();
    measureCtx = createCanvas(8, 8).getContext('2d');
  }
  return measureCtx;
}

function metrics(paper: PaperSpec, style: Style): Metrics {
  const key = `${paper.widthMm}:${style.size}:${style.bold}`;
  let m = metricsCache.get(key);
  if (!m) {
    const px = SIZES[paper.widthMm][style.size];
    const ctx = mctx();
    ctx.font = fontOf(style, px);
    // The tallest Vietnamese stacks (circumflex + hỏi/ngã on capitals) and the deepest descenders (nặng dot under g/y).
    const ascent = Math.ceil(ctx.measureText('ẨẪẤẦỸỖỔĐ').actualBoundingBoxAscent);
    const descent = Math.ceil(ctx.measureText('ỵậgjpqỹ').actualBoundingBoxDescent);
    m = { px, ascent, descent, line: ascent + descent + Math.round(px * 0.18) };
    metricsCache.set(key, m);
  }
  return m;
}

const widthCache = new Map<string, number>();
function textWidth(paper: PaperSpec, style: Style, text: string): number {
  const key = `${paper.widthMm}:${style.size}:${style.bold}:${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    const ctx = mctx();
    ctx.font = fontOf(style, SIZES[paper.widthMm][style.size]);
    w = ctx.measureText(text).width;
    if (widthCache.size > 20_000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

/** Greedy word wrap; a word longer than the line is broken between letters. */
export function wrap(paper: PaperSpec, style: Style, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.normalize('NFC').split('\n')) {
    const words = para.split(/ +/);
    let line = '';
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (textWidth(paper, style, candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      while (textWidth(paper, style, word) > width) {
        let cut = word.length - 1;
        while (cut > 1 && textWidth(paper, style, word.slice(0, cut)) > width) cut--;
        out.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    out.push(line);
  }
  return out;
}

class Layout {
  groups: Segment[] = [];
  cur: Group = { ops: [], height: 0 };
  readonly margin: number;
  readonly width: number;
  constructor(readonly paper: PaperSpec) {
    this.margin = paper.widthMm === 80 ? 8 : 4;
    this.width = paper.dots - 2 * this.margin;
  }

  get y(): number {
    return this.cur.height;
  }

  line(text: string, style: Style, align: Align = 'left', x0 = 0, w = this.width, invert = false): void {
    const m = metrics(this.paper, style);
    const tw = textWidth(this.paper, style, text);
    const x = this.margin + x0 + (align === 'center' ? (w - tw) / 2 : align === 'right' ? w - tw : 0);
    if (invert) this.cur.ops.push({ o: 'rect', x: this.margin + x0, y: this.y, w, h: m.line });
    this.cur.ops.push({ o: 'text', x: Math.round(x), y: this.y + m.ascent + Math.round((m.line - m.ascent - m.descent) / 2), text, style, invert });
    this.cur.height += m.line;
  }

  paragraph(text: string, style: Style, align: Align = 'left', indent = 0, invert = false): void {
    const w = this.width - indent;
    let lines = wrap(this.paper, style, text, w);
    if (align === 'center' && lines.length > 1) {
      // Balance centred headings: the narrowest width that needs no more lines (no lone last word).
      let lo = Math.floor(w / lines.length);
      let hi = w;
      while (hi - lo > 4) {
        const mid = (lo + hi) >> 1;
        if (wrap(this.paper, style, text, mid).length <= lines.length) hi = mid;
        else lo = mid;
      }
      lines = wrap(this.paper, style, text, hi);
    }
    for (const l of lines) this.line(l, style, align, indent, w, invert);
  }

  rule(dashed: boolean): void {
    const y = this.y + 5;
    if (dashed) for (let x = 0; x < this.width; x += 12) this.cur.ops.push({ o: 'rect', x: this.margin + x, y, w: 6, h: 2 });
    else this.cur.ops.push({ o: 'rect', x: this.margin, y, w: this.width, h: 2 });
    this.cur.height += 12;
  }

  space(dots: number): void {
    this.cur.height += dots;
  }

  flush(): void {
    if (this.cur.height > 0 && this.cur.ops.length > 0) this.groups.push(drawGroup(this.paper, this.cur));
    else if (this.cur.height > 0) this.groups.push({ k: 'feed', dots: this.cur.height });
    this.cur = { ops: [], height: 0 };
  }

  native(seg: Segment): void {
    this.flush();
    this.groups.push(seg);
  }
}

function drawGroup(paper: PaperSpec, g: Group): Segment {
  const width = paper.dots;
  const height = Math.ceil(g.height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  for (const op of g.ops) {
    if (op.o === 'rect') {
      ctx.fillStyle = op.white ? '#fff' : '#000';
      ctx.fillRect(op.x, op.y, op.w, op.h);
    } else {
      ctx.fillStyle = op.invert ? '#fff' : '#000';
      ctx.font = fontOf(op.style, SIZES[paper.widthMm][op.style.size]);
      ctx.fillText(op.text, op.x, op.y);
    }
  }
  // The stored pixels without getImageData's unpremultiply copy: the page is opaque, so premultiplied
  // equals straight, and the green channel (index 1 in RGBA and BGRA alike) is the gray level.
  const rgba = canvas.data();
  return { k: 'raster', width, height, bits: threshold(rgba, width, height) };
}

/** Packs an RGBA image (white background) to 1-bit rows: a dot where the gray level is below THRESHOLD. */
export function threshold(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const rowBytes = width >> 3;
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    let p = y * width * 4;
    const rowOff = y * rowBytes;
    for (let xb = 0; xb < rowBytes; xb++) {
      let byte = 0;
      for (let bit = 7; bit >= 0; bit--, p += 4) {
        // Text is drawn in pure black or white, so the green channel carries the gray level.
        if (rgba[p + 1]! < THRESHOLD) byte |= 1 << bit;
      }
      out[rowOff + xb] = byte;
    }
  }
  return out;
}

const S = (size: TextSize = 'normal', bold = false): Style => ({ size, bold });

function layoutBlock(L: Layout, b: Block): void {
  const paper = L.paper;
  switch (b.t) {
    case 'text':
      L.paragraph(b.text, S(b.size, b.bold), b.align, b.indent ?? 0, b.invert);
      break;
    case 'kv': {
      // A large row (the total) is bold on both sides; otherwise the label is regular.
      const ls = S(b.size, b.bold === true && (b.size === 'large' || b.size === 'title'));
      const vs = S(b.size, b.bold);
      const label = b.label.normalize('NFC');
      const value = b.value.normalize('NFC');
      const lw = textWidth(paper, ls, label);
      const vw = textWidth(paper, vs, value);
      const gap = 12;
      if (lw + gap + vw <= L.width) {
        const m = metrics(paper, ls.size === vs.size ? vs : ls);
        const y = L.y;
        L.line(label, ls, 'left');
        L.cur.height = y;
        L.line(value, vs, 'right');
        L.cur.height = y + m.line;
      } else {
        L.paragraph(`${label}:`, ls);
        L.paragraph(value, vs, 'left', 24);
      }
      break;
    }
    case 'rule':
      L.rule(b.style === 'dashed');
      break;
    case 'space':
      L.space(metrics(paper, S()).line * (b.lines ?? 1));
      break;
    case 'ruler': {
      const y = L.y;
      const w = paper.dots;
      // Full printable width: the edges must both show, every 8 dots a tick, every 40 a long one.
      L.cur.ops.push({ o: 'rect', x: 0, y, w, h: 2 });
      for (let x = 0; x < w; x += 8) {
        const h = x % 80 === 0 ? 24 : x % 40 === 0 ? 16 : 8;
        L.cur.ops.push({ o: 'rect', x, y, w: 2, h });
      }
      L.cur.ops.push({ o: 'rect', x: w - 2, y, w: 2, h: 24 });
      L.cur.height += 28;
      const st = S('small');
      const px = metrics(paper, st).px;
      // Digits only: no room needed for stacked marks, so the labels sit right under the ticks.
      for (let x = 80; x < w - 40; x += 80) {
        const label = String(x);
        L.cur.ops.push({ o: 'text', x: x - Math.round(textWidth(paper, st, label) / 2), y: L.y + Math.round(px * 0.75) + 2, text: label, style: st });
      }
      L.cur.height += px + 6;
      break;
    }
    case 'code128': {
      const height = paper.widthMm === 80 ? 80 : 64;
      const modules = code128Modules(b.data);
      const module = modules * 3 <= paper.dots - 40 ? 3 : 2;
      L.space(6);
      L.native({ k: 'code128', data: b.data, module, height });
      L.space(4);
      break;
    }
    case 'qr':
      L.space(4);
      L.native({ k: 'qr', data: b.data, cell: paper.widthMm === 80 ? 6 : 5 });
      L.space(4);
      break;
    case 'table': {
      const style = S(b.size ?? 'normal');
      const head = S(b.size ?? 'normal', true);
      const colX: number[] = [];
      let acc = 0;
      const widths = b.columns.map((c) => Math.floor(c.width * L.width));
      for (const w of widths) {
        colX.push(acc);
        acc += w;
      }
      const row = (cells: string[], st: Style): void => {
        const wrapped = cells.map((c, i) => wrap(paper, st, c, widths[i]! - 6));
        const n = Math.max(...wrapped.map((w) => w.length));
        const y0 = L.y;
        const lh = metrics(paper, st).line;
        wrapped.forEach((lines, i) => {
          lines.forEach((text, j) => {
            L.cur.height = y0 + j * lh;
            L.line(text, st, b.columns[i]!.align ?? 'left', colX[i]!, widths[i]! - 6);
          });
        });
        L.cur.height = y0 + n * lh;
      };
      row(b.columns.map((c) => c.header), head);
      L.rule(false);
      for (const r of b.rows) row(r, style);
      break;
    }
    case 'signatures': {
      const half = Math.floor(L.width / 2);
      const y0 = L.y;
      const col = (x0: number, title: string, name?: string): number => {
        L.cur.height = y0;
        for (const l of wrap(paper, S('normal', true), title, half - 8)) L.line(l, S('normal', true), 'center', x0, half);
        L.line('(Ký, ghi rõ họ tên)', S('small'), 'center', x0, half);
        L.space(metrics(paper, S()).line * 3);
        if (name) for (const l of wrap(paper, S(), name, half - 8)) L.line(l, S(), 'center', x0, half);
        return L.y;
      };
      const a = col(0, b.left, b.leftName);
      const c = col(half, b.right, b.rightName);
      L.cur.height = Math.max(a, c) + 4;
      break;
    }
  }
}

/** Renders a document for one paper width. */
export function renderDocument(doc: PrintDocument, paper: PaperSpec): Segment[] {
  const L = new Layout(paper);
  if (doc.copy) {
    L.paragraph(`BẢN IN LẠI – lần ${doc.copy.n}`, S('large', true), 'center', 0, true);
    L.paragraph(`In lại lúc ${formatDateTimeVi(doc.copy.at)}`, S('small'), 'center');
    L.space(6);
  }
  for (const b of doc.blocks) layoutBlock(L, b);
  if (doc.copy) {
    L.rule(false);
    L.paragraph(`BẢN IN LẠI – lần ${doc.copy.n} – ${formatDateTimeVi(doc.copy.at)}`, S('small', true), 'center');
  }
  L.space(8);
  L.flush();
  return L.groups;
}

/** Number of Code 128 modules for the data as the encoder will send it (for choosing the module width). */
export function code128Modules(data: string): number {
  // Each symbol is 11 modules; stop is 13; plus start and check.
  return (code128Symbols(data).length + 2) * 11 + 13;
}

/**
 * Splits ASCII data into Code 128 code set B / C runs (C for runs of four or more digits, pairs only),
 * as the list of symbols after the start: code-set switches are marked '{B' / '{C'.
 */
export function code128Symbols(data: string): string[] {
  if (!/^[\x20-\x7e]+$/.test(data)) throw new Error('Code 128 data must be printable ASCII');
  const out: string[] = [];
  let set: 'B' | 'C' | '' = '';
  let i = 0;
  while (i < data.length) {
    let run = 0;
    while (i + run < data.length && /\d/.test(data[i + run]!)) run++;
    if (run >= 4) {
      if (run % 2 === 1) {
        if (set !== 'B') out.push(set === '' ? 'startB' : '{B');
        set = 'B';
        out.push(data[i]!);
        i++;
        run--;
      }
      if (set !== 'C') out.push(set === '' ? 'startC' : '{C');
      set = 'C';
      for (let k = 0; k < run; k += 2) out.push(data.slice(i + k, i + k + 2));
      i += run;
    } else {
      if (set !== 'B') out.push(set === '' ? 'startB' : '{B');
      set = 'B';
      out.push(data[i]!);
      i++;
    }
  }
  // The start symbol is counted by the caller.
  return out.filter((s) => !s.startsWith('start'));
}
