/**
 * What the counter's installer holds: the real electron-builder packs the app (`--dir` target, the
 * project's electron-builder.yml) with a stand-in for the Electron binary, which cannot be downloaded
 * here; app.asar is then listed with @electron/asar. The installer must hold the built app and every
 * module the built main process requires, and nothing the counter does not run: not the hub's server
 * libraries (fastify, pg, PGlite), not Electron's npm package or its download tooling, not the build
 * and test tools. The pack hook that rebuilds native modules for Electron is left out (it needs
 * Electron's headers); so is publishing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeClient } from '../../helpers/bridge';

const ROOT = resolve(__dirname, '../../..');

interface Packed {
  /** Every path inside app.asar, '/'-separated, without the leading slash. */
  asar: string[];
  /** Every file under app.asar.unpacked, same form. */
  unpacked: string[];
  /** Package names found under node_modules (asar and unpacked together). */
  modules: Set<string>;
}

function walk(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Package names in paths: every `node_modules/<name>` along each path (nested ones included). */
function moduleNames(paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const p of paths) {
    for (const m of p.matchAll(/(?:^|\/)node_modules\/(@[^/]+\/[^/]+|[^@/][^/]*)/g)) names.add(m[1]!);
  }
  return names;
}

/** Bare module names the built main process and preload `require` (electron-vite leaves them external). */
function requiredByBuild(): Set<string> {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const names = new Set<string>();
  for (const dir of ['out/main', 'out/preload']) {
    // browser.js is browser mode's entry, left out of the installer (electron-builder.yml).
    for (const file of walk(join(ROOT, dir)).filter((f) => f.endsWith('.js') && f !== 'browser.js')) {
      const code = readFileSync(join(ROOT, dir, file), 'utf8');
      for (const m of code.matchAll(/require\(["']([^"'.][^"']*)["']\)/g)) {
        const spec = m[1]!;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!builtins.has(spec) && !builtins.has(name)) names.add(name);
      }
    }
  }
  return names;
}

/** Packages of package-lock.json reachable from the root's `dependencies` (the app's production tree). */
function productionClosure(): Set<string> {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
  };
  const pkgs = lock.packages;
  const locate = (from: string, name: string): string | null => {
    for (let base = from; ; ) {
      const at = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (pkgs[at]) return at;
      if (!base) return null;
      const i = base.lastIndexOf('/node_modules/');
      base = i < 0 ? '' : base.slice(0, i);
    }
  };
  const seen = new Set<string>();
  const stack = Object.keys(pkgs['']!.dependencies ?? {}).map((n) => locate('', n)).filter((p): p is string => p !== null);
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const m = pkgs[at]!;
    for (const dep of Object.keys({ ...m.dependencies, ...m.optionalDependencies })) {
      const next = locate(at, dep);
      if (next) stack.push(next);
    }
  }
  return moduleNames([...seen]);
}

