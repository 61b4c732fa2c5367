/**
 * The citizens' tracking page on a real hub over real PostgreSQL: dossiers pushed by a counter as in
 * production, then looked up as a phone or another portal would, by HTTP. The page must show every
 * step of an item's life and never a name, an ID number, a phone or an address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubDb } from '../../../src/hub/db';
import { buildHub } from '../../../src/hub/server';
import { DEFAULT_SERIALS } from '../../../src/hub/serials';
import { TrackingNotFoundSchema, TrackingViewSchema } from '../../../src/shared/tracking';
import { describePg } from '../../helpers/pg';
import { acceptOp, ADMIN_TOKEN, call, CCCD, enroll, eventOp, freshHub, handOverOp, nextItemNumber, pushAs, type Enrolled, type TestHub } from './harness';

const ROOT = join(__dirname, '../../..');
const PERSONAL = ['Lò Thị Hoa', CCCD, '0912345678', 'Bản Hụm', 'Chiềng Đen', 'Cầm Văn Nam', 'Quàng Văn Pọm', '0987654321'];

const html = (hub: TestHub, path: string) => call<string>(hub, path, { headers: { accept: 'text/html,application/xhtml+xml' } });
const json = (hub: TestHub, path: string) => call(hub, path, { headers: { accept: 'application/json' } });

/** Every personal value of the test dossier that appears in `text`. */
const leaked = (text: string) => PERSONAL.filter((p) => text.includes(p));

