/**
 * Issue 15 §2: a closed, synced dossier loses its citizen's details once the counter's retention
 * period has passed (the clock moved forward); open or unsynced ones keep them; the day's report and
 * the ledger add up as before; and the purged text is gone from the store's files (raw bytes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDayReport } from '../../../src/main/reports/day-report';
import { purgePersonalData } from '../../../src/main/services/retention';
import { loadReference } from '../../../src/main/reference/load';
import { DEFAULT_PERSONAL_DATA_POLICY } from '../../../src/shared/personal-data';
import { storeFile } from '../../../src/main/store/db';
import type { TestApp } from '../../helpers/app';
import { CITIZEN, createTestApp, lltpInput } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

const DAY = 86_400_000;

/** Each citizen's details are unique, so finding one in the file's bytes means exactly that dossier. */
const person = (fullName: string, idNumber: string, phone: string, address: string) => ({ ...CITIZEN, fullName, idNumber, phone, address });
const HANDED = person('Quàng Văn Thượng', '014088004411', '0912 000 411', 'Bản Nà Ngựu, xã Chiềng Cơi');
const SENT = person('Lường Thị Xuyến', '014189004422', '0912 000 422', 'Bản Hẹ, xã Chiềng Ngần');
const OPEN = person('Cầm Văn Khoát', '014087004433', '0912 000 433', 'Tổ 9, phường Chiềng Lề');
const UNSYNCED = person('Tòng Thị Nhung', '014190004444', '0912 000 444', 'Bản Cọ, phường Chiềng An');

function throughAgency(a: TestApp, input: ReturnType<typeof lltpInput>) {
  const r = a.services.intake.accept(input, a.clerk);
  const batch = a.services.dispatch.createBatch({ agencyCode: 'STP', dossierIds: [r.dossierId] }, a.clerk);
  a.services.dispatch.recordFiling({ batchId: batch.id, filedAt: a.clock.now(), receivingOfficer: 'Hà Thị Thu' }, a.clerk);
  return r;
}

function handOver(a: TestApp, p: typeof HANDED, byProxy = false) {
  const r = throughAgency(a, lltpInput({ sender: p, returnMethod: 'pickup', returnAddress: null }));
  a.services.results.collect({ itemNumber: r.itemNumber }, a.clerk);
  const recipient = byProxy ? { fullName: 'Hà Văn Uỷ', idKind: 'cccd' as const, idNumber: '014086009988' } : { fullName: p.fullName, idKind: 'cccd' as const, idNumber: p.idNumber };
  a.services.handover.handOver({ dossierId: r.dossierId, recipient, byProxy, ...(byProxy ? { authorisationRef: 'GUQ 77/2026' } : {}), feeDueCollected: 0 }, a.clerk);
  return r;
}

/** The hub answered every operation so far (what a push does to the outbox), except those of `keep`. */
function ackAllBut(a: TestApp, keep: string) {
  a.db.prepare("UPDATE outbox SET status = 'acked', acked_at = ? WHERE status = 'pending' AND (dossier_id IS NULL OR dossier_id <> ?)").run(a.clock.now(), keep);
}

function partyOf(a: TestApp, dossierId: string) {
  return a.db.prepare("SELECT full_name, id_number, phone, address, search_text FROM parties WHERE dossier_id = ? AND role = 'sender'").get(dossierId) as Record<string, string | null>;
}

function storeBytes(a: TestApp): Buffer {
  const f = storeFile(a.dir);
  return Buffer.concat([readFileSync(f), existsSync(`${f}-wal`) ? readFileSync(`${f}-wal`) : Buffer.alloc(0)]);
}

