/**
 * GET /pull: the change feed of one counter — its branch's dossier events from OTHER counters,
 * reference data, and its own serial ranges — in pages, behind a cursor that never skips a row.
 *
 * Why not simply `change_id > cursor`? Change ids come from a sequence when a row is INSERTed, but
 * transactions commit in any order: T1 takes id 5, T2 takes id 6 and commits first; a pull between
 * the two commits sees 6, moves its cursor to 6, and row 5 — committed a moment later — is skipped
 * forever. Filtering on the writer's xid alone is not enough either (T2 may have an older xid than
 * T1 while holding a newer change id).
 *
 * What we do: every change row carries an ordering key `change_key` (an xid8) and the feed is ordered
 * by (change_key, change_id). A pull exposes only rows whose key is below
 * the snapshot's xmin, `pg_snapshot_xmin(pg_current_snapshot())` — the oldest transaction still
 * running (refined below). Every
 * transaction with an xid below that horizon has finished (committed or aborted), and every
 * committed one is visible to the pull's own snapshot (taken by the same statement). So the set of
 * rows below the horizon is final: no row can ever appear there later. Each row's key is at least its
 * writer's xid (`greatest(pg_current_xact_id(), …)`), so a row still being written has a key at or
 * above the horizon and sorts after the cursor of any pull that could not see it; and transactions
 * that start later get larger xids still. Hence the cursor (key, id) of the last delivered row never
 * passes a row that will commit later.
 *
 * The "…" in the key: a push also takes the largest key of the dossiers it touches. A transaction
 * with an older xid can apply an event to a dossier right after a younger transaction created it
 * (it waited for the row lock); without this its event would be ordered before the dossier's
 * creation. With it, a dossier's events are always delivered in the hub's order (hub_seq order),
 * while the horizon argument above still holds (the key is ≥ the writer's xid).
 *
 * The horizon, precisely: xids are cluster-wide, so `pg_snapshot_xmin` would also wait for
 * transactions of OTHER databases on the same server (a report, a test run). We take the oldest xid
 * of the snapshot's running list (`pg_snapshot_xip`) that is not positively held, right now, by a
 * backend of another database (`pg_stat_activity.backend_xid`), or the snapshot's xmax if none.
 * Excluding only xids seen in other databases is conservative: an xid belongs to one transaction in
 * one database, so an excluded xid was never one of our writers; one that finished meanwhile is not
 * seen, so it is kept and merely holds the horizon back. The proof above is unchanged.
 *
 * Cost of the horizon: a transaction left open in the hub's database holds the feed back (pulls
 * return nothing newer) until it ends; it delays, it never loses. Statement timeouts on the hub's
 * connections keep that bounded.
 */
import type { PullChange } from '../shared/sync-protocol';
import type { Conn, HubDb } from './db';
import type { Caller } from './push';

/**
 * The feed epoch changes only when an operator resets the feed after restoring the hub's database
 * from a backup (`npm run hub -- reset-feed`): transaction ids restart or go back in time then, so
 * every key is renumbered to 0 and every counter's cursor of the old epoch means "from the
 * beginning" — each counter pulls everything again and applies it idempotently. Nothing is skipped.
 */
export function parseCursor(cursor: string, epoch: string): { key: string; id: string } {
  const m = /^([0-9a-f]{8})-(\d+)\.(\d+)$/.exec(cursor);
  if (!m || m[1] !== epoch) return { key: '0', id: '0' };
  return { key: m[2]!, id: m[3]! };
}

export async function feedEpoch(c: Conn): Promise<string> {
  const r = await c.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'feed_epoch'");
  return r.rows[0]!.value;
}

/** Disaster recovery: after a restore, renumber every key to 0 and start a new epoch. */
export async function resetFeed(db: HubDb): Promise<string> {
  return db.tx(async (c) => {
    await c.query("UPDATE changes SET change_key = '0'");
    await c.query("UPDATE dossiers SET change_key = '0'");
    const r = await c.query<{ value: string }>(
      "UPDATE hub_meta SET value = substr(md5(random()::text || clock_timestamp()::text), 1, 8) WHERE key = 'feed_epoch' RETURNING value",
    );
    return r.rows[0]!.value;
  });
}

