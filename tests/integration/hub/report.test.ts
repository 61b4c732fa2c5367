/**
 * The periodic report at the hub (issue 13) on a synthetic quarter written into a real PostgreSQL:
 * the expected numbers are counted here, in TypeScript, from the generated rows themselves (never by
 * the report's SQL); the XLSX is read back with exceljs, the PDF's text with unpdf; the CLI refuses a
 * bad period with one line and exit code 2.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openPostgres, type HubDb } from '../../../src/hub/db';
import { migrateHub, REPORT_SUMMARY_BACKFILL } from '../../../src/hub/migrations';
import { main } from '../../../src/hub/main';
import { publishReference } from '../../../src/hub/reference';
import { compactReportSummary, periodicReport, safetyPercent } from '../../../src/hub/report';
import { reportPdf, reportXlsx } from '../../../src/hub/report-output';
import { formatDong } from '../../../src/shared/money';
import { parsePeriod } from '../../../src/shared/report/period';
import { SERVICE_LABELS } from '../../../src/shared/dossier';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';

const catalogue = JSON.parse(readFileSync(join(__dirname, '../../../resources/reference/catalogue-son-la.sample.json'), 'utf8')) as {
  procedures: { code: string; field: string; agencyCode: string }[];
  agencies: { code: string; name: string }[];
};

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANCHES = ['BC-SL', 'BC-MC', 'BC-SM'];
const SERVICES = ['send', 'return', 'both'] as const;
/** Dates around Q1 2026: the edges of the quarter on both sides, and inside it. */
const DATES = ['2025-12-31', '2026-01-01', '2026-01-15', '2026-02-27', '2026-03-09', '2026-03-31', '2026-04-01'];
const inQ1 = (d: string) => d >= '2026-01-01' && d < '2026-04-01';

interface GenDossier {
  id: string;
  branch: string;
  service: string;
  procedure: string;
  agency: string;
  date: string;
}
interface GenLedger {
  branch: string;
  kind: string;
  amount: number;
  date: string;
}
interface GenCase {
  id: string;
  branch: string;
  kind: 'complaint' | 'loss' | 'compensation';
  dossierId: string | null;
  state: string;
  opened: string;
  deadline: string | null;
  done: string | null;
  inTime: boolean | null;
  amount: number | null;
  subject: string | null;
  lossKind: string | null;
}

const uuid = (n: number, tag: number) => `0190a0a0-${String(tag).padStart(4, '0')}-7000-8000-${String(n).padStart(12, '0')}`;

function generate() {
  const r = rng(20260101);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const dossiers: GenDossier[] = [];
  const ledger: GenLedger[] = [];
  const cases: GenCase[] = [];
  for (let i = 0; i < 600; i++) {
    const p = pick(catalogue.procedures);
    const d: GenDossier = { id: uuid(i, 1), branch: pick(BRANCHES), service: pick(SERVICES), procedure: p.code, agency: p.agencyCode, date: pick(DATES) };
    dossiers.push(d);
    ledger.push({ branch: d.branch, kind: 'postage', amount: 20000 + Math.floor(r() * 30) * 1000, date: d.date });
    if (r() < 0.7) ledger.push({ branch: d.branch, kind: 'agency_fee', amount: pick([100000, 135000, 200000]), date: d.date });
    if (r() < 0.05) ledger.push({ branch: d.branch, kind: 'postage', amount: -25000, date: pick(DATES) }); // a refund on cancellation
    if (r() < 0.1) ledger.push({ branch: d.branch, kind: 'fee_due_collected', amount: 50000, date: pick(DATES) });
  }
  let n = 0;
  for (let i = 0; i < 90; i++) {
    const d = pick(dossiers);
    const opened = pick(DATES);
    const kindRoll = r();
    if (kindRoll < 0.6) {
      const inTime = r() < 0.85;
      const deadline = inTime ? '2026-03-09' : null;
      const state = pick(['received', 'handling', 'answered', 'closed']);
      const done = state === 'answered' || state === 'closed' ? pick(['2026-03-05', '2026-03-09', '2026-03-10']) : null;
      cases.push({ id: uuid(n++, 2), branch: d.branch, kind: 'complaint', dossierId: r() < 0.8 ? d.id : null, state, opened, deadline, done, inTime, amount: null, subject: null, lossKind: null });
    } else {
      const lossId = uuid(n++, 2);
      cases.push({ id: lossId, branch: d.branch, kind: 'loss', dossierId: d.id, state: 'declared', opened, deadline: null, done: null, inTime: null, amount: null, subject: pick(['dossier', 'result']), lossKind: pick(['lost', 'damaged']) });
      if (r() < 0.6) {
        const amount = pick([100000, 228000, 500000]);
        const paid = r() < 0.7;
        const paidDate = pick(DATES);
        cases.push({ id: uuid(n++, 2), branch: d.branch, kind: 'compensation', dossierId: d.id, state: paid ? 'paid' : 'decided', opened, deadline: null, done: paid ? paidDate : null, inTime: null, amount, subject: null, lossKind: null });
        if (paid) ledger.push({ branch: d.branch, kind: 'compensation_paid', amount: -amount, date: paidDate });
      }
    }
  }
  return { dossiers, ledger, cases };
}

