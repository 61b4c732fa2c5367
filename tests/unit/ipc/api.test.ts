import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApi, lazyApi } from '../../../src/preload/api';
import type { Invoke } from '../../../src/preload/api';
import { channelNames, type Contract } from '../../../src/shared/ipc/contract';
import { assemble, channel } from '../../../src/shared/ipc/define';
import { CHANNEL_NAME } from '../../../src/shared/ipc/names';

const recording = () => {
  const calls: [string, unknown][] = [];
  const invoke: Invoke = (c, i) => {
    calls.push([c, i]);
    return Promise.resolve({ ok: true, value: c });
  };
  return { calls, invoke };
};

describe("the renderer's API over a bridge, made per channel name (no contract loaded)", () => {
  it('calls the channel read off it, with {} for no input, like the API built from the names', async () => {
    const lazy = recording();
    const built = recording();
    const a = lazyApi<Contract>(lazy.invoke);
    const b = buildApi<Contract>(channelNames, built.invoke);
    expect(await a['session.get']({})).toEqual(await b['session.get']({}));
    expect(await a['lookup.search']({ query: 'x' })).toEqual({ ok: true, value: 'lookup.search' });
    await (a['status.get'] as unknown as () => Promise<unknown>)();
    expect(lazy.calls).toEqual([['session.get', {}], ['lookup.search', { query: 'x' }], ['status.get', {}]]);
    expect(a['session.get']).toBe(a['session.get']);
  });

  it('reads anything not named like a channel as absent, so it is never taken for a promise', async () => {
    const { calls, invoke } = recording();
    const a = lazyApi<Contract>(invoke) as unknown as Record<string | symbol, unknown>;
    expect(a['then']).toBeUndefined();
    expect(a['toJSON']).toBeUndefined();
    expect(a[Symbol.toPrimitive]).toBeUndefined();
    expect(await Promise.resolve(a)).toBe(a);
    expect(calls).toEqual([]);
  });

  it('a failed transport becomes a refusal envelope, never a thrown error', async () => {
    const a = lazyApi<Contract>(() => Promise.reject(new Error('mất kết nối')));
    expect(await a['session.get']({})).toEqual({ ok: false, error: { code: 'ipc_failed', message: 'Không gọi được chức năng “session.get”: mất kết nối' } });
  });

  it('every channel of the contract is named capability.verb, and the contract refuses any other name', () => {
    expect(channelNames.filter((n) => !CHANNEL_NAME.test(n))).toEqual([]);
    expect(() => assemble({ then: channel<null>()(z.object({}).strict(), 'public') })).toThrow('is not named capability.verb');
  });
});
