/**
 * Builds `window.api` from the contract's channel names and one `invoke` function. Pure: the Electron
 * preload passes an ipcRenderer-based invoke, the browser bridge a loopback fetch, and the end-to-end
 * tests a playwright `exposeBinding`. Every method resolves to a plain Envelope (never throws for a
 * refused call), because Errors lose their fields when crossing contextBridge.
 */
import type { ApiOf, ContractShape, Envelope } from '../shared/ipc/define';

export type Invoke = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

export type EnvelopeApiOf<C extends ContractShape> = {
  [K in keyof ApiOf<C>]: (input: Parameters<ApiOf<C>[K]>[0]) => Promise<Envelope<Awaited<ReturnType<ApiOf<C>[K]>>>>;
};

export function buildApi<C extends ContractShape>(names: readonly (keyof C & string)[], invoke: Invoke): EnvelopeApiOf<C> {
  const api: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
  for (const name of names) {
    api[name] = (input: unknown) =>
      invoke(name, input === undefined ? {} : input).catch((err: unknown) => ({
        ok: false as const,
        error: { code: 'ipc_failed', message: `Không gọi được chức năng “${name}”: ${err instanceof Error ? err.message : String(err)}` },
      }));
  }
  return Object.freeze(api) as unknown as EnvelopeApiOf<C>;
}