type Gen = ReturnType<typeof generate>;

/** The oracle: the report's numbers counted directly from the generated rows. */
function expected(g: Gen, branch: string | null, asOf: string) {
  const mine = <T extends { branch: string }>(xs: T[]) => xs.filter((x) => branch === null || x.branch === branch);
  const ds = mine(g.dossiers).filter((d) => inQ1(d.date));
  const ls = mine(g.ledger).filter((l) => inQ1(l.date));
  const cs = mine(g.cases).filter((c) => inQ1(c.opened));
  const sumL = (kinds: string[]) => ls.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + l.amount, 0);
  const complaints = cs.filter((c) => c.kind === 'complaint');
  const losses = cs.filter((c) => c.kind === 'loss');
  const comps = cs.filter((c) => c.kind === 'compensation');
  const count = <T,>(xs: T[], key: (x: T) => string) => {
    const m: Record<string, number> = {};
    for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
    return m;
  };
  const fieldOf = new Map(catalogue.procedures.map((p) => [p.code, p.field]));
  const affected = new Set(losses.map((l) => l.dossierId)).size;
  return {
    total: ds.length,
    byService: count(ds, (d) => SERVICE_LABELS[d.service as 'send']),
    byAgency: count(ds, (d) => catalogue.agencies.find((a) => a.code === d.agency)!.name),
    byField: count(ds, (d) => fieldOf.get(d.procedure)!),
    postage: sumL(['postage']),
    agencyFees: sumL(['agency_fee', 'fee_due_collected']),
    complaints: {
      received: complaints.length,
      inTime: complaints.filter((c) => c.inTime).length,
      outOfTime: complaints.filter((c) => !c.inTime).length,
      settled: complaints.filter((c) => c.done !== null).length,
      settledOnTime: complaints.filter((c) => c.done !== null && c.deadline !== null && c.done <= c.deadline).length,
      open: complaints.filter((c) => c.state === 'received' || c.state === 'handling').length,
      overdue: complaints.filter((c) => (c.state === 'received' || c.state === 'handling') && c.deadline !== null && c.deadline < asOf).length,
    },
    losses: {
      total: losses.length,
      lost: losses.filter((l) => l.lossKind === 'lost').length,
      damaged: losses.filter((l) => l.lossKind === 'damaged').length,
      dossiers: losses.filter((l) => l.subject === 'dossier').length,
      results: losses.filter((l) => l.subject === 'result').length,
    },
    compensation: {
      cases: comps.length,
      amountDecided: comps.reduce((s, c) => s + c.amount!, 0),
      paidCases: comps.filter((c) => c.state === 'paid').length,
      amountPaid: -sumL(['compensation_paid']),
    },
    affected,
    intact: ds.length === 0 ? 100 : Math.round(((ds.length - affected) / ds.length) * 10000) / 100,
  };
}

