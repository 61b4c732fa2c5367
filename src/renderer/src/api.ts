/**
 * The renderer's only door to main: `window.api`, built by the preload in Electron, or here from a
 * bridge invoke function (browser mode's /bridge.js, or the end-to-end tests' exposeBinding).
 */
import { lazyApi } from '../../preload/api';
import type { Invoke } from '../../preload/api';
import type { Api } from '../../preload/api-types';
import type { Contract } from '../../shared/ipc/contract';

declare global {
  interface Window {
    api?: Api;
    __quayInvoke?: Invoke;
  }
}

export function installApi(): Api | null {
  if (window.api) return window.api;
  if (typeof window.__quayInvoke === 'function') {
    const invoke = window.__quayInvoke;
    const api = lazyApi<Contract>((c, i) => invoke(c, i));
    Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false });
    return api;
  }
  return null;
}

let cached: Api | null = null;
export function api(): Api {
  cached ??= installApi();
  if (!cached) throw new Error('window.api is missing');
  return cached;
}
