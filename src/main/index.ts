/**
 * Electron entry: open the store, wire the registry, hand both to the Electron shell.
 */
import { join } from 'node:path';
import { openStore } from './store/db';
import { startElectron } from './electron/main';
import { wire } from './ipc/wire';

startElectron({
  boot(dataDir) {
    const db = openStore(join(dataDir, 'quay.sqlite'));
    return { wired: wire({ db }), close: () => db.close() };
  },
});