describePg('public tracking page (/tra-cuu/)', () => {
  let hub: TestHub;
  let counter: Enrolled;
  let seq = 1;
  // The look-up limit is lifted here (these tests ask many times from one address); its own test below.
  freshHub((h) => (hub = h), { tracking: { perMinute: 0 } });

  const push = async (ops: Parameters<typeof pushAs>[3]) => {
    const r = await pushAs(hub, counter, seq, ops);
    seq += ops.length;
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(ops.map(() => 'accepted'));
  };

  it('is set up: a counter of Bưu điện Mộc Châu and the catalogue with agency names', async () => {
    counter = await enroll(hub, 'SL-MC', 'SL-MC-01');
    await hub.db.query("UPDATE branches SET name = 'Bưu điện huyện Mộc Châu' WHERE code = 'SL-MC'");
    const catalogue = JSON.parse(readFileSync(join(ROOT, 'resources/reference/catalogue-son-la.sample.json'), 'utf8')) as unknown;
    expect((await call(hub, '/admin/reference/catalogue', { method: 'PUT', token: ADMIN_TOKEN, body: { version: 't1', payload: catalogue } })).status).toBe(200);
  });

  it('follows a pick-up dossier through its whole life, each step shown, no personal data at any step', async () => {
    const accept = acceptOp(counter.counterId);
    const d = { dossierId: accept.dossierId, itemNumber: accept.itemNumber };
    const path = `/tra-cuu/${d.itemNumber}`;
    const batchId = 'b-1';
    const stages: { ops: Parameters<typeof push>[0]; status: string; lastStep: string; text: string }[] = [
      { ops: [accept], status: 'Bưu điện đã tiếp nhận hồ sơ, đang chuẩn bị chuyển đến cơ quan giải quyết', lastStep: 'accepted', text: 'Bưu điện tiếp nhận hồ sơ' },
      { ops: [eventOp(counter.counterId, d, { type: 'batched', batchId, agencyCode: 'STP' })], status: 'Hồ sơ đang được chuyển đến cơ quan giải quyết', lastStep: 'sent_to_agency', text: 'Chuyển hồ sơ đến Sở Tư pháp tỉnh Sơn La' },
      { ops: [eventOp(counter.counterId, d, { type: 'filed', batchId, filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' })], status: 'Cơ quan đang giải quyết hồ sơ', lastStep: 'filed', text: 'Cơ quan giải quyết đã ký nhận hồ sơ' },
      { ops: [eventOp(counter.counterId, d, { type: 'appointment_recorded', appointmentDate: '2027-01-15', agencyDossierCode: 'STP-000123' })], status: 'Cơ quan đang giải quyết hồ sơ', lastStep: 'appointment', text: 'Cơ quan hẹn trả kết quả ngày 15/01/2027' },
      { ops: [eventOp(counter.counterId, d, { type: 'result_collected', originalsReturned: [] })], status: 'Kết quả đã về, mời ông/bà đến nhận tại Bưu điện huyện Mộc Châu', lastStep: 'result_received', text: 'Bưu điện đã nhận kết quả từ cơ quan' },
      { ops: [handOverOp(counter.counterId, d)], status: 'Đã trả kết quả cho người nhận', lastStep: 'handed_over', text: 'Đã trả kết quả tại bưu điện' },
    ];
    for (const [i, stage] of stages.entries()) {
      await push(stage.ops);
      const j = await json(hub, path);
      expect(j.status).toBe(200);
      const view = TrackingViewSchema.parse(j.body);
      expect(view.status).toBe(stage.status);
      expect(view.steps).toHaveLength(i + 1);
      expect(view.steps.at(-1)!.code).toBe(stage.lastStep);
      expect(view.steps[0]!.place).toBe('Bưu điện huyện Mộc Châu');
      const h = await html(hub, path);
      expect(h.status).toBe(200);
      expect(h.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      expect(h.body).toContain(stage.text);
      expect(h.body).toContain(stage.status.replace('ông/bà', 'ông/bà'));
      expect(leaked(h.body)).toEqual([]);
      expect(leaked(JSON.stringify(j.body))).toEqual([]);
    }
    const final = TrackingViewSchema.parse((await json(hub, path)).body);
    expect(final.finished).toBe(true);
    expect(final.expectedDate).toBeNull();
    expect(final.collectAt).toBeNull();
  });

  it('while the result is with the agency, the page gives the appointment date and where to collect', async () => {
    const accept = acceptOp(counter.counterId);
    const d = { dossierId: accept.dossierId, itemNumber: accept.itemNumber };
    await push([
      accept,
      eventOp(counter.counterId, d, { type: 'batched', batchId: 'b-2', agencyCode: 'CA-XNC' }),
      eventOp(counter.counterId, d, { type: 'filed', batchId: 'b-2', filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' }),
      eventOp(counter.counterId, d, { type: 'appointment_recorded', appointmentDate: '2027-02-03', agencyDossierCode: null }),
    ]);
    const view = TrackingViewSchema.parse((await json(hub, `/tra-cuu/${d.itemNumber}`)).body);
    expect(view.expectedDate).toBe('2027-02-03');
    expect(view.collectAt).toBe('Bưu điện huyện Mộc Châu');
    expect(view.steps.map((s) => s.label)).toContain('Chuyển hồ sơ đến Phòng Quản lý xuất nhập cảnh – Công an tỉnh Sơn La');
    const page = (await html(hub, `/tra-cuu/${d.itemNumber}`)).body;
    expect(page).toContain('<dd id="expected">03/02/2027</dd>');
  });

  it('home delivery: a failed attempt shows the next date but never the reason the postman typed (it may name someone)', async () => {
    const accept = acceptOp(counter.counterId, { returnMethod: 'home', returnAddress: 'Bản Hụm, xã Chiềng Đen' });
    const d = { dossierId: accept.dossierId, itemNumber: accept.itemNumber };
    await push([
      accept,
      eventOp(counter.counterId, d, { type: 'batched', batchId: 'b-3', agencyCode: 'STP' }),
      eventOp(counter.counterId, d, { type: 'filed', batchId: 'b-3', filedAt: Date.now(), receivingOfficer: 'Cầm Văn Nam' }),
      eventOp(counter.counterId, d, { type: 'result_collected', originalsReturned: [] }),
      eventOp(counter.counterId, d, { type: 'delivery_failed', reason: 'Ông Quàng Văn Pọm (0987654321) đi vắng', nextInvitationDate: '2027-01-20' }),
    ]);
    const j = await json(hub, `/tra-cuu/${d.itemNumber}`);
    const view = TrackingViewSchema.parse(j.body);
    expect(view.status).toBe('Phát kết quả chưa thành công; bưu điện sẽ phát lại');
    expect(view.expectedDate).toBe('2027-01-20');
    expect(view.steps.at(-1)).toMatchObject({ code: 'delivery_failed', label: 'Phát không thành công; hẹn phát lại ngày 20/01/2027' });
    expect(view.collectAt).toBeNull();
    const h = await html(hub, `/tra-cuu/${d.itemNumber}`);
    expect(leaked(h.body)).toEqual([]);
    expect(leaked(JSON.stringify(j.body))).toEqual([]);
    expect(h.body).not.toContain('đi vắng');
  });

  it('an unknown number, a mistyped check digit and a malformed number: 404 in the same shape, each with its own hint', async () => {
    const unknown = nextItemNumber('EA');
    const wrongDigit = `${unknown.slice(0, 10)}${(Number(unknown[10]) + 1) % 10}${unknown.slice(11)}`;
    const answers = await Promise.all([unknown, wrongDigit, 'EA12345', 'XYZ'].map((n) => json(hub, `/tra-cuu/${n}`)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      const nf = TrackingNotFoundSchema.parse(a.body);
      expect(Object.keys(nf).sort()).toEqual(['found', 'hotline', 'itemNumber', 'message']);
      expect(nf.hotline).toBe('1900 54 54 81');
    }
    expect((answers[0]!.body as { message: string }).message).toMatch(/^Không tìm thấy bưu gửi có số hiệu này/);
    expect((answers[1]!.body as { message: string }).message).toMatch(/chữ số kiểm tra không khớp/);
    expect((answers[2]!.body as { message: string }).message).toMatch(/^Số hiệu bưu gửi phải có 13 ký tự/);
    const page = await html(hub, `/tra-cuu/${unknown}`);
    expect(page.status).toBe(404);
    expect(page.body).toContain('Không tìm thấy');
    // The form keeps what was typed, escaped.
    const hostile = await html(hub, `/tra-cuu/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.status).toBe(404);
    expect(hostile.body).not.toContain('<script>');
  });

  it('the form redirects a typed number (spaces, lower case) to its own address; the page is cacheable and runs no script', async () => {
    const accept = acceptOp(counter.counterId);
    await push([accept]);
    const typed = accept.itemNumber.toLowerCase().replace(/^(..)(...)(...)(...)(..)$/, '$1 $2 $3 $4 $5');
    const r = await fetch(`${hub.url}/tra-cuu/?so=${encodeURIComponent(typed)}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/tra-cuu/${accept.itemNumber}`);
    const page = await html(hub, `/tra-cuu/${accept.itemNumber}`);
    expect(page.headers.get('cache-control')).toBe('public, max-age=60');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('script-src');
    expect(page.body).not.toMatch(/<script/i);
    expect(page.headers.get('set-cookie')).toBeNull();
    // The counters' API keeps answering "no-store".
    expect((await call(hub, '/health')).headers.get('cache-control')).toBe('no-store');
    const form = await html(hub, '/tra-cuu/');
    expect(form.status).toBe(200);
    expect(form.body).toContain('Tra cứu hồ sơ');
    expect((await fetch(`${hub.url}/tra-cuu/trang.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await fetch(`${hub.url}/tra-cuu/font.ttf`)).status).toBe(200);
  });

  it('writes no log line per look-up (found, unknown, HTML or JSON) while the counters API does; a look-up that fails is logged', async () => {
    const accept = acceptOp(counter.counterId);
    await push([accept]);
    const lines: string[] = [];
    let failing = false;
    const db: HubDb = {
      ...hub.db,
      query: (text, params, name) => (failing && /dossier_events/.test(text) ? Promise.reject(new Error('disk on fire')) : hub.db.query(text, params, name)),
    };
    const app = buildHub({ db, serials: DEFAULT_SERIALS, logLevel: 'info', logStream: { write: (s) => void lines.push(s) }, tracking: { perMinute: 0 } });
    try {
      const ask = (n: string, accept = 'application/json') => app.inject({ method: 'GET', url: `/tra-cuu/${n}`, headers: { accept } });
      expect((await ask(accept.itemNumber)).statusCode).toBe(200);
      expect((await ask(accept.itemNumber, 'text/html')).statusCode).toBe(200);
      expect((await ask(nextItemNumber())).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/tra-cuu/' })).statusCode).toBe(200);
      expect(lines).toEqual([]);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['incoming request', 'request completed']);
      lines.length = 0;
      failing = true;
      const failed = await ask(accept.itemNumber);
      expect(failed.statusCode).toBe(500);
      expect(lines.map((l) => JSON.parse(l) as { level: number; msg: string; err: { message: string } })).toEqual([
        expect.objectContaining({ level: 50, msg: 'request failed', err: expect.objectContaining({ message: 'disk on fire' }) }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('limits each client address: past the burst, 429 with a Vietnamese message and when to come back', async () => {
    let t = Date.parse('2026-12-07T03:00:00Z');
    const limited = buildHub({ db: hub.db, serials: DEFAULT_SERIALS, logLevel: 'warn', tracking: { perMinute: 6, burst: 3, now: () => t } });
    try {
      const ask = (accept = 'application/json') => limited.inject({ method: 'GET', url: `/tra-cuu/${nextItemNumber()}`, headers: { accept } });
      for (let i = 0; i < 3; i++) expect((await ask()).statusCode).toBe(404);
      const refused = await ask();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.json()).toMatchObject({ error: 'TOO_MANY_REQUESTS', message: 'Tra cứu quá nhiều lần; mời thử lại sau 10 giây.' });
      const page = await ask('text/html');
      expect(page.statusCode).toBe(429);
      expect(page.body).toContain('Máy của ông/bà đã tra cứu quá nhiều lần');
      t += 10_000; // one token back after 60/6 s
      expect((await ask()).statusCode).toBe(404);
      expect((await ask()).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('tracking answers are plain data', () => {
  it('the JSON schema refuses anything personal-looking it was not built with (strict objects)', () => {
    const ok = { found: true, itemNumber: 'EA123456785VN', status: 's', finished: false, steps: [], expectedDate: null, collectAt: null, hotline: 'h' };
    expect(TrackingViewSchema.safeParse(ok).success).toBe(true);
    expect(TrackingViewSchema.safeParse({ ...ok, fullName: 'Lò Thị Hoa' }).success).toBe(false);
    expect(TrackingViewSchema.safeParse({ ...ok, steps: [{ code: 'accepted', label: 'x', at: 1, place: null, recipientName: 'A' }] }).success).toBe(false);
  });
});
