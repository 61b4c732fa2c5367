/**
 * Electron entry: the counter (createCounter, counter.ts) in the user-data folder, with what only
 * Electron has: the OS's protection for the hub token, A4 through Chromium's printToPDF and the
 * office printer; then handed to the Electron shell (electron/main.ts).
 */
import { dirname, join } from 'node:path';
import { createCounter } from './counter';
import { startElectron } from './electron/main';
import { electronHtmlToPdf, electronPrintHtml } from './electron/pdf';
import { electronKeyStore, electronSecretBox } from './electron/secrets';
import { createMainLog } from './log';
import { restoreFromBackup, restoreKey } from './store/restore';

// Everything this process writes (store, logs, documents, printer output) is its user's only.
process.umask(0o077);

startElectron({
  boot(dataDir, resourcesDir) {
    // <user data>/logs/main.log, beside the data folder (src/main/log.ts).
    const log = createMainLog({ dir: join(dirname(dataDir), 'logs'), console: true });
    // `--restore=<backup file>` (IT, after a disk failure), with `--recovery-code=<code>` on a new
    // machine; `--recovery-code=<code>` alone for a data folder copied here whole: see store/restore.ts.
    const arg = (name: string) => process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
    const restore = arg('--restore');
    const recoveryCode = arg('--recovery-code');
    const keyStore = electronKeyStore();
    if (restore) restoreFromBackup(dataDir, restore, Date.now, (p) => log.info(`restore ${p.percent}%: ${p.message}`), { keyStore, ...(recoveryCode ? { recoveryCode } : {}) });
    else if (recoveryCode) restoreKey(dataDir, recoveryCode, keyStore);
    const counter = createCounter({
      dataDir,
      secrets: electronSecretBox(),
      keyStore,
      ...(resourcesDir ? { resourcesDir: join(resourcesDir, 'resources') } : {}),
      // The bundled profiles are templates; a new counter starts on the default one until a manager
      // configures the real printer on the printer screen (saved in the store).
      printing: { startOn: 'bundled', statusPollMs: 30_000, htmlToPdf: electronHtmlToPdf, printHtml: (html) => electronPrintHtml(html) },
      sync: { pollIntervalMs: 30_000 },
      // The retention purge's counts only (never content) go to the log too (services/retention.ts).
      maintenance: { onPurge: (c) => log.info(`retention purge: ${c.dossiers} dossiers, ${c.cases} cases, ${c.operations} operations, ${c.printJobs} print jobs`) },
      log,
      updateLog: log,
    });
    return { wired: counter, close: () => void counter.close(), updates: counter.updates };
  },
});
