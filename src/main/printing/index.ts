/**
 * Printing, public surface for the composition root and the IPC handlers:
 * model (src/shared/print-model) → layout/raster (raster.ts) → ESC/POS (escpos.ts) → transport
 * (transports/*) → durable queue (service.ts). A4 documents: a4.ts (HTML → PDF with Chromium in
 * Node; in Electron pass the same HTML to webContents.printToPDF / print from src/main/electron).
 */
export { createPrintService, JOB_STATE_VI, type PrintService, type PrintActor, type JobView, type JobState, type PrinterStatusView, type AttemptView } from './service';
export { loadProfiles, parseProfile, createTransport, printerProfileSchema, type PrinterProfile } from './profiles';
export { PRINTER_STATE_VI, type PrinterState } from './status';
export { buildJobBytes } from './build';
export { handoverRecordHtml, htmlToPdf } from './a4';
export type { Transport, SendResult, SendOutcome } from './transports/types';
