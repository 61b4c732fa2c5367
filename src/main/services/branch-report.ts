/**
 * The periodic report of this counter's branch from the data the counter holds (issue 13): the same
 * shape and rows as the hub's (src/shared/report), marked as the counter's view. The counter holds
 * its branch's dossiers and cases (its own and those pulled from the branch's other counters) but
 * only its own ledger entries, so its money figures are this counter's; the hub's report is the one
 * sent to the province.
 */
import { localDateOf } from '../../shared/calendar';
import { SERVICE_LABELS, type ServiceType } from '../../shared/dossier';
import { DomainError } from '../../shared/errors';
import { parsePeriod } from '../../shared/report/period';
import { safetyPercent, type CountRow, type PeriodicReport } from '../../shared/report/periodic';
import { prep } from '../store/stmt';
import type { ServiceContext } from './context';

interface Group {
  service_type: string;
  agency_code: string;
  agency_name: string | null;
  field: string | null;
  n: number;
}

function rollUp(groups: Group[], key: (g: Group) => string, label: (g: Group) => string): CountRow[] {
  const m = new Map<string, CountRow>();
  for (const g of groups) {
    const k = key(g);
    const row = m.get(k) ?? { key: k, label: label(g), dossiers: 0 };
    row.dossiers += g.n;
    m.set(k, row);
  }
  return [...m.values()].sort((a, b) => b.dossiers - a.dossiers || a.label.localeCompare(b.label, 'vi'));
}

export function branchPeriodicReport(ctx: ServiceContext, periodKey: string, branch: { code: string; name: string }): PeriodicReport {
  const p = parsePeriod(periodKey);
  if (!p.ok) throw new DomainError(p.code, p.message, 'period');
  const { from, to } = p.value;
  const now = ctx.clock.now();
  const asOf = localDateOf(now);
  const groups = prep(
    ctx.db,
    `SELECT d.service_type, d.agency_code, a.name AS agency_name, pr.field, count(*) AS n
       FROM dossiers d LEFT JOIN agencies a ON a.code = d.agency_code LEFT JOIN procedures pr ON pr.code = d.procedure_code
      WHERE d.accepted_date >= ? AND d.accepted_date < ? GROUP BY 1, 2, 3, 4`,
  ).all(from, to) as Group[];
  const money = prep(ctx.db, 'SELECT kind, sum(amount) AS total FROM ledger WHERE business_date >= ? AND business_date < ? GROUP BY kind').all(from, to) as { kind: string; total: number }[];
  const sumKinds = (kinds: string[]) => money.filter((m) => kinds.includes(m.kind)).reduce((s, m) => s + m.total, 0);
  const c = prep(
    ctx.db,
    `SELECT
       count(*) FILTER (WHERE kind = 'complaint') AS received,
       count(*) FILTER (WHERE kind = 'complaint' AND json_extract(record, '$.inTime') = 1) AS in_time,
       count(*) FILTER (WHERE kind = 'complaint' AND done_date IS NOT NULL) AS settled,
       count(*) FILTER (WHERE kind = 'complaint' AND done_date IS NOT NULL AND done_date <= deadline) AS on_time,
       count(*) FILTER (WHERE kind = 'complaint' AND state IN ('received', 'handling')) AS open,
       count(*) FILTER (WHERE kind = 'complaint' AND state IN ('received', 'handling') AND deadline < ?) AS overdue,
       count(*) FILTER (WHERE kind = 'loss') AS losses,
       count(*) FILTER (WHERE kind = 'loss' AND json_extract(record, '$.kind') = 'lost') AS lost,
       count(*) FILTER (WHERE kind = 'loss' AND json_extract(record, '$.kind') = 'damaged') AS damaged,
       count(*) FILTER (WHERE kind = 'loss' AND json_extract(record, '$.subject') = 'dossier') AS of_dossier,
       count(*) FILTER (WHERE kind = 'loss' AND json_extract(record, '$.subject') = 'result') AS of_result,
       count(DISTINCT dossier_id) FILTER (WHERE kind = 'loss') AS affected,
       count(*) FILTER (WHERE kind = 'compensation') AS comp,
       coalesce(sum(amount) FILTER (WHERE kind = 'compensation'), 0) AS comp_amount,
       count(*) FILTER (WHERE kind = 'compensation' AND state = 'paid') AS comp_paid
     FROM cases WHERE opened_date >= ? AND opened_date < ?`,
  ).get(asOf, from, to) as Record<string, number>;
  const total = groups.reduce((s, g) => s + g.n, 0);
  const postage = sumKinds(['postage']);
  const agencyFees = sumKinds(['agency_fee', 'fee_due_collected']);
  return {
    period: p.value,
    source: 'counter',
    branch,
    generatedAt: now,
    asOf,
    dossiers: {
      total,
      byService: rollUp(groups, (g) => g.service_type, (g) => SERVICE_LABELS[g.service_type as ServiceType] ?? g.service_type),
      byAgency: rollUp(groups, (g) => g.agency_code, (g) => g.agency_name ?? g.agency_code),
      byField: rollUp(groups, (g) => g.field ?? 'Chưa rõ lĩnh vực', (g) => g.field ?? 'Chưa rõ lĩnh vực'),
    },
    revenue: { postage, agencyFees, total: postage + agencyFees },
    complaints: { received: c.received!, inTime: c.in_time!, outOfTime: c.received! - c.in_time!, settled: c.settled!, settledOnTime: c.on_time!, open: c.open!, overdue: c.overdue! },
    losses: { total: c.losses!, lost: c.lost!, damaged: c.damaged!, dossiers: c.of_dossier!, results: c.of_result! },
    compensation: { cases: c.comp!, amountDecided: c.comp_amount!, paidCases: c.comp_paid!, amountPaid: -sumKinds(['compensation_paid']) },
    safety: { items: total, affected: c.affected!, intactPercent: safetyPercent(total, c.affected!) },
    byBranch: [],
  };
}
