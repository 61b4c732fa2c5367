/**
 * The main process's log file (electron-log): `<data folder>/logs/main.log`, rotated at 1 MB with
 * the last five files kept (main.1.log is the newest archive), for update events and errors — what
 * the helpdesk asks for when a counter misbehaves.
 *
 * No personal data: nothing logs a request's input, and every message goes through `scrubLog`
 * before it is written: runs of six or more digits (ID numbers, phones) and long token-like strings
 * (bearer tokens, staging ids) are replaced, and so is the Windows account name in paths (accounts
 * are often named after the clerk). `electron-log/node` is used rather than `electron-log/main` so
 * that the same file logger runs, and is tested, without Electron.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';
import electronLog from 'electron-log/node';

export interface MainLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
  /** The current log file. */
  readonly file: string;
}

/** Digits (six or more, single separators allowed: 0912 345 678), tokens, account names in paths. */
export function scrubLog(s: string): string {
  return s
    .replace(/([A-Za-z]:\\(?:Users|Documents and Settings)\\)[^\\/\s]+/gi, '$1[…]')
    .replace(/(\/(?:home|Users)\/)[^/\s]+/g, '$1[…]')
    .replace(/[A-Za-z0-9_-]{24,}/g, '[…]')
    .replace(/\d(?:[\s.-]?\d){5,}/g, '[số]');
}

function scrubValue(v: unknown): unknown {
  if (typeof v === 'string') return scrubLog(v);
  if (v instanceof Error) return scrubLog(v.stack ?? `${v.name}: ${v.message}`);
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return v;
  // Objects are never logged whole (they may be a request's input): their JSON text, scrubbed.
  try {
    return scrubLog(JSON.stringify(v) ?? String(v));
  } catch {
    return '[object]';
  }
}

let instances = 0;

export function createMainLog(opts: { dir: string; maxBytes?: number; keep?: number; console?: boolean }): MainLog {
  const keep = opts.keep ?? 5;
  const file = join(opts.dir, 'main.log');
  const log = electronLog.create({ logId: `quayhcc-main-${++instances}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = opts.maxBytes ?? 1024 * 1024;
  log.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  // main.log → main.1.log → … → main.<keep>.log, the oldest dropped.
  log.transports.file.archiveLogFn = (old) => {
    const p = parse(old.path);
    const nth = (n: number) => join(p.dir, `${p.name}.${n}${p.ext}`);
    try {
      if (existsSync(nth(keep))) rmSync(nth(keep));
      for (let n = keep - 1; n >= 1; n--) if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
      renameSync(old.path, nth(1));
    } catch {
      /* a file the OS holds open: electron-log crops the current one instead */
    }
  };
  log.transports.console.level = opts.console ? 'warn' : false;
  log.hooks.push((message) => ({ ...message, data: message.data.map(scrubValue) }));
  return {
    info: (msg) => log.info(msg),
    warn: (msg) => log.warn(msg),
    error: (msg, err) => (err === undefined ? log.error(msg) : log.error(msg, err)),
    file,
  };
}
