/**
 * Pulling the branch's changes from the hub, page by page from the stored cursor. Each page's rows AND
 * the new cursor are written in ONE local transaction, so a crash can neither lose a row nor apply
 * one twice. Changes that cannot apply yet wait in sync_deferred and are retried when what they
 * wait for (reference data, the dossier) arrives.
 */
import { FEED_TOTAL_HEADER, PullResponseSchema } from '../../shared/sync-protocol';
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

/** How far a pull that takes several pages has come (a new counter's first pull: the status bar). */
export interface PullProgress {
  /** Changes received so far in this pull. */
  received: number;
  /** How many the hub had for this counter when the pull began from the start, if it said. */
  total: number | null;
}

type PageAnswer = Awaited<ReturnType<typeof fetchPage>>;

async function fetchPage(d: PullDeps, cursor: string) {
  const answer = await callHub(d.client, 'GET', `/pull?cursor=${encodeURIComponent(cursor)}&limit=${d.pullLimit}`, PullResponseSchema);
  const raw = answer.headers?.get(FEED_TOTAL_HEADER) ?? null;
  return { answer, total: raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : null };
}

/**
 * Pulls every page for this counter; returns the hub's expected seq for it.
 *
 * While a page is written locally, the next one is already asked for (its cursor is the page's, known
 * before the write): the hub's query and the transfer overlap the local write instead of following
 * it, which roughly halves a new counter's first pull. The prefetched page is used only after the
 * write of its predecessor committed; if that write fails, it is dropped with it.
 */
export async function pullAll(d: PullDeps, counterId: string, onProgress?: (p: PullProgress) => void): Promise<number> {
  const { db } = d.ctx;
  let cursor = (db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string }).cursor;
  let referenceChanged = false;
  let expectedSeq = 1;
  let t0 = performance.now();
  let next: Promise<PageAnswer> | null = fetchPage(d, cursor);
  const progress: PullProgress = { received: 0, total: null };
  while (next) {
    const answer = await next;
    next = null;
    const t1 = performance.now();
    d.stats.pullHttpMs += t1 - t0;
    const page = answer.answer.body;
    expectedSeq = page.expectedSeq;
    if (page.hasMore) {
      t0 = performance.now();
      next = fetchPage(d, page.cursor);
      // Nothing is pending on a failed write: an unanswered prefetch must not surface as unhandled.
      next.catch(() => undefined);
      // Let the request leave before the (synchronous) local write holds the event loop.
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    const tw = performance.now();
    db.transaction(() => {
      // The clock reading goes in the page's transaction: one commit per page, not two.
      d.onAnswer(answer.answer);
      const out = applyPullPage(d.ctx, counterId, page.changes);
      if (out.referenceChanged) referenceChanged = true;
      if ((out.referenceChanged || out.dossierEvents > 0) && db.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get()) retryDeferred(d.ctx);
      db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
    })();
    d.stats.pullPages++;
    d.stats.pullApplyMs += performance.now() - tw;
    cursor = page.cursor;
    progress.received += page.changes.length;
    if (answer.total !== null && progress.total === null) progress.total = answer.total;
    if (page.hasMore || progress.total !== null) onProgress?.({ ...progress });
  }
  if (referenceChanged) d.onReferenceChanged?.();
  return expectedSeq;
}
