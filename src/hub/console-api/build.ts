/**
 * The console's pages (src/hub/console/, React) are built by Vite into out/console. `npm run hub`
 * builds them when they are missing, so a fresh checkout serves a working console; a hub installed
 * without the build tools (npm ci --workspace src/hub) serves whatever was built and shipped.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** As Vite names modules: forward slashes on every platform. */
const SHARED = `${join(ROOT, 'src/shared').replace(/\\/g, '/')}/`;

export const consoleDir = (): string => process.env.HUB_CONSOLE_DIR ?? join(ROOT, 'out', 'console');

/** Builds the console into `outDir` (tests build into a temp folder). */
export async function buildConsole(outDir: string): Promise<string> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    root: join(ROOT, 'src/hub/console'),
    base: '/console/',
    configFile: false,
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      modulePreload: { polyfill: false },
      // src/shared is pure (no module does anything when loaded: eslint keeps platform imports out),
      // so the pages take only what they use from it: the complaint labels, not the zod schemas and
      // the calendar that cases.ts also imports.
      rollupOptions: { treeshake: { moduleSideEffects: (id) => !id.startsWith(SHARED) } },
    },
  });
  return outDir;
}

export async function ensureConsoleBuilt(): Promise<void> {
  const dir = consoleDir();
  if (existsSync(join(dir, 'index.html'))) return;
  try {
    console.error('Đang dựng trang quản trị (/console/) lần đầu…');
    await buildConsole(dir);
  } catch (err) {
    console.error(`Không dựng được trang quản trị (${err instanceof Error ? err.message : String(err)}); máy chủ vẫn chạy, /console/ báo chưa dựng.`);
  }
}
