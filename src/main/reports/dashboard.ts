/**
 * The dashboard's last 30 days, per day: intakes (index dossiers_by_accepted_date, covering), results
 * received and handed over (dossier_events_by_type_at, covering), handovers to the agency with how
 * many were within their transit limit (dossiers_by_filed_at, covering), and the money taken
 * (ledger_day_totals, covering). Four grouped queries over the period's index entries only.
 */
import { addDays, localDateOf, localEpochOf } from '../../shared/calendar';
import type { DashboardDay } from '../../shared/ipc/channels/manager';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export function dashboard(db: Db, to: string, days = 30): DashboardDay[] {
  const from = addDays(to, -(days - 1));
  const out = new Map<string, DashboardDay>();
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    out.set(date, { date, intakes: 0, results: 0, handovers: 0, filed: 0, filedOnTime: 0, cash: 0, transfer: 0 });
  }
  const fromMs = localEpochOf(from);
  const toMs = localEpochOf(to) + DAY_MS;
  for (const r of prep(db, 'SELECT accepted_date AS date, count(*) AS n FROM dossiers WHERE accepted_date BETWEEN ? AND ? GROUP BY accepted_date').all(from, to) as { date: string; n: number }[]) {
    out.get(r.date)!.intakes = r.n;
  }
  const dayNo = `(e.at + ${VN_OFFSET_MS}) / ${DAY_MS}`;
  const events = prep(
    db,
    `SELECT e.type, ${dayNo} AS day, count(*) AS n FROM dossier_events e
      WHERE e.type IN ('result_collected', 'handed_over') AND e.at >= ? AND e.at < ? AND e.superseded = 0 GROUP BY e.type, day`,
  ).all(fromMs, toMs) as { type: string; day: number; n: number }[];
  for (const r of events) {
    const d = out.get(localDateOf(r.day * DAY_MS));
    if (!d) continue;
    if (r.type === 'result_collected') d.results += r.n;
    else d.handovers += r.n;
  }
  // Handed to the agency that day (the legal filing time), and of them those within their transit limit.
  const filed = prep(
    db,
    `SELECT (filed_at + ${VN_OFFSET_MS}) / ${DAY_MS} AS day, count(*) AS n, sum(transit_deadline IS NULL OR date((filed_at + ${VN_OFFSET_MS}) / 1000, 'unixepoch') <= transit_deadline) AS onTime
       FROM dossiers WHERE filed_at >= ? AND filed_at < ? GROUP BY day`,
  ).all(fromMs, toMs) as { day: number; n: number; onTime: number }[];
  for (const r of filed) {
    const d = out.get(localDateOf(r.day * DAY_MS));
    if (!d) continue;
    d.filed += r.n;
    d.filedOnTime += r.onTime;
  }
  const money = prep(
    db,
    `SELECT business_date AS date, payment_method AS method, SUM(amount) AS amount FROM ledger
      WHERE business_date BETWEEN ? AND ? AND kind IN ('agency_fee', 'fee_due_collected', 'postage') GROUP BY business_date, payment_method`,
  ).all(from, to) as { date: string; method: 'cash' | 'transfer'; amount: number }[];
  for (const r of money) {
    const d = out.get(r.date);
    if (d) d[r.method] += r.amount;
  }
  return [...out.values()];
}