async function load(db: HubDb, g: Gen): Promise<void> {
  for (const b of BRANCHES) {
    await db.query('INSERT INTO branches (code, name) VALUES ($1, $2)', [b, `Bưu cục ${b}`]);
    await db.query('INSERT INTO counters (id, branch_code, name) VALUES ($1, $2, $3)', [`${b}-Q1`, b, `Quầy 1 ${b}`]);
  }
  await publishReference(db, 'catalogue', 'test', catalogue, Date.now());
  let seq = 0;
  for (const d of g.dossiers) {
    const record = { id: d.id, itemNumber: `EA${String(seq).padStart(8, '0')}0VN`, serviceType: d.service, procedureCode: d.procedure, agencyCode: d.agency, acceptedDate: d.date };
    await db.query(
      `INSERT INTO dossiers (id, branch_code, item_number, origin_counter_id, record, snapshot, hub_seq, last_event_id, change_key, updated_at)
       VALUES ($1, $2, $3, $4, $5::json, '{}'::json, 1, $1, '1'::xid8, 0)`,
      [d.id, d.branch, record.itemNumber, `${d.branch}-Q1`, JSON.stringify(record)],
    );
    seq++;
  }
  for (const l of g.ledger) {
    seq++;
    await db.query(`INSERT INTO ledger_entries (op_id, counter_id, seq, branch_code, entry, hub_at) VALUES ($1, $2, $3, $4, $5::json, 0)`, [
      uuid(seq, 3),
      `${l.branch}-Q1`,
      seq,
      l.branch,
      JSON.stringify({ businessDate: l.date, kind: l.kind, amount: l.amount, paymentMethod: 'cash' }),
    ]);
  }
  for (const c of g.cases) {
    await db.query(
      `INSERT INTO cases (id, branch_code, kind, dossier_id, origin_counter_id, snapshot, state, hub_seq, last_event_id, change_key, opened_date, deadline, done_date, in_time, amount, loss_subject, loss_kind, updated_at)
       VALUES ($1, $2, $3, $4, $5, '{}'::json, $6, 1, $1, '1'::xid8, $7, $8, $9, $10, $11, $12, $13, 0)`,
      [c.id, c.branch, c.kind, c.dossierId, `${c.branch}-Q1`, c.state, c.opened, c.deadline, c.done, c.inTime, c.amount, c.subject, c.lossKind],
    );
  }
}

