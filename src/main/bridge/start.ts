/**
 * Browser mode's entry: the counter application without Electron. Runs the same main-process
 * services in Node, serves the built renderer on 127.0.0.1 with a per-run secret, and prints the URL.
 * Data folder: $QUAY_DATA_DIR, or ~/.config/quay-hcc/data (the same place Electron uses on Linux).
 *
 * electron-vite builds this file as out/main/browser.js beside the Electron entry, and `npm start`
 * (scripts/start.mjs) runs that bundle with plain Node: no TypeScript is compiled at start-up, which
 * was most of the start's time under tsx. It still runs from source under tsx (tests, debugging).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createCounter } from '../counter';
import { htmlToPdf } from '../printing/a4-chromium';
import { filePrinterOutput } from '../printing/start';
import { startBridge } from './server';

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
  const counter = createCounter({
    dataDir,
    resourcesDir: join(root, 'resources'),
    printing: { startOn: 'file', htmlToPdf: (html) => htmlToPdf(html) },
    sync: { pollIntervalMs: 30_000 },
    maintenance: {},
  });
  const port = Number(process.env['QUAY_PORT'] ?? 0);
  const bridge = await startBridge({ wired: counter, rendererDir, port });
  console.log('');
  console.log('Quầy HCC — chế độ trình duyệt (browser mode)');
  console.log(`  Dữ liệu: ${dataDir}`);
  console.log(`  Mở địa chỉ này trong Chromium/Chrome/Edge (chỉ máy này, có khoá phiên):`);
  console.log(`  ${bridge.url}`);
  console.log(`  Phiếu in (ESC/POS) ghi vào: ${filePrinterOutput(dataDir)}`);
  console.log('  Ctrl+C để dừng.');
  const stop = () => {
    void Promise.all([bridge.close(), counter.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('Không khởi động được chế độ trình duyệt:', err instanceof Error ? err.message : err);
  process.exit(1);
});