let tmp: string;
let packed: Packed;
let resources: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'quay-installer-'));
  // The app as packaging builds it.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
  // A stand-in for the unpacked Electron distribution: electron-builder copies it and renames the executable.
  const fakeElectron = join(tmp, 'electron-dist');
  mkdirSync(fakeElectron);
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  const output = join(tmp, 'release');
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    // Fuses are flipped inside the real Electron binary, which the stand-in is not.
    config: { electronDist: fakeElectron, afterPack: null, electronFuses: null, directories: { output } },
  });
  resources = join(output, 'linux-unpacked', 'resources');
  // @electron/asar is electron-builder's own reader; resolved from app-builder-lib, which depends on it.
  const asarLib = createRequire(require.resolve('app-builder-lib'))('@electron/asar') as { listPackage(p: string, o: { isPack: boolean }): string[] };
  const asar = asarLib.listPackage(join(resources, 'app.asar'), { isPack: false }).map((p) => p.replace(/^[/\\]/, '').replace(/\\/g, '/'));
  const unpackedDir = join(resources, 'app.asar.unpacked');
  const unpacked = existsSync(unpackedDir) ? walk(unpackedDir) : [];
  packed = { asar, unpacked, modules: moduleNames([...asar, ...unpacked]) };
  if (process.env['SHOW_INSTALLER_FILES']) {
    console.log(`app.asar: ${asar.length} entries; app.asar.unpacked: ${unpacked.length} files`);
    console.log(`node_modules packed (${packed.modules.size}): ${[...packed.modules].sort().join(' ')}`);
  }
}, 240_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the counter installer (electron-builder --dir)', () => {
  it('holds the built app: main, preload, renderer and the package manifest', () => {
    for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(packed.asar).toContain(f);
    expect(packed.asar).not.toContain('out/main/browser.js');
    expect(packed.asar.some((p) => p.startsWith('src/') || p.startsWith('tests/'))).toBe(false);
    expect(packed.asar.some((p) => p.endsWith('.map'))).toBe(false);
  });

  it('holds every module the built main process requires, native ones unpacked', () => {
    const required = [...requiredByBuild()].filter((m) => m !== 'electron');
    // zod and uuid are bundled into out/main (electron.vite.config.ts), so they are not among these.
    expect(required).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'electron-updater', '@napi-rs/canvas']));
    for (const m of required) expect(packed.modules, m).toContain(m);
    // Native code must sit outside the archive to be loaded.
    expect(packed.unpacked.some((p) => /^node_modules\/better-sqlite3-multiple-ciphers\/build\/Release\/better_sqlite3\.node$/.test(p))).toBe(true);
    expect(packed.unpacked.some((p) => /^node_modules\/@napi-rs\/canvas-[^/]+\/.+\.node$/.test(p))).toBe(true);
  });

  it("holds none of the hub's libraries, not Electron's package or its download tooling, no build or test tool", () => {
    const absent = [
      'fastify', 'pg', '@electric-sql/pglite', 'pino', // the hub (src/hub workspace)
      'electron', '@electron/get', 'got', 'extract-zip', // Electron's npm package and its download (tools/electron)
      'node-thermal-printer', '@dqcai/vn-lunar', // gone, and test-only
      'tsx', 'esbuild', 'vite', 'vitest', 'electron-builder', 'electron-vite', 'typescript', 'eslint', 'playwright-core', 'unpdf',
    ];
    for (const m of absent) expect(packed.modules, m).not.toContain(m);
    // More generally: nothing outside the production tree of the app's own `dependencies`.
    const production = productionClosure();
    expect([...packed.modules].filter((m) => !production.has(m))).toEqual([]);
  });

  it('packs the Electron version that tools/electron installs', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const configured = /^electronVersion:\s*([\d.]+)\s*$/m.exec(yml)?.[1];
    const tools = JSON.parse(readFileSync(join(ROOT, 'tools/electron/package.json'), 'utf8')) as { optionalDependencies: { electron: string } };
    expect(configured).toBe(tools.optionalDependencies.electron);
    const installed = join(ROOT, 'node_modules/electron/package.json');
    if (existsSync(installed)) expect((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version).toBe(configured);
  });

  it('is configured for safe updates: fuses, a signed publisher, per-user, ASCII artifact names (validated by electron-builder)', async () => {
    // js-yaml: electron-updater's own YAML reader (it reads app-update.yml with it).
    const yaml = createRequire(require.resolve('electron-updater'))('js-yaml') as { load(text: string): unknown };
    const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
    const { validateConfiguration } = createRequire(require.resolve('app-builder-lib'))('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    await validateConfiguration(config, { add: () => undefined, isEnabled: false });
    expect(config['electronFuses']).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
    expect(config['win']!['signtoolOptions']).toMatchObject({ publisherName: expect.stringMatching(/\S/) });
    expect(config['nsis']).toMatchObject({ perMachine: false, artifactName: 'quay-hcc-setup-${version}.${ext}' });
    expect(config['publish']).toMatchObject({ provider: 'generic' });
    // electron-builder wrote what electron-updater reads at run time: the provider and its cache folder.
    const appUpdate = join(resources, 'app-update.yml');
    if (existsSync(appUpdate)) expect(readFileSync(appUpdate, 'utf8')).toMatch(/provider: generic[\s\S]*updaterCacheDirName: /);
  });
});

describe("browser mode's built entry (what `npm start` runs where Electron is missing)", () => {
  it('runs with plain Node from out/main/browser.js: prints its URL, serves the counter, stops cleanly', async () => {
    const dataDir = join(tmp, 'browser-data');
    const trace = join(tmp, 'modules-loaded.txt');
    const child = spawn(process.execPath, ['--import', pathToFileURL(join(ROOT, 'tests/helpers/module-trace.mjs')).href, join(ROOT, 'out/main/browser.js')], {
      cwd: tmp,
      env: { ...process.env, QUAY_DATA_DIR: dataDir, QUAY_PORT: '0', QUAY_MODULE_TRACE: trace },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\/#key=\S+/.exec(out);
        if (m) ok(m[0]);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}${err}`)));
    });
    expect(out).toContain('chế độ trình duyệt');
    // The built renderer is served, with no TypeScript compiled at start, and the key answers calls.
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<div id="root">');
    expect(await bridgeClient(url)('session.get')).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(existsSync(join(dataDir, 'quay-hcc.sqlite'))).toBe(true);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('');
    // Libraries for a manager's occasional export are loaded when asked for, not at every start
    // (exceljs alone was half of the start-up time at 1M dossiers).
    const loaded = readFileSync(trace, 'utf8').split('\n');
    expect(loaded.some((f) => /\/node_modules\/better-sqlite3(-multiple-ciphers)?\//.test(f))).toBe(true);
    expect(loaded.filter((f) => /\/node_modules\/(exceljs|pdf-lib|playwright-core)\//.test(f))).toEqual([]);
  }, 60_000);
});
