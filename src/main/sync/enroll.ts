/**
 * Enrolling this counter with the provincial hub: exchange the one-time code an administrator gave
 * for a bearer token, and remember the hub, the token (sealed, see secrets.ts), the counter and its branch. The code names the
 * counter it was made for; the hub refuses (without using the code up) a code made for another
 * counter than this machine's.
 */
import { DomainError } from '../../shared/errors';
import type { Clock } from '../../shared/ports';
import { EnrollResponseSchema } from '../../shared/sync-protocol';
import type { Db } from '../store/db';
import { callHub, HubRefused, HubUnreachable, skewOf, type FetchFn } from './client';
import type { SecretBox } from '../../shared/ports';
import { plainSecretBox } from './secrets';
import { noteUpdatePolicy } from './sync-state';

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
): Promise<EnrollResult> {
  let url: URL;
  try {
    url = new URL(hubUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new DomainError('BAD_HUB_URL', 'Địa chỉ máy chủ tỉnh không hợp lệ (ví dụ: https://dongbo.buudien-sonla.vn).', 'hubUrl');
  }
  const self = db.prepare('SELECT id FROM counters WHERE is_self = 1').get() as { id: string } | undefined;
  let answer;
  try {
    answer = await callHub(
      { baseUrl: url.toString(), fetch: edges.fetch ?? ((u, i) => fetch(u, i)), clock: edges.clock },
      'POST',
      '/enroll',
      EnrollResponseSchema,
      { code, ...(self ? { counterId: self.id } : {}), ...(deviceName ? { deviceName } : {}) },
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
      db.prepare('UPDATE counters SET branch_code = ?, branch_name = ?, name = ? WHERE id = ?').run(r.branchCode, r.branchName, r.counterName, r.counterId);
    } else {
      db.prepare('INSERT INTO counters (id, branch_code, branch_name, name, province_code, is_self) VALUES (?, ?, ?, ?, ?, 1)').run(r.counterId, r.branchCode, r.branchName, r.counterName, r.provinceCode);
    }
    const prev = db.prepare('SELECT hub_url, counter_id FROM sync_state WHERE id = 1').get() as { hub_url: string | null; counter_id: string | null };
    const sameFeed = prev.hub_url === url.toString() && prev.counter_id === r.counterId;
    db.prepare(
      `UPDATE sync_state SET hub_url = ?, token = ?, counter_id = ?, branch_code = ?, enrolled_at = ?, cursor = CASE WHEN ? THEN cursor ELSE '' END,
         last_error = NULL, last_error_at = NULL, offline_since = NULL, clock_skew_ms = ? WHERE id = 1`,
    ).run(url.toString(), (edges.secrets ?? plainSecretBox).seal(r.token), r.counterId, r.branchCode, now, sameFeed ? 1 : 0, skewOf(answer));
    // The channel and where its files are come with the token (src/shared/app-update.ts).
    noteUpdatePolicy(db, answer.update, now);
  })();
  return { counterId: r.counterId, counterName: r.counterName, branchCode: r.branchCode, branchName: r.branchName };
}