describePg('the periodic report at the hub', () => {
  let t: TestDatabase;
  let db: HubDb;
  let dir: string;
  const g = generate();
  const now = Date.parse('2026-04-02T09:00:00+07:00');
  beforeAll(async () => {
    t = await createTestDatabase();
    db = openPostgres(t.url);
    await migrateHub(db);
    await load(db, g);
    dir = mkdtempSync(join(tmpdir(), 'h13-report-'));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const q1 = () => {
    const p = parsePeriod('2026-Q1');
    if (!p.ok) throw new Error(p.message);
    return p.value;
  };
  const asMap = (rows: { label: string; dossiers: number }[]) => Object.fromEntries(rows.map((x) => [x.label, x.dossiers]));

  it('the province: every number equals the one counted from the generated rows', async () => {
    const r = await periodicReport(db, q1(), null, now);
    const e = expected(g, null, '2026-04-02');
    expect(e.total).toBeGreaterThan(300);
    expect(e.complaints.overdue).toBeGreaterThan(0);
    expect(r.dossiers.total).toBe(e.total);
    expect(asMap(r.dossiers.byService)).toEqual(e.byService);
    expect(asMap(r.dossiers.byAgency)).toEqual(e.byAgency);
    expect(asMap(r.dossiers.byField)).toEqual(e.byField);
    expect(r.revenue).toEqual({ postage: e.postage, agencyFees: e.agencyFees, total: e.postage + e.agencyFees });
    expect(r.complaints).toEqual(e.complaints);
    expect(r.losses).toEqual(e.losses);
    expect(r.compensation).toEqual(e.compensation);
    expect(r.safety).toEqual({ items: e.total, affected: e.affected, intactPercent: e.intact });
    expect(r.byBranch.map((b) => b.branchCode)).toEqual(BRANCHES.slice().sort());
    expect(r.byBranch.reduce((s, b) => s + b.dossiers, 0)).toBe(e.total);
  });

  it('one branch: its own numbers only', async () => {
    for (const b of BRANCHES) {
      const r = await periodicReport(db, q1(), b, now);
      const e = expected(g, b, '2026-04-02');
      expect(r.branch).toEqual({ code: b, name: `Bưu cục ${b}` });
      expect([r.dossiers.total, r.revenue.postage, r.complaints, r.losses, r.compensation]).toEqual([e.total, e.postage, e.complaints, e.losses, e.compensation]);
    }
    await expect(periodicReport(db, q1(), 'BC-NONE', now)).rejects.toThrow('Không có bưu cục mã “BC-NONE” trên máy chủ.');
  });

  it('a half-year and a year take in the April dossiers; the 2025 year only the New Year\'s Eve ones', async () => {
    const h1 = parsePeriod('2026-H1');
    const y25 = parsePeriod('2025');
    if (!h1.ok || !y25.ok) throw new Error('period');
    expect((await periodicReport(db, h1.value, null, now)).dossiers.total).toBe(g.dossiers.filter((d) => d.date >= '2026-01-01').length);
    expect((await periodicReport(db, y25.value, null, now)).dossiers.total).toBe(g.dossiers.filter((d) => d.date === '2025-12-31').length);
  });

  it('the daily summary kept at ingest equals a count of the rows, and the migration\'s backfill rebuilds the same', async () => {
    const summary = async () => ({
      dossiers: (await db.query('SELECT day, branch_code, service_type, agency_code, procedure_code, sum(dossiers)::int AS dossiers FROM report_dossier_days GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5')).rows,
      ledger: (await db.query('SELECT day, branch_code, kind, sum(entries)::int AS entries, sum(amount)::float8 AS amount FROM report_ledger_days GROUP BY 1, 2, 3 ORDER BY 1, 2, 3')).rows,
    });
    const kept = await summary();
    // Counted here from the generated rows, not by the database.
    const days = new Map<string, number>();
    for (const d of g.dossiers) {
      const k = [d.date, d.branch, d.service, d.agency, d.procedure].join('|');
      days.set(k, (days.get(k) ?? 0) + 1);
    }
    expect(Object.fromEntries(kept.dossiers.map((r) => [[r.day, r.branch_code, r.service_type, r.agency_code, r.procedure_code].join('|'), r.dossiers]))).toEqual(Object.fromEntries(days));
    const money = new Map<string, { entries: number; amount: number }>();
    for (const l of g.ledger) {
      const k = [l.date, l.branch, l.kind].join('|');
      const m = money.get(k) ?? { entries: 0, amount: 0 };
      money.set(k, { entries: m.entries + 1, amount: m.amount + l.amount });
    }
    expect(Object.fromEntries(kept.ledger.map((r) => [[r.day, r.branch_code, r.kind].join('|'), { entries: r.entries, amount: r.amount }]))).toEqual(Object.fromEntries(money));
    // Pushes append one row per key each; the daily upkeep folds past days into one row per key.
    const rows = async () => (await db.query<{ all: number; appended: number }>('SELECT (SELECT count(*) FROM report_dossier_days)::int + (SELECT count(*) FROM report_ledger_days)::int AS all, (SELECT count(*) FROM report_dossier_days WHERE NOT compacted)::int AS appended')).rows[0]!;
    expect((await rows()).appended).toBeGreaterThan(kept.dossiers.length);
    const folded = await compactReportSummary(db, '2026-03-31');
    expect(folded.dossierRows).toBeGreaterThan(0);
    expect(await summary()).toEqual(kept);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM report_dossier_days WHERE NOT compacted AND day < '2026-03-31'")).rows[0]!.n).toBe(0);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM report_dossier_days WHERE NOT compacted AND day >= '2026-03-31'")).rows[0]!.n).toBeGreaterThan(0);
    await compactReportSummary(db, '2099-01-01');
    expect(await summary()).toEqual(kept);
    expect((await rows()).all).toBe(kept.dossiers.length + kept.ledger.length);
    expect((await periodicReport(db, q1(), null, now)).dossiers.total).toBe(g.dossiers.filter((d) => inQ1(d.date)).length);
    await db.query(REPORT_SUMMARY_BACKFILL);
    expect(await summary()).toEqual(kept);
  });

  it('safety percent: 100 with no items, two decimals otherwise', () => {
    expect(safetyPercent(0, 0)).toBe(100);
    expect(safetyPercent(3, 1)).toBe(66.67);
    expect(safetyPercent(10, 0)).toBe(100);
  });

  it('XLSX read back with exceljs and PDF text read with unpdf carry the same numbers', async () => {
    const r = await periodicReport(db, q1(), null, now);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(r)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    const cells = new Map<string, unknown>();
    ws.eachRow((row) => {
      const label = row.getCell(1).value;
      if (typeof label === 'string' && !cells.has(label)) cells.set(label, row.getCell(2).value);
    });
    expect(ws.getCell('A1').value).toBe('BÁO CÁO ĐỊNH KỲ DỊCH VỤ BƯU CHÍNH CÔNG ÍCH — QUÝ I NĂM 2026');
    expect(cells.get('Hồ sơ, kết quả tiếp nhận (bưu gửi)')).toBe(r.dossiers.total);
    expect(cells.get('Cước dịch vụ bưu chính (đồng)')).toBe(r.revenue.postage);
    expect(cells.get('Khiếu nại giải quyết đúng hạn')).toBe(r.complaints.settledOnTime);
    expect(cells.get('Số tiền bồi thường đã chi trả trong kỳ (đồng)')).toBe(r.compensation.amountPaid);
    for (const s of r.dossiers.byField) expect(cells.get(s.label)).toBe(s.dossiers);

    const pdf = await reportPdf(r);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('QUÝ I NĂM 2026');
    expect(flat).toContain('Phạm vi: toàn tỉnh');
    expect(flat).toContain(`Cước dịch vụ bưu chính (đồng) ${formatDong(r.revenue.postage)}`);
    expect(flat).toContain(`Hồ sơ, kết quả tiếp nhận (bưu gửi) ${formatDong(r.dossiers.total)}`);
    expect(flat).toContain(`Khiếu nại quá hạn (tính đến 02/04/2026) ${r.complaints.overdue}`);
    expect(flat).toContain('Mức độ an toàn');
  });

  it('the CLI: xlsx and pdf files for the province and a branch; a bad period or format is one line and exit 2, nothing written', async () => {
    const env = { ...process.env, DATABASE_URL: t.url };
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const bad = join(dir, 'bad.xlsx');
      expect(await main(['report', '--period', '2026-Q5', '--format', 'xlsx', '--out', bad], env)).toBe(2);
      expect(err.mock.calls).toHaveLength(1);
      expect(String(err.mock.calls[0]![0])).toMatch(/^Kỳ báo cáo “2026-Q5” không hợp lệ/);
      expect(existsSync(bad)).toBe(false);
      expect(await main(['report', '--period', '2026-Q1', '--format', 'docx', '--out', bad], env)).toBe(2);
      expect(await main(['report', '--period', '2026-Q1', '--format', 'pdf', '--out', bad, '--branch', 'BC-NONE'], env)).toBe(2);
      expect(existsSync(bad)).toBe(false);
      const x = join(dir, 'q1.xlsx');
      expect(await main(['report', '--period', '2026-Q1', '--format', 'xlsx', '--out', x], env)).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(x);
      expect(wb.getWorksheet('Báo cáo')!.getCell('A2').value).toBe('Phạm vi: toàn tỉnh');
      const p = join(dir, 'h1-sl.pdf');
      expect(await main(['report', '--period', '2026-H1', '--format', 'pdf', '--out', p, '--branch', 'BC-SL'], env)).toBe(0);
      const { text } = await extractText(new Uint8Array(readFileSync(p)), { mergePages: true });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('6 THÁNG ĐẦU NĂM 2026');
      expect(flat).toContain('Bưu cục: Bưu cục BC-SL (BC-SL)');
      expect(flat).not.toContain('V. Theo bưu cục');
    } finally {
      err.mockRestore();
      log.mockRestore();
    }
  });
});
