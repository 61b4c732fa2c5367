/**
 * The overdue list (danh sách quá hạn): one row per item that is late, whatever the reason, from a
 * list of sources (main/reports/overdue.ts): dossiers past their transit limit, past the agency's
 * appointment, results past their delivery limit, results waiting too long on the pickup shelf, and
 * any source added later (complaints past their settlement limit) in that one list.
 */
export interface OverdueRow {
  /** The source's key ('transit', 'agency', 'delivery', 'shelf', 'complaint', …). */
  source: string;
  /** What is late: a dossier (id is the dossier's) or a complaint (id is the case's). */
  kind: 'dossier' | 'complaint';
  sourceLabel: string;
  id: string;
  /** The dossier's item number; for a complaint, the item complained about (or its own number). */
  itemNumber: string;
  itemNumberDisplay: string;
  agencyCode: string;
  agencyName: string;
  procedureName: string;
  /** The date it should have moved by (YYYY-MM-DD). */
  deadline: string;
  /** Calendar days past the deadline (at least 1). */
  daysOverdue: number;
  /** Where it is now (the state's label). */
  where: string;
  lastActorName: string;
  lastActionAt: number;
}

/**
 * How long a result may wait on the pickup shelf before it shows as overdue, in working days. The law
 * sets no limit; this is the branch's own follow-up rule (call the citizen), shown as such.
 */
export const SHELF_WAIT_WORKING_DAYS = 10;
