/**
 * Kept only as long as needed (issue 15 §2, Law 91/2025): the counter purges the personal fields of
 * a dossier once it is
 *   - closed: handed back, returned to the agency, cancelled, or (send-only) handed to the agency;
 *   - synced: nothing of it waits in the outbox (pending, or refused and not yet reviewed);
 *   - older than the province's retention period for counters (reference `personal_data`,
 *     counterRetentionDays, default 90), counted from when it closed.
 * Names, ID numbers, phones, e-mails, addresses, organisations and authorisations go from the
 * parties, the return address, the handover event, the operations already sent, the printed
 * receipts kept for reprints and the full-text index; the item number, dates, procedure, money,
 * ledger and events stay, so the day's report and the ledger still add up. Settled complaints and
 * compensations lose the complainant's and payee's name and contact the same way.
 *
 * The text is really gone from the file: the store runs with secure_delete (db.ts) so freed space
 * is zeroed, the full-text index is merged so its old segments go, and the log is checkpointed and
 * truncated. The run records counts only (audit `retention.purge`), never content.
 */
import type { Db } from '../store/db';
import { prep } from '../store/stmt';
import type { Clock } from '../../shared/ports';
import { checkReference } from '../../shared/reference-kinds';
import { counterPurgeCutoff, DEFAULT_PERSONAL_DATA_POLICY } from '../../shared/personal-data';
import type { PersonalDataPolicy } from '../../shared/personal-data';
import { localDateOf } from '../../shared/calendar';

export interface PurgeCounts {
  dossiers: number;
  cases: number;
  operations: number;
  printJobs: number;
}

/** A run's counts, and whether it stopped at `maxBatches` with more still due. */
export type PurgeRun = PurgeCounts & { more?: true };

/** The province's policy as the store holds it, or the default when none arrived (or it is unreadable). */
export function readPersonalDataPolicy(db: Db): PersonalDataPolicy {
  const row = prep(db, "SELECT payload FROM reference_docs WHERE name = 'personal_data'").get() as { payload: string } | undefined;
  if (!row) return DEFAULT_PERSONAL_DATA_POLICY;
  const r = checkReference('personal_data', JSON.parse(row.payload) as unknown);
  return r.ok ? r.value : DEFAULT_PERSONAL_DATA_POLICY;
}

/** Something of the dossier still waits to be sent, or was refused and nobody looked yet. */
const UNSYNCED = `EXISTS (SELECT 1 FROM outbox o WHERE o.dossier_id = d.id AND (o.status = 'pending' OR (o.status = 'rejected' AND o.reviewed_at IS NULL)))`;

const DUE_DOSSIERS = `SELECT id, item_number FROM (
    SELECT d.id, d.item_number FROM dossiers d
     WHERE d.personal_purged_at IS NULL AND d.closed_at IS NOT NULL AND d.closed_at < @cutoff AND NOT ${UNSYNCED}
    UNION
    SELECT d.id, d.item_number FROM dossiers d
     WHERE d.personal_purged_at IS NULL AND d.service_type = 'send' AND d.filed_at IS NOT NULL AND d.filed_at < @cutoff AND NOT ${UNSYNCED})
  LIMIT @limit`;

const DUE_CASES = `SELECT c.id FROM cases c
   WHERE c.personal_purged_at IS NULL AND c.done_date IS NOT NULL AND c.done_date < @cutoffDate
     AND NOT EXISTS (SELECT 1 FROM case_events e JOIN outbox o ON o.seq = e.op_seq
                      WHERE e.case_id = c.id AND (o.status = 'pending' OR (o.status = 'rejected' AND o.reviewed_at IS NULL)))
   LIMIT @limit`;

/** The dossier kinds of print job that carry a citizen's details, found by their item number. */
const DOSSIER_DOCS = "('intake_receipt', 'fee_receipt', 'missing_documents', 'handover_slip')";
/** Print jobs about several citizens or a case, found by age. */
const OTHER_PERSONAL_DOCS = "('delivery_list', 'complaint_receipt', 'complaint_answer', 'compensation_receipt')";

function purgedDoc(kind: string, title: string, ref: string | null): string {
  return JSON.stringify({ kind, title, ...(ref ? { ref } : {}), purged: true, blocks: [{ t: 'text', text: 'Nội dung phiếu đã xoá theo thời hạn lưu dữ liệu cá nhân tại quầy.' }] });
}

function purgeDossier(db: Db, id: string, itemNumber: string, at: number): { operations: number; printJobs: number } {
  prep(
    db,
    `UPDATE parties SET full_name = '', id_number = NULL, phone = NULL, email = NULL, address = NULL, organisation = NULL,
       authorisation_ref = NULL, nationality = NULL, name_folded = '', search_text = '' WHERE dossier_id = ?`,
  ).run(id);
  prep(db, 'UPDATE dossiers SET return_address = NULL, personal_purged_at = ? WHERE id = ?').run(at, id);
  prep(db, "UPDATE dossier_events SET payload = json_replace(payload, '$.recipientName', '', '$.authorisationRef', NULL) WHERE dossier_id = ? AND type = 'handed_over'").run(id);
  const ops =
    prep(db, "UPDATE outbox SET payload = json_replace(payload, '$.dossier.parties', json('[]'), '$.dossier.returnAddress', NULL) WHERE dossier_id = ? AND json_type(payload, '$.dossier') = 'object'").run(id).changes +
    prep(db, "UPDATE outbox SET payload = json_replace(payload, '$.event.recipientName', '', '$.event.authorisationRef', NULL) WHERE dossier_id = ? AND json_extract(payload, '$.event.type') = 'handed_over'").run(id).changes;
  const jobs = prep(db, `SELECT id, kind, title FROM print_jobs WHERE ref = ? AND kind IN ${DOSSIER_DOCS} AND state NOT IN ('queued', 'sending') AND doc NOT LIKE '%"purged":true%'`).all(itemNumber) as { id: string; kind: string; title: string }[];
  for (const j of jobs) prep(db, 'UPDATE print_jobs SET doc = ? WHERE id = ?').run(purgedDoc(j.kind, j.title, itemNumber), j.id);
  return { operations: ops, printJobs: jobs.length };
}

