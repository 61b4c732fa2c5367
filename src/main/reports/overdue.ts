/**
 * The overdue list, built from a list of sources: each source is one kind of lateness with its own
 * SQL over the dossiers (alias d) and the date it is held to, and the complaints past their settlement
 * limit (issue 13). A new kind of lateness is one more entry in OVERDUE_SOURCES; the list, its count on the
 * manager's status bar, its print and its export all follow. Every query filters on `d.state` (and the
 * service: index dossiers_by_state_service), so the open dossiers are read, never the history.
 */
import { daysBetween } from '../../shared/calendar';
import type { WorkCalendar } from '../../shared/calendar';
import { STATE_LABELS } from '../../shared/dossier';
import type { DossierState } from '../../shared/dossier';
import type { OverdueRow } from '../../shared/overdue';
import { SHELF_WAIT_WORKING_DAYS } from '../../shared/overdue';
import { formatItemNumber } from '../../shared/s10';
import { COMPLAINT_KIND_LABELS, COMPLAINT_STATE_LABELS, type ComplaintKind, type ComplaintState } from '../../shared/cases';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

export interface OverdueSource {
  key: string;
  label: string;
  /** Rows of this source that are late on `today`: id, deadline, and what to show. */
  /** With `dossierId`: only that dossier (a scan at the counter). */
  rows(db: Db, today: string, calendar: WorkCalendar, dossierId?: string): OverdueRow[];
  count(db: Db, today: string, calendar: WorkCalendar): number;
}

interface Row {
  id: string;
  item_number: string;
  agency_code: string;
  agency_name: string;
  procedure_name: string;
  state: DossierState;
  deadline: string;
  actor_name: string | null;
  actor_at: number | null;
}

const SELECT = `SELECT d.id, d.item_number, d.agency_code, a.name AS agency_name, p.name AS procedure_name, d.state, %DEADLINE% AS deadline,
  (SELECT c.full_name FROM dossier_events e JOIN clerks c ON c.id = e.actor_id WHERE e.dossier_id = d.id ORDER BY e.seq DESC LIMIT 1) AS actor_name,
  (SELECT e.at FROM dossier_events e WHERE e.dossier_id = d.id ORDER BY e.seq DESC LIMIT 1) AS actor_at
  FROM dossiers d JOIN agencies a ON a.code = d.agency_code JOIN procedures p ON p.code = d.procedure_code`;

/** A source of dossiers whose `deadline` (SQL over d) is before a cut-off date. */
function dossierSource(
  key: string,
  label: string,
  states: DossierState[],
  deadlineSql: string,
  extra = '',
  shelf?: { cutoff: (today: string, cal: WorkCalendar) => string; deadline: (date: string, cal: WorkCalendar) => string },
): OverdueSource {
  const cutoff = shelf?.cutoff ?? ((t: string) => t);
  const inStates = states.map((s) => `'${s}'`).join(', ');
  const where = `d.state IN (${inStates}) ${extra} AND ${deadlineSql} < ?`;
  return {
    key,
    label,
    rows(db, today, cal, dossierId) {
      const c = cutoff(today, cal);
      const one = dossierId === undefined ? '' : ' AND d.id = ?';
      const rows = prep(db, `${SELECT.replace('%DEADLINE%', deadlineSql)} WHERE ${where}${one} ORDER BY deadline, d.item_number`).all(...(dossierId === undefined ? [c] : [c, dossierId])) as Row[];
      return rows.map((r) => {
        // The date it should have moved by: for the shelf, the last day of its allowed wait.
        const deadline = shelf ? shelf.deadline(r.deadline, cal) : r.deadline;
        return {
          source: key,
          kind: 'dossier' as const,
          sourceLabel: label,
          id: r.id,
          itemNumber: r.item_number,
          itemNumberDisplay: formatItemNumber(r.item_number),
          agencyCode: r.agency_code,
          agencyName: r.agency_name,
          procedureName: r.procedure_name,
          deadline,
          daysOverdue: Math.max(1, daysBetween(deadline, today)),
          where: STATE_LABELS[r.state],
          lastActorName: r.actor_name ?? '',
          lastActionAt: r.actor_at ?? 0,
        };
      });
    },
    count(db, today, cal) {
      return (prep(db, `SELECT count(*) AS n FROM dossiers d WHERE ${where}`).get(cutoff(today, cal)) as { n: number }).n;
    },
  };
}

