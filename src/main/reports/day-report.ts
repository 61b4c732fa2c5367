/**
 * Builds the day's report (shared/day-report.ts) for one business date from the store. Every money
 * figure is a sum of the ledger itself (index ledger_by_day: business_date, clerk_id); volumes come
 * from the dossiers taken in that date (dossiers_by_accepted_date) and the events of that day
 * (dossier_events_by_type_at); reprints from the print queue (print_jobs_copies_by_time); receipts
 * from fee_receipts_by_day. Each is one grouped query, so a day of a five-year-old branch costs the
 * same as today.
 */
import { localEpochOf } from '../../shared/calendar';
import type { WorkCalendar } from '../../shared/calendar';
import { CASH_CATEGORIES, CASH_CATEGORY_LABELS, categoryOf, formatReceiptNo } from '../../shared/cash';
import type { ClerkDayRow, CountRow, DayReport, MoneyRow } from '../../shared/day-report';
import { SERVICE_LABELS } from '../../shared/dossier';
import type { ServiceType } from '../../shared/dossier';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';
import { overdueCounts } from './overdue';

export interface ReportBranch {
  office: string;
  branchName: string;
  counterName: string;
}

const DAY_MS = 86_400_000;

function tally(rows: { key: string; label: string; n: number }[]): CountRow[] {
  const m = new Map<string, CountRow>();
  for (const r of rows) {
    const c = m.get(r.key) ?? { key: r.key, label: r.label, count: 0 };
    c.count += r.n;
    m.set(r.key, c);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'vi'));
}

