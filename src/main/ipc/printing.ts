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
import type { PrintAdmin } from './print-admin';
import { configuredProfiles, createPrintAdmin } from './print-admin';
import type { PrintPort } from './service-handlers';

export interface Printing {
  port: PrintPort;
  service: PrintService;
  admin: PrintAdmin;
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

/**
 * Starts the queue with the profiles a manager saved (or `defaults`, the bundled templates on a new
 * counter). Saving new settings restarts the queue behind the same port, so the screens keep working.
 */
export function startPrinting(
  app: App,
  defaults: PrinterProfile[],
  opts: { statusPollMs?: number; htmlToPdf?: (html: string) => Promise<Uint8Array>; printHtml?: (html: string) => Promise<void>; templates?: PrinterProfile[] } = {},
): Printing {
  let profiles = configuredProfiles(app, defaults);
  const make = (list: PrinterProfile[]) => {
    const s = createPrintService({ db: app.db, clock: app.ctx.clock, profiles: list, statusPollMs: opts.statusPollMs ?? 0 });
    s.start();
    return s;
  };
  let current = make(profiles);
  // One stable object for everyone holding the queue; it always forwards to the running one.
  const service = new Proxy({} as PrintService, { get: (_t, key) => current[key as keyof PrintService] });
  const admin = createPrintAdmin(app, () => current, () => profiles, opts.templates ?? defaults, async (list) => {
    await current.stop();
    profiles = list;
    current = make(list);
  });
  const a4 = { ...(opts.htmlToPdf ? { htmlToPdf: opts.htmlToPdf } : {}), ...(opts.printHtml ? { printHtml: opts.printHtml } : {}) };
  return { port: queuePrinter(app, service, a4), service, admin, stop: () => current.stop() };
}
