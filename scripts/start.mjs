#!/usr/bin/env node
// `npm start`: build, then open the Electron app. Where the Electron binary is missing (its download
// failed during `npm install`, see scripts/electron-download.mjs, or was skipped with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so plainly and start browser mode instead of failing with a
// stack trace. `npm start -- --no-browser` only prints the message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const browserOnly = process.argv.includes('--browser');
const electron = browserOnly ? null : electronBinary();
const viteCli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Builds main, preload, renderer and browser mode's entry (out/); exits on a failed build. */
function build() {
  if (process.argv.includes('--no-build') && existsSync(join(root, 'out', 'main', 'browser.js'))) return;
  console.log('Đang dựng ứng dụng (electron-vite build)…');
  const built = spawnSync(process.execPath, [viteCli, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

if (electron) {
  build();
  const child = spawn(electron, [root], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (browserOnly) {
  startBrowser();
} else {
  console.log(
    [
      '',
      'Không tìm thấy chương trình Electron trên máy này (không tải được khi cài đặt, hoặc đã bỏ qua).',
      'The Electron binary is not installed here (its download failed or was skipped), so the desktop',
      'window cannot open. On a connected machine, `npm install` fetches it.',
      '',
      'Chạy ở chế độ trình duyệt: cùng dịch vụ, mở giao diện trong Chromium/Chrome/Edge trên máy này.',
      'Browser mode runs the same services and serves the screens on 127.0.0.1:  npm run start:browser',
      '',
    ].join('\n'),
  );
  if (process.argv.includes('--no-browser')) process.exit(0);
  console.log('Đang chuyển sang chế độ trình duyệt… (Ctrl+C để dừng)\n');
  startBrowser();
}

/** Browser mode: the built entry out/main/browser.js in plain Node (as tests/bench/startup.bench.ts measures it). */
function startBrowser() {
  build();
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'browser.js')], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}
