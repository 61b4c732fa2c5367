/**
 * Inputs the IPC registry has validated, each with the schema it passed (issue #16 §5): an intake's
 * input was parsed at the boundary and then again by the use case, and on the F10 path twice more
 * (display.review checks it, intake.accept commits it). The registry marks what the channel's schema
 * returned; a use case that never changes its input, given that very object to check with that very
 * schema, takes it as it is (services/context.ts parseOnce).
 *
 * Zod builds new objects, so what is marked is the registry's own copy, never the caller's object,
 * and it is marked only after its schema accepted it. Weak: the mark goes with the copy.
 */
const parsedWith = new WeakMap<object, unknown>();

/** Records that `value` is what `schema` returned from a successful parse. */
export function markParsed(schema: unknown, value: unknown): void {
  if (typeof value === 'object' && value !== null) parsedWith.set(value, schema);
}

/** Whether `value` is an object `schema` itself returned from a successful parse. */
export function wasParsedWith(schema: unknown, value: unknown): boolean {
  return typeof value === 'object' && value !== null && parsedWith.get(value) === schema;
}
