/**
 * `npm run start:browser`: the counter application without Electron. Runs the same main-process
 * services in Node, serves the built renderer on 127.0.0.1 with a per-run secret, and prints the URL.
 * Data folder: $QUAY_DATA_DIR, or ~/.config/quay-hcc/data (the same place Electron uses on Linux).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBridge } from '../src/main/bridge/server';
import { createCounter } from '../src/main/counter';
import { htmlToPdf } from '../src/main/printing/a4';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const rendererDir = join(root, 'out', 'renderer');
  if (!process.argv.includes('--no-build') || !existsSync(join(rendererDir, 'index.html'))) {
    console.log('Đang dựng giao diện (electron-vite build)…');
    execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
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
  console.log(`  Phiếu in (ESC/POS) ghi vào: ${join(dataDir, 'printer-output.bin')}`);
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
