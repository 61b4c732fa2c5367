/**
 * A fake ESC/POS network printer on a free loopback port. It frames the incoming stream like a
 * printer does (so status-looking bytes inside raster data are not taken for commands), answers
 * DLE EOT 1/2/4 in real time and GS r 1 only after the data before it was "printed", and can inject
 * faults: refuse connections, stall (stop reading), close after N bytes of a job, run out of paper
 * after N bytes, report paper-out or cover-open, or never answer status at all.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { nextCommand } from './escpos-decoder';

export interface ReceivedJob {
  /** Every byte of the job as received (status commands removed). */
  bytes: Uint8Array;
  /** The job ended with a cut. */
  cut: boolean;
  connection: number;
}

export class FakePrinter {
  port = 0;
  readonly host = '127.0.0.1';
  paperOut = false;
  coverOpen = false;
  /** Never answer status commands (a printer without status support, or a dead firmware). */
  silent = false;
  /** Stop reading once the job starts (status queries before it are still answered). */
  stall = false;
  /** Close the connection after this many job bytes. */
  closeAfterBytes: number | null = null;
  /** Paper runs out after this many job bytes: the printer stops processing (no GS r reply). */
  paperOutAfterBytes: number | null = null;
  /** Delay before answering GS r 1, as if printing took time. */
  printDelayMs = 0;

  readonly jobs: ReceivedJob[] = [];
  connections = 0;
  statusQueries = 0;
  private server: Server | null = null;
  private sockets = new Set<Socket>();

  async start(port = 0): Promise<this> {
    this.server = createServer((s) => this.onConnection(s));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.host, () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Stop listening: new connections are refused (ECONNREFUSED), the port is kept for later. */
  async refuse(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  async accept(): Promise<void> {
    if (!this.server) await this.start(this.port);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await this.refuse();
  }

  /** Jobs that arrived, decoded later by the tests. */
  get completeJobs(): ReceivedJob[] {
    return this.jobs.filter((j) => j.cut);
  }

  private statusByte(n: number): number {
    const offline = this.paperOut || this.coverOpen;
    if (n === 1) return 0x12 | (offline ? 0x08 : 0);
    if (n === 2) return 0x12 | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
    if (n === 4) return 0x12 | (this.paperOut ? 0x60 : 0);
    return 0x12;
  }

  private onConnection(sock: Socket): void {
    const conn = ++this.connections;
    this.sockets.add(sock);
    let buf = new Uint8Array(0);
    let off = 0;
    const job: number[] = [];
    let jobBytes = 0;
    let stopped = false; // stopped processing (paper ran out mid-job)
    let cut = false;
    const pendingReplies: number[] = [];
    const finish = (): void => {
      this.sockets.delete(sock);
      if (job.length > 0) this.jobs.push({ bytes: Uint8Array.from(job), cut, connection: conn });
    };
    sock.on('close', finish);
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => {
      const merged = new Uint8Array(buf.length - off + d.length);
      merged.set(buf.subarray(off));
      merged.set(d, buf.length - off);
      buf = merged;
      off = 0;
      for (;;) {
        const r = nextCommand(buf, off);
        if (!r) break;
        const raw = buf.subarray(off, off + r.len);
        off += r.len;
        if (r.cmd.op === 'realtimeStatus') {
          this.statusQueries++;
          if (!this.silent) sock.write(Uint8Array.of(this.statusByte(r.cmd.n)));
          continue;
        }
        if (r.cmd.op === 'statusInOrder') {
          if (this.silent || stopped || this.stall) continue;
          pendingReplies.push(this.paperOut ? 0x0c : 0x00);
          setTimeout(() => {
            const b = pendingReplies.shift();
            if (b !== undefined && !sock.destroyed) sock.write(Uint8Array.of(b));
          }, this.printDelayMs);
          continue;
        }
        // Job data.
        if (this.stall) {
          for (const b of raw) job.push(b);
          sock.pause();
          return;
        }
        for (const b of raw) {
          job.push(b);
          jobBytes++;
          if (this.closeAfterBytes !== null && jobBytes >= this.closeAfterBytes) {
            sock.destroy();
            return;
          }
          if (this.paperOutAfterBytes !== null && jobBytes >= this.paperOutAfterBytes && !stopped) {
            stopped = true;
            this.paperOut = true;
          }
        }
        if (r.cmd.op === 'cut' && !stopped) cut = true;
      }
    });
  }
}
