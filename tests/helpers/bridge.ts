/**
 * Browser mode's bridge as a program calls it (the tests and the startup bench): the key is taken
 * from the printed URL's fragment (`#key=…`) and sent as the `x-quay-key` header with a tab id
 * (`x-quay-tab`), as the page's bridge script does. No cookie is involved.
 */
import { randomBytes } from 'node:crypto';

export interface BridgeUrl {
  origin: string;
  key: string;
}

/** The origin and the key of a URL printed by `npm run start:browser`. */
export function parseBridgeUrl(url: string): BridgeUrl {
  const u = new URL(url);
  const key = /(?:^#|&)key=([^&]+)/.exec(u.hash)?.[1];
  if (!key) throw new Error(`no #key= in ${url}`);
  return { origin: u.origin, key: decodeURIComponent(key) };
}

export const newTabId = (): string => randomBytes(16).toString('hex');

export type BridgeCall = (channel: string, input?: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

/** One tab's calls over the bridge (its own session): POST /api with the key and the tab id. */
export function bridgeClient(url: string, tab = newTabId()): BridgeCall {
  const { origin, key } = parseBridgeUrl(url);
  return async (channel, input = {}) => {
    const res = await fetch(`${origin}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'x-quay-key': key, 'x-quay-tab': tab },
      body: JSON.stringify({ channel, input }),
    });
    return (await res.json()) as Awaited<ReturnType<BridgeCall>>;
  };
}
