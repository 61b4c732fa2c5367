/**
 * Pulling the branch's changes from the hub, page by page from the stored cursor. Each page's rows AND
 * the new cursor are written in ONE local transaction, so a crash can neither lose a row nor apply
 * one twice. Changes that cannot apply yet wait in sync_deferred and are retried when what they
 * wait for (reference data, the dossier) arrives.
 */
import { PullResponseSchema } from '../../shared/sync-protocol';
import type { ServiceContext } from '../services/context';
import { applyPullPage, retryDeferred } from './apply';
import { callHub } from './client';
import type { HubLink, SyncStats } from './sync-state';

export interface PullDeps extends HubLink {
  ctx: ServiceContext;
  pullLimit: number;
  stats: SyncStats;
  /** Called after reference data (catalogue, calendar, transit) changed, outside the transaction. */
  onReferenceChanged?: (() => void) | undefined;
}

/** Pulls every page for this counter; returns the hub's expected seq for it. */
export async function pullAll(d: PullDeps, counterId: string): Promise<number> {
  const { db } = d.ctx;
  let cursor = (db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string }).cursor;
  let referenceChanged = false;
  let expectedSeq = 1;
  for (;;) {
    const t0 = performance.now();
    const answer = await callHub(d.client, 'GET', `/pull?cursor=${encodeURIComponent(cursor)}&limit=${d.pullLimit}`, PullResponseSchema);
    const t1 = performance.now();
    d.onAnswer(answer);
    const page = answer.body;
    expectedSeq = page.expectedSeq;
    db.transaction(() => {
      const out = applyPullPage(d.ctx, counterId, page.changes);
      if (out.referenceChanged) referenceChanged = true;
      if ((out.referenceChanged || out.dossierEvents > 0) && db.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get()) retryDeferred(d.ctx);
      db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
    })();
    d.stats.pullPages++;
    d.stats.pullHttpMs += t1 - t0;
    d.stats.pullApplyMs += performance.now() - t1;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  if (referenceChanged) d.onReferenceChanged?.();
  return expectedSeq;
}
