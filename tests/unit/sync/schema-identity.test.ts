/**
 * A hub answer whose schema's parse would only copy it is checked in place (issue 18): which schemas
 * qualify, and that the counter's reading of an answer gives the same value and the same refusals.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsesToItself } from '../../../src/shared/schema-identity';
import { PullResponseSchema } from '../../../src/shared/sync-protocol';
import { HubRefused, openedResponse, readAnswer } from '../../../src/main/sync/client';

describe('parsesToItself', () => {
  it('the pull page qualifies (the whole tree: changes, dossier operations, reference payloads)', () => {
    expect(parsesToItself(PullResponseSchema)).toBe(true);
  });

  const strict = (shape: z.ZodRawShape) => z.strictObject(shape);
  const refused: [string, z.ZodType][] = [
    ['a plain object (drops unknown keys)', z.object({ a: z.string() })],
    ['a default', strict({ a: z.string().default('x') })],
    ['a transform', strict({ a: z.string().transform((s) => s.length) })],
    ['a pipe', strict({ a: z.string().pipe(z.string()) })],
    ['a coercion', strict({ a: z.coerce.number() })],
    ['a rewriting check (trim)', strict({ a: z.string().trim() })],
    ['a catch', strict({ a: z.string().catch('x') })],
    ['one bad option of a union', z.union([strict({ a: z.string() }), z.object({ b: z.string() })])],
    ['deep in an array', strict({ list: z.array(strict({ n: z.number().nullable().optional().default(1) })) })],
    ['one field of several', strict({ a: z.string(), b: z.number(), c: z.string().transform((v) => v.length) })],
    ['a transform under optional', strict({ a: z.string().transform((v) => v.length).optional() })],
    ['a transform under nullable', strict({ a: z.string().trim().nullable() })],
    ['a record', strict({ a: z.record(z.string(), z.string()) })],
  ];
  it.each(refused)('refuses %s', (_name, schema) => {
    expect(parsesToItself(schema)).toBe(false);
  });

  it('accepts strict objects of plain kinds with refinements', () => {
    const s = strict({ a: z.string().max(3).refine((v) => v !== 'no'), b: z.int().min(1).nullable(), c: z.enum(['x', 'y']).optional(), d: z.array(z.union([z.literal(1), z.boolean()])), e: z.unknown() });
    expect(parsesToItself(s)).toBe(true);
  });

  it('a recursive schema (a node whose children are nodes) is answered, once per node', () => {
    const Node: z.ZodType = z.strictObject({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    expect(parsesToItself(Node)).toBe(true);
    const Bad: z.ZodType = z.strictObject({
      name: z.string().trim(),
      get children() {
        return z.array(Bad);
      },
    });
    expect(parsesToItself(Bad)).toBe(false);
  });
});

describe('reading an answer checked in place', () => {
  const answer = (body: unknown) => openedResponse(new Response(JSON.stringify(body), { status: 200 }), 0);
  const opts = { baseUrl: 'http://hub.invalid', fetch: () => Promise.reject(new Error('unused')), clock: { now: () => 1 } };
  const page = { hubTime: 5, cursor: 'ef6d0b2d-1484.1001', hasMore: false, expectedSeq: 1, changes: [{ kind: 'serial_range', changeId: 'c1', hubAt: 4, range: { id: 7, counterId: 'Q-1', prefix: 'RR', country: 'VN', firstSerial: 1, lastSerial: 99 } }] };

  it('gives the same value as the parse', async () => {
    const got = await readAnswer(opts, answer(page), PullResponseSchema);
    expect(got.body).toEqual(PullResponseSchema.parse(page));
    expect(got.body).toEqual(page);
  });

  it('refuses what the parse refuses: an unknown key, a wrong type, a broken change', async () => {
    for (const bad of [{ ...page, extra: 1 }, { ...page, hasMore: 'no' }, { ...page, changes: [{ ...page.changes[0]!, range: { ...page.changes[0]!.range, firstSerial: 'x' } }] }]) {
      expect(PullResponseSchema.safeParse(bad).success).toBe(false);
      const err = await readAnswer(opts, answer(bad), PullResponseSchema).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HubRefused);
      expect(err).toMatchObject({ code: 'BAD_ANSWER' });
    }
  });

  it('an answer whose schema rewrites it is still parsed (the rewritten value)', async () => {
    const s = z.strictObject({ a: z.string().trim() });
    expect((await readAnswer(opts, answer({ a: '  x ' }), s)).body).toEqual({ a: 'x' });
  });
});
