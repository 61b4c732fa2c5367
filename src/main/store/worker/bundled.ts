/**
 * Where electron-vite put the store worker's bundle: null here, when the code runs from source (tsx
 * in browser mode and scripts, vitest in tests). The Electron build (electron.vite.config.ts) puts
 * bundled.build.ts in this module's place, which imports the thread `?modulePath`.
 */
export const bundledWorkerPath: string | null = null;
