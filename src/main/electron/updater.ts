/**
 * Thin Electron wiring of updates: electron-updater's platform updater (NsisUpdater on the counters'
 * Windows, built on Electron's app and net) handed to the counter's update service, which decides
 * where from, when to check and when to install (src/main/update). Tested there with the same class
 * built on a test app adapter.
 */
import electronUpdater from 'electron-updater';
import type { UpdateService } from '../update/service';

export function startUpdater(updates: UpdateService, quit: () => void): void {
  const { autoUpdater, BaseUpdater } = electronUpdater;
  // macOS's updater has no silent install; counters run Windows (and AppImage on Linux for tests).
  if (!(autoUpdater instanceof BaseUpdater)) return;
  updates.attach(autoUpdater, { quit });
}
