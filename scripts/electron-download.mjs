#!/usr/bin/env node
// npm postinstall: fetch the Electron binary, and let `npm install` finish when it cannot be fetched.
//
// Electron's own install script downloads the binary and fails the whole install when the download
// fails (closed networks, CI), so package.json denies it (`allowScripts`, npm ≥ 11.16) and this
// script runs the same install.js instead, turning a failure into a message: `npm start` then opens
// browser mode. Electron is also an optional dependency (of the tools/electron workspace, which keeps
// it out of the installer), so an npm that ignores `allowScripts` runs Electron's script itself and,
// when that fails, drops the package and still completes the install.
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the download, as with Electron's own script.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

/** Up to 20 minutes: the binary is ~100 MB and some post offices have slow links. */
const DOWNLOAD_TIMEOUT_MS = 20 * 60_000;

function say(lines) {
  console.log(['', ...lines, ''].join('\n'));
}

// A hub server's install (`npm ci --workspace src/hub`) has none of the counter's packages: nothing to say.
if (!existsSync(join(root, 'node_modules', 'better-sqlite3-multiple-ciphers'))) process.exit(0);
if (!existsSync(join(electronDir, 'install.js'))) {
  say([
    'Electron chưa được cài (tải chương trình Electron không thành công); `npm start` sẽ mở chế độ trình duyệt.',
    'Electron is not installed (its download failed); `npm start` will open browser mode.',
  ]);
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const run = spawnSync(process.execPath, ['install.js'], {
  cwd: electronDir,
  env: process.env,
  encoding: 'utf8',
  stdio: ['ignore', 'inherit', 'pipe'],
  timeout: DOWNLOAD_TIMEOUT_MS,
});
if (run.status === 0) process.exit(0);

const reason = (run.error?.message ?? run.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? `exit ${run.status}`;
say([
  'Không tải được chương trình Electron; cài đặt vẫn hoàn tất. `npm start` sẽ mở chế độ trình duyệt.',
  'The Electron binary could not be downloaded; the install is complete without it and `npm start`',
  'will open browser mode. Run `npm install` again on a connected machine to fetch it.',
  `  (${reason.trim()})`,
]);
process.exit(0);
