/**
 * Taking back this counter's own work from the hub after its store was restored from a backup.
 *
 * The restored store ends at the backup: what the counter did afterwards (dossiers taken in, events,
 * money) exists only at the hub, under the counter's own sequence numbers. Left alone, the counter
 * would issue those sequence numbers again (the hub refuses them: SEQ_CONFLICT) and, worse, the item
 * numbers of the lost intakes. So, in one local transaction:
 * - the operations the hub holds from the point where the two histories part are written into the
 *   outbox as answered, and applied: dossiers and events through the same path as other counters'
 *   (state machine, conflicts decided for the hub), ledger entries into the ledger;
 * - what the counter did since the restore (not yet at the hub) is renumbered after them, events'
 *   pointers included, so it is pushed next without a gap;
 * - every serial range moves past the highest item number now known in it;
 * - the audit log records it, and the "reconcile before intake" mark (set by the restore script) is
 *   cleared.
 */
import { OwnOpsResponseSchema, type OwnOp } from '../../shared/sync-protocol';
import type { PullChange } from '../../shared/sync-protocol';
import type { ServiceContext } from '../services/context';
import { applyRemoteDossierOp } from './remote';
import { applyRemoteCaseOp } from './remote-case';
import { clearReconcileMark } from '../store/reconcile';
import { callHub } from './client';
import type { HubLink } from './sync-state';

export interface LocalOp {
  seq: number;
  opId: string;
}

export interface RecoverOutcome {
  /** First sequence number the hub held that the store did not. */
  from: number;
  taken: number;
  renumbered: number;
  dossierEvents: number;
  ledgerEntries: number;
  deferred: number;
  rangesAdvanced: number;
}

export function localOpsFrom(ctx: ServiceContext, fromSeq: number): LocalOp[] {
  return (ctx.db.prepare('SELECT seq, op_id FROM outbox WHERE seq >= ? ORDER BY seq').all(fromSeq) as { seq: number; op_id: string }[]).map((r) => ({ seq: r.seq, opId: r.op_id }));
}

/**
 * The first sequence number at which the hub holds an operation the store does not (another op under
 * the same number, or a number the store never reached); null when the hub holds nothing more.
 * `hub` are the hub's ops from some seq on, in order.
 */
export function divergence(local: LocalOp[], hub: OwnOp[]): number | null {
  const mine = new Map(local.map((l) => [l.seq, l.opId]));
  for (const h of hub) {
    if (mine.get(h.seq) !== h.opId) return h.seq;
  }
  return null;
}

