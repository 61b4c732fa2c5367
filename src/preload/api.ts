/**
 * Builds `window.api` from the contract's channel names and one `invoke` function. Pure: the Electron
 * preload passes an ipcRenderer-based invoke, the browser bridge a loopback fetch, and the end-to-end
 * tests a playwright `exposeBinding`. Every method resolves to a plain Envelope (never throws for a
 * refused call), because Errors lose their fields when crossing contextBridge.
 */
import type { ApiOf, ContractShape, Envelope } from '../shared/ipc/define';
import { CHANNEL_NAME } from '../shared/ipc/names';

export type Invoke = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

export type EnvelopeApiOf<C extends ContractShape> = {
  [K in keyof ApiOf<C>]: (input: Parameters<ApiOf<C>[K]>[0]) => Promise<Envelope<Awaited<ReturnType<ApiOf<C>[K]>>>>;
};

type Method = (input: unknown) => Promise<Envelope<unknown>>;

function method(name: string, invoke: Invoke): Method {
  return (input: unknown) =>
    invoke(name, input === undefined ? {} : input).catch((err: unknown) => ({
      ok: false as const,
      error: { code: 'ipc_failed', message: `Không gọi được chức năng “${name}”: ${err instanceof Error ? err.message : String(err)}` },
    }));
}

export function buildApi<C extends ContractShape>(names: readonly (keyof C & string)[], invoke: Invoke): EnvelopeApiOf<C> {
  const api: Record<string, Method> = {};
  for (const name of names) api[name] = method(name, invoke);
  return Object.freeze(api) as unknown as EnvelopeApiOf<C>;
}

/**
 * The same API without the list of names, for the renderer over a bridge (browser mode, the
 * end-to-end tests): the names come with the contract, whose zod schemas the log-in screen would
 * otherwise load before it could paint. A method is made on first use for any property named like a
 * channel (CHANNEL_NAME); anything else reads as absent (so the object is never taken for a
 * promise). A channel name outside the contract reaches main, which refuses it as unknown.
 */
export function lazyApi<C extends ContractShape>(invoke: Invoke): EnvelopeApiOf<C> {
  const made = new Map<string, Method>();
  const get = (_target: object, name: string | symbol): Method | undefined => {
    if (typeof name !== 'string' || !CHANNEL_NAME.test(name)) return undefined;
    let m = made.get(name);
    if (!m) made.set(name, (m = method(name, invoke)));
    return m;
  };
  return new Proxy(Object.freeze({}), { get }) as unknown as EnvelopeApiOf<C>;
}
