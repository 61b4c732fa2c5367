/**
 * The hub as IT runs it: `src/hub/main.ts` in its own process (node + tsx), its output kept, for the
 * tests of what happens to processes (workers dying, locks, the CLI beside a running hub).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface HubProcess {
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr interleaved. */
  output(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** `input`: written to its stdin, which is then closed (what a person types, or a pipe); `cwd`: another copy of the hub's files. */
export function runHub(args: string[], env: Record<string, string>, input?: string, cwd = repoRoot): HubProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/main.ts', ...args], {
    cwd,
    env: { ...process.env, HUB_LOG_LEVEL: 'warn', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => {
    out += b.toString();
    err += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, stderr: () => err, exited };
}

/** Runs a CLI command to its end. */
export async function runCli(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = runHub(args, env, input);
  let stdout = '';
  p.child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  const code = await p.exited;
  return { code, stdout, stderr: p.stderr() };
}

/** The primary's cluster workers: its children running the hub (not, say, the esbuild service tsx may start). */
export function workersOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter((line) => line.includes('src/hub/main.ts'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return [];
  }
}

export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 90_000, hub?: HubProcess): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the hub said: ${hub?.output().slice(-2000) ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}