export function buildDayReport(db: Db, date: string, opts: { branch: ReportBranch; now: number; today: string; calendar: WorkCalendar }): DayReport {
  const from = localEpochOf(date);
  const to = from + DAY_MS;
  const names = new Map((prep(db, 'SELECT id, full_name FROM clerks').all() as { id: string; full_name: string }[]).map((c) => [c.id, c.full_name]));
  const nameOf = (id: string) => names.get(id) ?? id;

  const intakeRows = prep(
    db,
    `SELECT d.service_type, d.agency_code, a.name AS agency_name, p.field, d.accepted_by, count(*) AS n
       FROM dossiers d JOIN agencies a ON a.code = d.agency_code JOIN procedures p ON p.code = d.procedure_code
      WHERE d.accepted_date = ? GROUP BY d.service_type, d.agency_code, p.field, d.accepted_by`,
  ).all(date) as { service_type: ServiceType; agency_code: string; agency_name: string; field: string; accepted_by: string; n: number }[];

  const eventRows = prep(
    db,
    `SELECT e.type, e.actor_id, d.return_method = 'home' AS home, count(*) AS n
       FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
      WHERE e.type IN ('result_collected', 'handed_over', 'delivery_failed', 'returned_to_agency', 'cancelled') AND e.at >= ? AND e.at < ? AND e.superseded = 0
      GROUP BY e.type, e.actor_id, home`,
  ).all(from, to) as { type: string; actor_id: string; home: number; n: number }[];
  const events = (type: string, pred: (r: { actor_id: string; home: number }) => boolean = () => true) => eventRows.filter((r) => r.type === type && pred(r)).reduce((s, r) => s + r.n, 0);

  const ledgerRows = prep(db, 'SELECT clerk_id, kind, payment_method AS method, SUM(amount) AS amount FROM ledger WHERE business_date = ? GROUP BY clerk_id, kind, payment_method').all(date) as {
    clerk_id: string;
    kind: string;
    method: 'cash' | 'transfer';
    amount: number;
  }[];
  const byCategory: MoneyRow[] = CASH_CATEGORIES.map((category) => {
    const of = (m: string) => ledgerRows.filter((r) => r.method === m && categoryOf(r.kind) === category).reduce((s, r) => s + r.amount, 0);
    const cash = of('cash');
    const transfer = of('transfer');
    return { category, label: CASH_CATEGORY_LABELS[category], cash, transfer, total: cash + transfer };
  });
  const cash = byCategory.reduce((s, m) => s + m.cash, 0);
  const transfer = byCategory.reduce((s, m) => s + m.transfer, 0);

  const differences = (prep(db, "SELECT clerk_id, amount, note FROM ledger WHERE business_date = ? AND kind = 'cash_difference' ORDER BY id").all(date) as { clerk_id: string; amount: number; note: string | null }[]).map(
    (d) => ({ clerkName: nameOf(d.clerk_id), amount: d.amount, reason: (d.note ?? '').replace(/^(Thừa|Thiếu) quỹ khi kết ca: /, '') }),
  );

  const reprints = prep(db, 'SELECT created_by, count(*) AS n FROM print_jobs WHERE copy_no > 0 AND created_at >= ? AND created_at < ? GROUP BY created_by').all(from, to) as { created_by: string; n: number }[];
  const receipts = prep(db, 'SELECT series, number, issued_by, cancelled_at, cancelled_by, cancel_reason FROM fee_receipts WHERE business_date = ? ORDER BY series, number').all(date) as {
    series: string;
    number: number;
    issued_by: string;
    cancelled_at: number | null;
    cancelled_by: string | null;
    cancel_reason: string | null;
  }[];
  const transfers = prep(
    db,
    `SELECT SUM(l.amount) AS amount, MAX(t.bank_ref) IS NOT NULL AS confirmed FROM ledger l LEFT JOIN transfer_confirmations t ON t.ledger_id = l.id
      WHERE l.business_date = ? AND l.payment_method = 'transfer' AND l.amount > 0 AND l.reverses IS NULL GROUP BY l.dossier_id, l.at, l.clerk_id`,
  ).all(date) as { amount: number; confirmed: number }[];

  const closes = prep(db, 'SELECT clerk_id, difference FROM shift_closes WHERE business_date = ? AND reopened_at IS NULL').all(date) as { clerk_id: string; difference: number }[];
  const dayClose = prep(db, 'SELECT closed_at, closed_by, open_shifts FROM day_closes WHERE business_date = ?').get(date) as { closed_at: number; closed_by: string; open_shifts: string } | undefined;

  const clerkIds = new Set<string>([
    ...intakeRows.map((r) => r.accepted_by),
    ...eventRows.map((r) => r.actor_id),
    ...ledgerRows.map((r) => r.clerk_id),
    ...reprints.map((r) => r.created_by),
    ...closes.map((r) => r.clerk_id),
  ]);
  const clerks: ClerkDayRow[] = [...clerkIds].map((id) => {
    const close = closes.find((c) => c.clerk_id === id);
    const money = (m: string) => ledgerRows.filter((r) => r.clerk_id === id && r.method === m).reduce((s, r) => s + r.amount, 0);
    return {
      clerkId: id,
      name: nameOf(id),
      intakes: intakeRows.filter((r) => r.accepted_by === id).reduce((s, r) => s + r.n, 0),
      handovers: events('handed_over', (r) => r.actor_id === id),
      cancellations: events('cancelled', (r) => r.actor_id === id),
      reprints: reprints.find((r) => r.created_by === id)?.n ?? 0,
      cancelledReceipts: receipts.filter((r) => r.cancelled_at !== null && r.issued_by === id).length,
      cash: money('cash'),
      transfer: money('transfer'),
      difference: close ? close.difference : null,
      shift: close ? 'closed' : ledgerRows.some((r) => r.clerk_id === id) ? 'open' : 'none',
    };
  });
  clerks.sort((a, b) => a.name.localeCompare(b.name, 'vi'));

  const overdue = overdueCounts(db, opts.today, opts.calendar);
  return {
    businessDate: date,
    generatedAt: opts.now,
    branch: opts.branch,
    dayClose: dayClose ? { at: dayClose.closed_at, by: nameOf(dayClose.closed_by), openShifts: JSON.parse(dayClose.open_shifts) as string[] } : null,
    intakes: {
      total: intakeRows.reduce((s, r) => s + r.n, 0),
      byService: tally(intakeRows.map((r) => ({ key: r.service_type, label: SERVICE_LABELS[r.service_type], n: r.n }))),
      byAgency: tally(intakeRows.map((r) => ({ key: r.agency_code, label: r.agency_name, n: r.n }))),
      byField: tally(intakeRows.map((r) => ({ key: r.field, label: r.field, n: r.n }))),
    },
    results: {
      received: events('result_collected'),
      handedOver: events('handed_over'),
      deliveriesAttempted: events('delivery_failed') + events('handed_over', (r) => r.home === 1),
      deliveriesFailed: events('delivery_failed'),
      returnedToAgency: events('returned_to_agency'),
    },
    clerks,
    money: { byCategory, cash, transfer, total: cash + transfer },
    differences,
    receipts: {
      issued: receipts.length,
      first: receipts[0] ? formatReceiptNo(receipts[0].series, receipts[0].number) : null,
      last: receipts.at(-1) ? formatReceiptNo(receipts.at(-1)!.series, receipts.at(-1)!.number) : null,
      cancelled: receipts.filter((r) => r.cancelled_at !== null).map((r) => ({ no: formatReceiptNo(r.series, r.number), reason: r.cancel_reason ?? '' })),
    },
    transfers: {
      confirmed: transfers.filter((t) => t.confirmed).length,
      confirmedAmount: transfers.filter((t) => t.confirmed).reduce((s, t) => s + t.amount, 0),
      unconfirmed: transfers.filter((t) => !t.confirmed).length,
      unconfirmedAmount: transfers.filter((t) => !t.confirmed).reduce((s, t) => s + t.amount, 0),
    },
    overdue: { total: overdue.reduce((s, o) => s + o.count, 0), bySource: overdue.map((o) => ({ key: o.key, label: o.label, count: o.count })) },
  };
}
