/**
 * GET through node:http / node:https instead of `fetch`, for the pull's pages (issue 18): a first
 * pull reads about 190 MB of answers, and fetch's web streams cost the counter 0.25–0.4 s of CPU
 * more than reading the same bytes from the socket (measured on recorded pages). TLS for an https
 * hub with Node's default CA store; the global agents keep connections alive between pages.
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
    /** Whoever reads the body, told once it ended or failed. */
    let reader: ((err: Error | null) => void) | null = null;
    const fail = (err: Error): void => {
      if (failure !== null) return;
      failure = err;
      clearTimeout(timer);
      reject(err); // no effect once the headers resolved the promise
      reader?.(err);
    };
    const req = client.request(u, { method: 'GET', headers }, (res) => {
      let ended = false;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('error', fail);
      res.on('end', () => {
        ended = true;
        clearTimeout(timer);
        if (!res.complete) fail(new Error('terminated'));
        else reader?.(null);
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
        bytes: () =>
          new Promise<Buffer>((ok, ko) => {
            if (failure !== null) {
              ko(failure);
              return;
            }
            reader = (err) => (err === null ? ok(Buffer.concat(chunks, size)) : ko(err));
            res.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              size += chunk.length;
            });
          }),
        discard: () => {
          clearTimeout(timer);
          if (!ended) {
            failure ??= new Error('discarded');
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
