/**
 * Raw TCP (port 9100) transport. Before a job: DLE EOT 1/2/4 (online, cover, paper); a printer that
 * is not ready gets not a byte of the job. After the job: GS r 1, which the printer answers only when
 * it has processed everything before it, so a reply confirms the whole job. Timeouts scale with the
 * job's size; the socket is closed cleanly (end, then wait for close). Bytes offered, written and
 * confirmed are reported separately so the queue never guesses.
 */
import { Socket } from 'node:net';
import { cmd } from '../escpos';
import { canPrint, isInOrderPaperStatusByte, isRealtimeStatusByte, parseInOrderPaperStatus, parseRealtimeStatus, type PrinterState } from '../status';
import type { SendResult, Transport } from './types';

export interface TcpOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  /** Ask DLE EOT before sending (default true). */
  statusQuery?: boolean;
  /** Ask GS r 1 after the job and wait for it (default true); false means the job ends sent-unconfirmed. */
  confirm?: boolean;
  /** Floor of the job timeout. */
  minJobTimeoutMs?: number;
  /** Slowest throughput we accept (bytes/s) when scaling the job timeout to its size. */
  minBytesPerSecond?: number;
  closeTimeoutMs?: number;
  chunkBytes?: number;
}

/** Time allowed for a job of `bytes` bytes: the floor plus the size at the slowest accepted rate. */
export function jobTimeoutMs(bytes: number, o: Pick<TcpOptions, 'minJobTimeoutMs' | 'minBytesPerSecond'> = {}): number {
  return (o.minJobTimeoutMs ?? 5000) + Math.ceil((bytes / (o.minBytesPerSecond ?? 8000)) * 1000);
}

class Conn {
  private inbox: number[] = [];
  private wake: (() => void) | null = null;
  closed = false;
  error: Error | null = null;
  private closedPromise: Promise<void>;

