/**
 * The wire: the hot schemas run on zod's compiled fast path (z.compile), and counters write their
 * bodies as ASCII JSON (wireJson). Both are speed-ups that must not change a single answer:
 *
 * - every hot schema compiles (strict: a schema the compiler cannot model would otherwise silently
 *   stay on the slow path), and the compiled schema gives the same verdict, the same value and the
 *   same issues as the ordinary parser on real payloads and on thousands of altered ones;
 * - wireJson's text is ASCII and parses back to the same value, whatever the text holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOT_SCHEMAS, wireJson } from '../../../src/shared/sync-protocol';
import type { SyncOp } from '../../../src/shared/sync-ops';
import { acceptOp, eventOp, ledgerOp, numbered } from '../../helpers/sync-ops';
import { createTestApp, lltpInput } from '../../helpers/app';
import { alter, rng, type Json } from '../../helpers/alter';

let app: ReturnType<typeof createTestApp>;
let ops: SyncOp[];
// Built in beforeAll, not at collection (a mutant that throws must fail tests, not the file).
beforeAll(() => {
  app = createTestApp();
  ops = seedOps();
});
afterAll(() => app?.dispose());

/** Real payloads: a real intake's operations, and one of every other kind of dossier event. */
function seedOps(): SyncOp[] {
  app.services.intake.accept(lltpInput(), app.clerk);
  const fromIntake = (app.db.prepare('SELECT payload FROM outbox ORDER BY seq DESC LIMIT 3').all() as { payload: string }[]).map((x) => JSON.parse(x.payload) as SyncOp);
  const counterId = app.counter.id;
  const acc = acceptOp(counterId);
  const d = { dossierId: acc.dossierId, itemNumber: acc.itemNumber };
  const others = [
    eventOp(counterId, d, { type: 'supplemented', added: ['Tờ khai'], complete: true }),
    eventOp(counterId, d, { type: 'batched', batchId: 'B-1', agencyCode: 'STP' }),
    eventOp(counterId, d, { type: 'unbatched', batchId: 'B-1' }),
    eventOp(counterId, d, { type: 'filed', batchId: 'B-1', filedAt: 1_772_416_800_000, receivingOfficer: 'Lê Văn Bình' }),
    eventOp(counterId, d, { type: 'appointment_recorded', appointmentDate: '2026-03-12', agencyDossierCode: null }),
    eventOp(counterId, d, { type: 'result_collected', originalsReturned: ['CCCD'] }),
    eventOp(counterId, d, { type: 'delivery_failed', reason: 'Không có người nhận', nextInvitationDate: '2026-03-16' }),
    eventOp(counterId, d, { type: 'handed_over', recipientName: 'Trần Thị Hoa', idKind: 'cccd', byProxy: true, authorisationRef: 'UQ-12', reclaimed: [], feeDueCollected: 0 }),
    eventOp(counterId, d, { type: 'returned_to_agency', reason: 'Quá hạn lưu giữ' }),
    eventOp(counterId, d, { type: 'cancelled', reason: 'Công dân rút hồ sơ' }, 'manager'),
  ];
  return [...fromIntake, acc, ...others, ledgerOp(counterId)];
}

/** A valid value of each hot schema, built from the real payloads. */
function seeds(name: string, ops: SyncOp[]): Json[] {
  const hubAt = 1_772_416_800_000;
  switch (name) {
    case 'PushRequest':
      return [
        { ops: numbered(1, ops) },
        { ops: numbered(7, ops.slice(0, 3)) },
        { ops: [{ opId: ops[0]!.opId, seq: 3, payload: { opId: ops[0]!.opId, kind: 'void', reason: 'Định dạng cũ' } }] },
      ] as unknown as Json[];
    case 'PushResponse':
      return [
        {
          hubTime: hubAt,
          expectedSeq: 4,
          results: [
            { opId: ops[0]!.opId, seq: 1, status: 'accepted', hubSeq: 1 },
            { opId: ops[1]!.opId, seq: 2, status: 'accepted' },
            { opId: ops[2]!.opId, seq: 3, status: 'gap', code: 'GAP', reason: 'Thiếu thao tác' },
          ],
        },
      ];
    case 'PullResponse':
      return [
        {
          hubTime: hubAt,
          cursor: '0a1b2c3d-12.34',
          hasMore: true,
          expectedSeq: 1,
          changes: [
            ...ops.map((op, i) => ({ kind: 'dossier.event', changeId: String(i + 1), hubAt, hubSeq: i + 1, originCounterId: 'Q-2', op })),
            { kind: 'serial_range', changeId: '99', hubAt, range: { id: 1, counterId: 'Q-1', prefix: 'EB', country: 'VN', firstSerial: 100, lastSerial: 199 } },
            { kind: 'reference', changeId: '100', hubAt, name: 'calendar', version: 'v2', payload: { any: ['thing'] } },
          ],
        },
      ] as unknown as Json[];
    case 'OwnOpsResponse':
      return [
        {
          hubTime: hubAt,
          hasMore: false,
          expectedSeq: 3,
          ops: [
            { seq: 1, opId: ops[0]!.opId, status: 'accepted', hubAt, payload: ops[0] },
            { seq: 2, opId: ops[1]!.opId, status: 'rejected', hubAt, payload: { whatever: 1 }, code: 'X', reason: 'Từ chối' },
          ],
        },
      ] as unknown as Json[];
    default:
      throw new Error(`no seeds for hot schema ${name}`);
  }
}

