/**
 * Whether a zod schema's parse gives back its input unchanged (a copy with the same content), so that
 * a caller may check a value with `schema.validate(value)` and keep the value itself instead of the
 * parse's copy: the same checks, without building a second object tree (issue 18: a first pull's
 * pages are 100,000 changes, and the copy cost more in allocation and garbage collection than the
 * checks).
 *
 * True only for schemas made of kinds whose output is their input: strict objects (a plain object
 * drops unknown keys), arrays, unions, nullable and optional (without a default), literals, enums,
 * strings, numbers and booleans without coercion and without checks that rewrite the value (trim,
 * lower case: zod's `overwrite`), `unknown`. Anything else — defaults, transforms, pipes, catch,
 * coercion, lazy, records, tuples — answers false, and the caller parses as before. The one
 * difference the copy would make: the key order of objects follows the input, not the schema.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  coerce?: boolean;
  catchall?: { _zod: { def: Def } };
  shape?: Record<string, { _zod: { def: Def } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  checks?: { _zod: { def: { check: string } } }[];
}

const LEAVES = new Set(['string', 'number', 'boolean', 'literal', 'enum', 'unknown', 'null']);

function identity(def: Def, seen: Set<Def>): boolean {
  if (seen.has(def)) return true;
  seen.add(def);
  if (def.coerce === true) return false;
  if ((def.checks ?? []).some((c) => c._zod.def.check === 'overwrite')) return false;
  if (LEAVES.has(def.type)) return true;
  switch (def.type) {
    case 'object':
      return def.catchall?._zod.def.type === 'never' && Object.values(def.shape ?? {}).every((v) => identity(v._zod.def, seen));
    case 'array':
      return def.element !== undefined && identity(def.element._zod.def, seen);
    case 'nullable':
    case 'optional':
      return def.innerType !== undefined && identity(def.innerType._zod.def, seen);
    case 'union':
      return (def.options ?? []).every((o) => identity(o._zod.def, seen));
    default:
      return false;
  }
}

const known = new WeakMap<object, boolean>();

export function parsesToItself(schema: z.ZodType): boolean {
  let v = known.get(schema);
  // Stryker disable next-line ConditionalExpression: the memo is a cache; answering again walks the same schema to the same answer
  if (v === undefined) {
    // `def` (the classic API's), not `_zod.def`: the protocol's hot schemas are proxies (sync-protocol.ts
    // hot), which cannot hand out the non-configurable `_zod` of their target.
    v = identity((schema as unknown as { def: Def }).def, new Set());
    known.set(schema, v);
  }
  return v;
}
