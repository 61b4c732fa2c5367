/**
 * The hub stores the ops' own JSON text from the request body (src/hub/raw-json.ts) instead of
 * re-serialising what it parsed. What is stored must still be exactly what was validated: these
 * tests send bodies whose text differs from their parsed value (duplicated keys, `1e3`, escaped
 * keys, a byte order mark, whitespace; bytes that are not UTF-8 are refused) and read back what was stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describePg } from '../../helpers/pg';
import { DossierEventSchema, DossierRecordSchema, LedgerRecordSchema, PushPayloadSchema, PushRequestSchema, wireJson, type PushResponse } from '../../../src/shared/sync-protocol';
import { keyCount, locateOps } from '../../../src/hub/raw-json';
import { acceptOp, enroll, ledgerOp, numbered, freshHub, type Enrolled, type TestHub } from './harness';
import type { SyncOp } from '../../../src/shared/sync-ops';

type Ledger = Extract<SyncOp, { kind: 'ledger.entry' }>;

describe('raw-json: locating the stored parts', () => {
  it('finds each op’s record, event and entry, the last of duplicated keys winning as in JSON.parse', () => {
    const body = '{"ops":[{"opId":"a","seq":1,"payload":{"kind":"x","event":{"a":1}}}],"ops":[{"payload":{"event":{"b":2},"dossier":{"c":[1,{"d":"}\\""}]}, "event" : {"e":3}}},{"payload":{"entry":{"f":null}}},5]}';
    const ops = locateOps(Buffer.from(body))!;
    expect(ops).toHaveLength(3);
    const text = (p?: { start: number; end: number }) => (p ? body.slice(p.start, p.end) : undefined);
    expect(text(ops[0]!.event)).toBe('{"e":3}');
    expect(text(ops[0]!.dossier)).toBe('{"c":[1,{"d":"}\\""}]}');
    expect(ops[0]!.dossier).toMatchObject({ colons: 2, oddNumber: false });
    expect(text(ops[1]!.entry)).toBe('{"f":null}');
    expect(ops[2]).toEqual({});
  });

  it('flags numbers that are not plain integers, and counts keys as JSON.parse keeps them', () => {
    const at = (s: string) => locateOps(Buffer.from(`{"ops":[{"payload":{"entry":${s}}}]}`))![0]!.entry!;
    expect(at('{"a":1e3}').oddNumber).toBe(true);
    expect(at('{"a":1.0}').oddNumber).toBe(true);
    expect(at('{"a":-0}').oddNumber).toBe(true);
    expect(at('{"a":-10,"b":0,"c":[true,false,null]}').oddNumber).toBe(false);
    expect(at('{"a":1,"a":2}').colons).toBe(2);
    expect(keyCount(JSON.parse('{"a":1,"a":2}'))).toBe(1);
    expect(keyCount({ a: { b: [{ c: 1 }, { d: undefined }] } })).toBe(3);
  });

  it('gives up (the old path) on escaped structural keys and on anything not shaped like a push', () => {
    expect(locateOps(Buffer.from('{"ops":[{"payload":{"\\u0065vent":{}}}]}'))).toBeNull();
    expect(locateOps(Buffer.from('{"ops":{}}'))).toBeNull();
    expect(locateOps(Buffer.from('[1]'))).toBeNull();
    expect(locateOps(Buffer.from('{"ops":[]} x'))).toBeNull();
  });

  it('the stored parts’ schemas transform nothing (what is validated is what was sent)', () => {
    const bad: string[] = [];
    const seen = new Set<unknown>();
    const walk = (s: z.core.$ZodType, path: string): void => {
      if (seen.has(s)) return;
      seen.add(s);
      const def = s._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
      if (['pipe', 'transform', 'default', 'prefault', 'catch', 'success', 'custom', 'lazy', 'promise'].includes(def.type)) bad.push(`${path}: ${def.type}`);
      for (const c of (def.checks ?? []) as z.core.$ZodCheck[]) if (c._zod.def.check === 'overwrite') bad.push(`${path}: overwrite`);
      const kids: [string, unknown][] = [];
      if (def.type === 'object') kids.push(...Object.entries(def.shape as Record<string, unknown>), ['(catchall)', def.catchall]);
      for (const k of ['element', 'innerType', 'in', 'out', 'valueType', 'keyType', 'left', 'right']) kids.push([k, def[k]]);
      for (const [i, o] of ((def.options ?? []) as unknown[]).entries()) kids.push([String(i), o]);
      for (const [k, v] of kids) if (v && typeof v === 'object' && '_zod' in v) walk(v as z.core.$ZodType, `${path}.${k}`);
    };
    walk(PushPayloadSchema, 'payload');
    for (const [n, sch] of [['record', DossierRecordSchema], ['event', DossierEventSchema], ['entry', LedgerRecordSchema]] as const) walk(sch, n);
    expect(bad).toEqual([]);
  });
});

describePg('hub push stores what it validated', () => {
  let hub: TestHub;
  let a: Enrolled;
  let seq = 1;

  freshHub((h) => (hub = h));
  beforeAll(async () => {
    a = await enroll(hub, 'B-RAW', 'B-RAW-1');
  });

  /** Sends `text` (or bytes) as the push body; `payloads` says how many ops it holds. */
  const send = async (body: string | Buffer, n: number): Promise<PushResponse> => {
    const r = await fetch(`${hub.url}/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` }, body });
    const j = (await r.json()) as PushResponse;
    expect(r.status).toBe(200);
    seq += n;
    return j;
  };
  const wrap = (payloads: SyncOp[]) => ({ ops: numbered(seq, payloads) });
  const stored = async (sql: string, id: string): Promise<string> => (await hub.db.query<{ t: string }>(sql, [id])).rows[0]!.t;
  const record = (id: string) => stored('SELECT record::text AS t FROM dossiers WHERE id = $1', id);
  const event = (id: string) => stored('SELECT event::text AS t FROM dossier_events WHERE id = $1', id);
  const entry = (opId: string) => stored('SELECT entry::text AS t FROM ledger_entries WHERE op_id = $1', opId);

  it('an ordinary body: the parts are stored as sent, byte for byte', async () => {
    const acc = acceptOp(a.counterId);
    const led = ledgerOp(a.counterId) as Ledger;
    const r = await send(JSON.stringify(wrap([acc, led])), 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    expect(await record(acc.dossierId)).toBe(JSON.stringify(acc.dossier));
    expect(await event(acc.eventId)).toBe(JSON.stringify(acc.event));
    expect(await entry(led.opId)).toBe(JSON.stringify(led.entry));
  });

  it('whitespace and key order as sent; the same JSON value', async () => {
    const acc = acceptOp(a.counterId);
    const reordered = { ...acc, dossier: Object.fromEntries(Object.entries(acc.dossier!).reverse()) } as typeof acc;
    const r = await send(JSON.stringify(wrap([reordered]), null, 2), 1);
    expect(r.results[0]!.status).toBe('accepted');
    const rec = await record(acc.dossierId);
    expect(rec).toContain('\n');
    expect(Object.keys(JSON.parse(rec) as object)).toEqual(Object.keys(acc.dossier!).reverse());
    expect(JSON.parse(rec)).toEqual(acc.dossier);
  });

  it('a duplicated key: the value JSON.parse kept (and zod validated) is stored, never the other', async () => {
    const acc = acceptOp(a.counterId);
    const led = ledgerOp(a.counterId) as Ledger;
    const text = JSON.stringify(wrap([acc, led]))
      .replace('"fullName":', '"fullName":{"never":"validated"},"fullName":')
      .replace('"note":null', '"note":"<unvalidated>","note":null');
    const r = await send(text, 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    const rec = await record(acc.dossierId);
    expect(rec).not.toContain('never');
    expect(JSON.parse(rec)).toEqual(acc.dossier);
    const ent = await entry(led.opId);
    expect(ent).not.toContain('unvalidated');
    expect(JSON.parse(ent)).toEqual(led.entry);
  });

  it('numbers written otherwise (1e5, 200000.0, -0) are stored as the integers they are', async () => {
    const acc = acceptOp(a.counterId);
    const led = ledgerOp(a.counterId, 100_000) as Ledger;
    const text = JSON.stringify(wrap([acc, led]))
      .replace('"amount":100000', '"amount":1e5')
      .replace('"feeAmount":200000', '"feeAmount":200000.0')
      .replace('"feeDueOnDelivery":0', '"feeDueOnDelivery":-0');
    const r = await send(text, 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    const amount = await hub.db.query<{ n: string }>(`SELECT (entry->>'amount')::bigint::text AS n FROM ledger_entries WHERE op_id = $1`, [led.opId]);
    expect(amount.rows[0]!.n).toBe('100000');
    const rec = await record(acc.dossierId);
    expect(rec).toContain('"feeAmount":200000,');
    expect(JSON.parse(rec)).toEqual(acc.dossier);
    const ev = await event(acc.eventId);
    expect(ev).toContain('"feeDueOnDelivery":0,');
    expect(JSON.parse(ev)).toEqual(acc.event);
  });

  it('escaped keys, a byte order mark, escaped characters', async () => {
    const acc = acceptOp(a.counterId);
    const led = ledgerOp(a.counterId) as Ledger;
    const text = JSON.stringify(wrap([acc, led])).replace('"event":', '"\\u0065vent":').replace('"note":null', '"note":"\\u00e9\\ud83d\\ude00 \\/"');
    const r = await send(text, 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    expect(JSON.parse(await event(acc.eventId))).toEqual(acc.event);
    expect(JSON.parse(await entry(led.opId))).toEqual({ ...led.entry, note: 'é😀 /' });
    // The same characters in a body the byte walk reads (no escaped key, a byte order mark): stored as sent.
    const led2 = ledgerOp(a.counterId) as Ledger;
    const r2 = await send(`\uFEFF${JSON.stringify(wrap([led2])).replace('"note":null', '"note":"\\u00e9\\ud83d\\ude00 \\/"')}`, 1);
    expect(r2.results[0]!.status).toBe('accepted');
    const e2 = await entry(led2.opId);
    expect(e2).toContain('"note":"\\u00e9\\ud83d\\ude00 \\/"');
    expect(JSON.parse(e2)).toEqual({ ...led2.entry, note: 'é😀 /' });
  });

  it('the counter’s ASCII text (wireJson): the parts are stored as sent, and are the same values', async () => {
    const acc = acceptOp(a.counterId, { returnAddress: 'Tổ 5, phường Tô Hiệu, tỉnh Sơn La' });
    const plain = ledgerOp(a.counterId) as Ledger;
    const led: Ledger = { ...plain, entry: { ...plain.entry, note: 'Lệ phí — đã thu 😀' } };
    const text = wireJson(wrap([acc, led]));
    expect(text).toMatch(/^[\x20-\x7f]*$/);
    const r = await send(text, 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    const rec = await record(acc.dossierId);
    expect(rec).toContain('T\\u1ed5 5');
    expect(JSON.parse(rec)).toEqual(acc.dossier);
    expect(JSON.parse(await entry(led.opId))).toEqual(led.entry);
    // PostgreSQL reads the escapes as the characters they are.
    const addr = await hub.db.query<{ t: string }>(`SELECT record->>'returnAddress' AS t FROM dossiers WHERE id = $1`, [acc.dossierId]);
    expect(addr.rows[0]!.t).toBe('Tổ 5, phường Tô Hiệu, tỉnh Sơn La');
  });

  it('bytes that are not UTF-8 are refused (400 INVALID_UTF8), nothing stored, the seq not used', async () => {
    const acc = acceptOp(a.counterId, { route: 'ROUTE-X' });
    const bytes = Buffer.from(JSON.stringify(wrap([acc])));
    const at = bytes.indexOf('ROUTE-X');
    bytes[at + 5] = 0xff;
    const r = await fetch(`${hub.url}/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` }, body: bytes });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: 'INVALID_UTF8', message: 'Dữ liệu gửi lên không phải văn bản UTF-8 hợp lệ.' });
    expect((await hub.db.query('SELECT 1 FROM dossiers WHERE id = $1', [acc.dossierId])).rowCount).toBe(0);
    // A truncated multi-byte sequence too (Vietnamese text cut in the middle of a character).
    const cut = Buffer.concat([Buffer.from('{"ops":[],"x":"T'), Buffer.from('ổ').subarray(0, 2), Buffer.from('"}')]);
    const r2 = await fetch(`${hub.url}/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` }, body: cut });
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { error: string }).error).toBe('INVALID_UTF8');
    // The same op, well encoded, takes the seq the refused body did not use.
    const ok = await send(JSON.stringify(wrap([acc])), 1);
    expect(ok.results[0]!.status).toBe('accepted');
  });

  it('a refused op’s payload is stored as validated; a replay gets the same answer', async () => {
    const acc = acceptOp(a.counterId);
    const bad = { ...acc, opId: acceptOp(a.counterId).opId, eventId: acceptOp(a.counterId).eventId };
    const first = seq;
    const text = JSON.stringify(wrap([acc, bad])).replace(/"kind":"dossier.event"/g, '"kind":"dossier.event","kind":"dossier.event"');
    const r = await send(text, 2);
    expect(r.results.map((x) => x.status)).toEqual(['accepted', 'rejected']);
    const p = await hub.db.query<{ t: string }>('SELECT payload::text AS t FROM ops WHERE counter_id = $1 AND seq = $2', [a.counterId, first + 1]);
    expect(JSON.parse(p.rows[0]!.t)).toEqual(PushRequestSchema.parse(JSON.parse(text)).ops[1]!.payload);
    expect(p.rows[0]!.t.match(/"kind"/g)).toHaveLength(1);
    seq = first;
    const again = await send(text, 2);
    expect(again.results).toEqual(r.results);
  });
});
