/**
 * Structured JSON logs (pino, through Fastify) that never contain a bearer token, an enrollment
 * code, the admin token or a citizen's ID number:
 * - request bodies are never logged; requests are logged as method + path (no query string);
 * - headers are not logged, and `authorization` is redacted should anything log them;
 * - error messages are scrubbed before they are written (V8's JSON.parse errors quote the body:
 *   `Unexpected token … "001099012345…" is not valid JSON`), as are paths;
 * - keys that name secrets or ID numbers are redacted wherever our own code logs an object.
 */
import type { FastifyServerOptions } from 'fastify';

/** Replaces runs of 6+ digits (ID numbers, phones) and long token-like strings with placeholders. */
export function scrub(s: string): string {
  return s
    .replace(/[A-Za-z0-9_-]{24,}/g, '[…]')
    .replace(/\d[\d\s.-]{4,}\d/g, '[số]')
    .slice(0, 500);
}

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'adminToken',
  'enrollCode',
  '*.enrollCode',
  'idNumber',
  '*.idNumber',
  'password',
  'body',
  '*.body',
];

export type LogDestination = { write(msg: string): void };

export function loggerOptions(level: string, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: { method?: string; url?: string; ip?: string }) {
        return { method: req.method, path: scrub((req.url ?? '').split('?')[0] ?? ''), remoteAddress: req.ip };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
      err(err: { name?: string; message?: string; code?: string; statusCode?: number; stack?: string }) {
        return {
          type: err.name ?? 'Error',
          code: err.code,
          statusCode: err.statusCode,
          message: scrub(err.message ?? ''),
          // Stacks hold file names and line numbers, never data; keep them for 5xx diagnosis only.
          stack: (err.statusCode ?? 500) >= 500 ? scrub(err.stack ?? '') : '',
        };
      },
    },
  } as FastifyServerOptions['logger'];
}
