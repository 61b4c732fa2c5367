/**
 * The mechanism of the one IPC contract: a channel is a name, a zod `.strict()` input schema, the
 * role it needs, and an output type (a phantom: types only, nothing at run time).
 * Pure TypeScript: used by main (registry), preload (window.api), the browser bridge and the renderer.
 */
import { z } from 'zod';
import { CHANNEL_NAME } from './names';

export type Role = 'clerk' | 'manager' | 'admin';
/** Who may call a channel: 'public' needs no login (login itself, status), 'clerk' any logged-in role. */
export type Access = 'public' | Role;

export interface Channel<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  /** Phantom field carrying the output type; never set at run time. */
  readonly __output?: O;
}

/** `channel<Output>()(schema, access)`: the output type is given explicitly, the input inferred. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I, access: Access): Channel<I, O> => ({ input, access });

export type ContractShape = Record<string, Channel>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The one contract from its capability groups (src/shared/ipc/channels/*). A name defined in two
 * groups is refused at load, never silently overwritten.
 */
export function assemble<G extends readonly ContractShape[]>(...groups: G): Flat<UnionToIntersection<G[number]>> {
  const all: ContractShape = {};
  for (const g of groups) {
    for (const [name, ch] of Object.entries(g)) {
      if (Object.hasOwn(all, name)) throw new Error(`IPC contract: channel "${name}" is defined twice`);
      if (!CHANNEL_NAME.test(name)) throw new Error(`IPC contract: channel "${name}" is not named capability.verb`);
      all[name] = ch;
    }
  }
  return all as Flat<UnionToIntersection<G[number]>>;
}

/** The input of a channel that takes none. */
export const empty = z.object({}).strict();
export type InputOf<C> = C extends Channel<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends Channel<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends Channel<z.ZodType, infer O> ? O : never;

/** The envelope every call returns across the process boundary: plain data, never an Error object. */
export type Envelope<O> =
  | { ok: true; value: O }
  | { ok: false; error: { code: string; message: string; field?: string } };

/** The typed API the renderer sees. */
export type ApiOf<C extends ContractShape> = {
  [K in keyof C]: (input: InputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};

/** Roles ranked: an admin may do what a manager may, a manager what a clerk may. */
const rank: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };
export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return rank[role] >= rank[access];
}
