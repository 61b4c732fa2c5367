/**
 * Browser mode's entry: the counter application without Electron. Runs the same main-process
 * services in Node, serves the built renderer on 127.0.0.1 with a per-run secret, and prints the URL.
 * Data folder: $QUAY_DATA_DIR, or ~/.config/quay-hcc/data (the same place Electron uses on Linux).
 *
 * electron-vite builds this file as out/main/browser.js beside the Electron entry, and `npm start`
 * (scripts/start.mjs) runs that bundle with plain Node: no TypeScript is compiled at start-up, which
 * was most of the start's time under tsx. It still runs from source under tsx (tests, debugging).
 *
 * It listens and prints the URL first, and opens the counter (the rest of main: the store, its key,
 * reference data, services) only once the page's files have gone out, while the browser is busy
 * reading them: the two overlap instead of one waiting for the other (the cold start of
 * tests/bench/startup.bench.ts). Calls wait for the opened counter (bridge/server.ts), so none is
 * answered by a half-opened store. The counter's code is a separate chunk loaded by the dynamic
 * import below; this entry stays small.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Counter } from '../counter';
import type { Wired } from '../ipc/wire';
import { htmlToPdf } from '../printing/a4-chromium';
import { filePrinterOutput } from '../printing/file-output';
import { startBridge } from './server';

/** Longest wait for a browser to fetch the page before the counter is opened anyway. */
const PAGE_WAIT_MS = 300;

/** The project's root: the nearest folder above this file (out/main or src/main/bridge) with resources/. */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root above ${from}`);
  }
}

async function main(): Promise<void> {
  // Everything this process writes (store, logs, documents, printer output) is its user's only.
  process.umask(0o077);
  const root = projectRoot(__dirname);
  const rendererDir = join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('Chưa dựng giao diện: chạy `npm start` (dựng rồi mở) hoặc `npm run build` trước.');
    process.exit(1);
  }
  const dataDir = process.env['QUAY_DATA_DIR'] ?? join(homedir(), '.config', 'quay-hcc', 'data');
  let opened!: (c: Wired) => void;
  let failed!: (err: unknown) => void;
  const wired = new Promise<Wired>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  const port = Number(process.env['QUAY_PORT'] ?? 0);
  const bridge = await startBridge({ wired, rendererDir, port });
  console.log('');
  console.log('Quầy HCC — chế độ trình duyệt (browser mode)');
  console.log(`  Dữ liệu: ${dataDir}`);
  console.log(`  Mở địa chỉ này trong Chromium/Chrome/Edge (chỉ máy này, có khoá phiên):`);
  console.log(`  ${bridge.url}`);
  console.log(`  Phiếu in (ESC/POS) ghi vào: ${filePrinterOutput(dataDir)}`);
  console.log('  Ctrl+C để dừng.');
  let counter: Counter | null = null;
  let stopping = false;
  const stop = () => {
    stopping = true;
    if (!counter) failed(new Error('stopped before the counter was opened'));
    void Promise.all([bridge.close(), counter?.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await bridge.pageServed(PAGE_WAIT_MS);
  if (stopping) return;
  try {
    const { createCounter } = await import('../counter');
    if (stopping) return;
    counter = createCounter({
      dataDir,
      resourcesDir: join(root, 'resources'),
      printing: { startOn: 'file', htmlToPdf: (html) => htmlToPdf(html) },
      sync: { pollIntervalMs: 30_000 },
      maintenance: {},
    });
  } catch (err) {
    failed(err);
    throw err;
  }
  opened(counter);
}

main().catch((err: unknown) => {
  console.error('Không khởi động được chế độ trình duyệt:', err instanceof Error ? err.message : err);
  process.exit(1);
});
