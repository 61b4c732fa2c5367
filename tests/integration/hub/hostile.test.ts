/**
 * Malformed and hostile requests are answered 4xx and change nothing; logs never hold a token, an
 * enrollment code or a citizen's ID number.
 */
import { beforeAll, expect, it } from 'vitest';
import { describePg } from '../../helpers/pg';
import { createEnrollmentCode } from '../../../src/hub/enroll';
import { scrub } from '../../../src/hub/log';
import type { PushResponse } from '../../../src/shared/sync-protocol';
import { acceptOp, ADMIN_TOKEN, call, CCCD, enroll, numbered, freshHub, type Enrolled, type TestHub } from './harness';

describePg('hub against hostile input', () => {
  let hub: TestHub;
  let k: Enrolled;

  freshHub((h) => (hub = h));
  beforeAll(async () => {
    k = await enroll(hub, 'H-1', 'H-1-Q1');
    const first = acceptOp(k.counterId);
    await call(hub, '/push', { token: k.token, body: { ops: numbered(1, [first]) } });
  });

  async function fingerprint(): Promise<string> {
    const parts: string[] = [];
    for (const t of ['dossiers', 'dossier_events', 'ops', 'changes', 'ledger_entries', 'counters', 'serial_blocks', 'reference_docs']) {
      const r = await hub.db.query<{ n: string; h: string | null }>(`SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${t} t`);
      parts.push(`${t}:${r.rows[0]!.n}:${r.rows[0]!.h}`);
    }
    return parts.join(' ');
  }

  const valid = () => numbered(2, [acceptOp('H-1-Q1')])[0]!;
  type Case = { name: string; raw?: string; body?: unknown; headers?: Record<string, string>; status: number | number[] };

  it('answers every malformed push with 4xx and no effect', async () => {
    const before = await fingerprint();
    const op = valid();
    const withEvent = (patch: Record<string, unknown>) => ({ ops: [{ ...op, payload: { ...op.payload, event: { ...(op.payload as { event: object }).event, ...patch } } }] });
    const withRecord = (patch: Record<string, unknown>) => ({ ops: [{ ...op, payload: { ...op.payload, dossier: { ...(op.payload as { dossier: object }).dossier, ...patch } } }] });
    const cases: Case[] = [
      { name: 'huge body', raw: JSON.stringify({ ops: [op], pad: 'x'.repeat(5 * 1024 * 1024) }), status: 413 },
      { name: 'not JSON', raw: '{"ops": [', status: 400 },
      { name: 'JSON null', raw: 'null', status: 400 },
      { name: 'array body', body: [op], status: 400 },
      { name: 'text/plain', raw: JSON.stringify({ ops: [op] }), headers: { 'content-type': 'text/plain' }, status: [400, 415] },
      { name: 'no ops', body: { ops: [] }, status: 400 },
      { name: 'too many ops', body: { ops: Array.from({ length: 501 }, (_, i) => ({ ...op, seq: 2 + i })) }, status: 400 },
      { name: 'unknown top-level field', body: { ops: [op], admin: true }, status: 400 },
      { name: 'unknown op field', body: { ops: [{ ...op, force: true }] }, status: 400 },
      { name: 'unknown payload field', body: { ops: [{ ...op, payload: { ...op.payload, branchCode: 'H-2' } }] }, status: 400 },
      { name: 'unknown event field', body: withEvent({ state: 'handed_over' }), status: 400 },
      { name: 'unknown record field', body: withRecord({ branchCode: 'H-2' }), status: 400 },
      { name: 'seq as string', body: { ops: [{ ...op, seq: '2' }] }, status: 400 },
      { name: 'seq fractional', body: { ops: [{ ...op, seq: 2.5 }] }, status: 400 },
      { name: 'seq negative', body: { ops: [{ ...op, seq: -1 }] }, status: 400 },
      { name: 'seq huge', body: { ops: [{ ...op, seq: 1e300 }] }, status: 400 },
      { name: 'opId not uuid', body: { ops: [{ ...op, opId: "1' OR '1'='1" }] }, status: 400 },
      { name: 'opId mismatch', body: { ops: [{ ...op, opId: acceptOp('x').opId }] }, status: 400 },
      { name: 'unknown kind', body: { ops: [{ ...op, payload: { ...op.payload, kind: 'dossier.delete' } }] }, status: 400 },
      { name: 'unknown event type', body: withEvent({ type: 'teleported' }), status: 400 },
      { name: 'fee negative', body: withRecord({ feeAmount: -200000 }), status: 400 },
      { name: 'fee as string', body: withRecord({ feeAmount: '200000' }), status: 400 },
      { name: 'fee float', body: withRecord({ feeAmount: 1.5 }), status: 400 },
      { name: 'SQL in counter id', body: withEvent({ counterId: "H-1'; DROP TABLE dossiers; --" }), status: 400 },
      { name: 'SQL in procedure code', body: withRecord({ procedureCode: "x'); DELETE FROM ops; --" }), status: 400 },
      { name: 'item number malformed', body: { ops: [{ ...op, payload: { ...op.payload, itemNumber: "EA' OR 1=1" } }] }, status: 400 },
      { name: 'overlong name', body: withRecord({ parties: [{ role: 'sender', fullName: 'A'.repeat(10_000), idKind: null, idNumber: null, phone: null, email: null, address: null, provinceCode: null, communeCode: null, organisation: null, authorisationRef: null }] }), status: 400 },
      { name: 'proto pollution', raw: `{"ops":[${JSON.stringify(op).slice(0, -1)},"__proto__":{"admin":true}}]}`, status: 400 },
      { name: 'constructor pollution', raw: `{"ops":[],"constructor":{"prototype":{"x":1}}}`, status: 400 },
      { name: 'deep nesting', raw: '{"ops":' + '['.repeat(5000) + ']'.repeat(5000) + '}', status: 400 },
      // Half a surrogate pair (JSON.stringify writes it escaped, \ud800): PostgreSQL could not store it (was a 500).
      { name: 'lone surrogate in a name', raw: JSON.stringify(withRecord({ returnAddress: 'Tổ 5 \ud800' })), status: 400 },
      { name: 'lone low surrogate in an event', raw: JSON.stringify(withEvent({ actorId: 'x\udfff' })), status: 400 },
    ];
    for (const c of cases) {
      const r = await call<{ hubTime: number; message: string }>(hub, '/push', { token: k.token, ...(c.raw !== undefined ? { raw: c.raw } : { body: c.body }), ...(c.headers ? { headers: c.headers } : {}) });
      const expected = Array.isArray(c.status) ? c.status : [c.status];
      expect(expected, `${c.name}: got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
      expect(typeof r.body.message, c.name).toBe('string');
      expect(r.body.hubTime, c.name).toBeGreaterThan(0);
    }
    expect(await fingerprint()).toBe(before);
    // After all that, the counter continues normally at seq 2.
    const ok = await call<PushResponse>(hub, '/push', { token: k.token, body: { ops: [op] } });
    expect(ok.body.results[0]!.status).toBe('accepted');
  });

  it('SQL-looking text in free-text fields is stored verbatim and harms nothing', async () => {
    const evil = "Robert'); DROP TABLE dossiers; -- \\x00 ${1}";
    const base = acceptOp('H-1-Q1');
    const op = { ...base, dossier: { ...base.dossier!, returnAddress: evil, parties: [{ ...base.dossier!.parties[0]!, fullName: evil }] } };
    const r = await call<PushResponse>(hub, '/push', { token: k.token, body: { ops: numbered(3, [op]) } });
    expect(r.body.results[0]!.status).toBe('accepted');
    const row = await hub.db.query<{ name: string }>(`SELECT record->'parties'->0->>'fullName' AS name FROM dossiers WHERE id = $1`, [op.dossierId]);
    expect(row.rows[0]!.name).toBe(evil);
  });

  it('refuses hostile auth headers, enroll codes and admin bodies with 4xx', async () => {
    const before = await fingerprint();
    for (const h of ["Bearer ' OR 1=1 --", 'Bearer ' + 'A'.repeat(10_000), 'Basic YWRtaW46YWRtaW4=', 'Bearer', '']) {
      const r = await call(hub, '/pull', { headers: { authorization: h } });
      expect([400, 401, 431], h.slice(0, 30)).toContain(r.status);
    }
    for (const body of [{ code: "' OR used_at IS NULL --" }, { code: 'ABCD-EFGH-JKLM', extra: 1 }, { code: 12345678 }, {}, { code: 'x'.repeat(100) }]) {
      const r = await call(hub, '/enroll', { body });
      expect([400, 401]).toContain(r.status);
    }
    for (const body of [{ branchCode: "x'; --", counterId: 'a' }, { branchCode: 'B', counterId: 'c', ttlMinutes: -5 }, { branchCode: 'B', counterId: 'c', role: 'admin' }]) {
      expect((await call(hub, '/admin/codes', { token: ADMIN_TOKEN, body })).status).toBe(400);
    }
    expect((await call(hub, '/admin/reference/catalogue', { method: 'PUT', token: ADMIN_TOKEN, body: { version: '1', payload: { procedures: "'; DROP" } } })).status).toBe(400);
    expect((await call(hub, '/admin/reference/..%2F..%2Fetc', { method: 'PUT', token: ADMIN_TOKEN, body: { version: '1', payload: {} } })).status).toBe(404);
    expect(await fingerprint()).toBe(before);
  });

  it('logs are JSON and never contain a token, an enrollment code, the admin token or an ID number', async () => {
    const { code } = await createEnrollmentCode(hub.db, { branchCode: 'H-LOG', counterId: 'H-LOG-1' }, Date.now());
    const e = await call<{ token: string }>(hub, '/enroll', { body: { code } });
    const token = e.body.token;
    const op = acceptOp('H-LOG-1');
    await call(hub, '/push', { token, body: { ops: numbered(1, [op]) } });
    // Errors that tend to echo input: a JSON syntax error right after an ID number, an ID number in
    // a path and in a query string, a bad token, a malformed op carrying an ID number.
    await call(hub, '/push', { token, raw: `{"ops":[{"idNumber":"${CCCD}" oops` });
    await call(hub, '/push', { token, raw: `${CCCD}${token}` });
    await call(hub, `/dossiers/${CCCD}?token=${token}`);
    await call(hub, `/pull?cursor=${CCCD}`, { token });
    await call(hub, '/pull', { token: token + 'x' });
    await call(hub, '/push', { token, body: { ops: [{ ...numbered(2, [op])[0], idNumber: CCCD }] } });
    await call(hub, '/enroll', { body: { code } });
    await call(hub, '/admin/codes', { token: ADMIN_TOKEN + 'x', body: {} });
    hub.app.log.info({ token, idNumber: CCCD, authorization: `Bearer ${token}` }, 'a careless log call');

    // The error serializer's scrubber, on the kind of message V8 writes for a JSON syntax error.
    expect(scrub(`Unexpected token 'o', "{"idNumber":"${CCCD}" oops" is not valid JSON`)).not.toContain(CCCD);
    expect(scrub(`bad token ${token}`)).not.toContain(token);

    const text = hub.logs.join('');
    expect(hub.logs.length).toBeGreaterThan(10);
    for (const line of hub.logs) expect(() => JSON.parse(line)).not.toThrow();
    expect(text).toContain('[redacted]');
    expect(text).toContain('"statusCode":400');
    for (const secret of [token, code, code.replace(/-/g, ''), ADMIN_TOKEN, CCCD, CCCD.slice(0, 9)]) {
      expect(text.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});