const verdict = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v);
  return r.success ? { ok: true, data: r.data } : { ok: false, issues: r.error.issues };
};


describe('hot wire schemas on zod’s compiled fast path', () => {

  it('are the four hot schemas, and each compiles (no silent fallback to the slow path)', () => {
    expect(HOT_SCHEMAS.map((h) => h.name).sort()).toEqual(['OwnOpsResponse', 'PullResponse', 'PushRequest', 'PushResponse']);
    for (const h of HOT_SCHEMAS) {
      expect(() => z.compile(h.runtime, { strict: true }), h.name).not.toThrow();
      expect(h.compiled, h.name).not.toBe(h.runtime);
    }
  });

  for (const h of HOT_SCHEMAS) {
    it(`${h.name}: same verdict, value and issues as the ordinary parser, on real and on 1,500 altered values`, () => {
      const base = seeds(h.name, ops);
      for (const v of base) {
        const got = verdict(h.compiled, v);
        expect(got.ok, JSON.stringify(got).slice(0, 500)).toBe(true);
        expect(got).toEqual(verdict(h.runtime, v));
      }
      const r = rng(0x5eed + h.name.length);
      let refused = 0;
      for (let i = 0; i < 1500; i++) {
        const v = structuredClone(base[i % base.length]!);
        const n = 1 + Math.floor(r() * 3);
        for (let k = 0; k < n; k++) alter(v, r);
        const fast = verdict(h.compiled, v);
        const slow = verdict(h.runtime, v);
        if (JSON.stringify(fast) !== JSON.stringify(slow)) expect({ case: i, value: v, fast }).toEqual({ case: i, value: v, fast: slow });
        if (!slow.ok) refused++;
      }
      // The alterations must mostly produce invalid values, or the comparison proves little.
      expect(refused).toBeGreaterThan(1000);
    });
  }
});

describe('wireJson: the counter’s request text', () => {
  it('is ASCII and parses back to the same value (Vietnamese, emoji, controls, escapes)', () => {
    const r = rng(42);
    const pool = ['Nguyễn', 'Đặng Thị Ánh', 'ĐỖ ƯỚC', '😀', '\u0000', '\n\t', '"\\', '\u007f', '\u0080', '\u2028', '\uffff', 'Tờ khai (bản sao)', 'a'];
    for (let i = 0; i < 500; i++) {
      const words = Array.from({ length: 1 + Math.floor(r() * 6) }, () => pool[Math.floor(r() * pool.length)]!);
      const v = { s: words.join(' '), list: words, n: i, nested: { [words[0]!]: words.at(-1)! } };
      const t = wireJson(v);
      expect(t, t).toMatch(/^[\x20-\x7f]*$/);
      expect(JSON.parse(t)).toEqual(v);
    }
  });

  it('a real push body: same value, 3–6% more bytes than plain JSON for Vietnamese records', () => {
    const body = { ops: numbered(1, ops) };
    const t = wireJson(body);
    expect(JSON.parse(t)).toEqual(JSON.parse(JSON.stringify(body)));
    const plain = Buffer.byteLength(JSON.stringify(body));
    expect(plain).toBeLessThan(t.length);
    expect(t.length / plain).toBeLessThan(1.1);
  });
});
