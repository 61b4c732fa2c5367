/**
 * Input schemas on zod's compiled fast path (issue #16 §5). `z.compile` generates, once per schema,
 * one function that checks a valid input and builds its output; an input it does not accept goes on
 * to the ordinary parser, which gives the verdict and the issues (with the caller's error map). Same
 * answers by zod's contract, and tests/unit/ipc/fast-parse.test.ts holds zod to it on every channel's
 * refusals and on altered intakes.
 *
 * Why: a screen's call is parsed once (the IPC registry, or the use case), and at a busy counter the
 * interpreted parser walks its schema objects cold between two citizens: the intake's input took 80 µs
 * of CPU inside the transaction that way, and 20 µs compiled (on the same machine; 6 and 1 µs when
 * parsed back to back in a loop).
 *
 * Compiled on first use (tens of milliseconds for the intake's schema, once per run), not at load:
 * most channels are called rarely or never in a session. A schema the compiler cannot model is
 * returned unchanged by `z.compile` and keeps the ordinary parser.
 */
import { z } from 'zod';

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/** `schema` with zod's compiled fast path (the same schema where the compiler cannot model it). */
export function fastSchema<S extends z.ZodType>(schema: S): S {
  let c = compiled.get(schema);
  // Stryker disable next-line ConditionalExpression: the memo is a cache; compiling again gives an equivalent schema
  if (c === undefined) {
    c = z.compile(schema);
    compiled.set(schema, c);
  }
  return c as S;
}
