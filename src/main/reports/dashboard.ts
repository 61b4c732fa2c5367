/**
 * The dashboard's last 30 days, per day: intakes, results received and handed over, handovers to the
 * agency with how many were within their transit limit, and the money taken in cash and by transfer.
 * Read from the daily summary `dashboard_days` (migration 015: kept by triggers in the transaction
 * that writes each dossier, event and ledger row), one primary-key range of at most 7 rows a day —
 * the same cost on the first day and after five years.
 */
import { addDays } from '../../shared/calendar';
import type { DashboardDay } from '../../shared/ipc/channels/manager';
import type { Db } from '../store/db';
import { prep } from '../store/stmt';

type Metric = 'intakes' | 'results' | 'handovers' | 'filed' | 'filed_on_time' | 'cash' | 'transfer';
const FIELD: Record<Metric, keyof Omit<DashboardDay, 'date'>> = {
  intakes: 'intakes',
  results: 'results',
  handovers: 'handovers',
  filed: 'filed',
  filed_on_time: 'filedOnTime',
  cash: 'cash',
  transfer: 'transfer',
};

export function dashboard(db: Db, to: string, days = 30): DashboardDay[] {
  const from = addDays(to, -(days - 1));
  const out = new Map<string, DashboardDay>();
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    out.set(date, { date, intakes: 0, results: 0, handovers: 0, filed: 0, filedOnTime: 0, cash: 0, transfer: 0 });
  }
  const rows = prep(db, 'SELECT date, metric, value FROM dashboard_days WHERE date BETWEEN ? AND ?').all(from, to) as { date: string; metric: Metric; value: number }[];
  for (const r of rows) {
    const d = out.get(r.date);
    if (d) d[FIELD[r.metric]] = r.value;
  }
  return [...out.values()];
}
