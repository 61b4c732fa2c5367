import type { PrinterState } from '../status';

/**
 * How a send ended, as far as the link can tell:
 * - not_sent: not a byte of the job left this process (safe to retry automatically);
 * - confirmed: every byte was handed over and the printer (or file) confirmed it;
 * - unconfirmed: every byte was handed over but this link cannot confirm printing (spooler, device);
 * - partial: some or all bytes may have reached the printer and it did not confirm: a person must decide.
 */
export type SendOutcome = 'not_sent' | 'confirmed' | 'unconfirmed' | 'partial';

export interface SendResult {
  outcome: SendOutcome;
  bytesTotal: number;
  /** Bytes handed to the link (socket.write called, file write issued); > 0 forbids an automatic retry. */
  bytesOffered: number;
  /** Bytes the link reports written (write callbacks, helper report). */
  bytesWritten: number;
  /** Bytes the printer confirmed processing (the in-order status reply after the data). */
  bytesConfirmed: number;
  /** State read before (or after) the send. */
  state: PrinterState;
  error?: string;
}

export interface Transport {
  readonly kind: 'tcp' | 'spooler' | 'file';
  /** Reads the printer's state without sending a job. */
  status(): Promise<PrinterState>;
  send(bytes: Uint8Array): Promise<SendResult>;
}
