/**
 * Enrolling this counter with the provincial hub: exchange the one-time code an administrator gave
 * for a bearer token, and remember the hub, the token (sealed, see secrets.ts), the counter and its branch. The code names the
 * counter it was made for; the hub refuses (without using the code up) a code made for another
 * counter than this machine's. At first run (`adoptIdentity`), a machine that has issued nothing yet
 * becomes the counter the code was made for instead: its id, names and branch come from the hub.
 */
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import { z } from 'zod';
import { describeSkew, normalizeHubAddress } from '../../shared/enrollment';
import { CLOCK_SKEW_WARN_MS, EnrollResponseSchema } from '../../shared/sync-protocol';
import type { Db } from '../store/db';
import { callHub, HubRefused, HubUnreachable, skewOf, type FetchFn } from './client';
import type { SecretBox } from '../../shared/ports';
import { plainSecretBox } from './secrets';
import { issuedNothing, renameSelf } from '../store/identity';
import { addHubRange } from './apply';
import { noteTrackingBase, noteUpdatePolicy } from './sync-state';

export interface EnrollResult {
  counterId: string;
  counterName: string;
  branchCode: string;
  branchName: string;
}

export async function enrollCounter(
  db: Db,
  edges: { fetch?: FetchFn; clock: Clock; secrets?: SecretBox },
  hubUrl: string,
  code: string,
  deviceName?: string,
  opts: { adoptIdentity?: boolean } = {},
): Promise<EnrollResult> {
  // The address as people type it: `127.0.0.1:8787` becomes http://127.0.0.1:8787; plain http only on a local network.
  const address = normalizeHubAddress(hubUrl);
  if (!address.ok) throw new DomainError('BAD_HUB_URL', address.message, 'hubUrl');
  const url = new URL(address.url);
  const self = db.prepare('SELECT id FROM counters WHERE is_self = 1').get() as { id: string } | undefined;
  const adopt = opts.adoptIdentity === true && issuedNothing(db);
  let answer;
  try {
    answer = await callHub(
      { baseUrl: url.toString(), fetch: edges.fetch ?? ((u, i) => fetch(u, i)), clock: edges.clock },
      'POST',
      '/enroll',
      EnrollResponseSchema,
      { code, ...(self && !adopt ? { counterId: self.id } : {}), ...(deviceName ? { deviceName } : {}) },
    );
  } catch (err) {
    if (err instanceof HubRefused) throw new DomainError(err.code, err.message, 'code');
    if (err instanceof HubUnreachable) throw new DomainError('HUB_UNREACHABLE', err.message);
    throw err;
  }
  const r = answer.body;
  const now = edges.clock.now();
  db.transaction(() => {
    if (self) {
      if (adopt) renameSelf(db, r.counterId);
      db.prepare("UPDATE counters SET branch_code = ?, branch_name = ?, name = ?, province_code = coalesce(nullif(?, ''), province_code), identity_source = 'hub' WHERE id = ?").run(
        r.branchCode,
        r.branchName,
        r.counterName,
        r.provinceCode,
        r.counterId,
      );
    } else {
      db.prepare("INSERT INTO counters (id, branch_code, branch_name, name, province_code, is_self, identity_source) VALUES (?, ?, ?, ?, ?, 1, 'hub')").run(r.counterId, r.branchCode, r.branchName, r.counterName, r.provinceCode);
    }
    const prev = db.prepare('SELECT hub_url, counter_id FROM sync_state WHERE id = 1').get() as { hub_url: string | null; counter_id: string | null };
    const sameFeed = prev.hub_url === url.toString() && prev.counter_id === r.counterId;
    db.prepare(
      `UPDATE sync_state SET hub_url = ?, token = ?, counter_id = ?, branch_code = ?, enrolled_at = ?, cursor = CASE WHEN ? THEN cursor ELSE '' END,
         last_error = NULL, last_error_at = NULL, offline_since = NULL, clock_skew_ms = ? WHERE id = 1`,
    ).run(url.toString(), (edges.secrets ?? plainSecretBox).seal(r.token), r.counterId, r.branchCode, now, sameFeed ? 1 : 0, skewOf(answer));
    // The counter's own numbers from its first intake on (the hub refuses any other).
    for (const range of r.serialRanges ?? []) addHubRange(db, r.counterId, range);
    // The channel and where its files are come with the token (src/shared/app-update.ts).
    noteUpdatePolicy(db, answer.update, now);
    noteTrackingBase(db, answer.headers);
  })();
  return { counterId: r.counterId, counterName: r.counterName, branchCode: r.branchCode, branchName: r.branchName };
}

/** What /health answers (the hub's clock is in every answer). */
const HealthSchema = z.object({ hubTime: z.number(), ok: z.boolean(), db: z.string().optional() });

export interface HubProbe {
  url: string;
  plainHttp: boolean;
  note: string | null;
  hubTime: number;
  /** Hub clock minus this machine's clock, ms. */
  skewMs: number;
  skewText: string;
  skewWarn: boolean;
  /** The hub answered but its database did not. */
  dbOk: boolean;
}

/**
 * Tests the connection to a hub as typed (address normalized as in src/shared/enrollment.ts): the
 * hub's time and how far this machine's clock is off. Changes nothing.
 */
export async function probeHub(edges: { fetch?: FetchFn; clock: Clock }, typed: string): Promise<HubProbe> {
  const address = normalizeHubAddress(typed);
  if (!address.ok) throw new DomainError('BAD_HUB_URL', address.message, 'hubUrl');
  let answer;
  try {
    answer = await callHub({ baseUrl: address.url, fetch: edges.fetch ?? ((u, i) => fetch(u, i)), clock: edges.clock, timeoutMs: 8_000 }, 'GET', '/health', HealthSchema);
  } catch (err) {
    if (err instanceof HubUnreachable) throw new DomainError('HUB_UNREACHABLE', `${err.message} Hãy kiểm tra địa chỉ ${address.url}, mạng và tường lửa.`, 'hubUrl');
    if (err instanceof HubRefused && err.status === 404) throw new DomainError('NOT_A_HUB', `Địa chỉ ${address.url} trả lời nhưng không phải máy chủ đồng bộ Quầy HCC.`, 'hubUrl');
    if (err instanceof HubRefused) throw new DomainError(err.code, err.message, 'hubUrl');
    throw err;
  }
  const skewMs = skewOf(answer);
  const words = describeSkew(skewMs, CLOCK_SKEW_WARN_MS);
  return { url: address.url, plainHttp: address.plainHttp, note: address.note, hubTime: answer.hubTime, skewMs, skewText: words.text, skewWarn: words.warn, dbOk: answer.body.ok };
}
