/**
 * The counter's HTTP client for the hub: injected `fetch` and clock, a timeout per request, every
 * answer parsed with the protocol's schemas, and the hub's clock read from `x-hub-time`.
 *
 * Failures are classified for the worker: `HubUnreachable` (network down, timeout, 5xx, a proxy's
 * HTML page) is "offline, retry later"; `HubRefused` (4xx) is a definite answer about this request.
 */
import { isAscii } from 'node:buffer';
import type { z } from 'zod';
import type { Clock } from '../../shared/ports';
import { COUNTER_TIME_HEADER, COUNTER_VERSION_HEADER, HUB_TIME_HEADER, wireJson } from '../../shared/sync-protocol';
import { APP_VERSION } from '../version';
import { parsesToItself } from '../../shared/schema-identity';
import { decodeUpdatePolicy, UPDATE_POLICY_HEADER, type UpdatePolicy } from '../../shared/app-update';
import type { NodeGetFn } from './node-get';

export type FetchFn = (input: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<Response>;

export class HubUnreachable extends Error {
  override readonly name = 'HubUnreachable';
}

export class HubRefused extends Error {
  override readonly name = 'HubRefused';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Answer<T> {
  body: T;
  /** The hub's clock when it answered, epoch ms. */
  hubTime: number;
  /** Local clock when the request left and when the answer arrived. */
  sentAt: number;
  receivedAt: number;
  /** The answer's headers (absent in answers made up by tests). */
  headers?: Headers;
  /** The update policy the hub sent with the answer (its header), if any. */
  update: UpdatePolicy | null;
}

export interface HubClientOptions {
  baseUrl: string;
  token?: string | undefined;
  fetch: FetchFn;
  /**
   * The transport of the pull's pages (openHubPage), node:http(s) in the application; absent, they
   * go through `fetch` like every other request (tests that inject a fetch).
   */
  pageGet?: NodeGetFn | undefined;
  clock: Clock;
  timeoutMs?: number;
}

/**
 * An answer's bytes as text, as `Response.text()` decodes them (UTF-8, a leading byte order mark
 * dropped, a malformed sequence replaced). An ASCII answer — what the hub writes, a page of a first
 * pull being megabytes of it — is copied byte for byte instead of going through the UTF-8 decoder
 * (about half the decoding time).
 */
export function answerText(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  return isAscii(body) ? body.toString('latin1') : body.toString('utf8');
}

export async function callHub<S extends z.ZodType>(
  opts: HubClientOptions,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
): Promise<Answer<z.infer<S>>> {
  return readAnswer(opts, await openHub(opts, method, path, body), schema);
}

/** A request whose answer's status and headers have arrived, its body not yet read (see readAnswer). */
export interface Opened {
  status: number;
  headers: Headers;
  sentAt: number;
  /** The whole body; rejects if the connection is cut before its end or the request's time runs out. */
  bytes(): Promise<Buffer>;
  /** Lets go of the body unread. */
  discard(): void;
}

/** A fetch answer as an Opened. */
export function openedResponse(res: Response, sentAt: number): Opened {
  return {
    status: res.status,
    headers: res.headers,
    sentAt,
    bytes: async () => Buffer.from(await res.arrayBuffer()),
    discard: () => void res.body?.cancel().catch(() => undefined),
  };
}

function requestHeaders(opts: HubClientOptions, sentAt: number, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', [COUNTER_VERSION_HEADER]: APP_VERSION, [COUNTER_TIME_HEADER]: String(Math.round(sentAt)) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (withBody) headers['content-type'] = 'application/json';
  return headers;
}

const hubUrl = (opts: HubClientOptions, path: string): string => `${opts.baseUrl.replace(/\/+$/, '')}${path}`;
const unreachable = (err: unknown): HubUnreachable => new HubUnreachable(`Không kết nối được máy chủ tỉnh (${err instanceof Error ? err.message : String(err)}).`);

/**
 * A GET of a pull page: as openHub, through `opts.pageGet` when set (node:http, less CPU per byte
 * than fetch for the megabytes of a first pull), with the same headers, time limit and failures.
 */
export async function openHubPage(opts: HubClientOptions, path: string): Promise<Opened> {
  if (!opts.pageGet) return openHub(opts, 'GET', path);
  const sentAt = opts.clock.now();
  let opened: Opened;
  try {
    opened = await opts.pageGet(hubUrl(opts, path), requestHeaders(opts, sentAt, false), opts.timeoutMs ?? 30_000, sentAt);
  } catch (err) {
    throw unreachable(err);
  }
  const encoding = opened.headers.get('content-encoding');
  if (!REDIRECTS.has(opened.status) && (encoding === null || encoding === 'identity')) return opened;
  // A hub address that redirects (say a proxy sending http to https), or an answer compressed though
  // not asked to be: fetch follows the one by its rules and decodes the other.
  opened.discard();
  return openHub(opts, 'GET', path);
}

/** The statuses fetch follows. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends a request and resolves once the answer's status and headers are in: a caller can act on a
 * header (the pull asks for its next page) while the body is still to be read and checked.
 */
export async function openHub(opts: HubClientOptions, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Opened> {
  const sentAt = opts.clock.now();
  try {
    const res = await opts.fetch(hubUrl(opts, path), {
      method,
      headers: requestHeaders(opts, sentAt, body !== undefined),
      ...(body !== undefined ? { body: wireJson(body) } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    return openedResponse(res, sentAt);
  } catch (err) {
    throw unreachable(err);
  }
}

/** Reads an opened answer's body and checks it: the failures of callHub, classified the same way. */
export async function readAnswer<S extends z.ZodType>(opts: HubClientOptions, res: Opened, schema: S): Promise<Answer<z.infer<S>>> {
  const { sentAt } = res;
  let text: string;
  try {
    text = answerText(await res.bytes());
  } catch (err) {
    throw new HubUnreachable(`Mất kết nối khi đang nhận trả lời của máy chủ (${err instanceof Error ? err.message : String(err)}).`);
  }
  const receivedAt = opts.clock.now();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HubUnreachable(`Máy chủ trả lời không đúng định dạng (HTTP ${res.status}).`);
  }
  if (res.status >= 500 || res.status === 429 || res.status === 408) {
    throw new HubUnreachable(`Máy chủ tỉnh tạm thời không xử lý được (HTTP ${res.status}).`);
  }
  if (res.status >= 400) {
    const e = json as { error?: unknown; message?: unknown };
    throw new HubRefused(res.status, typeof e.error === 'string' ? e.error : 'REFUSED', typeof e.message === 'string' ? e.message : `Máy chủ từ chối (HTTP ${res.status}).`);
  }
  // A schema whose parse would only copy the value checks it in place (a first pull's pages).
  const parsed = parsesToItself(schema) && schema.validate(json) ? { success: true as const, data: json as z.infer<S> } : schema.safeParse(json);
  if (!parsed.success) throw new HubRefused(res.status, 'BAD_ANSWER', 'Trả lời của máy chủ không đúng giao thức; có thể phần mềm quầy hoặc máy chủ cần cập nhật.');
  const headerTime = Number(res.headers.get(HUB_TIME_HEADER));
  const hubTime = Number.isFinite(headerTime) && headerTime > 0 ? headerTime : ((json as { hubTime?: number }).hubTime ?? receivedAt);
  return { body: parsed.data, hubTime, sentAt, receivedAt, headers: res.headers, update: decodeUpdatePolicy(res.headers.get(UPDATE_POLICY_HEADER)) };
}

/** Hub clock minus local clock, assuming the hub stamped its answer halfway through the round trip. */
export const skewOf = (a: Answer<unknown>): number => Math.round(a.hubTime - (a.sentAt + a.receivedAt) / 2);