/** The JSON paths of a case's opening record that name or reach a person. */
const CASE_RECORD_REDACT = "json_replace(record, '$.complainantName', '', '$.phone', NULL, '$.contact', NULL, '$.payeeName', '')";

function purgeCase(db: Db, id: string, at: number): number {
  prep(db, `UPDATE cases SET record = CASE kind WHEN 'loss' THEN record ELSE ${CASE_RECORD_REDACT} END, personal_purged_at = ? WHERE id = ?`).run(at, id);
  const redactEvent = (col: string, root: string) =>
    `json_replace(${col}, '${root}.complaint.complainantName', '', '${root}.complaint.phone', NULL, '${root}.complaint.contact', NULL, '${root}.compensation.payeeName', '')`;
  const opening = "('complaint_received', 'compensation_decided')";
  // json_replace only replaces paths that exist: an event of one kind gains nothing of the other's.
  prep(db, `UPDATE case_events SET payload = ${redactEvent('payload', '$')} WHERE case_id = ? AND type IN ${opening}`).run(id);
  return prep(db, `UPDATE outbox SET payload = ${redactEvent('payload', '$.event')} WHERE seq IN (SELECT op_seq FROM case_events WHERE case_id = ? AND type IN ${opening} AND op_seq IS NOT NULL)`).run(id).changes;
}

/**
 * One purge run: every due dossier and case, in batches of `batch` (each batch one short
 * transaction, so a clerk's commit never waits long), then the file cleaned. Returns counts only.
 */
export function purgePersonalData(db: Db, clock: Clock, opts: { batch?: number; maxBatches?: number; counterId?: string } = {}): PurgeRun {
  const now = clock.now();
  const policy = readPersonalDataPolicy(db);
  const cutoff = counterPurgeCutoff(policy, now);
  const limit = opts.batch ?? 500;
  const counts: PurgeCounts = { dossiers: 0, cases: 0, operations: 0, printJobs: 0 };
  let batches = 0;
  let more = false;
  for (;;) {
    const n = db.transaction(() => {
      const due = prep(db, DUE_DOSSIERS).all({ cutoff, limit }) as { id: string; item_number: string }[];
      for (const d of due) {
        const r = purgeDossier(db, d.id, d.item_number, now);
        counts.operations += r.operations;
        counts.printJobs += r.printJobs;
      }
      counts.dossiers += due.length;
      return due.length;
    }).immediate();
    if (n < limit) break;
    // The clerk's commits wait for nothing long: a large backlog (the first run after an upgrade)
    // is taken a few batches per maintenance round.
    if (++batches >= (opts.maxBatches ?? Infinity)) {
      more = true;
      break;
    }
  }
  for (;;) {
    const n = db.transaction(() => {
      const due = prep(db, DUE_CASES).all({ cutoffDate: localDateOf(cutoff), limit }) as { id: string }[];
      for (const c of due) counts.operations += purgeCase(db, c.id, now);
      counts.cases += due.length;
      return due.length;
    }).immediate();
    if (n < limit) break;
  }
  counts.printJobs += db.transaction(() => {
    const jobs = prep(db, `SELECT id, kind, title, ref FROM print_jobs WHERE kind IN ${OTHER_PERSONAL_DOCS} AND created_at < ? AND state NOT IN ('queued', 'sending') AND doc NOT LIKE '%"purged":true%'`).all(cutoff) as {
      id: string;
      kind: string;
      title: string;
      ref: string | null;
    }[];
    for (const j of jobs) prep(db, 'UPDATE print_jobs SET doc = ? WHERE id = ?').run(purgedDoc(j.kind, j.title, j.ref), j.id);
    return jobs.length;
  })();
  if (counts.dossiers + counts.cases + counts.printJobs > 0) {
    // The full-text index keeps deleted entries in older segments until they are merged (once a
    // backlog is through: the merge rewrites the index).
    if (!more) db.prepare("INSERT INTO parties_fts(parties_fts) VALUES ('optimize')").run();
    db.prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      now,
      'system',
      opts.counterId ?? selfCounterId(db),
      'retention.purge',
      'store',
      null,
      JSON.stringify({ ...counts, retentionDays: policy.counterRetentionDays }),
    );
    // Old page images in the write-ahead log go too (best effort: a reader may hold it a moment).
    if (!more) db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return more ? { ...counts, more: true } : counts;
}

function selfCounterId(db: Db): string {
  const r = prep(db, 'SELECT id FROM counters WHERE is_self = 1').get() as { id: string } | undefined;
  return r?.id ?? '';
}
