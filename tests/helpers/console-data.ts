/**
 * Set-ups for the console's tests (integration and Chromium): hub accounts of every role, a login
 * that returns the session cookie, and complaints as the hub stores them after a push (a `cases` row
 * and its `complaint_received` event), without going through two counters.
 */
import { randomUUID } from 'node:crypto';
import { createUser } from '../../src/hub/console-api/accounts';
import { CONSOLE_CSRF_HEADER } from '../../src/hub/console-api/routes';
import type { HubDb } from '../../src/hub/db';

export const CSRF = { [CONSOLE_CSRF_HEADER]: '1' };
export const PASSWORDS = { it: 'Quan-tri-0123', pm: 'Lanh-dao-tinh-1', bm: 'Truong-buu-cuc' } as const;

/** it.admin (IT), ld.tinh (province manager), tb.tp (branch manager of `branch`). */
export async function consoleAccounts(db: HubDb, branch: string): Promise<void> {
  const now = Date.now();
  await createUser(db, { username: 'it.admin', displayName: 'Lò Văn Quản', role: 'it_admin', password: PASSWORDS.it }, now);
  await createUser(db, { username: 'ld.tinh', displayName: 'Cầm Thị Lãnh', role: 'province_manager', password: PASSWORDS.pm }, now);
  await createUser(db, { username: 'tb.tp', displayName: 'Quàng Văn Trưởng', role: 'branch_manager', branchCode: branch, password: PASSWORDS.bm }, now);
}

/** Logs in through the API; the returned headers carry the session cookie and the CSRF header. */
export async function consoleSession(hubUrl: string, username: string, password: string): Promise<Record<string, string>> {
  const r = await fetch(`${hubUrl}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...CSRF }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '', ...CSRF };
}

export interface SeededComplaint {
  branch: string;
  counterId: string;
  number: string;
  itemNumber: string | null;
  opened: string;
  deadline: string;
  state: 'received' | 'handling' | 'answered' | 'closed';
  doneDate?: string;
}

let seq = 1_000_000;

/** A complaint as the hub holds it after its counter pushed it (the branch and counter must exist). */
export async function seedComplaint(db: HubDb, c: SeededComplaint): Promise<string> {
  const id = randomUUID();
  const eventId = randomUUID();
  const complaint = { number: c.number, itemNumber: c.itemNumber, complainantName: 'Lường Thị Khiếu', phone: '0912345678', kind: 'late', channel: 'counter', text: 'Chậm trả kết quả.', receivedDate: c.opened, deadline: c.deadline };
  await db.query(
    `INSERT INTO cases (id, branch_code, kind, dossier_id, origin_counter_id, snapshot, state, hub_seq, last_event_id, change_key, opened_date, deadline, done_date, in_time, amount, loss_subject, loss_kind, updated_at)
     VALUES ($1, $2, 'complaint', NULL, $3, '{}'::json, $4, 1, $5, '1'::xid8, $6, $7, $8, true, NULL, NULL, NULL, 0)`,
    [id, c.branch, c.counterId, c.state, eventId, c.opened, c.deadline, c.doneDate ?? null],
  );
  await db.query(
    `INSERT INTO case_events (id, case_id, dossier_id, hub_seq, counter_id, seq, op_id, type, event, hub_at) VALUES ($1, $2, NULL, 1, $3, $4, $5, 'complaint_received', $6::json, 0)`,
    [eventId, id, c.counterId, seq++, randomUUID(), JSON.stringify({ type: 'complaint_received', complaint })],
  );
  return id;
}
