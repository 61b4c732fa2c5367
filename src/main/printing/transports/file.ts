/**
 * File transport: writes the job to a file (an archive or test sink) or to a device node such as
 * /dev/usb/lp0. A regular file is confirmed once written and fsynced; a device cannot confirm printing.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { SendResult, Transport } from './types';

export interface FileOptions {
  path: string;
  /** A printer device: every byte written still ends sent-unconfirmed. */
  device?: boolean;
  /** Append (a sink collecting jobs) instead of replacing the file. */
  append?: boolean;
}

export class FileTransport implements Transport {
  readonly kind = 'file' as const;
  constructor(private readonly o: FileOptions) {}

  async status(): Promise<'ready' | 'offline'> {
    try {
      closeSync(openSync(this.o.path, 'a'));
      return 'ready';
    } catch {
      return 'offline';
    }
  }

  async send(bytes: Uint8Array): Promise<SendResult> {
    const r: SendResult = { outcome: 'not_sent', bytesTotal: bytes.length, bytesOffered: 0, bytesWritten: 0, bytesConfirmed: 0, state: 'unknown' };
    let fd: number;
    try {
      fd = openSync(this.o.path, this.o.append || this.o.device ? 'a' : 'w');
    } catch (e) {
      r.state = 'offline';
      r.error = (e as Error).message;
      return r;
    }
    try {
      r.bytesOffered = bytes.length;
      while (r.bytesWritten < bytes.length) r.bytesWritten += writeSync(fd, bytes, r.bytesWritten);
      if (!this.o.device) fsyncSync(fd);
      r.state = 'ready';
      if (this.o.device) r.outcome = 'unconfirmed';
      else {
        r.outcome = 'confirmed';
        r.bytesConfirmed = bytes.length;
      }
    } catch (e) {
      r.outcome = 'partial';
      r.error = (e as Error).message;
    } finally {
      closeSync(fd);
    }
    return r;
  }
}
