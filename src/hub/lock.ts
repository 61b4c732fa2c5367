/**
 * The embedded PGlite is one process: two processes opening the same data folder would each run their
 * own PostgreSQL on the same files (a code made by one is not seen by the other, and worse). So the
 * process that opens the folder — the hub server, or a CLI command on a stopped hub — holds a lock.
 *
 * The lock is a local socket in the data folder (a named pipe on Windows) on which the holder
 * listens. A socket, not a file with a pid: a lock left behind by a killed process is recognised at
 * once (nothing answers on it), whatever the pid namespace or host name of a container that restarts.
 * Asked, the holder answers who it is; a running server also gives its address and a secret for its
 * admin API, which is how the CLI commands work while the hub runs (main.ts). The socket is readable
 * by the folder's owner only; whoever can read it can read the database files anyway.
 *
 * Another process gets `DataDirBusy` in well under a second, with what to do in Vietnamese.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';

export interface LockHolder {
  pid: number;
  /** 'serve': the hub server; 'cli': a command working on a stopped hub. */
  role: 'serve' | 'cli';
  command?: string;
  startedAt: number;
  /** A serving hub's base URL (reachable from this machine) and its admin secret for the CLI. */
  url?: string;
  secret?: string;
}

export class DataDirBusy extends Error {
  constructor(
    readonly holder: LockHolder,
    message: string,
  ) {
    super(message);
  }
}

export function lockPath(dataDir: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\quayhcc-hub-${createHash('sha256').update(resolve(dataDir).toLowerCase()).digest('hex').slice(0, 24)}`;
  return join(dataDir, 'quayhcc-hub.sock');
}

/** Who holds the folder's lock, or null when nobody answers on it (within `timeoutMs`). */
export function askHolder(dataDir: string, timeoutMs = 800): Promise<LockHolder | null> {
  const path = lockPath(dataDir);
  if (process.platform !== 'win32' && !existsSync(path)) return Promise.resolve(null);
  return new Promise((done) => {
    const sock = connect(path);
    let text = '';
    const finish = (v: LockHolder | null) => {
      clearTimeout(timer);
      sock.destroy();
      done(v);
    };
    // Something accepted the connection but said nothing usable: still a live holder.
    const timer = setTimeout(() => finish(connected ? { pid: 0, role: 'serve', startedAt: 0 } : null), timeoutMs);
    let connected = false;
    sock.on('connect', () => (connected = true));
    sock.on('data', (b) => (text += b.toString('utf8')));
    sock.on('end', () => {
      try {
        finish(JSON.parse(text) as LockHolder);
      } catch {
        finish({ pid: 0, role: 'serve', startedAt: 0 });
      }
    });
    sock.on('error', () => finish(null));
  });
}

export function busyMessage(dataDir: string, h: LockHolder): string {
  const who = h.pid ? ` (tiến trình ${h.pid})` : '';
  if (h.role === 'cli') {
    return `Thư mục dữ liệu ${dataDir} đang được một lệnh quản trị khác${who}${h.command ? ` (“${h.command}”)` : ''} sử dụng. Hãy đợi lệnh đó chạy xong rồi thử lại.`;
  }
  return (
    `Máy chủ tỉnh đang chạy trên thư mục dữ liệu ${dataDir}${who}${h.url ? ` tại ${h.url}` : ''}; mỗi thư mục PGlite chỉ một tiến trình được mở. ` +
    'Không cần chạy máy chủ thứ hai: các lệnh quản trị (create-code, counters, revoke, load-reference, report, create-admin, updates và các lệnh update-…) tự gửi qua máy chủ đang chạy. ' +
    'Để chạy một máy chủ khác, đặt HUB_DATA_DIR sang thư mục khác; để làm việc trực tiếp trên dữ liệu (migrate, reset-feed), hãy dừng máy chủ trước (Ctrl+C hoặc systemctl stop quayhcc-hub).'
  );
}

export interface HeldLock {
  holder: LockHolder;
  /** Tells later askers the server's address and secret once it listens. */
  update(patch: Partial<LockHolder>): void;
  release(): Promise<void>;
}

/** Takes the folder's lock or throws DataDirBusy. Creates the folder if needed. */
export async function acquireLock(dataDir: string, holder: LockHolder): Promise<HeldLock> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = lockPath(dataDir);
  for (let attempt = 0; ; attempt++) {
    const other = await askHolder(dataDir);
    if (other) throw new DataDirBusy(other, busyMessage(dataDir, other));
    // Nobody answers: a socket file left by a killed process is removed.
    if (process.platform !== 'win32' && existsSync(path)) {
      try {
        unlinkSync(path);
      } catch {
        /* removed by another process meanwhile */
      }
    }
    const current = { ...holder };
    const server: Server = createServer((s) => s.end(JSON.stringify(current)));
    const listened = await new Promise<Error | null>((done) => {
      server.once('error', (err) => done(err));
      server.listen(path, () => done(null));
    });
    if (listened) {
      // Another process took it between our question and our listen: ask again who it is.
      if ((listened as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 3) continue;
      throw listened;
    }
    // The socket must not keep a process alive on its own, nor be reachable by other users.
    server.unref();
    if (process.platform !== 'win32') chmodSync(path, 0o600);
    return {
      holder: current,
      update(patch) {
        Object.assign(current, patch);
      },
      release: () => new Promise((done) => server.close(() => done())),
    };
  }
}
