/**
 * The periodic report of the provincial post (TT 17 Art. 13; issue 13): for a quarter, a half-year or
 * a year, for the province or one branch — services and volumes (by service type, agency and field),
 * revenue (postage; fees collected on the agencies' behalf), complaints received, settled and settled
 * on time, dossiers or results lost or damaged, compensation cases and amounts, and the safety level
 * achieved (share of items intact; target 100%).
 *
 * Computed by PostgreSQL over every counter's accepted operations: three grouped aggregates — dossiers
 * and ledger entries from their daily summary (report_dossier_days, report_ledger_days: kept in the
 * push's transaction by triggers, migration 14), cases from their table — each a range on the local
 * date its rows carry (the counters' Asia/Ho_Chi_Minh business dates, so a period's boundaries are
 * local midnights by construction).
 * What comes back to Node is already grouped (branches × service types × agencies × procedures, a few
 * thousand rows at most, whatever the volume); the sections are roll-ups of those groups.
 *
 * The typed columns read here are generated from the stored documents at ingest (migration 9).
 */
import { localDateOf } from '../shared/calendar';
import { SERVICE_LABELS, type ServiceType } from '../shared/dossier';
import type { ReportPeriod } from '../shared/report/period';
import { safetyPercent, type BranchRow, type CountRow, type PeriodicReport } from '../shared/report/periodic';

export { safetyPercent, type PeriodicReport };
import type { HubDb } from './db';

export class ReportInputError extends Error {}

interface DossierGroup {
  branch_code: string;
  service_type: string;
  agency_code: string;
  procedure_code: string;
  n: number;
}
interface LedgerGroup {
  branch_code: string;
  kind: string;
  total: number;
}
interface CaseGroup {
  branch_code: string;
  kind: string;
  n: number;
  in_time: number;
  settled: number;
  on_time: number;
  open: number;
  overdue: number;
  lost: number;
  damaged: number;
  of_dossier: number;
  of_result: number;
  amount: number;
  paid: number;
  dossiers_affected: number;
}

/**
 * $1 from, $2 to (local dates, to exclusive), $3 branch or NULL. Read from the daily summary kept at
 * ingest (migration 14): a primary-key range on the day.
 */
export const DOSSIER_SQL = `SELECT branch_code, service_type, agency_code, procedure_code, sum(dossiers)::int AS n
  FROM report_dossier_days WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR branch_code = $3)
  GROUP BY 1, 2, 3, 4`;

export const LEDGER_SQL = `SELECT branch_code, kind, sum(amount)::float8 AS total
  FROM report_ledger_days WHERE day >= $1 AND day < $2 AND ($3::text IS NULL OR branch_code = $3)
  GROUP BY 1, 2`;

/** Cases opened in the period; $4 the date open complaints are judged overdue on. */
export const CASES_SQL = `SELECT branch_code, kind, count(*)::int AS n,
    count(*) FILTER (WHERE in_time)::int AS in_time,
    count(*) FILTER (WHERE done_date IS NOT NULL)::int AS settled,
    count(*) FILTER (WHERE done_date IS NOT NULL AND done_date <= deadline)::int AS on_time,
    count(*) FILTER (WHERE state IN ('received', 'handling'))::int AS open,
    count(*) FILTER (WHERE state IN ('received', 'handling') AND deadline < $4::date)::int AS overdue,
    count(*) FILTER (WHERE loss_kind = 'lost')::int AS lost,
    count(*) FILTER (WHERE loss_kind = 'damaged')::int AS damaged,
    count(*) FILTER (WHERE loss_subject = 'dossier')::int AS of_dossier,
    count(*) FILTER (WHERE loss_subject = 'result')::int AS of_result,
    coalesce(sum(amount), 0)::float8 AS amount,
    count(*) FILTER (WHERE kind = 'compensation' AND state = 'paid')::int AS paid,
    count(DISTINCT dossier_id) FILTER (WHERE kind = 'loss')::int AS dossiers_affected
  FROM cases WHERE opened_date >= $1::date AND opened_date < $2::date AND ($3::text IS NULL OR branch_code = $3)
  GROUP BY 1, 2`;

const CATALOGUE_SQL = `SELECT
    coalesce((SELECT json_agg(json_build_array(p->>'code', p->>'field')) FROM jsonb_array_elements(payload->'procedures') p), '[]'::json) AS procedures,
    coalesce((SELECT json_agg(json_build_array(a->>'code', a->>'name')) FROM jsonb_array_elements(payload->'agencies') a), '[]'::json) AS agencies
  FROM reference_docs WHERE name = 'catalogue'`;

function rollUp(groups: DossierGroup[], key: (g: DossierGroup) => string, label: (k: string) => string): CountRow[] {
  const m = new Map<string, number>();
  for (const g of groups) m.set(key(g), (m.get(key(g)) ?? 0) + g.n);
  return [...m.entries()].map(([k, dossiers]) => ({ key: k, label: label(k), dossiers })).sort((a, b) => b.dossiers - a.dossiers || a.label.localeCompare(b.label, 'vi'));
}

const sumLedger = (rows: LedgerGroup[], kinds: string[]) => rows.filter((r) => kinds.includes(r.kind)).reduce((s, r) => s + r.total, 0);

