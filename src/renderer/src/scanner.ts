/**
 * Tells a barcode scanner from a person typing. A scanner "types" a whole code in a burst, a few
 * milliseconds between keys, and ends it with Enter or Tab; people type 80–300 ms apart. Decided on
 * each key's `event.timeStamp` (when the key happened), never on when the handler happens to run, so
 * a busy main thread does not turn typing into a scan or a scan into typing.
 */
export interface ScanKey {
  key: string;
  timeStamp: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. */
  modified?: boolean;
}

export interface ScanDetectorOptions {
  /** Largest gap between two keys of one scan, ms. */
  maxGapMs?: number;
  /** Fewest characters a scan has. */
  minLength?: number;
}

export type ScanVerdict =
  | { kind: 'none' }
  /** The burst ended with a suffix key: `code` was scanned; its `length` characters went to the focused field. */
  | { kind: 'scan'; code: string };

export class ScanDetector {
  private buf: ScanKey[] = [];
  private readonly maxGap: number;
  private readonly minLength: number;
  constructor(opts: ScanDetectorOptions = {}) {
    this.maxGap = opts.maxGapMs ?? 50;
    this.minLength = opts.minLength ?? 8;
  }

  /** Feed every keydown; returns a scan when a fast burst ends with Enter or Tab. */
  feed(k: ScanKey): ScanVerdict {
    const last = this.buf.at(-1);
    if (k.modified) {
      this.buf = [];
      return { kind: 'none' };
    }
    if (k.key === 'Enter' || k.key === 'Tab') {
      const burst = this.buf;
      this.buf = [];
      if (burst.length >= this.minLength && last && k.timeStamp - last.timeStamp <= this.maxGap && this.isBurst(burst)) {
        return { kind: 'scan', code: burst.map((b) => b.key).join('') };
      }
      return { kind: 'none' };
    }
    if (k.key.length !== 1) {
      // Shift (scanners send it for capitals) does not break a burst; other keys do.
      if (k.key !== 'Shift') this.buf = [];
      return { kind: 'none' };
    }
    if (last && k.timeStamp - last.timeStamp > this.maxGap) this.buf = [];
    this.buf.push(k);
    return { kind: 'none' };
  }

  /** How many characters of the current burst are pending (so a scan can be taken back out of a field). */
  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = [];
  }

  private isBurst(keys: ScanKey[]): boolean {
    for (let i = 1; i < keys.length; i++) {
      if (keys[i]!.timeStamp - keys[i - 1]!.timeStamp > this.maxGap) return false;
    }
    return true;
  }
}
