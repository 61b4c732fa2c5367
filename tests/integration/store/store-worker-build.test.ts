/**
 * The store worker's thread is real code, built and found the same way wherever the application runs:
 * - the Electron build (electron-vite, the project's own config) makes it a bundle of its own, which
 *   the built main code finds and starts, and which answers;
 * - the packaged app unpacks that bundle from the asar (electron-builder.yml) and loads it from there;
 * - browser mode (tsx) and the tests (vitest) run it from source.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from '../../../src/main/store/driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateStoreWorker } from '../../../src/main/store/worker/locate';
import type { startStoreWorker as StartStoreWorker } from '../../../src/main/store/store-worker';
import { tempDir } from '../../helpers/app';

const root = resolve(__dirname, '../../..');

/** A store in WAL mode whose log only the worker may copy back, with a few hundred rows in the log. */
function store(dir: string): Database.Database {
  const db = new Database(join(dir, 's.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (v TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 200; i++) ins.run(i === 0 ? 'kept' : 'x'.repeat(500));
  return db;
}

async function until(cond: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `*` within a path segment, `**` across segments: enough for the globs of electron-builder.yml. */
function globRe(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

describe('locating the store worker', () => {
  it('runs the built bundle when there is one, unpacked from the asar in the packaged app', () => {
    expect(locateStoreWorker('/opt/Quầy HCC/resources/app.asar/out/main/chunks/store-thread-0a1b.js')).toBe(
      '/opt/Quầy HCC/resources/app.asar.unpacked/out/main/chunks/store-thread-0a1b.js',
    );
    expect(locateStoreWorker('C:\\Quầy HCC\\resources\\app.asar\\out\\main\\chunks\\store-thread-0a1b.js')).toBe(
      'C:\\Quầy HCC\\resources\\app.asar.unpacked\\out\\main\\chunks\\store-thread-0a1b.js',
    );
    expect(locateStoreWorker('/work/app/out/main/chunks/store-thread-0a1b.js')).toBe('/work/app/out/main/chunks/store-thread-0a1b.js');
  });

  it('runs the source through tsx when running from source (here, under vitest)', () => {
    const file = locateStoreWorker();
    expect(file).toBe(join(root, 'src/main/store/worker/from-source.mjs'));
    expect(existsSync(file)).toBe(true);
  });

  it('starts from source under tsx, as browser mode does, and answers', async () => {
    const tmp = tempDir('quayhcc-tsx-worker-');
    try {
      const target = join(tmp.dir, 'copy.sqlite');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'tests/helpers/store-worker-probe.ts'), join(tmp.dir, 'w.sqlite'), target], { cwd: root });
      expect(JSON.parse(stdout)).toEqual({ integrity: 'ok', backup: 'ok' });
      expect(existsSync(target)).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('the store worker as the Electron build ships it', () => {
  // Inside the repository, so that the built code resolves node_modules as out/main does.
  const outDir = join(root, '.tmp', `store-worker-build-${process.pid}`, 'main');
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    tmp = tempDir('quayhcc-built-worker-');
    const { resolveConfig } = await import('electron-vite');
    const { build } = await import('vite');
    const config = await resolveConfig({ configFile: join(root, 'electron.vite.config.ts'), logLevel: 'silent' }, 'build', 'production');
    const main = config.config!.main!;
    // The project's main build, with the main-thread side of the store worker as its entry (the
    // application's entry needs Electron to load).
    main.build = { ...main.build, outDir, rolldownOptions: { ...main.build?.rolldownOptions, input: { probe: join(root, 'src/main/store/store-worker.ts') } } };
    await build(main);
  });
  afterAll(() => {
    rmSync(resolve(outDir, '..'), { recursive: true, force: true });
    tmp?.cleanup();
  });

  it('bundles the thread on its own, and the built main code starts it and gets answers', async () => {
    const chunks = readdirSync(join(outDir, 'chunks'));
    const thread = chunks.find((f) => /^store-thread-[0-9a-f]+\.js$/.test(f));
    expect(thread).toBeDefined();
    const probe = readFileSync(join(outDir, 'probe.js'), 'utf8');
    // No source-mode fallback reached: the built code points at the bundle, and nothing runs from a string.
    expect(probe).toContain(thread);
    expect(probe).not.toMatch(/eval:\s*true/);

    const built = createRequire(__filename)(join(outDir, 'probe.js')) as { startStoreWorker: typeof StartStoreWorker };
    const db = store(tmp.dir);
    const worker = built.startStoreWorker(db.name, { thresholdBytes: 16 * 1024, intervalMs: 10, quietMs: 20 });
    try {
      // The log is past the threshold and the writer quiet: the built thread copies it back.
      await until(async () => (await worker.stats()).checkpoints > 0);
      expect(await worker.stats()).toMatchObject({ busy: 0, lastCopiedFrames: expect.any(Number) });
      expect(await worker.integrityCheck()).toBe('ok');
      const target = join(tmp.dir, 'copy.sqlite');
      expect(await worker.backupTo(target)).toBe('ok');
      const copy = new Database(target, { readonly: true });
      expect(copy.prepare("SELECT count(*) AS n FROM t WHERE v = 'kept'").get()).toEqual({ n: 1 });
      copy.close();
    } finally {
      await worker.stop();
      db.close();
    }
  });

  it('is unpacked from the asar by electron-builder, like the driver it loads', () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const unpack = yml.split(/^asarUnpack:\s*$/m)[1]!.split(/^\S/m)[0]!;
    const globs = [...unpack.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]!);
    const thread = readdirSync(join(outDir, 'chunks')).find((f) => f.startsWith('store-thread-'))!;
    // Where the real build puts it: out/main/chunks/<file>.
    const shipped = relative(root, join(root, 'out', 'main', 'chunks', thread)).split('\\').join('/');
    expect(globs.some((g) => globRe(g).test(shipped))).toBe(true);
    expect(globs.some((g) => globRe(g).test('node_modules/better-sqlite3-multiple-ciphers/lib/index.js'))).toBe(true);
  });
});