export async function periodicReport(db: HubDb, period: ReportPeriod, branchCode: string | null, now: number): Promise<PeriodicReport> {
  const asOf = localDateOf(now);
  const branches = new Map((await db.query<{ code: string; name: string }>('SELECT code, name FROM branches ORDER BY code')).rows.map((b) => [b.code, b.name]));
  if (branchCode !== null && !branches.has(branchCode)) throw new ReportInputError(`Không có bưu cục mã “${branchCode}” trên máy chủ.`);
  const args = [period.from, period.to, branchCode];
  const [dossiers, ledger, cases, catalogue] = await Promise.all([
    db.query<DossierGroup>(DOSSIER_SQL, args),
    db.query<LedgerGroup>(LEDGER_SQL, args),
    db.query<CaseGroup>(CASES_SQL, [...args, asOf]),
    db.query<{ procedures: [string, string][]; agencies: [string, string][] }>(CATALOGUE_SQL),
  ]);
  const fieldOf = new Map(catalogue.rows[0]?.procedures ?? []);
  const agencyName = new Map(catalogue.rows[0]?.agencies ?? []);
  const d = dossiers.rows;
  const total = d.reduce((s, g) => s + g.n, 0);
  const c = cases.rows;
  const complaint = c.filter((r) => r.kind === 'complaint');
  const loss = c.filter((r) => r.kind === 'loss');
  const comp = c.filter((r) => r.kind === 'compensation');
  const sum = (rows: CaseGroup[], f: keyof CaseGroup) => rows.reduce((s, r) => s + Number(r[f]), 0);
  const affected = sum(loss, 'dossiers_affected');
  const postage = sumLedger(ledger.rows, ['postage']);
  const agencyFees = sumLedger(ledger.rows, ['agency_fee', 'fee_due_collected']);

  const branchCodes = new Set([...d.map((g) => g.branch_code), ...ledger.rows.map((r) => r.branch_code), ...c.map((r) => r.branch_code)]);
  const byBranch: BranchRow[] = [...branchCodes].sort().map((code) => {
    const l = ledger.rows.filter((r) => r.branch_code === code);
    const cs = c.filter((r) => r.branch_code === code);
    return {
      branchCode: code,
      branchName: branches.get(code) ?? code,
      dossiers: d.filter((g) => g.branch_code === code).reduce((s, g) => s + g.n, 0),
      postage: sumLedger(l, ['postage']),
      agencyFees: sumLedger(l, ['agency_fee', 'fee_due_collected']),
      complaintsReceived: sum(cs.filter((r) => r.kind === 'complaint'), 'n'),
      complaintsSettledOnTime: sum(cs.filter((r) => r.kind === 'complaint'), 'on_time'),
      lossesAndDamage: sum(cs.filter((r) => r.kind === 'loss'), 'n'),
      compensationPaid: -sumLedger(l, ['compensation_paid']),
    };
  });

  return {
    period,
    source: 'hub',
    branch: branchCode === null ? null : { code: branchCode, name: branches.get(branchCode) ?? branchCode },
    generatedAt: now,
    asOf,
    dossiers: {
      total,
      byService: rollUp(d, (g) => g.service_type, (k) => SERVICE_LABELS[k as ServiceType] ?? k),
      byAgency: rollUp(d, (g) => g.agency_code, (k) => agencyName.get(k) ?? k),
      byField: rollUp(d, (g) => fieldOf.get(g.procedure_code) ?? 'Chưa rõ lĩnh vực', (k) => k),
    },
    revenue: { postage, agencyFees, total: postage + agencyFees },
    complaints: {
      received: sum(complaint, 'n'),
      inTime: sum(complaint, 'in_time'),
      outOfTime: sum(complaint, 'n') - sum(complaint, 'in_time'),
      settled: sum(complaint, 'settled'),
      settledOnTime: sum(complaint, 'on_time'),
      open: sum(complaint, 'open'),
      overdue: sum(complaint, 'overdue'),
    },
    losses: { total: sum(loss, 'n'), lost: sum(loss, 'lost'), damaged: sum(loss, 'damaged'), dossiers: sum(loss, 'of_dossier'), results: sum(loss, 'of_result') },
    compensation: { cases: sum(comp, 'n'), amountDecided: sum(comp, 'amount'), paidCases: sum(comp, 'paid'), amountPaid: -sumLedger(ledger.rows, ['compensation_paid']) },
    safety: { items: total, affected, intactPercent: safetyPercent(total, affected) },
    byBranch,
  };
}


/**
 * Folds the daily summary's rows appended by pushes (migration 14) into one row per key, for every
 * day before `beforeDay` (local YYYY-MM-DD): each table in one statement, so a report sees either the
 * appended rows or their sum. Rows appended meanwhile (a push not yet committed) stay for the next run.
 */
export async function compactReportSummary(db: HubDb, beforeDay: string): Promise<{ dossierRows: number; ledgerRows: number }> {
  const dossiers = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM report_dossier_days WHERE NOT compacted AND day < $1 RETURNING *),
      folded AS (INSERT INTO report_dossier_days (day, branch_code, service_type, agency_code, procedure_code, dossiers, compacted)
        SELECT day, branch_code, service_type, agency_code, procedure_code, sum(dossiers), true FROM gone GROUP BY 1, 2, 3, 4, 5 RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int AS n`,
    [beforeDay],
  );
  const ledger = await db.query<{ n: number }>(
    `WITH gone AS (DELETE FROM report_ledger_days WHERE NOT compacted AND day < $1 RETURNING *),
      folded AS (INSERT INTO report_ledger_days (day, branch_code, kind, entries, amount, compacted)
        SELECT day, branch_code, kind, sum(entries), sum(amount), true FROM gone GROUP BY 1, 2, 3 RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int AS n`,
    [beforeDay],
  );
  return { dossierRows: dossiers.rows[0]?.n ?? 0, ledgerRows: ledger.rows[0]?.n ?? 0 };
}
