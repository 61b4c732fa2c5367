import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL } from '../../../src/preload/api-types';
import { channelNames } from '../../../src/shared/ipc/contract';

// The Electron module is the outer edge here: a fake that records what the preload exposes.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (_ch: string, name: string, input: unknown) => ({ ok: true, value: { name, input } }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: { invoke: (...a: [string, string, unknown]) => invoke(...a) },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('../../../src/preload/index');
  });

  it('exposes exactly one frozen `api` with one method per contract channel, nothing else', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed['api'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...channelNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
    for (const n of channelNames) expect(typeof api[n]).toBe('function');
  });

  it('sends every call through the single invoke channel and returns the envelope', async () => {
    const api = exposed['api'] as Record<string, (i?: unknown) => Promise<unknown>>;
    expect(await api['lookup.search']!({ query: 'lo van hung' })).toEqual({ ok: true, value: { name: 'lookup.search', input: { query: 'lo van hung' } } });
    expect(invoke).toHaveBeenLastCalledWith(INVOKE_CHANNEL, 'lookup.search', { query: 'lo van hung' });
    await api['session.get']!();
    expect(invoke).toHaveBeenLastCalledWith(INVOKE_CHANNEL, 'session.get', {});
  });

  it('turns a failed IPC call into a Vietnamese envelope instead of throwing', async () => {
    invoke.mockRejectedValueOnce(new Error('channel closed'));
    const api = exposed['api'] as Record<string, (i?: unknown) => Promise<unknown>>;
    expect(await api['status.get']!({})).toEqual({ ok: false, error: { code: 'ipc_failed', message: 'Không gọi được chức năng “status.get”: channel closed' } });
  });
});
