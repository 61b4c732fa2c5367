/**
 * The update policy the hub last sent (stored by the sync worker and at enrollment, see
 * src/main/sync/sync-state.ts `noteUpdatePolicy`), with the URL the updater reads from: the
 * channel's own URL, or the hub's /updates/<channel>/ on the hub this counter enrolled with.
 */
import { updateFeedUrl, type UpdatePolicy } from '../../shared/app-update';
import type { Db } from '../store/db';

export interface ResolvedPolicy {
  policy: UpdatePolicy;
  feedUrl: string;
}

export function readUpdatePolicy(db: Db): ResolvedPolicy | null {
  const r = db
    .prepare('SELECT p.channel, p.url, p.min_version, p.allow_downgrade, s.hub_url FROM update_policy p, sync_state s WHERE p.id = 1 AND s.id = 1')
    .get() as { channel: string; url: string | null; min_version: string | null; allow_downgrade: number; hub_url: string | null } | undefined;
  if (!r || (r.url === null && r.hub_url === null)) return null;
  const policy: UpdatePolicy = { channel: r.channel, url: r.url, minVersion: r.min_version, allowDowngrade: r.allow_downgrade === 1 };
  return { policy, feedUrl: updateFeedUrl(policy, r.hub_url ?? '') };
}
