/**
 * The counter's one `sync_state` row (hub address, sealed token, cursor, last outcome) and the outbox
 * counts the status bar shows: every read and write of them the worker makes, in one place.
 */
import { FALLBACK_TRACKING_BASE, hubTrackingBase, parseTrackingBase, TRACKING_URL_HEADER } from '../../shared/tracking';
import type { Db } from '../store/db';
import { skewOf, type Answer, type HubClientOptions } from './client';
import type { SecretBox } from '../../shared/ports';
import type { UpdatePolicy } from '../../shared/app-update';

export interface SyncRow {
  hub_url: string | null;
  /** The unsealed token; null when not enrolled or when `tokenUnreadable`. */
  token: string | null;
  tokenUnreadable: boolean;
  counter_id: string | null;
  branch_code: string | null;
  cursor: string;
  last_sync_at: number | null;
  last_error: string | null;
  offline_since: number | null;
  clock_skew_ms: number | null;
}

/** An enrolled row: what a sync cycle needs. */
export type EnrolledRow = SyncRow & { hub_url: string; token: string; counter_id: string };

export function readSyncRow(db: Db, secrets: SecretBox): SyncRow {
  const r = db
    .prepare('SELECT hub_url, token, counter_id, branch_code, cursor, last_sync_at, last_error, offline_since, clock_skew_ms FROM sync_state WHERE id = 1')
    .get() as Omit<SyncRow, 'tokenUnreadable'>;
  const token = r.token === null ? null : secrets.open(r.token);
  return { ...r, token, tokenUnreadable: r.token !== null && token === null };
}

export function isEnrolled(row: SyncRow): row is EnrolledRow {
  return row.token !== null && row.hub_url !== null && row.counter_id !== null;
}

/** A token stored before the OS protection was available is sealed now. */
export function resealToken(db: Db, secrets: SecretBox): void {
  if (secrets.kind !== 'os') return;
  const r = db.prepare('SELECT token FROM sync_state WHERE id = 1').get() as { token: string | null };
  if (r.token === null || r.token.startsWith('os:')) return;
  const plain = secrets.open(r.token);
  if (plain !== null) db.prepare('UPDATE sync_state SET token = ? WHERE id = 1 AND token = ?').run(secrets.seal(plain), r.token);
}

/** The hub's clock as read from one of its answers (reported, never used to order). */
export function noteSkew(db: Db, a: Answer<unknown>): void {
  db.prepare('UPDATE sync_state SET clock_skew_ms = ? WHERE id = 1').run(skewOf(a));
}

/**
 * The update policy of the hub's latest answer (src/shared/app-update.ts), for the updater
 * (src/main/update). Written only when it changed: every answer carries it.
 */
export function noteUpdatePolicy(db: Db, p: UpdatePolicy | null, now: number): void {
  if (p === null) return;
  db.prepare(
    `INSERT INTO update_policy (id, channel, url, min_version, allow_downgrade, received_at) VALUES (1, @channel, @url, @minVersion, @allowDowngrade, @now)
     ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, url = excluded.url, min_version = excluded.min_version, allow_downgrade = excluded.allow_downgrade, received_at = excluded.received_at
      WHERE channel IS NOT excluded.channel OR url IS NOT excluded.url OR min_version IS NOT excluded.min_version OR allow_downgrade IS NOT excluded.allow_downgrade`,
  ).run({ channel: p.channel, url: p.url, minVersion: p.minVersion, allowDowngrade: p.allowDowngrade ? 1 : 0, now });
}

/** Keeps the citizens' tracking address the hub announced (TRACKING_URL_HEADER), when it announced one. */
export function noteTrackingBase(db: Db, headers: Headers | undefined): void {
  const base = parseTrackingBase(headers?.get(TRACKING_URL_HEADER));
  if (base === null) return;
  db.prepare("INSERT INTO meta (key, value) VALUES ('tracking_base', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value").run(base);
}

/**
 * Where the receipt's QR sends a citizen: the address the hub announced, else the enrolled hub's own
 * /tra-cuu/ page, else (a counter never enrolled) Vietnam Post's tracking.
 */
export function trackingBase(db: Db): string {
  const announced = db.prepare("SELECT value FROM meta WHERE key = 'tracking_base'").get() as { value: string } | undefined;
  if (announced) return announced.value;
  const hub = db.prepare('SELECT hub_url FROM sync_state WHERE id = 1 AND token IS NOT NULL').get() as { hub_url: string | null } | undefined;
  return hub?.hub_url ? hubTrackingBase(hub.hub_url) : FALLBACK_TRACKING_BASE;
}

/** Offline since the first failure of a run of them (kept), with the latest message. */
export function markOffline(db: Db, now: number, message: string): void {
  db.prepare('UPDATE sync_state SET offline_since = COALESCE(offline_since, ?), last_error = ?, last_error_at = ? WHERE id = 1').run(now, message, now);
}

/** The hub answered, but with a definite refusal. */
export function markError(db: Db, now: number, message: string): void {
  db.prepare('UPDATE sync_state SET offline_since = NULL, last_error = ?, last_error_at = ? WHERE id = 1').run(message, now);
}

export function markSynced(db: Db, now: number): void {
  db.prepare('UPDATE sync_state SET last_sync_at = ?, last_error = NULL, last_error_at = NULL, offline_since = NULL WHERE id = 1').run(now);
}

export function outboxCounts(db: Db): { pending: number; rejected: number } {
  const pending = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
  const rejected = (db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'rejected' AND reviewed_at IS NULL").get() as { n: number }).n;
  return { pending, rejected };
}

/** The highest seq the outbox ever issued (0 when empty). */
export function lastLocalSeq(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM outbox').get() as { n: number }).n;
}

/** What one exchange with the hub needs: where, who, and the outer edges. */
export interface HubLink {
  client: HubClientOptions;
  /** Called with every answer (the worker records the hub's clock). */
  onAnswer(a: Answer<unknown>): void;
}

/** Cumulative timings since the worker started, for diagnostics and the benchmark. */
export interface SyncStats {
  pushBatches: number;
  pushHttpMs: number;
  pushApplyMs: number;
  pullPages: number;
  pullHttpMs: number;
  pullApplyMs: number;
}

export const emptyStats = (): SyncStats => ({ pushBatches: 0, pushHttpMs: 0, pushApplyMs: 0, pullPages: 0, pullHttpMs: 0, pullApplyMs: 0 });
