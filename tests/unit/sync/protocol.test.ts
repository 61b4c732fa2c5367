/**
 * The small pieces of the sync protocol that run per request: the ASCII wire text, the enrollment
 * code's normal form, and the push batch's own rules (each op's id matches its payload; seq numbers
 * are consecutive).
 */
import { describe, expect, it } from 'vitest';
import { EnrollResponseSchema, normalizeEnrollCode, PushRequestSchema, wireJson } from '../../../src/shared/sync-protocol';
import { acceptOp, ledgerOp, numbered } from '../../helpers/sync-ops';

describe('wireJson', () => {
  it('escapes every non-ASCII unit as \\uXXXX (four lowercase hex digits) and leaves ASCII alone', () => {
    expect(wireJson({ a: 'Sơn La', b: 'đ€😀', c: 'plain ~' })).toBe('{"a":"S\\u01a1n La","b":"\\u0111\\u20ac\\ud83d\\ude00","c":"plain ~"}');
    expect(wireJson('\u0080\u00ff\uffff')).toBe('"\\u0080\\u00ff\\uffff"');
    expect(wireJson('\u007f')).toBe('"\u007f"');
    expect(JSON.parse(wireJson({ name: 'Nguyễn Thị Hồng Nhung' }))).toEqual({ name: 'Nguyễn Thị Hồng Nhung' });
  });
});

describe('normalizeEnrollCode', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normalizeEnrollCode('k7qf-2mx9 - pad4')).toBe('K7QF2MX9PAD4');
    expect(normalizeEnrollCode('K7QF--2MX9\tPAD4')).toBe('K7QF2MX9PAD4');
    expect(normalizeEnrollCode('K7QF_2MX9')).toBe('K7QF_2MX9');
  });
});

describe('a push batch', () => {
  const ops = () => numbered(5, [acceptOp('Q-1'), ledgerOp('Q-1'), ledgerOp('Q-1')]);
  const issues = (body: unknown) => {
    const r = PushRequestSchema.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
  };

  it('is accepted with consecutive numbers and matching ids', () => {
    expect(issues({ ops: ops() })).toEqual([]);
  });
  it('refuses an op whose id differs from its payload’s', () => {
    const body = ops();
    body[1] = { ...body[1]!, opId: body[2]!.opId };
    expect(issues({ ops: body })).toEqual([{ path: ['ops', 1, 'opId'], message: 'opId differs from payload.opId' }]);
  });
  it('refuses a gap or a repeat in the numbers, wherever it is', () => {
    const gap = ops();
    gap[2] = { ...gap[2]!, seq: 8 };
    expect(issues({ ops: gap })).toEqual([{ path: ['ops', 2, 'seq'], message: 'seq must be consecutive within a batch' }]);
    const repeat = ops();
    repeat[1] = { ...repeat[1]!, seq: 5 };
    expect(issues({ ops: repeat }).map((i) => i.path)).toEqual([['ops', 1, 'seq'], ['ops', 2, 'seq']]);
  });
});

describe('the enrollment answer', () => {
  const answer = (serialRanges: unknown) => ({
    hubTime: 1_780_000_000_000,
    token: 't'.repeat(32),
    counterId: 'SL-TP-Q01',
    counterName: 'Quầy 1',
    branchCode: 'SL-TP',
    branchName: 'Bưu cục Trung tâm',
    provinceCode: '14',
    serialRanges,
  });
  it('carries the counter’s serial ranges, each checked as a pull would check it', () => {
    const range = { id: 1, counterId: 'SL-TP-Q01', prefix: 'EA', country: 'VN', firstSerial: 100, lastSerial: 199 };
    expect(EnrollResponseSchema.parse(answer([range])).serialRanges).toEqual([range]);
    expect(EnrollResponseSchema.safeParse(answer([{ ...range, prefix: 'ea' }])).success).toBe(false);
    expect(EnrollResponseSchema.safeParse(answer([{ ...range, extra: 1 }])).success).toBe(false);
  });
});
