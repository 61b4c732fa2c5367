/**
 * Starts the durable print queue for the counter and adapts it to the screens' PrintPort.
 * Electron uses the configured printer profiles; browser mode and tests use a file printer in the
 * data folder (the bytes land in a file, the queue behaves exactly as with a real printer).
 */
import { join } from 'node:path';
import type { App } from '../app';
import type { PrinterProfile } from '../printing/profiles';
import { parseProfile } from '../printing/profiles';
import type { PrintService } from '../printing/service';
import { createPrintService } from '../printing/service';
import { queuePrinter } from './print-port';
import type { PrintPort } from './service-handlers';

export interface Printing {
  port: PrintPort;
  service: PrintService;
  stop(): Promise<void>;
}

export function filePrinterProfile(dataDir: string): PrinterProfile {
  return parseProfile({
    id: 'file-printer',
    name: 'Máy in tệp (chế độ thử)',
    model: 'ESC/POS to file',
    widthMm: 80,
    dots: 576,
    transport: { kind: 'file', path: join(dataDir, 'printer-output.bin'), append: true },
    cutter: true,
    drawer: false,
  });
}

export function startPrinting(app: App, profiles: PrinterProfile[], opts: { statusPollMs?: number; htmlToPdf?: (html: string) => Promise<Uint8Array> } = {}): Printing {
  const service = createPrintService({ db: app.db, clock: app.ctx.clock, profiles, statusPollMs: opts.statusPollMs ?? 0 });
  service.start();
  return { port: queuePrinter(app, service, opts.htmlToPdf ? { htmlToPdf: opts.htmlToPdf } : {}), service, stop: () => service.stop() };
}
