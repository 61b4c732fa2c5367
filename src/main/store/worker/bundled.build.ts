/// <reference types="electron-vite/node" />
/**
 * In the Electron build only (electron.vite.config.ts swaps it for bundled.ts): electron-vite builds
 * store-thread.ts as its own bundle and this import is the absolute path of that bundle at run time.
 */
import threadBundle from './store-thread?modulePath';

export const bundledWorkerPath: string | null = threadBundle;