interface ChangeRow {
  change_key: string;
  change_id: string;
  kind: PullChange['kind'];
  origin_counter_id: string | null;
  hub_at: number;
  payload: Record<string, unknown> | null;
  /**
   * A dossier event's change as JSON text after its kind and change id, composed by PostgreSQL
   * (dossierChangeTailSql), or null for other kinds.
   */
  dossier_tail: string | null;
  case_event_id: string | null;
  case_id: string | null;
  case_dossier_id: string | null;
  case_op_id: string | null;
  case_hub_seq: number | null;
  case_event: string | null;
  /** A dossier event of a dossier closed longer than the pull window (see CLOSED_STATES_SQL). */
  stale: boolean | null;
}

/** A complaint, loss or compensation event of the feed, its event as the stored JSON text. */
export interface FeedCaseEvent {
  kind: 'case.event';
  changeId: string;
  hubAt: number;
  hubSeq: number;
  originCounterId: string;
  opId: string;
  caseId: string;
  dossierId: string | null;
  eventId: string;
  eventText: string;
}

/**
 * A dossier event of the feed: its change's JSON text after `"changeId":…,` (hubAt, hubSeq,
 * originCounterId, op), its documents as stored (see DOSSIER_CHANGE_TAIL_SQL).
 */
export interface FeedEvent {
  kind: 'dossier.event';
  changeId: string;
  tail: string;
}

export interface PullPage {
  /** From the start of the feed: how many changes it holds for this counter (FEED_TOTAL_HEADER). */
  feedTotal?: number;
  changes: (FeedEvent | FeedCaseEvent | Exclude<PullChange, { kind: 'dossier.event' | 'case.event' }>)[];
  cursor: string;
  hasMore: boolean;
  expectedSeq: number;
}

/**
 * A dossier another counter can no longer hand over at this branch: closed (handed back, returned to
 * the agency, cancelled, or send-only and with the agency) and untouched for the province's
 * `pullWindowDays` (reference `personal_data`, default 90). Its events are not sent to the branch's
 * other counters (the cursor still moves past them), so a counter holds the citizens whose dossiers
 * are open or recently closed, not the branch's whole history. A counter that already received the
 * dossier (its acceptance is behind the counter's cursor) still gets every later event, so it learns
 * that the dossier closed even after months offline.
 */
export const CLOSED_STATES_SQL = `((d.snapshot->>'state') IN ('handed_over', 'returned_to_agency', 'cancelled') OR (d.service_type = 'send' AND d.snapshot->>'state' = 'filed'))`;

/**
 * The JSON text of a dossier event's change after `{"kind":"dossier.event","changeId":…,`: the rest
 * of the PullChange (sync-protocol.ts) with the op as its counter pushed it (dossierOpText), the
 * record only with the acceptance. Composed by PostgreSQL: the stored `json` texts are valid JSON
 * and go in as they are, identifiers are uuids or integers, and to_json quotes the free texts. One
 * text per row instead of nine columns is most of the hub's work saved on a long pull (the driver
 * decodes one value, and nothing is concatenated again in JavaScript).
 */
const DOSSIER_CHANGE_TAIL_SQL = `'"hubAt":' || p.hub_at::text || ',"hubSeq":' || e.hub_seq::text
            || ',"originCounterId":' || to_json(coalesce(p.origin_counter_id, ''))::text
            || ',"op":{"opId":"' || e.op_id::text || '","kind":"dossier.event","dossierId":"' || d.id::text
            || '","itemNumber":' || to_json(d.item_number)::text || ',"eventId":"' || e.id::text
            || '","event":' || e.event::text || CASE WHEN e.type = 'accepted' THEN ',"dossier":' || d.record::text ELSE '' END || '}}'`;

