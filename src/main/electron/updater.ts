/**
 * Thin electron-updater wiring: check at start and every 4 hours, download in the background,
 * install on the next quit (never in the middle of a counter session).
 */
import electronUpdater from 'electron-updater';

export function startUpdater(): void {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('error', (err) => console.warn('updater:', err.message));
  const check = () => void autoUpdater.checkForUpdates().catch((err: Error) => console.warn('updater:', err.message));
  check();
  setInterval(check, 4 * 60 * 60 * 1000).unref();
}
