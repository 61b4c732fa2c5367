/**
 * Electron entry: build the application (createApp) in the user-data folder, wire the registry, and
 * hand it to the Electron shell.
 */
import { join } from 'node:path';
import { createApp } from './app';
import { startElectron } from './electron/main';
import { electronHtmlToPdf, electronPrintHtml } from './electron/pdf';
import { filePrinterProfile, startPrinting } from './ipc/printing';
import { wire } from './ipc/wire';
import { loadProfiles } from './printing/profiles';
import { SyncWorker } from './sync/worker';
import { createMaintenance } from './maintenance';
import { restoreFromBackup } from './store/restore';
import { electronSecretBox } from './electron/secrets';

startElectron({
  boot(dataDir, resourcesDir) {
    // `--restore=<backup file>` (IT, after a disk failure): see store/restore.ts.
    const restore = process.argv.find((a) => a.startsWith('--restore='));
    if (restore) restoreFromBackup(dataDir, restore.slice('--restore='.length));
    const app = createApp({ dataDir, secrets: electronSecretBox(), ...(resourcesDir ? { resourcesDir: join(resourcesDir, 'resources') } : {}) });
    // The bundled profiles are templates; a new counter starts on the default one until a manager
    // configures the real printer on the printer screen (saved in the store).
    const templates = loadProfiles(join(app.resourcesDir, 'printers'));
    const first = templates.find((p) => p.isDefault) ?? templates[0];
    const defaults = first ? [first] : [filePrinterProfile(dataDir)];
    const printing = startPrinting(app, defaults, { statusPollMs: 30_000, htmlToPdf: electronHtmlToPdf, printHtml: (html) => electronPrintHtml(html), templates: [...templates, filePrinterProfile(dataDir)] });
    const sync = new SyncWorker({ ctx: app.ctx, onReferenceChanged: () => app.refreshReference(), pollIntervalMs: 30_000 });
    sync.start();
    const maintenance = createMaintenance(app.db, dataDir);
    maintenance.start();
    return {
      wired: wire(app, { printer: printing.port, printAdmin: printing.admin, syncWorker: sync }),
      close: () => {
        void Promise.all([maintenance.stop(), printing.stop(), sync.stop()]).finally(() => app.close());
      },
    };
  },
});