  private constructor(readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      for (const b of d) this.inbox.push(b);
      this.wake?.();
    });
    sock.on('error', (e) => {
      this.error = e;
      this.wake?.();
    });
    this.closedPromise = new Promise((resolve) => {
      sock.on('close', () => {
        this.closed = true;
        this.wake?.();
        resolve();
      });
    });
  }

  static connect(host: string, port: number, timeoutMs: number): Promise<Conn> {
    return new Promise((resolve, reject) => {
      const sock = new Socket();
      sock.setNoDelay(true);
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error(`connect timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      sock.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      sock.connect(port, host, () => {
        clearTimeout(timer);
        sock.removeAllListeners('error');
        resolve(new Conn(sock));
      });
    });
  }

  /** Waits for the first incoming byte matching `pred` (others are dropped); null on timeout or close. */
  async readByte(pred: (b: number) => boolean, timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.inbox.length > 0) {
        const b = this.inbox.shift()!;
        if (pred(b)) return b;
      }
      if (this.closed || this.error) return null;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Resolves true when the write callback reports success, false on error, close or timeout. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<boolean> {
    if (this.closed || this.error) return Promise.resolve(false);
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(t);
        this.sock.off('close', onClose);
        resolve(v);
      };
      const onClose = (): void => finish(false);
      const t = setTimeout(() => finish(false), timeoutMs);
      this.sock.once('close', onClose);
      this.sock.write(bytes, (err) => finish(!err));
    });
  }

  /** end() and wait for the close; destroy after the timeout. True when the close was clean. */
  async close(timeoutMs: number): Promise<boolean> {
    if (this.closed) return !this.error;
    this.sock.end();
    const clean = await Promise.race([this.closedPromise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
    if (!clean) this.sock.destroy();
    return clean && !this.error;
  }

  destroy(): void {
    this.sock.destroy();
  }
}

export class TcpTransport implements Transport {
  readonly kind = 'tcp' as const;
  private readonly o: Required<TcpOptions>;

  constructor(opts: TcpOptions) {
    this.o = {
      port: 9100,
      connectTimeoutMs: 3000,
      statusTimeoutMs: 1500,
      statusQuery: true,
      confirm: true,
      minJobTimeoutMs: 5000,
      minBytesPerSecond: 8000,
      closeTimeoutMs: 2000,
      chunkBytes: 16 * 1024,
      ...opts,
    };
  }

  private async readStatus(c: Conn): Promise<PrinterState> {
    const replies: number[] = [];
    for (const n of [1, 2, 4] as const) {
      if (!(await c.write(Uint8Array.from(cmd.status(n)), this.o.statusTimeoutMs))) return 'offline';
      const b = await c.readByte(isRealtimeStatusByte, this.o.statusTimeoutMs);
      if (b === null) return 'offline';
      replies.push(b);
    }
    return parseRealtimeStatus(replies[0]!, replies[1]!, replies[2]!);
  }

  async status(): Promise<PrinterState> {
    let c: Conn;
    try {
      c = await Conn.connect(this.o.host, this.o.port, this.o.connectTimeoutMs);
    } catch {
      return 'offline';
    }
    try {
      return this.o.statusQuery ? await this.readStatus(c) : 'unknown';
    } finally {
      await c.close(this.o.closeTimeoutMs);
    }
  }

  async send(bytes: Uint8Array): Promise<SendResult> {
    const r: SendResult = { outcome: 'not_sent', bytesTotal: bytes.length, bytesOffered: 0, bytesWritten: 0, bytesConfirmed: 0, state: 'unknown' };
    let c: Conn;
    try {
      c = await Conn.connect(this.o.host, this.o.port, this.o.connectTimeoutMs);
    } catch (e) {
      r.state = 'offline';
      r.error = (e as Error).message;
      return r;
    }
    if (this.o.statusQuery) {
      r.state = await this.readStatus(c);
      if (!canPrint(r.state)) {
        r.error = r.state === 'offline' ? 'no status reply' : `printer not ready: ${r.state}`;
        await c.close(this.o.closeTimeoutMs);
        return r;
      }
    }
    const deadline = Date.now() + jobTimeoutMs(bytes.length, this.o);
    for (let off = 0; off < bytes.length; off += this.o.chunkBytes) {
      const chunk = bytes.subarray(off, Math.min(bytes.length, off + this.o.chunkBytes));
      r.bytesOffered += chunk.length;
      const ok = await c.write(chunk, Math.max(1, deadline - Date.now()));
      if (!ok) {
        r.outcome = 'partial';
        r.state = 'offline';
        r.error = c.error?.message ?? (c.closed ? 'connection closed by printer during the job' : 'write timed out');
        c.destroy();
        return r;
      }
      r.bytesWritten += chunk.length;
    }
    if (this.o.confirm) {
      const ok = await c.write(Uint8Array.from(cmd.paperStatusInOrder()), Math.max(1, deadline - Date.now()));
      const b = ok ? await c.readByte(isInOrderPaperStatusByte, Math.max(1, deadline - Date.now())) : null;
      if (b === null) {
        r.outcome = 'partial';
        r.error = c.error?.message ?? (c.closed ? 'connection closed before the printer confirmed' : 'no confirmation before the job timeout');
        r.state = 'unknown';
        c.destroy();
        return r;
      }
      r.state = parseInOrderPaperStatus(b);
      if (r.state === 'paper_out') {
        r.outcome = 'partial';
        r.error = 'paper ran out during the job';
        await c.close(this.o.closeTimeoutMs);
        return r;
      }
      r.bytesConfirmed = bytes.length;
      r.outcome = 'confirmed';
      await c.close(this.o.closeTimeoutMs);
      return r;
    }
    const clean = await c.close(this.o.closeTimeoutMs);
    r.outcome = clean ? 'unconfirmed' : 'partial';
    if (!clean) r.error = 'the connection did not close cleanly';
    return r;
  }
}
