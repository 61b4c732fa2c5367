/**
 * The complaints across branches, as the provincial console lists them: each complaint with its
 * number, item, kind, dates, state and whether it is overdue (still open after its settling deadline,
 * judged on the local date `asOf`, like the periodic report's count). No personal data leaves here:
 * not the complainant's name, phone, contact or the complaint's text (they stay at the counter).
 *
 * One query, in one place (COMPLAINTS_SQL), so that other readers (an overdue-complaints endpoint)
 * can share it.
 */
import type { HubDb } from './db';

export interface ComplaintRow {
  caseId: string;
  branchCode: string;
  branchName: string;
  number: string | null;
  itemNumber: string | null;
  complaintKind: string | null;
  receivedDate: string;
  deadline: string | null;
  doneDate: string | null;
  state: string;
  inTime: boolean | null;
  overdue: boolean;
}

/**
 * $1 asOf (local date); $2 branch or NULL; $3 only open ones; $4 limit; $5 only overdue ones (open
 * past their deadline: the partial index cases_open_deadline holds just the open ones). Overdue
 * first, then by deadline.
 */
export const COMPLAINTS_SQL = `SELECT c.id::text AS case_id, c.branch_code, b.name AS branch_name,
    e.event->'complaint'->>'number' AS number, e.event->'complaint'->>'itemNumber' AS item_number,
    e.event->'complaint'->>'kind' AS complaint_kind,
    c.opened_date::text AS received_date, c.deadline::text AS deadline, c.done_date::text AS done_date, c.state, c.in_time,
    (c.state IN ('received', 'handling') AND c.deadline < $1::date) AS overdue
  FROM cases c
  JOIN branches b ON b.code = c.branch_code
  LEFT JOIN LATERAL (SELECT event FROM case_events WHERE case_id = c.id AND type = 'complaint_received' LIMIT 1) e ON true
  WHERE c.kind = 'complaint' AND ($2::text IS NULL OR c.branch_code = $2) AND (NOT $3::boolean OR c.state IN ('received', 'handling'))
    AND (NOT $5::boolean OR (c.state IN ('received', 'handling') AND c.deadline < $1::date))
  ORDER BY overdue DESC, c.deadline NULLS LAST, c.opened_date DESC, c.id
  LIMIT $4`;

interface Raw {
  case_id: string;
  branch_code: string;
  branch_name: string;
  number: string | null;
  item_number: string | null;
  complaint_kind: string | null;
  received_date: string;
  deadline: string | null;
  done_date: string | null;
  state: string;
  in_time: boolean | null;
  overdue: boolean | null;
}

export async function listComplaints(
  db: HubDb,
  o: { asOf: string; branchCode: string | null; openOnly: boolean; overdueOnly?: boolean; limit?: number | null },
): Promise<ComplaintRow[]> {
  const r = await db.query<Raw>(COMPLAINTS_SQL, [o.asOf, o.branchCode, o.openOnly, o.limit === undefined ? 1000 : o.limit, o.overdueOnly === true]);
  return r.rows.map((x) => ({
    caseId: x.case_id,
    branchCode: x.branch_code,
    branchName: x.branch_name,
    number: x.number,
    itemNumber: x.item_number,
    complaintKind: x.complaint_kind,
    receivedDate: x.received_date,
    deadline: x.deadline,
    doneDate: x.done_date,
    state: x.state,
    inTime: x.in_time,
    overdue: x.overdue === true,
  }));
}
