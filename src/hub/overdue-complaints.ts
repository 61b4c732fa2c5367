/**
 * Complaints past their settling limit at the hub (TT 17 Art. 8; issue 13): every branch's complaints
 * still received or being handled whose deadline (5 or 7 working days, computed by the counter that
 * received them) is before today in Asia/Ho_Chi_Minh — the province's view of what the counters show
 * on their overdue lists. Read through the partial index cases_open_deadline (only open complaints
 * are in it). No complainant's name, phone or text leaves here: the number, the item, the kind and
 * the dates are enough to chase the branch.
 */
import { daysBetween, localDateOf } from '../shared/calendar';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATE_LABELS, type ComplaintKind, type ComplaintState } from '../shared/cases';
import type { HubDb } from './db';

export interface HubOverdueComplaint {
  caseId: string;
  branchCode: string;
  branchName: string;
  /** The complaint's number (KN-yymmdd-xxxxxx), as printed for the citizen. */
  number: string;
  itemNumber: string | null;
  kind: ComplaintKind;
  kindLabel: string;
  state: ComplaintState;
  stateLabel: string;
  receivedDate: string;
  deadline: string;
  daysOverdue: number;
}

export interface HubOverdueComplaints {
  asOf: string;
  branch: string | null;
  count: number;
  complaints: HubOverdueComplaint[];
}

const SQL = `SELECT c.id::text AS case_id, c.branch_code, b.name AS branch_name, c.state, c.opened_date::text AS received_date, c.deadline::text AS deadline,
    e.event->'complaint'->>'number' AS number, e.event->'complaint'->>'itemNumber' AS item_number, e.event->'complaint'->>'kind' AS kind
  FROM cases c JOIN branches b ON b.code = c.branch_code
  JOIN case_events e ON e.case_id = c.id AND e.type = 'complaint_received'
  WHERE c.kind = 'complaint' AND c.state IN ('received', 'handling') AND c.deadline < $1::date AND ($2::text IS NULL OR c.branch_code = $2)
  ORDER BY c.deadline, c.branch_code, number`;

export async function hubOverdueComplaints(db: HubDb, now: number, branchCode: string | null): Promise<HubOverdueComplaints> {
  const asOf = localDateOf(now);
  const r = await db.query<{ case_id: string; branch_code: string; branch_name: string; state: ComplaintState; received_date: string; deadline: string; number: string; item_number: string | null; kind: ComplaintKind }>(
    SQL,
    [asOf, branchCode],
  );
  const complaints = r.rows.map((x) => ({
    caseId: x.case_id,
    branchCode: x.branch_code,
    branchName: x.branch_name,
    number: x.number,
    itemNumber: x.item_number,
    kind: x.kind,
    kindLabel: COMPLAINT_KIND_LABELS[x.kind] ?? x.kind,
    state: x.state,
    stateLabel: COMPLAINT_STATE_LABELS[x.state] ?? x.state,
    receivedDate: x.received_date,
    deadline: x.deadline,
    daysOverdue: Math.max(1, daysBetween(x.deadline, asOf)),
  }));
  return { asOf, branch: branchCode, count: complaints.length, complaints };
}