/** $1,$2 cursor; $3 branch; $4 counter; $5 limit; $6 the hub's time (ms). One statement: the horizon and the rows come from the same snapshot. */
export const PULL_SQL = `WITH snap AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
          win AS MATERIALIZED (
            SELECT $6::bigint - 86400000::bigint * coalesce((SELECT (payload->>'pullWindowDays')::int FROM reference_docs WHERE name = 'personal_data'), 90) AS cutoff),
          others AS MATERIALIZED (
            SELECT backend_xid AS x FROM pg_stat_activity WHERE datname IS DISTINCT FROM current_database() AND backend_xid IS NOT NULL),
          horizon AS MATERIALIZED (
            SELECT coalesce(
              (SELECT min(x) FROM snap, pg_snapshot_xip(snap.s) AS x WHERE x::xid NOT IN (SELECT x FROM others)),
              (SELECT pg_snapshot_xmax(s) FROM snap)) AS h),
          -- The page first, walking the (change_key, change_id) index in order and stopping at the
          -- limit; only then the joins (joining first made the planner read every remaining row).
          page AS MATERIALIZED (
            SELECT ch.change_key, ch.change_id, ch.kind, ch.origin_counter_id, ch.hub_at, ch.payload, ch.event_id
              FROM changes ch
             WHERE ch.change_key < (SELECT h FROM horizon)
               AND (ch.change_key, ch.change_id) > ($1::xid8, $2::bigint)
               AND (ch.branch_code IS NULL OR ch.branch_code = $3)
               AND (ch.target_counter_id IS NULL OR ch.target_counter_id = $4)
             ORDER BY ch.change_key, ch.change_id
             LIMIT $5)
     SELECT p.change_key::text AS change_key, p.change_id::text AS change_id, p.kind, p.origin_counter_id,
            p.hub_at::float8 AS hub_at, p.payload, ${DOSSIER_CHANGE_TAIL_SQL} AS dossier_tail,
            ce.id::text AS case_event_id, ce.case_id::text AS case_id, ce.dossier_id::text AS case_dossier_id, ce.op_id::text AS case_op_id,
            ce.hub_seq AS case_hub_seq, ce.event::text AS case_event,
            (d.id IS NOT NULL AND d.updated_at < (SELECT cutoff FROM win) AND ${CLOSED_STATES_SQL}
              -- A counter that already received the dossier (its acceptance is behind the cursor)
              -- still gets the rest, however late it pulls: it must learn that the dossier closed.
              AND NOT EXISTS (SELECT 1 FROM dossier_events e0 JOIN changes c0 ON c0.event_id = e0.id AND c0.kind = 'dossier.event'
                               WHERE e0.dossier_id = d.id AND e0.hub_seq = 1 AND (c0.change_key, c0.change_id) <= ($1::xid8, $2::bigint))) AS stale
       FROM page p
       -- One primary-key lookup per row of the page, whatever the statistics say: as plain joins, the
       -- planner hashed the whole dossier_events table for each page once the tables were analysed,
       -- so a first pull of N changes read N²/limit rows (OFFSET 0 keeps each subquery a lookup).
       LEFT JOIN LATERAL (SELECT e.* FROM dossier_events e
                           WHERE e.id = p.event_id AND p.kind = 'dossier.event' AND p.origin_counter_id IS DISTINCT FROM $4 OFFSET 0) e ON true
       LEFT JOIN LATERAL (SELECT d.* FROM dossiers d WHERE d.id = e.dossier_id OFFSET 0) d ON true
       LEFT JOIN LATERAL (SELECT ce.* FROM case_events ce
                           WHERE ce.id = p.event_id AND p.kind = 'case.event' AND p.origin_counter_id IS DISTINCT FROM $4 OFFSET 0) ce ON true
      ORDER BY p.change_key, p.change_id`;

/**
 * The JSON text of a stored dossier event as the operation its counter pushed (the record only with
 * the acceptance), its documents as stored: PostgreSQL `json` values are valid JSON texts, so they go
 * in as they are instead of being parsed by the driver and serialised again (most of the hub's work
 * when it hands back many dossiers). Every other value goes through JSON.stringify.
 */
export function dossierOpText(r: { opId: string; dossierId: string; itemNumber: string; eventId: string; eventText: string; recordText: string | null }): string {
  const s = JSON.stringify;
  return (
    `{"opId":${s(r.opId)},"kind":"dossier.event","dossierId":${s(r.dossierId)},"itemNumber":${s(r.itemNumber)},"eventId":${s(r.eventId)},` +
    `"event":${r.eventText}${r.recordText === null ? '' : `,"dossier":${r.recordText}`}}`
  );
}

/** The JSON text of a stored case event as the operation its counter pushed (see dossierOpText). */
export function caseOpText(r: { opId: string; caseId: string; dossierId: string | null; eventId: string; eventText: string }): string {
  const s = JSON.stringify;
  return `{"opId":${s(r.opId)},"kind":"case.event","caseId":${s(r.caseId)},"dossierId":${s(r.dossierId)},"eventId":${s(r.eventId)},"event":${r.eventText}}`;
}

