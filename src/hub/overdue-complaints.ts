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
import { listComplaints } from './complaints';
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

export async function hubOverdueComplaints(db: HubDb, now: number, branchCode: string | null): Promise<HubOverdueComplaints> {
  const asOf = localDateOf(now);
  // The console's complaints query (complaints.ts), narrowed to the open ones past their deadline.
  const rows = await listComplaints(db, { asOf, branchCode, openOnly: true, overdueOnly: true, limit: null });
  const complaints = rows.map((x) => {
    const kind = x.complaintKind as ComplaintKind;
    const state = x.state as ComplaintState;
    const deadline = x.deadline!;
    return {
      caseId: x.caseId,
      branchCode: x.branchCode,
      branchName: x.branchName,
      number: x.number ?? '',
      itemNumber: x.itemNumber,
      kind,
      kindLabel: COMPLAINT_KIND_LABELS[kind] ?? kind,
      state,
      stateLabel: COMPLAINT_STATE_LABELS[state] ?? state,
      receivedDate: x.receivedDate,
      deadline,
      daysOverdue: Math.max(1, daysBetween(deadline, asOf)),
    };
  });
  return { asOf, branch: branchCode, count: complaints.length, complaints };
}
