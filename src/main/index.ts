/**
 * Electron entry: build the application (createApp) in the user-data folder, wire the registry, and
 * hand it to the Electron shell.
 */
import { join } from 'node:path';
import { createApp } from './app';
import { startElectron } from './electron/main';
import { electronHtmlToPdf } from './electron/pdf';
import { filePrinterProfile, startPrinting } from './ipc/printing';
import { wire } from './ipc/wire';
import { loadProfiles } from './printing/profiles';

startElectron({
  boot(dataDir, resourcesDir) {
    const app = createApp({ dataDir, ...(resourcesDir ? { resourcesDir: join(resourcesDir, 'resources') } : {}) });
    let profiles = loadProfiles(join(app.resourcesDir, 'printers'));
    if (profiles.length === 0) profiles = [filePrinterProfile(dataDir)];
    const printing = startPrinting(app, profiles, { statusPollMs: 30_000, htmlToPdf: electronHtmlToPdf });
    return {
      wired: wire(app, { printer: printing.port }),
      close: () => void printing.stop().finally(() => app.close()),
    };
  },
});
