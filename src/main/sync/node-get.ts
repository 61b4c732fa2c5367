/**
 * GET through node:http / node:https instead of `fetch`, for the pull's pages (issue 18): a first
 * pull reads about 190 MB of answers, and fetch's web streams cost the counter more CPU than reading
 * the same bytes from the socket (a 100,000-change first pull replayed over loopback: ~0.1 s of
 * ~4.5 s). TLS for an https hub with Node's default CA store; the global agents keep connections
 * alive between pages.
 *
 * One time limit covers the whole exchange, headers and body, as `AbortSignal.timeout` does for
 * fetch; a connection cut before the body's end is an error, never a short body.
 */
import http from 'node:http';
import https from 'node:https';
import type { Opened } from './client';

/** The message fetch gives when its AbortSignal.timeout fires: the same text whichever way the request went. */
const TIMEOUT_MESSAGE = 'The operation was aborted due to timeout';

export type NodeGetFn = (url: string, headers: Record<string, string>, timeoutMs: number, sentAt: number) => Promise<Opened>;

export const nodeGet: NodeGetFn = (url, headers, timeoutMs, sentAt) =>
  new Promise<Opened>((resolve, reject) => {
    const u = new URL(url);
    const client = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : null;
    if (client === null) {
      reject(new Error(`giao thức không hỗ trợ: ${u.protocol}`));
      return;
    }
    let failure: Error | null = null;
    /** Settles the body, once it ended or failed. */
    let settle: ((err: Error | null) => void) | null = null;
    const fail = (err: Error): void => {
      if (failure !== null) return;
      failure = err;
      clearTimeout(timer);
      reject(err); // no effect once the headers resolved the promise
      settle?.(err);
    };
    const req = client.request(u, { method: 'GET', headers }, (res) => {
      let ended = false;
      const chunks: Buffer[] = [];
      let size = 0;
      const body = new Promise<Buffer>((ok, ko) => {
        settle = (err) => (err === null ? ok(Buffer.concat(chunks, size)) : ko(err));
      });
      body.catch(() => undefined); // a failure waits for whoever reads the body
      // Read as it comes, even before anyone asks for it: a page asked for early keeps arriving
      // while the one before is written (a paused answer would hold the hub's sending back).
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', fail);
      res.on('end', () => {
        ended = true;
        clearTimeout(timer);
        if (!res.complete) fail(new Error('terminated'));
        else settle?.(null);
      });
      res.on('close', () => {
        if (!ended) fail(new Error('terminated'));
      });
      const answerHeaders = new Headers();
      const raw = res.rawHeaders;
      for (let i = 0; i + 1 < raw.length; i += 2) answerHeaders.append(raw[i]!, raw[i + 1]!);
      resolve({
        status: res.statusCode ?? 0,
        headers: answerHeaders,
        sentAt,
        bytes: () => body,
        discard: () => {
          clearTimeout(timer);
          chunks.length = 0;
          if (!ended) {
            fail(new Error('discarded'));
            res.destroy();
          }
        },
      });
    });
    const timer = setTimeout(() => {
      const err = Object.assign(new Error(TIMEOUT_MESSAGE), { name: 'TimeoutError' });
      fail(err);
      req.destroy(err);
    }, timeoutMs);
    req.on('error', fail);
    req.end();
  });