const secrets = (p: typeof HANDED) => [p.fullName, p.idNumber, p.phone.replace(/\s/g, ''), p.address, p.fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd')];

function totals(a: TestApp) {
  const cal = a.ctx.reference().calendar;
  const report = buildDayReport(a.db, '2026-03-02', { branch: { office: 'BĐ', branchName: 'BC', counterName: 'Q1' }, now: Date.parse('2026-03-02T17:00+07:00'), today: '2026-03-02', calendar: cal });
  const ledger = a.db.prepare('SELECT count(*) AS n, sum(amount) AS total FROM ledger').get();
  return { report, ledger };
}

describe('purge of personal data at the counter', () => {
  it('closed and synced dossiers lose their personal fields after 90 days; open or unsynced keep them; reports and ledger unchanged; the bytes are gone', () => {
    // A plain store: the raw-byte checks below are about what the purge leaves in SQLite's pages
    // (secure_delete), which the cipher would hide from this test whether it was erased or not.
    app = createTestApp({ encryption: false });
    const a = app;
    const handed = handOver(a, HANDED, true);
    const sent = throughAgency(a, lltpInput({ serviceType: 'send', sender: SENT, returnMethod: 'none', returnAddress: null }));
    const open = a.services.intake.accept(lltpInput({ sender: OPEN }), a.clerk);
    const unsynced = handOver(a, UNSYNCED);
    const complaint = a.services.cases.receiveComplaint({ itemNumber: handed.itemNumber, complainantName: HANDED.fullName, phone: HANDED.phone, contact: 'Nhắn Zalo cho con gái', channel: 'counter', kind: 'late', text: 'Trả chậm.' }, a.clerk);
    a.services.cases.answer({ complaintId: complaint, answer: 'Bưu cục xin lỗi ông.' }, a.manager);
    ackAllBut(a, unsynced.dossierId);
    const before = totals(a);

    // 89 days later nothing is due yet.
    a.clock.advance(89 * DAY);
    expect(purgePersonalData(a.db, a.clock)).toEqual({ dossiers: 0, cases: 0, operations: 0, printJobs: 0 });
    expect(partyOf(a, handed.dossierId)['full_name']).toBe(HANDED.fullName);

    a.clock.advance(2 * DAY);
    const counts = purgePersonalData(a.db, a.clock);
    expect(counts.dossiers).toBe(2);
    expect(counts.cases).toBe(1);
    expect(counts.operations).toBeGreaterThanOrEqual(4);

    for (const id of [handed.dossierId, sent.dossierId]) {
      expect(partyOf(a, id)).toEqual({ full_name: '', id_number: null, phone: null, address: null, search_text: '' });
      expect(a.db.prepare('SELECT count(*) AS n FROM parties WHERE dossier_id = ? AND (id_number IS NOT NULL OR full_name <> \'\' OR authorisation_ref IS NOT NULL)').get(id)).toEqual({ n: 0 });
    }
    expect(partyOf(a, open.dossierId)['id_number']).toBe(OPEN.idNumber);
    expect(partyOf(a, unsynced.dossierId)['full_name']).toBe(UNSYNCED.fullName);
    // The item number, procedure, money and events stay.
    const kept = a.db.prepare('SELECT item_number, procedure_code, fee_amount, event_count, personal_purged_at FROM dossiers WHERE id = ?').get(handed.dossierId) as Record<string, unknown>;
    expect(kept).toMatchObject({ item_number: handed.itemNumber, procedure_code: 'TP-LLTP-01', fee_amount: 200000, event_count: 5 });
    expect(kept['personal_purged_at']).toBe(a.clock.now());
    expect(totals(a)).toEqual(before);

    // Search finds the kept ones only.
    const today = '2026-06-01';
    expect(a.services.lookup.search({ query: HANDED.idNumber }).results).toEqual([]);
    expect(a.services.lookup.search({ query: 'thuong' }).results).toEqual([]);
    expect(a.services.lookup.search({ query: OPEN.idNumber }).results.map((r) => r.id)).toEqual([open.dossierId]);
    expect(today).toBeTruthy();

    // Counts only in the audit log, never content.
    const log = a.db.prepare("SELECT detail FROM audit_log WHERE action = 'retention.purge'").all() as { detail: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.detail)).toMatchObject({ dossiers: 2, cases: 1, retentionDays: 90 });

    // The raw bytes of the store and its log: purged citizens absent, kept ones present (the search works).
    const bytes = storeBytes(a);
    for (const s of [...secrets(HANDED), ...secrets(SENT), 'Hà Văn Uỷ', '014086009988', 'GUQ 77/2026', 'Nhắn Zalo cho con gái']) expect(bytes.includes(Buffer.from(s, 'utf8')), s).toBe(false);
    for (const s of [OPEN.fullName, OPEN.idNumber, UNSYNCED.idNumber]) expect(bytes.includes(Buffer.from(s, 'utf8')), s).toBe(true);

    // A second run finds nothing more; once the last dossier is synced, it goes too.
    expect(purgePersonalData(a.db, a.clock).dossiers).toBe(0);
    ackAllBut(a, '');
    expect(purgePersonalData(a.db, a.clock).dossiers).toBe(1);
    expect(partyOf(a, unsynced.dossierId)['full_name']).toBe('');
  });

  it('follows the province’s retention period from reference data', () => {
    app = createTestApp();
    const a = app;
    loadReference(a.db, 'personal_data', { ...DEFAULT_PERSONAL_DATA_POLICY, version: 'test', counterRetentionDays: 30 }, a.clock.now());
    const r = handOver(a, HANDED);
    const r2 = handOver(a, SENT);
    ackAllBut(a, '');
    a.clock.advance(29 * DAY);
    expect(purgePersonalData(a.db, a.clock).dossiers).toBe(0);
    a.clock.advance(2 * DAY);
    // A backlog is taken a few batches at a time (maintenance: 4 per round), the rest at the next call.
    expect(purgePersonalData(a.db, a.clock, { batch: 1, maxBatches: 1 })).toEqual({ dossiers: 1, cases: 0, operations: 2, printJobs: 0, more: true });
    expect(purgePersonalData(a.db, a.clock, { batch: 1, maxBatches: 1 })).toMatchObject({ dossiers: 1 });
    expect(purgePersonalData(a.db, a.clock).dossiers).toBe(0);
    expect([partyOf(a, r.dossierId)['full_name'], partyOf(a, r2.dossierId)['full_name']]).toEqual(['', '']);
  });
});
