/**
 * Writing what the hub answered into the local store. Every function here runs inside the caller's
 * transaction: the worker wraps "push answers" and "one pulled page + the new cursor" each in ONE
 * SQLite transaction, so a crash leaves either all of it or none of it.
 */
import { applyEvent, replay, type DossierEvent, type DossierSnapshot } from '../../shared/dossier';
import type { PullChange, PushResult, SerialRange } from '../../shared/sync-protocol';
import type { Db } from '../store/db';
import type { SyncOp } from '../../shared/sync-ops';
import type { ServiceContext } from '../services/context';
import { applyRemoteAcceptances, applyRemoteDossierOp, type RemoteApplyResult } from './remote';
import { applyRemoteCaseOp } from './remote-case';
import { rebuildCase } from '../services/cases';
import { loadReference } from '../reference/load';

export interface SentOp {
  seq: number;
  opId: string;
  kind: string;
  dossierId: string | null;
  payload: SyncOp;
}

/**
 * Records the hub's answers for pushed ops: accepted → acked; rejected → parked with the code, the
 * Vietnamese reason and the winning event (the op is kept, never deleted, for the manager). A
 * rejected dossier event is marked superseded and the dossier's local state is rebuilt without it,
 * so the counter stops showing a step the hub refused.
 */
export function recordPushAnswers(ctx: ServiceContext, sent: SentOp[], results: PushResult[], hubTime: number): { acked: number; rejected: number } {
  const bySeq = new Map(sent.map((s) => [s.seq, s]));
  const ack = ctx.db.prepare("UPDATE outbox SET status = 'acked', acked_at = ?, reject_code = NULL, reject_reason = NULL WHERE seq = ? AND op_id = ?");
  const rej = ctx.db.prepare("UPDATE outbox SET status = 'rejected', acked_at = ?, reject_code = ?, reject_reason = ?, winning_event_id = ? WHERE seq = ? AND op_id = ?");
  let acked = 0;
  let rejected = 0;
  const touched = new Set<string>();
  const touchedCases = new Set<string>();
  for (const r of results) {
    const s = bySeq.get(r.seq);
    if (!s || s.opId !== r.opId) continue;
    if (r.status === 'accepted') {
      ack.run(hubTime, r.seq, r.opId);
      acked++;
      if (s.payload.kind === 'case.event' && r.hubSeq !== undefined) {
        ctx.db.prepare('UPDATE case_events SET hub_seq = ? WHERE id = ?').run(r.hubSeq, s.payload.eventId);
        touchedCases.add(s.payload.caseId);
      }
    } else if (r.status === 'rejected') {
      rej.run(hubTime, r.code ?? 'REJECTED', r.reason ?? 'Máy chủ không chấp nhận thao tác.', r.winningEventId ?? null, r.seq, r.opId);
      rejected++;
      if (s.payload.kind === 'dossier.event') {
        ctx.db.prepare('UPDATE dossier_events SET superseded = 1 WHERE id = ?').run(s.payload.eventId);
        touched.add(s.payload.dossierId);
      } else if (s.payload.kind === 'case.event') {
        ctx.db.prepare('UPDATE case_events SET superseded = 1 WHERE id = ?').run(s.payload.eventId);
        touchedCases.add(s.payload.caseId);
      }
    }
  }
  for (const id of touched) rebuildWithoutRefused(ctx, id);
  for (const id of touchedCases) rebuildCase(ctx, id);
  return { acked, rejected };
}

/**
 * Recomputes a dossier's state from its events that are not superseded, in local order; an event that
 * no longer fits (it followed a refused one and will be refused too) is skipped.
 */
export function rebuildWithoutRefused(ctx: ServiceContext, dossierId: string): DossierSnapshot | null {
  const rows = ctx.db.prepare('SELECT payload FROM dossier_events WHERE dossier_id = ? AND superseded = 0 ORDER BY seq').all(dossierId) as { payload: string }[];
  let s: DossierSnapshot | null = null;
  for (const r of rows) {
    const next = applyEvent(s, JSON.parse(r.payload) as DossierEvent);
    if (next.ok) s = next.value;
  }
  if (s === null) {
    // Even the acceptance was refused (e.g. a duplicate item number): keep the row, show the last
    // replayable state of all events, and let the parked op explain.
    const all = replay(rows.map((r) => JSON.parse(r.payload) as DossierEvent));
    if (!all.ok) return null;
    s = all.value;
  }
  ctx.db
    .prepare(
      `UPDATE dossiers SET state = ?, complete = ?, batch_id = (SELECT id FROM batches WHERE id = ?), delivery_attempts = ?, next_invitation_date = ?,
       appointment_date = ?, filed_at = ?, updated_at = ? WHERE id = ?`,
    )
    .run(s.state, s.complete ? 1 : 0, s.batchId, s.deliveryAttempts, s.nextInvitationDate, s.appointmentDate, s.filedAt, ctx.clock.now(), dossierId);
  return s;
}

export interface PageOutcome {
  dossierEvents: number;
  deferred: number;
  referenceChanged: boolean;
  rangesAdded: number;
}

type DossierChange = Extract<PullChange, { kind: 'dossier.event' }>;
type CaseChange = Extract<PullChange, { kind: 'case.event' }>;
type DossierOp = Extract<SyncOp, { kind: 'dossier.event' }>;

