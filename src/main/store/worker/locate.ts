/**
 * Finding the store worker's script, in every way the application runs:
 * - Electron (development and packaged): electron-vite built store-thread.ts as its own bundle
 *   beside the main bundle (bundled.ts says where). In the packaged app that file is unpacked from
 *   the asar (electron-builder.yml, asarUnpack), like the SQLite driver, and is loaded from there
 *   with plain file access.
 * - From source (browser mode and scripts under tsx, tests under vitest): from-source.mjs, which runs
 *   store-thread.ts through tsx in the worker's thread (on Node 20 a worker does not inherit the
 *   TypeScript loader of the thread that starts it).
 */
import { join } from 'node:path';
import { bundledWorkerPath } from './bundled';

/**
 * In the packaged app the driver and the worker's bundle sit in app.asar.unpacked (electron-builder.yml,
 * asarUnpack); a worker thread loads them from there with plain file access rather than through the
 * asar shim.
 */
export function unpackedPath(p: string): string {
  return p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/**
 * The file to start the worker thread from. `bundled`: where the build put store-thread.ts's bundle
 * (null from source); `sourceDir`: the folder of this module's sources.
 */
export function locateStoreWorker(bundled: string | null = bundledWorkerPath, sourceDir: string = __dirname): string {
  return bundled !== null ? unpackedPath(bundled) : join(sourceDir, 'from-source.mjs');
}
