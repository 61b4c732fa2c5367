/**
 * Enrollment: admin-only code creation (HTTP and CLI), single use, expiry, tokens bound to one counter
 * and branch and stored only as hashes; health and the hub's clock; too many wrong codes from one
 * address refused for a while.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { expect, it, vi } from 'vitest';
import { parseEnrollmentText } from '../../../src/shared/enrollment';
import { createTestDatabase, describePg, type TestDatabase } from '../../helpers/pg';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { main } from '../../../src/hub/main';
import { loopbackNote } from '../../../src/hub/cli-verbs';
import { acceptOp, ADMIN_TOKEN, call, enroll, numbered, freshHub, useItemNumbers, type TestHub } from './harness';
import { issuedNumbers } from '../../helpers/serials';
import { openPostgres } from '../../../src/hub/db';
import { migrateHub } from '../../../src/hub/migrations';
import { buildHub } from '../../../src/hub/server';
import { DEFAULT_SERIALS } from '../../../src/hub/serials';

describePg('hub enrollment', () => {
  let hub: TestHub;
  let tdb: TestDatabase;

  freshHub((h, t) => {
    hub = h;
    tdb = t;
  });

  it('health answers with the hub time in a header and a field', async () => {
    const before = Date.now();
    const r = await call<{ ok: boolean; db: string; hubTime: number }>(hub, '/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, db: 'postgres' });
    expect(r.body.hubTime).toBeGreaterThanOrEqual(before);
    expect(Number(r.headers.get('x-hub-time'))).toBeGreaterThanOrEqual(before);
    const nf = await call<{ hubTime: number }>(hub, '/nowhere');
    expect(nf.status).toBe(404);
    expect(nf.body.hubTime).toBeGreaterThan(0);
    expect(nf.headers.get('x-hub-time')).not.toBeNull();
  });

  it('only the admin creates codes; a code works once; the token is bound to its counter', async () => {
    const req = { branchCode: 'E-1', branchName: 'Bưu cục Mai Sơn', counterId: 'E-1-Q1', counterName: 'Quầy 1' };
    expect((await call(hub, '/admin/codes', { body: req })).status).toBe(401);
    expect((await call(hub, '/admin/codes', { body: req, token: 'wrong-admin-token-xxxxxxxx' })).status).toBe(401);
    const created = await call<{ code: string; expiresAt: number }>(hub, '/admin/codes', { body: req, token: ADMIN_TOKEN });
    expect(created.status).toBe(200);
    expect(created.body.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const e1 = await call<{ token: string; counterId: string; branchCode: string; branchName: string }>(hub, '/enroll', { body: { code: created.body.code.toLowerCase().replace(/-/g, ' '), deviceName: 'PC-01' } });
    expect(e1.status).toBe(200);
    expect(e1.body).toMatchObject({ counterId: 'E-1-Q1', branchCode: 'E-1', branchName: 'Bưu cục Mai Sơn' });
    const again = await call<{ error: string; message: string }>(hub, '/enroll', { body: { code: created.body.code } });
    expect(again.status).toBe(401);
    expect(again.body.message).toContain('Mã đăng ký không đúng');

    // Only a hash is stored.
    const stored = await hub.db.query<{ h: string }>(`SELECT encode(token_hash, 'hex') AS h FROM counters WHERE id = 'E-1-Q1'`);
    expect(stored.rows[0]!.h).toHaveLength(64);
    const dump = JSON.stringify((await hub.db.query('SELECT * FROM counters')).rows) + JSON.stringify((await hub.db.query('SELECT * FROM enrollment_codes')).rows);
    expect(dump).not.toContain(e1.body.token);
    expect(dump).not.toContain(created.body.code.replace(/-/g, ''));

    // The token pushes as E-1-Q1 only (with a number of the block it received).
    useItemNumbers('E-1-Q1', await issuedNumbers(hub.db, 'E-1-Q1'));
    const op = acceptOp('E-1-Q1');
    const ok = await call<{ results: { status: string }[] }>(hub, '/push', { token: e1.body.token, body: { ops: numbered(1, [op]) } });
    expect(ok.body.results[0]!.status).toBe('accepted');
    expect((await call(hub, '/push', { token: e1.body.token.slice(0, -2) + 'xx', body: { ops: numbered(2, [acceptOp('E-1-Q1')]) } })).status).toBe(401);
    expect((await call(hub, '/pull', { token: undefined })).status).toBe(401);

    // Re-enrolling the counter (new machine) retires the old token.
    const code2 = await createEnrollmentCode(hub.db, { branchCode: 'E-1', counterId: 'E-1-Q1' }, Date.now());
    const e2 = await call<{ token: string }>(hub, '/enroll', { body: { code: code2.code } });
    expect(e2.status).toBe(200);
    expect((await call(hub, '/pull', { token: e1.body.token })).status).toBe(401);
    expect((await call(hub, '/pull', { token: e2.body.token })).status).toBe(200);
    // The counter's numbering survives re-enrollment.
    const next = await call<{ expectedSeq: number }>(hub, '/push', { token: e2.body.token, body: { ops: numbered(1, [op]) } });
    expect(next.body.expectedSeq).toBe(2);
  });

  it('an expired code is refused; a counter cannot move to another branch by a new code', async () => {
    const old = await createEnrollmentCode(hub.db, { branchCode: 'E-2', counterId: 'E-2-Q1', ttlMinutes: 1 }, Date.now() - 120_000);
    expect((await call(hub, '/enroll', { body: { code: old.code } })).status).toBe(401);
    const moved = await call<{ error: string }>(hub, '/admin/codes', { token: ADMIN_TOKEN, body: { branchCode: 'E-3', counterId: 'E-2-Q1' } });
    expect(moved.status).toBe(409);
  });

  it('the CLI prints a code that enrolls; an address only this machine reaches is pointed out', async () => {
    const out: string[] = [];
    const errs: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    const errSpy = vi.spyOn(console, 'error').mockImplementation((s: string) => void errs.push(s));
    try {
      const rc = await main(['create-code', '--branch', 'E-CLI', '--counter', 'E-CLI-Q9', '--counter-name', 'Quầy 9'], { DATABASE_URL: tdb.url });
      expect(rc).toBe(0);
      // Out of the box the address is HUB_HOST:HUB_PORT, 127.0.0.1:8787: said on stderr, stdout stays one JSON line.
      expect(out).toHaveLength(1);
      expect(errs).toEqual([loopbackNote('http://127.0.0.1:8787')]);
      expect(await main(['create-code', '--branch', 'E-CLI', '--counter', 'E-CLI-Q8'], { DATABASE_URL: tdb.url, HUB_PUBLIC_URL: '10.20.0.5:8787' })).toBe(0);
      expect(await main(['create-code', '--branch', 'E-CLI', '--counter', 'E-CLI-Q7', '--hub-url', 'https://dongbo.example.vn'], { DATABASE_URL: tdb.url })).toBe(0);
      expect(errs).toHaveLength(1);
      expect(out.slice(1).map((l) => (JSON.parse(l) as { hubUrl: string }).hubUrl)).toEqual(['http://10.20.0.5:8787', 'https://dongbo.example.vn']);
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
    }
    const printed = JSON.parse(out[0]!) as { code: string; counterId: string };
    expect(printed.counterId).toBe('E-CLI-Q9');
    const r = await call<{ counterName: string }>(hub, '/enroll', { body: { code: printed.code } });
    expect(r.status).toBe(200);
    expect(r.body.counterName).toBe('Quầy 9');
    const bad = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['create-code', '--branch', "x' OR 1=1 --"], { DATABASE_URL: tdb.url })).toBe(2);
    } finally {
      bad.mockRestore();
    }
  });

  it('the CLI prints the enrollment QR: its text enrolls, its PNG draws exactly that QR, a bad address makes no code', async () => {
    const png = join(mkdtempSync(join(tmpdir(), 'hub-qr-')), 'quay7.png');
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    try {
      const rc = await main(['create-code', '--branch', 'E-QR', '--counter', 'E-QR-Q7', '--counter-name', 'Quầy 7', '--hub-url', hub.url.replace('http://', ''), '--png', png], { DATABASE_URL: tdb.url });
      expect(rc).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const printed = JSON.parse(out[0]!) as { code: string; hubUrl: string; enrollText: string };
    expect(printed.hubUrl).toBe(hub.url);
    expect(printed.enrollText).toBe(`QUAYHCC:1;HUB=${hub.url};CODE=${printed.code};COUNTER=E-QR-Q7`);
    const parsed = parseEnrollmentText(printed.enrollText);
    if (!parsed.ok) throw new Error(parsed.message);
    const r = await call<{ counterId: string }>(hub, '/enroll', { body: { code: parsed.ticket.code } });
    expect([r.status, r.body.counterId]).toEqual([200, 'E-QR-Q7']);
    // The image: every module of the QR for that text, dark where the matrix is dark (margin 4, 8 px a module).
    const img = PNG.sync.read(readFileSync(png));
    const qr = QRCode.create(printed.enrollText, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    expect(img.width).toBe((size + 8) * 8);
    let wrong = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const at = ((4 + y) * 8 + 4) * img.width * 4 + ((4 + x) * 8 + 4) * 4;
        if ((img.data[at]! < 128) !== Boolean(qr.modules.get(y, x))) wrong++;
      }
    expect(wrong).toBe(0);
    const err: string[] = [];
    const bad = vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
    try {
      const before = await hub.db.query<{ n: string }>('SELECT count(*) AS n FROM enrollment_codes');
      expect(await main(['create-code', '--branch', 'E-QR', '--counter', 'E-QR-Q8', '--hub-url', 'http://dongbo.example.vn'], { DATABASE_URL: tdb.url })).toBe(2);
      expect(err[0]).toMatch(/^--hub-url: http:\/\/ \(không mã hoá\) chỉ dùng được/);
      expect((await hub.db.query<{ n: string }>('SELECT count(*) AS n FROM enrollment_codes')).rows[0]!.n).toBe(before.rows[0]!.n);
    } finally {
      bad.mockRestore();
    }
  });

  it('enroll() helper sanity: two counters of one branch get distinct tokens', async () => {
    const a = await enroll(hub, 'E-4', 'E-4-A');
    const b = await enroll(hub, 'E-4', 'E-4-B');
    expect(a.token).not.toBe(b.token);
  });
});

describePg('hub enrollment: wrong codes from one machine', () => {
  it('refuses an address after too many wrong codes, tells it when to retry, and lets it in after the window', async () => {
    const tdb = await createTestDatabase();
    const db = openPostgres(tdb.url, { max: 3 });
    let now = Date.parse('2026-03-02T02:00:00Z');
    try {
      await migrateHub(db);
      const app = buildHub({ db, serials: DEFAULT_SERIALS, clock: { now: () => now }, logLevel: 'warn', enrollLimit: { max: 3, windowMs: 10 * 60_000 } });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      const hub = { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
      const { code } = await createEnrollmentCode(db, { branchCode: 'RL-1', counterId: 'RL-1-Q1' }, now);
      for (let i = 0; i < 3; i++) expect((await call(hub, '/enroll', { body: { code: 'ABCD-EFGH-JKMN' } })).status).toBe(401);
      // Blocked now, even with the right code; told when to come back.
      const blocked = await call<{ error: string; message: string }>(hub, '/enroll', { body: { code } });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ error: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/thử lại sau 10 phút/) });
      expect(Number(blocked.headers.get('retry-after'))).toBe(600);
      // The code was not used up by the refusal; after the window it works.
      now += 10 * 60_000 + 1;
      const ok = await call<{ counterId: string }>(hub, '/enroll', { body: { code } });
      expect(ok.status).toBe(200);
      expect(ok.body.counterId).toBe('RL-1-Q1');
      // A success clears the count.
      for (let i = 0; i < 2; i++) expect((await call(hub, '/enroll', { body: { code: 'ABCD-EFGH-JKMN' } })).status).toBe(401);
      expect((await call(hub, '/enroll', { body: { code: 'ABCD-EFGH-JKMP' } })).status).toBe(401);
      expect((await call(hub, '/enroll', { body: { code: 'ABCD-EFGH-JKMQ' } })).status).toBe(429);
      await app.close();
    } finally {
      await db.close();
      await tdb.drop();
    }
  });
});
