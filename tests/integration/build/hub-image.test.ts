/**
 * The hub's container image holds what the hub needs (src/hub/deploy/Containerfile). No container
 * engine runs here, so the image's files are staged by hand: each stage's COPY lines are read from
 * the Containerfile and carried out into a folder (node_modules linked from the repository, standing
 * in for its `npm ci`), the console stage's build command is run, and the hub is started from the
 * final stage's folder the way the image's CMD starts it, on PGlite in the image's data folder
 * setting. It must serve /health (the HEALTHCHECK's own command answers 0), the console's pages, the
 * tracking page's font, and make the PDF report (which needs resources/fonts).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, healthy, repoRoot, runHub, until, type HubProcess } from '../../helpers/hub-process';

const run = promisify(execFile);
const CONTAINERFILE = join(repoRoot, 'src/hub/deploy/Containerfile');

interface Stage {
  name: string | null;
  workdir: string;
  copies: { from: string | null; srcs: string[]; dest: string }[];
  runs: string[];
  cmd: string[];
  healthcheck: string | null;
}

/** The Containerfile's stages: FROM, WORKDIR, COPY, RUN, CMD and HEALTHCHECK (continuation lines joined). */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const out: Stage[] = [];
  for (const l of lines) {
    const [word, ...rest] = l.split(/\s+/);
    const args = rest.join(' ');
    if (word === 'FROM') {
      out.push({ name: /\sAS\s+(\S+)$/i.exec(l)?.[1] ?? null, workdir: '/', copies: [], runs: [], cmd: [], healthcheck: null });
      continue;
    }
    const s = out.at(-1)!;
    if (word === 'WORKDIR') s.workdir = args;
    else if (word === 'COPY') {
      const from = /^--from=(\S+)$/.exec(rest[0]!)?.[1] ?? null;
      const paths = from ? rest.slice(1) : rest;
      s.copies.push({ from, srcs: paths.slice(0, -1), dest: paths.at(-1)! });
    } else if (word === 'RUN') s.runs.push(args);
    else if (word === 'CMD') s.cmd = JSON.parse(args) as string[];
    else if (word === 'HEALTHCHECK') s.healthcheck = /\bCMD\s+(.*)$/.exec(args)![1]!;
  }
  return out;
}

describe('the hub container image (src/hub/deploy/Containerfile), staged without a container engine', () => {
  const root = mkdtempSync(join(tmpdir(), 'hub-image-'));
  const all = stages(readFileSync(CONTAINERFILE, 'utf8'));
  const final = all.at(-1)!;
  const folderOf = (s: Stage) => join(root, s.name ?? 'final');
  let hub: HubProcess | undefined;
  let url = '';
  let port = 0;
  const env = () => ({ HUB_DATA_DIR: join(root, 'data'), HUB_PORT: String(port), HUB_HOST: '127.0.0.1', HUB_LOG_LEVEL: 'warn' });

  /** Carries out a stage's COPY lines into its folder (its WORKDIR); a `--from` source is read from that stage's folder. */
  const stage = (s: Stage) => {
    const dir = folderOf(s);
    mkdirSync(dir, { recursive: true });
    for (const c of s.copies) {
      const from = c.from === null ? null : all.find((x) => x.name === c.from)!;
      for (const src of c.srcs) {
        const source = from ? join(folderOf(from), relative(from.workdir, src)) : join(repoRoot, src);
        const target = c.dest.endsWith('/') ? join(dir, c.dest, basename(src)) : join(dir, c.dest);
        expect(existsSync(source), `COPY ${src}`).toBe(true);
        mkdirSync(dirname(target), { recursive: true });
        cpSync(source, target, { recursive: true });
      }
    }
    // The stage's `npm ci`: the repository's node_modules stand in for it.
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return dir;
  };

  beforeAll(async () => {
    for (const s of all) {
      const dir = stage(s);
      // The build stage's own commands (not npm ci: its node_modules are linked).
      for (const r of s.runs.filter((x) => x.startsWith('node '))) {
        const [cmd, ...args] = r.split(/\s+/);
        const { HUB_CONSOLE_DIR: _, ...rest } = process.env;
        await run(cmd === 'node' ? process.execPath : cmd!, args, { cwd: dir, env: rest });
      }
    }
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // The image's CMD, from the final stage's folder.
    expect(final.cmd.slice(0, 4)).toEqual(['node', '--import', 'tsx', 'src/hub/main.ts']);
    const h = runHub(final.cmd.slice(4), env(), undefined, folderOf(final));
    hub = h;
    await until(
      async () => {
        if (h.child.exitCode !== null) throw new Error(`the staged hub exited ${h.child.exitCode}: ${h.output().slice(-1500)}`);
        return healthy(url);
      },
      'the staged image to answer /health',
      180_000,
      h,
    );
  }, 400_000);
  afterAll(() => {
    if (hub && hub.child.exitCode === null) hub.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('answers /health, and the HEALTHCHECK command says so', async () => {
    expect(final.healthcheck).toMatch(/^node -e /);
    const script = /^node -e "(.*)"$/.exec(final.healthcheck!)![1]!;
    const ok = await run(process.execPath, ['-e', script], { env: { ...process.env, HUB_PORT: String(port) } }).then(
      () => 0,
      (e: { code?: number }) => e.code ?? 1,
    );
    expect(ok).toBe(0);
  });

  it('serves the console pages built in its first stage and the tracking page with its font', async () => {
    expect(existsSync(join(folderOf(final), 'out/console/index.html'))).toBe(true);
    const page = await fetch(`${url}/console/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    expect((await fetch(`${url}/tra-cuu/`)).status).toBe(200);
    const font = await fetch(`${url}/tra-cuu/font.ttf`);
    expect(font.status).toBe(200);
    expect(Buffer.from(await font.arrayBuffer()).equals(readFileSync(join(repoRoot, 'resources/fonts/BeVietnamPro_500Medium.ttf')))).toBe(true);
  });

  it('makes the PDF report (its fonts are in the image) through the running hub', async () => {
    const out = join(root, 'q.pdf');
    const r = runHub(['report', '--period', '2026-Q4', '--format', 'pdf', '--out', out], env(), undefined, folderOf(final));
    expect(await r.exited, r.stderr()).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
