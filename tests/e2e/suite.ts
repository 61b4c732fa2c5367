/** The hooks of an end-to-end test file around the one counter set-up of flows.ts. */
import { afterAll, beforeAll, expect } from 'vitest';
import type { CounterSetup, CounterWorld } from './flows';
import { openCounterWorld } from './flows';

/**
 * The set-up of an end-to-end test file: opens the counter world before the file's tests (then
 * hands it to `ready`, e.g. `({ w, c }) => ({ w, c } = …)` into the file's variables) and, after
 * them, closes it and checks that the page logged no error. The returned object is filled in
 * `beforeAll` too.
 */
/** The usual pair: a clerk who signs in first and the branch manager whose password confirms. */
export const CLERK_AND_MANAGER: CounterSetup['clerks'] = [
  { username: 'lan', fullName: 'Nguyễn Thị Lan' },
  { username: 'mai', fullName: 'Quàng Thị Mai', role: 'manager' },
];

export function counterSuite(setup: CounterSetup, ready?: (cw: CounterWorld) => void | Promise<void>): CounterWorld {
  const t = {} as CounterWorld;
  beforeAll(async () => {
    Object.assign(t, await openCounterWorld(setup));
    await ready?.(t);
  });
  afterAll(async () => {
    const errors = t.c?.errors ?? [];
    await t.w?.close();
    expect(errors).toEqual([]);
  });
  return t;
}