export async function pullChanges(c: Conn, who: Caller, cursor: string, limit: number, now: number = Date.now()): Promise<PullPage> {
  const epoch = await feedEpoch(c);
  const from = parseCursor(cursor, epoch);
  const { rows } = await c.query<ChangeRow>(PULL_SQL, [from.key, from.id, who.branchCode, who.counterId, limit, now]);
  const changes: PullPage['changes'] = [];
  for (const r of rows) {
    const changeId = `${epoch}-${r.change_key}.${r.change_id}`;
    if (r.kind === 'dossier.event') {
      // The counter's own events are already in its store, and a dossier closed long ago can no longer
      // be handed over here; the cursor still moves past them.
      if (r.origin_counter_id === who.counterId || r.stale) continue;
      changes.push({ kind: 'dossier.event', changeId, tail: r.dossier_tail! });
    } else if (r.kind === 'case.event') {
      if (r.origin_counter_id === who.counterId) continue;
      changes.push({
        kind: 'case.event',
        changeId,
        hubAt: r.hub_at,
        hubSeq: r.case_hub_seq!,
        originCounterId: r.origin_counter_id ?? '',
        opId: r.case_op_id!,
        caseId: r.case_id!,
        dossierId: r.case_dossier_id,
        eventId: r.case_event_id!,
        eventText: r.case_event!,
      });
    } else if (r.kind === 'reference') {
      const p = r.payload as { name: 'catalogue' | 'calendar' | 'transit'; version: string; payload: unknown };
      changes.push({ kind: 'reference', changeId, hubAt: r.hub_at, name: p.name, version: p.version, payload: p.payload });
    } else {
      const p = r.payload as { range: never };
      changes.push({ kind: 'serial_range', changeId, hubAt: r.hub_at, range: p.range });
    }
  }
  const last = rows[rows.length - 1];
  const next = await c.query<{ n: number }>('SELECT next_seq::float8 AS n FROM counters WHERE id = $1', [who.counterId]);
  let feedTotal: number | undefined;
  if (from.key === '0' && from.id === '0' && rows.length === limit) {
    // Only for a pull that starts from the beginning and will take several pages.
    const t = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM changes ch
        WHERE (ch.branch_code IS NULL OR ch.branch_code = $1) AND (ch.target_counter_id IS NULL OR ch.target_counter_id = $2)
          AND (ch.kind <> 'dossier.event' OR ch.origin_counter_id IS DISTINCT FROM $2)`,
      [who.branchCode, who.counterId],
    );
    feedTotal = t.rows[0]!.n;
  }
  return { ...(feedTotal !== undefined ? { feedTotal } : {}), expectedSeq: next.rows[0]?.n ?? 1, changes, cursor: `${epoch}-${last ? `${last.change_key}.${last.change_id}` : `${from.key}.${from.id}`}`, hasMore: rows.length === limit };
}

/**
 * The UTF-8 bytes of `pieces` one after the other, each written straight into one buffer. A page of a
 * first pull is megabytes: joining its texts into one string and encoding that (Buffer.from, or
 * Fastify measuring and encoding a string body) cost ~10× more than this (measured 17 ms against
 * 1.7 ms for a 1.9 MB page). An ASCII piece (its UTF-8 length is its length: what counters push)
 * is copied byte for byte.
 */
export function utf8Concat(pieces: readonly string[]): Buffer {
  const lengths = pieces.map((p) => Buffer.byteLength(p, 'utf8'));
  const out = Buffer.allocUnsafe(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  pieces.forEach((p, i) => {
    at += out.write(p, at, lengths[i] === p.length ? 'latin1' : 'utf8');
  });
  return out;
}

/**
 * The pull answer (the PullResponse of sync-protocol.ts, whose strict schema the counter checks it
 * against) as UTF-8 bytes, the dossier documents as stored (DOSSIER_CHANGE_TAIL_SQL), built with
 * utf8Concat.
 */
export function pullBody(page: PullPage, hubTime: number): Buffer {
  const s = JSON.stringify;
  const pieces: string[] = [`{"hubTime":${s(hubTime)},"cursor":${s(page.cursor)},"hasMore":${s(page.hasMore)},"expectedSeq":${s(page.expectedSeq)},"changes":[`];
  page.changes.forEach((c, i) => {
    const sep = i === 0 ? '' : ',';
    if (c.kind === 'dossier.event') pieces.push(`${sep}{"kind":"dossier.event","changeId":${s(c.changeId)},`, c.tail);
    else if (c.kind === 'case.event')
      pieces.push(`${sep}{"kind":"case.event","changeId":${s(c.changeId)},"hubAt":${s(c.hubAt)},"hubSeq":${s(c.hubSeq)},"originCounterId":${s(c.originCounterId)},"op":${caseOpText(c)}}`);
    else pieces.push(sep + s(c));
  });
  pieces.push(']}');
  return utf8Concat(pieces);
}
