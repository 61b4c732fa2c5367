/**
 * Electron entry: build the application (createApp) in the user-data folder, wire the registry, and
 * hand it to the Electron shell.
 */
import { join } from 'node:path';
import { createApp } from './app';
import { startElectron } from './electron/main';
import { wire } from './ipc/wire';

startElectron({
  boot(dataDir, resourcesDir) {
    const app = createApp({ dataDir, ...(resourcesDir ? { resourcesDir: join(resourcesDir, 'resources') } : {}) });
    return { wired: wire(app), close: () => app.close() };
  },
});
