/**
 * What the real electron-updater classes need to run in a test, as electron-builder's own tests do:
 * a test app adapter (the version the counter runs, its folders, and a record of quit/relaunch) in
 * place of Electron's app, a Node HTTP executor in place of Electron's net module, and a local HTTP
 * server that serves a channel file and an installer, like the hub's /updates/<channel>/.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import type { RequestOptions } from 'node:http';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

/** Electron's `app` for the updater: a version, folders, and what it was asked to do. */
export class TestAppAdapter implements AppAdapter {
  readonly name = 'quay-hcc';
  readonly isPackaged = true;
  quits = 0;
  relaunches = 0;
  readonly quitHandlers: ((exitCode: number) => void)[] = [];
  constructor(
    readonly version: string,
    readonly root: string,
  ) {
    mkdirSync(this.userDataPath, { recursive: true });
    // What electron-builder writes into resources/app-update.yml (no publisherName: no certificate here).
    writeFileSync(this.appUpdateConfigPath, 'provider: generic\nurl: https://quayhcc.invalid/updates/stable/\nupdaterCacheDirName: quay-hcc-updater\n');
  }
  get appUpdateConfigPath(): string {
    return join(this.root, 'app-update.yml');
  }
  get userDataPath(): string {
    return join(this.root, 'user-data');
  }
  get baseCachePath(): string {
    return join(this.root, 'cache');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {
    this.relaunches++;
  }
  quit(): void {
    this.quits++;
  }
  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }
}

/**
 * Plain Node HTTP for the updater (Electron's net module is not here): the request factory, and
 * `download` through the base class's doDownload (which checks the sha512), as Electron's executor does.
 */
export class NodeHttp extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (err) => (err == null ? resolve(destination) : reject(err)), responseHandler: null }, 0);
    });
  }
}

export interface Served {
  body: Buffer | string;
  /** Sent in this many chunks spread over `slowMs` (to watch a download's progress). */
  slowMs?: number;
}

export interface UpdateServer {
  url: string;
  files: Map<string, Served>;
  requests: { path: string; stagingId: string | undefined }[];
  close(): Promise<void>;
}

export async function startUpdateServer(): Promise<UpdateServer> {
  const files = new Map<string, Served>();
  const requests: UpdateServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push({ path, stagingId: typeof req.headers['x-user-staging-id'] === 'string' ? req.headers['x-user-staging-id'] : undefined });
    const f = files.get(path);
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = Buffer.from(f.body);
    res.writeHead(200, { 'content-type': path.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream', 'content-length': String(body.length) });
    if (!f.slowMs) {
      res.end(body);
      return;
    }
    const parts = 10;
    const size = Math.ceil(body.length / parts);
    let i = 0;
    const next = () => {
      if (i >= parts) return void res.end();
      res.write(body.subarray(i * size, (i + 1) * size));
      i++;
      setTimeout(next, f.slowMs! / parts);
    };
    next();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');

/** A channel file as electron-builder writes it for one installer. */
export function channelYml(version: string, file: string, installer: Buffer, opts: { sha?: string; staging?: number } = {}): string {
  const sha = opts.sha ?? sha512(installer);
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha}`,
    `    size: ${installer.length}`,
    `path: ${file}`,
    `sha512: ${sha}`,
    ...(opts.staging !== undefined ? [`stagingPercentage: ${opts.staging}`] : []),
    "releaseDate: '2026-12-07T08:00:00.000Z'",
    '',
  ].join('\n');
}