/** Inside the caller's transaction. `hub`: the hub's ops from `from` on, consecutive and complete. */
export function takeBackOwnOps(ctx: ServiceContext, hub: OwnOp[], from: number, hubTime: number): RecoverOutcome {
  const db = ctx.db;
  if (hub.length === 0 || hub[0]!.seq !== from) throw new Error(`recovery expects the hub's ops from ${from}`);
  hub.forEach((h, i) => {
    if (h.seq !== from + i) throw new Error(`the hub's ops have a gap at ${from + i}`);
  });
  const last = hub[hub.length - 1]!.seq;
  const delta = last - from + 1;
  const out: RecoverOutcome = { from, taken: hub.length, renumbered: 0, dossierEvents: 0, ledgerEntries: 0, deferred: 0, rangesAdvanced: 0 };

  // 1. What the counter did since the restore moves after the hub's ops (two steps: the primary key
  //    must never hold two rows at once).
  out.renumbered = db.prepare('UPDATE outbox SET seq = -seq WHERE seq >= ?').run(from).changes;
  db.prepare('UPDATE outbox SET seq = -seq + ? WHERE seq < 0').run(delta);
  db.prepare('UPDATE dossier_events SET op_seq = op_seq + ? WHERE op_seq >= ?').run(delta, from);

  // 2. The hub's ops, answered, in their places; their effects applied in order.
  const insertOp = db.prepare(
    `INSERT INTO outbox (seq, op_id, kind, dossier_id, payload, created_at, status, acked_at, reject_code, reject_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hasDossier = db.prepare('SELECT 1 FROM dossiers WHERE id = ?');
  const insertLedger = db.prepare(
    `INSERT INTO ledger (at, business_date, clerk_id, counter_id, dossier_id, kind, amount, payment_method, agency_code, reverses, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const defer = db.prepare(
    `INSERT INTO sync_deferred (change_id, payload, reason, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (change_id) DO UPDATE SET reason = excluded.reason, attempts = attempts + 1`,
  );
  for (const h of hub) {
    if (h.status === 'rejected') {
      const p = h.payload as { kind?: unknown; dossierId?: unknown } | null;
      const kind = typeof p?.kind === 'string' ? p.kind : 'unknown';
      const dossierId = typeof p?.dossierId === 'string' ? p.dossierId : null;
      insertOp.run(h.seq, h.opId, kind, dossierId, JSON.stringify(h.payload ?? null), h.hubAt, 'rejected', hubTime, h.code, h.reason || 'Máy chủ đã từ chối thao tác này.');
      continue;
    }
    const op = h.payload;
    insertOp.run(h.seq, h.opId, op.kind, op.kind === 'ledger.entry' ? op.entry.dossierId : op.dossierId, JSON.stringify(op), h.hubAt, 'acked', hubTime, null, null);
    if (op.kind === 'dossier.event') {
      const r = applyRemoteDossierOp(ctx, op);
      if (r.status === 'applied' || r.status === 'rebuilt' || r.status === 'duplicate') {
        // Our own event: local origin, pointing at its (answered) operation.
        db.prepare("UPDATE dossier_events SET origin = 'local', op_seq = ? WHERE id = ?").run(h.seq, op.eventId);
        out.dossierEvents++;
      } else {
        // A dossier another counter took in, not pulled here yet: applied once the pull brings it.
        const change: PullChange = { kind: 'dossier.event', changeId: `own-${h.seq}`, hubAt: h.hubAt, hubSeq: 1, originCounterId: op.event.counterId, op };
        defer.run(change.changeId, JSON.stringify(change), r.status === 'missing_dossier' ? 'Chưa có hồ sơ gốc trên quầy.' : `${r.code}: ${r.message}`, ctx.clock.now());
        out.deferred++;
      }
    } else if (op.kind === 'case.event') {
      // Our own complaint, loss or compensation event: applied as the hub holds it, then marked ours.
      // Its place in the case's history is the hub's (hubSeq), not this counter's operation number:
      // the case's events are folded in that order with the other counters' (services/cases.ts).
      // (A hub older than this field: after the case's last known event.)
      const hubSeq = h.hubSeq ?? (db.prepare('SELECT coalesce(max(hub_seq), 0) + 1 AS n FROM case_events WHERE case_id = ?').get(op.caseId) as { n: number }).n;
      const r = applyRemoteCaseOp(ctx, op, hubSeq);
      if (r.status === 'refused') {
        const change: PullChange = { kind: 'case.event', changeId: `own-${h.seq}`, hubAt: h.hubAt, hubSeq, originCounterId: op.event.counterId, op };
        defer.run(change.changeId, JSON.stringify(change), `${r.code}: ${r.message}`, ctx.clock.now());
        out.deferred++;
      } else {
        db.prepare("UPDATE case_events SET origin = 'local', op_seq = ? WHERE id = ?").run(h.seq, op.eventId);
        db.prepare("UPDATE cases SET origin = 'local' WHERE id = ? AND origin_counter_id = ?").run(op.caseId, op.event.counterId);
      }
    } else {
      const e = op.entry;
      const known = e.dossierId !== null && hasDossier.get(e.dossierId) !== undefined;
      const note = e.dossierId !== null && !known ? [e.note, `Hồ sơ ${e.dossierId} chưa có trên quầy khi khôi phục.`].filter(Boolean).join(' ') : e.note;
      insertLedger.run(e.at, e.businessDate, e.clerkId, e.counterId, known ? e.dossierId : null, e.kind, e.amount, e.paymentMethod, e.agencyCode, note);
      out.ledgerEntries++;
    }
  }
  db.prepare("UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM outbox) WHERE name = 'outbox'").run();

  // 3. No item number issued twice: every range continues after the highest number known in it.
  const ranges = db.prepare('SELECT id, prefix, country, first_serial, last_serial, next_serial FROM serial_ranges').all() as {
    id: number;
    prefix: string;
    country: string;
    first_serial: number;
    last_serial: number;
    next_serial: number;
  }[];
  const pad = (n: number) => String(n).padStart(8, '0');
  const highest = db.prepare('SELECT max(item_number) AS m FROM dossiers WHERE item_number >= ? AND item_number <= ?');
  for (const r of ranges) {
    const m = (highest.get(`${r.prefix}${pad(r.first_serial)}`, `${r.prefix}${pad(r.last_serial)}9${r.country}`) as { m: string | null }).m;
    if (m === null) continue;
    const used = Number(m.slice(2, 10));
    if (used + 1 <= r.next_serial) continue;
    const next = Math.min(used + 1, r.last_serial + 1);
    db.prepare("UPDATE serial_ranges SET next_serial = ?, status = CASE WHEN ? > last_serial AND status = 'active' THEN 'exhausted' ELSE status END WHERE id = ?").run(next, next, r.id);
    out.rangesAdvanced++;
  }

  clearReconcileMark(db);
  const self = db.prepare('SELECT id FROM counters WHERE is_self = 1').get() as { id: string } | undefined;
  db.prepare("INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, 'system', ?, 'sync.recover', 'outbox', NULL, ?)").run(
    ctx.clock.now(),
    self?.id ?? '',
    JSON.stringify(out),
  );
  return out;
}

/**
 * Takes back from the hub the operations of this counter that the store lacks from `fromSeq` on: reads
 * them (GET /own-ops, page by page), finds where the two histories part, and applies the hub's side
 * in one local transaction. Returns what was done, or null when the hub had nothing more (the
 * "reconcile before intake" mark is then cleared all the same).
 */
export async function recoverFromHub(d: HubLink & { ctx: ServiceContext; pageLimit: number }, fromSeq: number): Promise<RecoverOutcome | null> {
  const hub: OwnOp[] = [];
  let next = fromSeq;
  let hubTime = d.client.clock.now();
  for (;;) {
    const answer = await callHub(d.client, 'GET', `/own-ops?fromSeq=${next}&limit=${d.pageLimit}`, OwnOpsResponseSchema);
    d.onAnswer(answer);
    hubTime = answer.hubTime;
    hub.push(...answer.body.ops);
    if (!answer.body.hasMore || answer.body.ops.length === 0) break;
    next = answer.body.ops[answer.body.ops.length - 1]!.seq + 1;
  }
  const from = divergence(localOpsFrom(d.ctx, fromSeq), hub);
  if (from === null) {
    clearReconcileMark(d.ctx.db);
    return null;
  }
  return d.ctx.db.transaction(() => takeBackOwnOps(d.ctx, hub.filter((h) => h.seq >= from), from, hubTime))();
}
