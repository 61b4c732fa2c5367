import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { normalizePath, type Plugin } from 'vite';

/**
 * The store worker's thread is its own bundle (electron-vite's `?modulePath` import, in
 * src/main/store/worker/bundled.build.ts). From source there is no bundle, so the module that says
 * where it is (bundled.ts: null) is replaced in this build only by bundled.build.ts.
 */
function storeWorkerBundle(): Plugin {
  const fromSource = normalizePath(resolve(__dirname, 'src/main/store/worker/bundled.ts'));
  const built = resolve(__dirname, 'src/main/store/worker/bundled.build.ts');
  return {
    name: 'quay:store-worker-bundle',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('/bundled')) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && normalizePath(r.id) === fromSource ? built : null;
    },
  };
}

// electron-vite takes its Node and Chrome targets from the installed Electron package. Where that
// package is missing (an npm older than 11.16 drops it when the binary's download fails, see
// tools/electron), the targets come from the version tools/electron asks for, so the build that
// browser mode needs still works.
const electronTools = JSON.parse(readFileSync(resolve(__dirname, 'tools/electron/package.json'), 'utf8')) as { optionalDependencies: { electron: string } };
process.env['ELECTRON_MAJOR_VER'] ??= electronTools.optionalDependencies.electron.split('.')[0];

// main and preload are CommonJS (package.json has no "type": "module"); the preload runs sandboxed,
// so every dependency it uses (zod, the contract) is bundled into it rather than required.
export default defineConfig({
  main: {
    plugins: [storeWorkerBundle()],
    build: {
      outDir: 'out/main',
      // zod and uuid bundled rather than required: Node loads zod's CommonJS build as ~100 files and
      // uuid (ESM only) through its slower require(esm) path, ~90 ms of CPU before a counter opens.
      externalizeDeps: { exclude: ['zod', 'uuid'] },
      // browser: browser mode's entry (src/main/bridge/start.ts), run by `npm start` with plain Node.
      // playwright-core (a development tool) prints browser mode's PDFs: required at run time, not bundled.
      rolldownOptions: { input: { index: resolve(__dirname, 'src/main/index.ts'), browser: resolve(__dirname, 'src/main/bridge/start.ts') }, external: ['playwright-core'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      target: 'chrome130',
      // electron-vite leaves the renderer unminified; minified, the scripts the log-in screen waits
      // for are a third of the size to fetch and parse.
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