const DOSSIER_SOURCES: OverdueSource[] = [
  dossierSource('transit', 'Quá hạn chuyển hồ sơ đến cơ quan', ['incomplete', 'accepted', 'batched'], 'd.transit_deadline'),
  // A send-only dossier's result does not come back through the post: never overdue once filed.
  dossierSource('agency', 'Quá ngày hẹn trả kết quả của cơ quan', ['filed', 'awaiting_result'], 'coalesce(d.appointment_date, d.appointment_estimate)', "AND d.service_type IN ('both', 'return')"),
  dossierSource('delivery', 'Quá hạn phát kết quả tận địa chỉ', ['out_for_delivery'], 'd.return_deadline'),
  dossierSource('invitation', 'Quá ngày mời nhận lần sau', ['delivery_failed'], 'd.next_invitation_date'),
  dossierSource('shelf', `Kết quả chờ trên giá quá ${SHELF_WAIT_WORKING_DAYS} ngày làm việc`, ['ready_for_pickup'], 'd.result_collected_date', '', {
    cutoff: (today, cal) => cal.addWorkingDays(today, -SHELF_WAIT_WORKING_DAYS),
    deadline: (collected, cal) => cal.addWorkingDays(collected, SHELF_WAIT_WORKING_DAYS),
  }),
];

interface ComplaintRow {
  id: string;
  number: string;
  item_number: string | null;
  state: string;
  deadline: string;
  record: string;
  agency_code: string | null;
  agency_name: string | null;
  actor_name: string | null;
  actor_at: number;
}

/** Where a complaint about no dossier (a counter, a clerk) is listed: the branch itself. */
export const COMPLAINT_NO_AGENCY = 'Khiếu nại về quầy, giao dịch viên (không gắn hồ sơ)';

/**
 * Complaints still open (received or being handled) past their settling limit (TT 17 Art. 8: 5 or 7
 * working days): index cases_open (kind, state, deadline). Listed under the agency of the dossier
 * complained about, or under the branch itself.
 */
const complaintSource: OverdueSource = {
  key: 'complaint',
  label: 'Khiếu nại quá hạn giải quyết',
  rows(db, today, _cal, dossierId) {
    const one = dossierId === undefined ? '' : ' AND c.dossier_id = ?';
    const rows = prep(
      db,
      `SELECT c.id, c.number, c.item_number, c.state, c.deadline, c.record, d.agency_code, a.name AS agency_name,
          (SELECT k.full_name FROM case_events e JOIN clerks k ON k.id = e.actor_id WHERE e.case_id = c.id AND e.superseded = 0 ORDER BY e.at DESC, e.seq DESC LIMIT 1) AS actor_name,
          (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.superseded = 0) AS actor_at
        FROM cases c LEFT JOIN dossiers d ON d.id = c.dossier_id LEFT JOIN agencies a ON a.code = d.agency_code
       WHERE c.kind = 'complaint' AND c.state IN ('received', 'handling') AND c.deadline < ?${one} ORDER BY c.deadline, c.number`,
    ).all(...(dossierId === undefined ? [today] : [today, dossierId])) as ComplaintRow[];
    return rows.map((r) => {
      const rec = JSON.parse(r.record) as { kind: ComplaintKind };
      return {
        source: 'complaint',
        kind: 'complaint' as const,
        sourceLabel: complaintSource.label,
        id: r.id,
        itemNumber: r.item_number ?? r.number,
        itemNumberDisplay: r.item_number ? `${r.number} · ${formatItemNumber(r.item_number)}` : r.number,
        agencyCode: r.agency_code ?? '',
        agencyName: r.agency_name ?? COMPLAINT_NO_AGENCY,
        procedureName: `Khiếu nại: ${COMPLAINT_KIND_LABELS[rec.kind] ?? rec.kind}`,
        deadline: r.deadline,
        daysOverdue: Math.max(1, daysBetween(r.deadline, today)),
        where: COMPLAINT_STATE_LABELS[r.state as ComplaintState] ?? r.state,
        lastActorName: r.actor_name ?? '',
        lastActionAt: r.actor_at,
      };
    });
  },
  count(db, today) {
    return (prep(db, "SELECT count(*) AS n FROM cases WHERE kind = 'complaint' AND state IN ('received', 'handling') AND deadline < ?").get(today) as { n: number }).n;
  },
};
export const OVERDUE_SOURCES: OverdueSource[] = [...DOSSIER_SOURCES, complaintSource];

export function overdueList(db: Db, today: string, calendar: WorkCalendar, sources: OverdueSource[] = OVERDUE_SOURCES): OverdueRow[] {
  return sources.flatMap((s) => s.rows(db, today, calendar)).sort((a, b) => b.daysOverdue - a.daysOverdue || a.agencyName.localeCompare(b.agencyName, 'vi'));
}

export function overdueCounts(db: Db, today: string, calendar: WorkCalendar, sources: OverdueSource[] = OVERDUE_SOURCES): { key: string; label: string; count: number }[] {
  return sources.map((s) => ({ key: s.key, label: s.label, count: s.count(db, today, calendar) }));
}

/** Whether one dossier is on the overdue list today, and why (a clerk scanning it is told). */
export function overdueReasonOf(db: Db, dossierId: string, today: string, calendar: WorkCalendar, sources: OverdueSource[] = OVERDUE_SOURCES): OverdueRow | null {
  for (const s of sources) {
    const hit = s.rows(db, today, calendar, dossierId)[0];
    if (hit) return hit;
  }
  return null;
}
