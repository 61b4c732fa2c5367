/**
 * The first run through the one handler registry, on a real store and a real hub: the admin's first
 * password begins it; the hub step tests the connection (hub time, skew) and enrolls from the QR's
 * text, the counter taking the identity of the code's counter everywhere (session, status bar,
 * audit, serial range); a restart resumes at the first step not done. Without a hub, the identity is
 * typed and checked against the administrative units, and the counter code is fixed once a dossier
 * exists.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { createCounter, type Counter } from '../../../src/main/counter';
import type { Session } from '../../../src/main/ipc/registry';
import { enrollmentText, parseEnrollmentText } from '../../../src/shared/enrollment';
import { describePg } from '../../helpers/pg';
import { toRecoveryCode } from '../../../src/main/store/recovery-code';
import { lltpInput } from '../../helpers/app';
import { freshHub, type TestHub } from '../hub/harness';

const dirs: string[] = [];
// The file printer's paper lands beside each data folder (printing/start.ts filePrinterOutput).
afterAll(() => dirs.flatMap((d) => [d, `${d}-printer-output.bin`]).forEach((d) => rmSync(d, { recursive: true, force: true })));

function open(dataDir: string): Counter {
  return createCounter({ dataDir, sync: { pollIntervalMs: 3_600_000, start: false }, printing: { startOn: 'file' } });
}

async function call<T = unknown>(c: Counter, s: Session, name: string, input: unknown = {}): Promise<T> {
  const r = await c.registry.invoke(name, input, s);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, field: r.error.field });
  return r.value as T;
}

async function refusal(c: Counter, s: Session, name: string, input: unknown): Promise<{ code: string; message: string; field?: string }> {
  const r = await c.registry.invoke(name, input, s);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

describePg('first run through the registry, with a real hub', () => {
  let hub: TestHub;
  freshHub((h) => (hub = h));

  it('enrolls from the QR text as the code’s counter, shows it everywhere, and resumes after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'first-run-'));
    dirs.push(dir);
    let c = open(dir);
    let s = c.newSession();
    await call(c, s, 'session.setupAdmin', { username: 'admin', password: 'quantri1', confirm: 'quantri1' });
    const st0 = await call<{ active: boolean; resumeAt: string; identity: { source: string; counterId: string } }>(c, s, 'setup.state');
    expect(st0).toMatchObject({ active: true, resumeAt: 'hub', identity: { source: 'default', counterId: 'SL-TP-Q01' } });

    const probe = await call<{ url: string; plainHttp: boolean; hubTime: number; skewMs: number; skewText: string }>(c, s, 'setup.testHub', { hubUrl: hub.url.replace('http://', '') });
    expect(probe).toMatchObject({ url: hub.url, plainHttp: true });
    expect(Math.abs(probe.hubTime - Date.now())).toBeLessThan(5_000);
    expect(probe.skewText).toMatch(/^Đồng hồ máy này/);
    expect((await refusal(c, s, 'setup.testHub', { hubUrl: '127.0.0.1:1' })).code).toBe('HUB_UNREACHABLE');
    expect((await refusal(c, s, 'setup.testHub', { hubUrl: 'http://dongbo.example.vn' })).code).toBe('BAD_HUB_URL');

    const { code } = await createEnrollmentCode(hub.db, { branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn', counterId: 'SL-MS-Q02', counterName: 'Quầy 2' }, Date.now());
    const ticket = parseEnrollmentText(enrollmentText({ hubUrl: hub.url, code, counterId: 'SL-MS-Q02' }));
    if (!ticket.ok) throw new Error(ticket.message);
    expect((await refusal(c, s, 'setup.hub', { mode: 'enroll', hubUrl: ticket.ticket.hubUrl, code: 'SAI-MA-0000' })).code).toBe('BAD_CODE');
    const st1 = await call<{ resumeAt: string; hub: { enrolled: boolean }; identity: Record<string, unknown> }>(c, s, 'setup.hub', { mode: 'enroll', hubUrl: ticket.ticket.hubUrl, code: ticket.ticket.code });
    expect(st1).toMatchObject({ resumeAt: 'identity', hub: { enrolled: true }, identity: { counterId: 'SL-MS-Q02', counterName: 'Quầy 2', branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn', provinceCode: '14', source: 'hub' } });
    // One source of truth: the session, the status bar, the audit and the serial range all say SL-MS-Q02.
    expect((await call<{ counter: unknown }>(c, s, 'session.get')).counter).toEqual({ id: 'SL-MS-Q02', name: 'Quầy 2', branchName: 'Bưu điện Mộc Sơn' });
    expect((await call<{ identity: unknown }>(c, s, 'status.get')).identity).toEqual({ counterId: 'SL-MS-Q02', counterName: 'Quầy 2', branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn', source: 'hub' });
    expect(c.app.db.prepare('SELECT DISTINCT counter_id FROM serial_ranges').all()).toEqual([{ counter_id: 'SL-MS-Q02' }]);
    expect(c.app.db.prepare("SELECT counter_id FROM audit_log WHERE action = 'setup.hub'").all()).toEqual([{ counter_id: 'SL-MS-Q02' }]);
    expect((await hub.db.query<{ device_name: string }>("SELECT device_name FROM counters WHERE id = 'SL-MS-Q02'")).rows[0]?.device_name).toBe('Quầy HCC SL-TP-Q01');
    // The hub's names cannot be overwritten by typing.
    const typed = { branchName: 'X', branchCode: 'X', counterName: 'X', counterId: 'X', provinceCode: '14', communeCode: '03646' };
    expect((await refusal(c, s, 'setup.identity', { mode: 'local', identity: typed })).code).toBe('IDENTITY_FROM_HUB');
    expect((await call<{ resumeAt: string }>(c, s, 'setup.identity', { mode: 'hub' })).resumeAt).toBe('printer');

    // A crash (here: a restart) between steps resumes at the printer, with the hub's identity.
    await c.close();
    c = open(dir);
    s = c.newSession();
    await call(c, s, 'session.login', { username: 'admin', password: 'quantri1' });
    expect(await call(c, s, 'setup.state')).toMatchObject({ active: true, resumeAt: 'printer', identity: { counterId: 'SL-MS-Q02', source: 'hub' } });
    expect(c.counter.id).toBe('SL-MS-Q02');
    expect(s.counterId).toBe('SL-MS-Q02');
    await call(c, s, 'setup.step', { step: 'printer', outcome: 'confirmed' });
    expect((await call<{ resumeAt: string }>(c, s, 'setup.step', { step: 'people', outcome: 'done' })).resumeAt).toBe('recovery');

    // The recovery code: the first run cannot finish before it is put away.
    expect(await refusal(c, s, 'setup.finish', {})).toMatchObject({ code: 'RECOVERY_CODE_NOT_PUT_AWAY', message: expect.stringMatching(/^Chưa xác nhận đã ghi lại mã khôi phục/) });
    const shown = await call<{ code: string; confirmedAt: number | null }>(c, s, 'recovery.show');
    expect(shown).toEqual({ code: toRecoveryCode(c.app.storeKey), confirmedAt: null, confirmedBy: null });
    const printed = await call<{ jobId: string }>(c, s, 'recovery.print');
    const job = c.app.db.prepare('SELECT kind, title, doc FROM print_jobs WHERE id = ?').get(printed.jobId) as { kind: string; title: string; doc: string };
    expect({ kind: job.kind, title: job.title }).toEqual({ kind: 'recovery_code', title: 'Mã khôi phục dữ liệu SL-MS-Q02' });
    // The sheet carries the code in three-group lines (the groups numbered), large and bold.
    const lines = (JSON.parse(job.doc) as { blocks: { t: string; text?: string; size?: string }[] }).blocks.filter((b) => b.size === 'large').map((b) => b.text);
    expect(lines.map((l) => l!.slice(4)).join(' ')).toBe(shown.code.replace(/-/g, ' '));
    expect(await refusal(c, s, 'print.reprint', { jobId: printed.jobId })).toMatchObject({ code: 'RECOVERY_CODE_NO_REPRINT' });
    const last = shown.code.slice(-4);
    const wrong = `${last.slice(0, 3)}${last.endsWith('0') ? '1' : '0'}`;
    expect(await refusal(c, s, 'recovery.confirm', { lastGroup: wrong })).toMatchObject({ code: 'RECOVERY_CHECK_WRONG', field: 'lastGroup' });
    expect((await call<{ resumeAt: string }>(c, s, 'setup.state')).resumeAt).toBe('recovery');
    // Read back from paper: lower case, a space.
    expect(await call(c, s, 'recovery.confirm', { lastGroup: ` ${last.slice(0, 2).toLowerCase()} ${last.slice(2)}` })).toMatchObject({ confirmedAt: expect.any(Number) });
    expect(await call(c, s, 'setup.state')).toMatchObject({ resumeAt: 'summary', steps: expect.arrayContaining([expect.objectContaining({ step: 'recovery', outcome: 'put_away' })]) });
    expect(c.app.db.prepare("SELECT action, detail FROM audit_log WHERE entity = 'store' ORDER BY id").all()).toEqual([
      { action: 'store.recovery_code_shown', detail: '{}' },
      { action: 'store.recovery_code_printed', detail: JSON.stringify({ job: printed.jobId }) },
      { action: 'store.recovery_code_confirmed', detail: '{"readBack":true}' },
    ]);
    const summary = await call<{ identity: { counterId: string }; printer: { confirmed: boolean }; people: { username: string }[] }>(c, s, 'setup.summary');
    expect(summary).toMatchObject({ identity: { counterId: 'SL-MS-Q02' }, printer: { confirmed: true }, people: [{ username: 'admin' }] });
    expect(await call(c, s, 'setup.finish')).toMatchObject({ active: false, resumeAt: null });
    await c.close();
  });

  it('later: identity typed and checked against the administrative units; the counter code is fixed once a dossier exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'first-run-'));
    dirs.push(dir);
    const c = open(dir);
    const s = c.newSession();
    await call(c, s, 'session.setupAdmin', { username: 'admin', password: 'quantri1', confirm: 'quantri1' });
    expect(await call(c, s, 'setup.hub', { mode: 'later' })).toMatchObject({ resumeAt: 'identity', hub: { enrolled: false } });
    const good = { branchName: 'Bưu điện Chiềng An', branchCode: 'sl-ca', counterName: 'Quầy 1', counterId: 'sl-ca-q01', provinceCode: '14', communeCode: '03664' };
    const before = c.app.db.prepare('SELECT * FROM counters').all();
    expect(await refusal(c, s, 'setup.identity', { mode: 'local', identity: { ...good, communeCode: '00004' } })).toMatchObject({ code: 'COMMUNE_OTHER_PROVINCE', field: 'communeCode' });
    expect(await refusal(c, s, 'setup.identity', { mode: 'local', identity: { ...good, provinceCode: '99' } })).toMatchObject({ code: 'UNKNOWN_PROVINCE' });
    expect(await refusal(c, s, 'setup.identity', { mode: 'local', identity: { ...good, counterId: 'Quầy 1' } })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Mã quầy chỉ gồm chữ không dấu/) });
    expect(await refusal(c, s, 'setup.identity', { mode: 'local', identity: { ...good, branchName: ' ' } })).toMatchObject({ code: 'invalid_input', message: 'Hãy nhập tên bưu cục.' });
    expect(c.app.db.prepare('SELECT * FROM counters').all()).toEqual(before);
    expect(await call(c, s, 'setup.identity', { mode: 'local', identity: good })).toMatchObject({
      resumeAt: 'printer',
      identity: { counterId: 'SL-CA-Q01', branchCode: 'SL-CA', branchName: 'Bưu điện Chiềng An', communeName: 'Phường Chiềng An', provinceName: 'Tỉnh Sơn La', source: 'local' },
    });
    expect((await call<{ identity: { source: string } }>(c, s, 'status.get')).identity).toMatchObject({ counterId: 'SL-CA-Q01', source: 'local' });
    // A dossier taken in under SL-CA-Q01: its code cannot change any more, its names still can.
    const admin = c.app.db.prepare("SELECT id FROM clerks WHERE username = 'admin'").get() as { id: string };
    const r = c.app.services.intake.accept(lltpInput(), { clerkId: admin.id, counterId: s.counterId, role: 'admin' });
    expect(c.app.db.prepare('SELECT origin_counter_id AS o FROM dossiers WHERE id = ?').get(r.dossierId)).toEqual({ o: 'SL-CA-Q01' });
    expect(await refusal(c, s, 'setup.identity', { mode: 'local', identity: { ...good, counterId: 'SL-CA-Q09' } })).toMatchObject({ code: 'COUNTER_ID_FIXED' });
    expect(await call(c, s, 'setup.identity', { mode: 'local', identity: { ...good, counterName: 'Quầy 1 (cửa chính)' } })).toMatchObject({ identity: { counterId: 'SL-CA-Q01', counterName: 'Quầy 1 (cửa chính)' } });
    await c.close();
  });
});
