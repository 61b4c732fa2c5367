/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks as CommonJS */
// electron-builder afterPack hook: rebuild the SQLite driver (better-sqlite3-multiple-ciphers) for the packed Electron version inside the
// staged app (app.asar.unpacked), leaving the project's node_modules built for Node. Uses node-gyp
// against Electron's headers, the documented manual way (needs the headers download or a local
// mirror via npm_config_disturl). Not run on the build machines of this repository (no Electron).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

exports.default = async function afterPack(context) {
  const electronVersion = context.packager.config.electronVersion || require('electron/package.json').version;
  const resources = context.packager.platform.name === 'mac'
    ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
  const moduleDir = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3-multiple-ciphers');
  if (!fs.existsSync(path.join(moduleDir, 'src')) || !fs.existsSync(path.join(moduleDir, 'deps'))) {
    throw new Error(`afterPack: better-sqlite3-multiple-ciphers sources not found under ${moduleDir}; check asarUnpack`);
  }
  // electron-builder never packs a module's binding.gyp (a default exclusion no `files` pattern
  // overrides), so node-gyp gets it from the project's copy of the same version.
  const gyp = path.join(moduleDir, 'binding.gyp');
  if (!fs.existsSync(gyp)) fs.copyFileSync(path.join(path.dirname(require.resolve('better-sqlite3-multiple-ciphers/package.json')), 'binding.gyp'), gyp);
  const arch = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' }[context.arch] || process.arch;
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', [
    'node-gyp', 'rebuild', '--release',
    `--target=${electronVersion}`, `--arch=${arch}`,
    `--dist-url=${process.env.npm_config_disturl || 'https://electronjs.org/headers'}`,
  ], { cwd: moduleDir, stdio: 'inherit', shell: process.platform === 'win32' });
};
