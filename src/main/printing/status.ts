/** Printer states as the status bar shows them, and the ESC/POS status bytes they come from. */

export type PrinterState = 'ready' | 'paper_near_end' | 'paper_out' | 'cover_open' | 'offline' | 'error' | 'unknown';

export const PRINTER_STATE_VI: Record<PrinterState, string> = {
  ready: 'Sẵn sàng',
  paper_near_end: 'Sắp hết giấy',
  paper_out: 'Hết giấy',
  cover_open: 'Nắp máy in đang mở',
  offline: 'Mất kết nối máy in',
  error: 'Máy in báo lỗi',
  unknown: 'Chưa rõ trạng thái',
};

/** True when a job may be sent in this state. */
export function canPrint(s: PrinterState): boolean {
  return s === 'ready' || s === 'paper_near_end' || s === 'unknown';
}

/** A DLE EOT reply has bit 1 and bit 4 set and bits 0 and 7 clear. */
export function isRealtimeStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/**
 * Interprets the three DLE EOT replies (n = 1 printer, 2 offline cause, 4 paper sensor).
 * Epson ESC/POS: n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped by paper end, bit 6 error;
 * n=4 bits 2-3 paper near end, bits 5-6 paper end.
 */
export function parseRealtimeStatus(printer: number, offline: number, paper: number): PrinterState {
  if (offline & 0x04) return 'cover_open';
  if (paper & 0x60 || offline & 0x20) return 'paper_out';
  if (offline & 0x40) return 'error';
  if (printer & 0x08) return 'offline';
  if (paper & 0x0c) return 'paper_near_end';
  return 'ready';
}

/** GS r 1 reply (paper sensor, processed in order): bits 2-3 paper end, bits 0-1 near end; bit 4 and 7 clear. */
export function isInOrderPaperStatusByte(b: number): boolean {
  return (b & 0x90) === 0;
}

export function parseInOrderPaperStatus(b: number): PrinterState {
  if (b & 0x0c) return 'paper_out';
  if (b & 0x03) return 'paper_near_end';
  return 'ready';
}