/** `c` was validated with the protocol schema when the page arrived (or when it was deferred). */
function applyDossierChange(ctx: ServiceContext, c: DossierChange | CaseChange): { ok: true } | { ok: false; reason: string } {
  const op = c.op;
  if (op.kind === 'case.event') {
    const r = applyRemoteCaseOp(ctx, op, c.hubSeq);
    return r.status === 'refused' ? { ok: false, reason: `${r.code}: ${r.message}` } : { ok: true };
  }
  if (op.kind !== 'dossier.event') return { ok: false, reason: 'not a dossier event' };
  return remoteOutcome(applyRemoteDossierOp(ctx, op));
}

function remoteOutcome(r: RemoteApplyResult): { ok: true } | { ok: false; reason: string } {
  if (r.status === 'applied' || r.status === 'duplicate' || r.status === 'rebuilt') return { ok: true };
  if (r.status === 'missing_dossier') return { ok: false, reason: 'Chưa có hồ sơ gốc trên quầy.' };
  return { ok: false, reason: `${r.code}: ${r.message}` };
}

const isAcceptance = (c: PullChange): boolean => c.kind === 'dossier.event' && c.op.kind === 'dossier.event' && c.op.event.type === 'accepted';

/** Applies one pulled page (the caller's transaction also stores the new cursor). */
export function applyPullPage(ctx: ServiceContext, selfCounterId: string, changes: PullChange[]): PageOutcome {
  const out: PageOutcome = { dossierEvents: 0, deferred: 0, referenceChanged: false, rangesAdded: 0 };
  const now = ctx.clock.now();
  const defer = ctx.db.prepare(
    `INSERT INTO sync_deferred (change_id, payload, reason, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (change_id) DO UPDATE SET reason = excluded.reason, attempts = attempts + 1`,
  );
  const settle = (c: PullChange, r: { ok: true } | { ok: false; reason: string }): void => {
    if (r.ok) out.dossierEvents++;
    else {
      defer.run(c.changeId, JSON.stringify(c), r.reason, now);
      out.deferred++;
    }
  };
  for (let i = 0; i < changes.length; ) {
    const c = changes[i]!;
    if (isAcceptance(c)) {
      // A run of acceptances (a new counter's first pull is almost only that) is written at once.
      let j = i + 1;
      while (j < changes.length && isAcceptance(changes[j]!)) j++;
      const run = changes.slice(i, j) as DossierChange[];
      applyRemoteAcceptances(ctx, run.map((x) => x.op as DossierOp)).forEach((r, k) => settle(run[k]!, remoteOutcome(r)));
      i = j;
      continue;
    }
    i++;
    if (c.kind === 'dossier.event' || c.kind === 'case.event') {
      // The apply functions decide before they write, so a refusal leaves nothing behind; an
      // exception aborts the whole page (and its cursor) in the caller's transaction.
      settle(c, applyDossierChange(ctx, c));
    } else if (c.kind === 'reference') {
      // Any kind of the registry (src/shared/reference-kinds.ts), checked again here; a document this
      // counter refuses throws and aborts the page, so its cursor does not move past it.
      loadReference(ctx.db, c.name, c.payload, now, c.version);
      out.referenceChanged = true;
    } else if (addHubRange(ctx.db, selfCounterId, c.range)) out.rangesAdded++;
  }
  return out;
}

/**
 * Stores a serial range the hub gave this counter (from a pull or the enrollment answer), once.
 * Provisional ranges (configured before enrollment, possibly shared by every fresh install) stop
 * issuing numbers once the hub has given this counter its own: the hub accepts only its own.
 */
export function addHubRange(db: Db, selfCounterId: string, range: SerialRange): boolean {
  if (range.counterId !== selfCounterId) return false;
  if (db.prepare('SELECT 1 FROM sync_serial_ranges WHERE hub_range_id = ?').get(range.id)) return false;
  const ins = db
    .prepare('INSERT INTO serial_ranges (counter_id, prefix, country, first_serial, last_serial, next_serial) VALUES (?, ?, ?, ?, ?, ?)')
    .run(selfCounterId, range.prefix, range.country, range.firstSerial, range.lastSerial, range.firstSerial);
  db.prepare('INSERT INTO sync_serial_ranges (hub_range_id, range_id) VALUES (?, ?)').run(range.id, Number(ins.lastInsertRowid));
  db.prepare("UPDATE serial_ranges SET status = 'retired' WHERE counter_id = ? AND status = 'active' AND id NOT IN (SELECT range_id FROM sync_serial_ranges)").run(selfCounterId);
  return true;
}

/** Retries deferred changes (after new reference data or the missing dossier arrived). */
export function retryDeferred(ctx: ServiceContext): number {
  const rows = ctx.db.prepare('SELECT change_id, payload FROM sync_deferred ORDER BY created_at, change_id').all() as { change_id: string; payload: string }[];
  let done = 0;
  for (const row of rows) {
    const c = JSON.parse(row.payload) as DossierChange | CaseChange;
    const r = applyDossierChange(ctx, c);
    if (r.ok) {
      ctx.db.prepare('DELETE FROM sync_deferred WHERE change_id = ?').run(row.change_id);
      done++;
    } else {
      ctx.db.prepare('UPDATE sync_deferred SET reason = ?, attempts = attempts + 1 WHERE change_id = ?').run(r.reason, row.change_id);
    }
  }
  return done;
}
