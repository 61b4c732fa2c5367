/**
 * Screen inputs on zod's compiled fast path (src/shared/fast-parse.ts: the IPC registry and the use
 * cases parse with it). A speed-up that must not change a single answer:
 * - every channel's input compiles (strict: a schema the compiler cannot model would otherwise stay on
 *   the slow path without a word), and is compiled once;
 * - the compiled intake schema gives the same verdict, the same value and the same issues, with the
 *   Vietnamese error map the registry passes, as the ordinary parser on real intakes and on thousands
 *   of altered ones. (channels.test.ts and schemas.test.ts compare the two on each of their cases too.)
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../src/shared/ipc/contract';
import { viErrorMap } from '../../../src/shared/ipc/vi-errors';
import { fastSchema } from '../../../src/shared/fast-parse';
import { AcceptDossierInput } from '../../../src/shared/schemas';
import { alter, rng, type Json } from '../../helpers/alter';
import { CITIZEN, lltpInput } from '../../helpers/app';

const verdict = (s: z.ZodType, v: unknown) => {
  const r = s.safeParse(v, { error: viErrorMap });
  return r.success ? { ok: true, data: r.data } : { ok: false, issues: r.error.issues };
};

/** Real intakes: the three ways a result comes back, a foreign passport with proxy and recipient, a full checklist. */
function intakes(): Json[] {
  const doc = (i: number) => ({ code: String(i), name: `Giấy tờ số ${i}`, form: 'original' as const, requiredCount: 1, providedCount: 1, required: i % 2 === 0 });
  return [
    lltpInput(),
    lltpInput({
      serviceType: 'send',
      sender: { fullName: 'Kim Min-jun', idKind: 'passport', idNumber: 'M12345678', nationality: 'KOR', phone: null, email: 'kim@example.com' },
      proxy: { ...CITIZEN, fullName: 'Quàng Thị Lả', idNumber: '014190001122', authorisationRef: 'Giấy ủy quyền số 12/2026', organisation: null },
      recipient: { ...CITIZEN, fullName: '  Lường   Văn Sáng ', address: null, provinceCode: undefined, communeCode: undefined },
      returnMethod: 'pickup',
      returnAddress: null,
      pickupBranchCode: 'SL-TP',
      feeCategory: null,
      feeCollectedNow: false,
      paymentMethod: 'transfer',
      agencyDossierCode: '000.00.14.H54-261202-0001',
      documents: [{ code: null, name: 'Giấy phép lái xe cũ', form: 'original_or_copy', requiredCount: 1, providedCount: 1, providedForm: 'certified_copy', required: true }],
    }),
    lltpInput({ serviceType: 'return', returnMethod: 'none', returnAddress: undefined, documents: Array.from({ length: 60 }, (_, i) => doc(i)) }),
  ] as unknown as Json[];
}

/** Values of the intake's own vocabulary, so that alterations also land on valid-looking values. */
const INTAKE_VALUES: Json[] = ['cccd', 'cmnd', 'passport', 'send', 'return', 'both', 'home', 'pickup', 'none', 'cash', 'transfer', 'original', 'copy', 'certified_copy', 'original_or_copy', 'VNM', 'KORE', '  Lò Văn Pình  ', 'x'.repeat(100), 'x'.repeat(101), 60, 99, 100, 1_000_000_000_000, 1_000_000_000_001, false];

describe('fastSchema: screen inputs on the compiled fast path', () => {
  it('compiles every channel’s input, each once (none stays on the slow path)', () => {
    const names = Object.keys(contract) as (keyof typeof contract)[];
    expect(names.length).toBeGreaterThan(90);
    for (const name of names) {
      const input = contract[name].input as z.ZodType;
      expect(() => z.compile(input, { strict: true }), name).not.toThrow();
      const fast = fastSchema(input);
      expect(fast, name).not.toBe(input);
      expect(fastSchema(input), name).toBe(fast);
    }
  });

  it('leaves a schema the compiler cannot model as it is (an async refinement)', () => {
    const s = z.string().refine(async () => true);
    expect(fastSchema(s)).toBe(s);
  });

  it('the intake: same verdict, value and issues as the ordinary parser on real and on 3,000 altered intakes', () => {
    const fast = fastSchema(AcceptDossierInput);
    const base = intakes();
    for (const v of base) {
      const got = verdict(fast, v);
      expect(got.ok, JSON.stringify(got).slice(0, 500)).toBe(true);
      expect(got).toEqual(verdict(AcceptDossierInput, v));
    }
    const r = rng(0x1ca7e);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const v = structuredClone(base[i % base.length]!);
      const n = 1 + Math.floor(r() * 3);
      for (let k = 0; k < n; k++) alter(v, r, INTAKE_VALUES);
      const got = verdict(fast, v);
      const want = verdict(AcceptDossierInput, v);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ case: i, value: v, got }).toEqual({ case: i, value: v, got: want });
      if (!want.ok) refused++;
    }
    // Mostly refusals (the comparison of issues), but not only (the comparison of values).
    expect(refused).toBeGreaterThan(1500);
    expect(refused).toBeLessThan(2950);
  });
});
