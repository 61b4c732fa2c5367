/**
 * The periodic report's shape (TT 17 Art. 13; issue 13), shared by the hub (computed in PostgreSQL
 * over every counter's events) and the counter (its own branch's view from the data it holds), and
 * the sections both print, so an XLSX, a PDF and a counter's A4 page carry the same rows.
 * Pure TypeScript.
 */
import type { ReportPeriod } from './period';

export interface CountRow {
  key: string;
  label: string;
  dossiers: number;
}

export interface BranchRow {
  branchCode: string;
  branchName: string;
  dossiers: number;
  postage: number;
  agencyFees: number;
  complaintsReceived: number;
  complaintsSettledOnTime: number;
  lossesAndDamage: number;
  compensationPaid: number;
}

export interface PeriodicReport {
  period: ReportPeriod;
  /** 'hub': every counter's synced events; 'counter': what one counter holds (marked on every output). */
  source: 'hub' | 'counter';
  /** null: the whole province. */
  branch: { code: string; name: string } | null;
  generatedAt: number;
  /** The hub's local date the open complaints were judged overdue on. */
  asOf: string;
  dossiers: { total: number; byService: CountRow[]; byAgency: CountRow[]; byField: CountRow[] };
  revenue: { postage: number; agencyFees: number; total: number };
  complaints: { received: number; inTime: number; outOfTime: number; settled: number; settledOnTime: number; open: number; overdue: number };
  losses: { total: number; lost: number; damaged: number; dossiers: number; results: number };
  compensation: { cases: number; amountDecided: number; paidCases: number; amountPaid: number };
  safety: { items: number; affected: number; intactPercent: number };
  byBranch: BranchRow[];
}

/** Share of items intact, in percent with two decimals; 100 when nothing was handled. */
export function safetyPercent(items: number, affected: number): number {
  if (items <= 0) return 100;
  return Math.round((Math.max(0, items - affected) / items) * 10_000) / 100;
}
