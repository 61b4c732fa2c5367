/**
 * Printing, public surface for the composition root:
 * model (src/shared/print-model) → layout/raster (raster.ts) → ESC/POS (escpos.ts) → transport
 * (transports/*) → durable queue (service.ts and its queue-*.ts parts). The counter's printing
 * (start.ts) puts the queue behind the print port (port.ts) with the receipts of each kind
 * (documents.ts), the A4 handover record (handover-record.ts, a4.ts: HTML → PDF with Chromium in
 * Node; in Electron the same HTML goes to webContents.printToPDF / print from src/main/electron) and
 * the printer a manager configured (settings.ts).
 */
export { createPrintService, type PrintService, type PrintServiceDeps } from './service';
export { JOB_STATE_VI, type PrintActor, type JobView, type JobState, type PrinterStatusView, type AttemptView } from './queue-store';
export type { RetryPolicy } from './queue-sender';
export { loadProfiles, parseProfile, createTransport, printerProfileSchema, type PrinterProfile } from './profiles';
export { PRINTER_STATE_VI, type PrinterState } from './status';
export { buildJobBytes } from './build';
export { handoverRecordHtml } from './a4';
export type { Transport, SendResult, SendOutcome } from './transports/types';
export { filePrinterOutput, filePrinterProfile, noPrinting, startPrinting, type Printing, type PrintingOptions } from './start';
export { noPrinter, type PrintKind, type PrintPort } from './port';
export type { DocumentSources, FeePayment } from './documents';
export type { RecordSources } from './handover-record';
