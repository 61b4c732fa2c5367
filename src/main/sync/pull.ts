/**
 * Pulling the branch's changes from the hub, page by page from the stored cursor. Each page's rows AND
 * the new cursor are written in ONE local transaction, so a crash can neither lose a row nor apply
 * one twice. Changes that cannot apply yet wait in sync_deferred and are retried when what they
 * wait for (reference data, the dossier) arrives.
 */
import { CursorSchema, FEED_NEXT_HEADER, FEED_TOTAL_HEADER, PullResponseSchema } from '../../shared/sync-protocol';
import type { ServiceContext } from '../services/context';
import { commitWithoutWaitingForDisk } from '../store/db';
import { applyPullPage, retryDeferred } from './apply';
import { openHubPage, readAnswer, type Opened } from './client';
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

type PageAnswer = Awaited<ReturnType<typeof readPage>>;

const pullPath = (d: PullDeps, cursor: string): string => `/pull?cursor=${encodeURIComponent(cursor)}&limit=${d.pullLimit}`;

/** Asks for the page after `cursor`; resolves when its headers are in. A failure waits for whoever reads it. */
function requestPage(d: PullDeps, cursor: string): Promise<Opened> {
  const p = openHubPage(d.client, pullPath(d, cursor));
  p.catch(() => undefined);
  return p;
}

async function readPage(d: PullDeps, opened: Opened) {
  const answer = await readAnswer(d.client, opened, PullResponseSchema);
  const raw = answer.headers?.get(FEED_TOTAL_HEADER) ?? null;
  return { answer, total: raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : null };
}

/** The next page's cursor as the hub announced it in the headers (a 2xx answer only), or null. */
function announcedCursor(opened: Opened): string | null {
  if (opened.status < 200 || opened.status > 299) return null;
  const next = opened.headers.get(FEED_NEXT_HEADER);
  return next !== null && next !== '' && CursorSchema.safeParse(next).success ? next : null;
}

/** Lets go of a page asked for early that will not be used (its body is never read). */
function drop(early: Promise<Opened> | null): void {
  void early?.then((o) => o.discard()).catch(() => undefined);
}

/**
 * Pulls every page for this counter; returns the hub's expected seq for it.
 *
 * The next page is asked for while this one is still being read, checked and written: as soon as
 * this page's headers announce its cursor (FEED_NEXT_HEADER), or, from an older hub, once its body
 * is read. The hub's query and the transfer thus overlap the counter's own work instead of following
 * it. A page asked for early is used only if the body's cursor is the announced one, and only after
 * the write of its predecessor committed; otherwise it is dropped unread.
 */
export async function pullAll(d: PullDeps, counterId: string, onProgress?: (p: PullProgress) => void): Promise<number> {
  const { db } = d.ctx;
  const cursor = (db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: string }).cursor;
  let referenceChanged = false;
  let expectedSeq = 1;
  let t0 = performance.now();
  let next: Promise<Opened> | null = requestPage(d, cursor);
  const progress: PullProgress = { received: 0, total: null };
  while (next) {
    const opened = await next;
    next = null;
    // The hub announced the next page's cursor: ask for it now, before reading this page's body.
    const announced = announcedCursor(opened);
    let early: Promise<Opened> | null = announced !== null ? requestPage(d, announced) : null;
    let answer: PageAnswer;
    try {
      answer = await readPage(d, opened);
    } catch (err) {
      drop(early);
      throw err;
    }
    const t1 = performance.now();
    d.stats.pullHttpMs += t1 - t0;
    t0 = t1;
    const page = answer.answer.body;
    expectedSeq = page.expectedSeq;
    if (page.hasMore) {
      if (early !== null && announced === page.cursor) next = early;
      else {
        // No announcement (an older hub) or one the body contradicts: ask from the body's cursor.
        drop(early);
        next = requestPage(d, page.cursor);
        // Let the request leave before the (synchronous) local write holds the event loop.
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
      }
      early = null;
    }
    drop(early);
    const tw = performance.now();
    try {
      commitWithoutWaitingForDisk(db, () => {
        // The clock reading goes in the page's transaction: one commit per page, not two.
        d.onAnswer(answer.answer);
        const out = applyPullPage(d.ctx, counterId, page.changes);
        if (out.referenceChanged) referenceChanged = true;
        if ((out.referenceChanged || out.dossierEvents > 0) && db.prepare('SELECT 1 FROM sync_deferred LIMIT 1').get()) retryDeferred(d.ctx);
        db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
      });
    } catch (err) {
      drop(next);
      throw err;
    }
    d.stats.pullPages++;
    d.stats.pullApplyMs += performance.now() - tw;
    progress.received += page.changes.length;
    if (answer.total !== null && progress.total === null) progress.total = answer.total;
    if (page.hasMore || progress.total !== null) onProgress?.({ ...progress });
  }
  if (referenceChanged) d.onReferenceChanged?.();
  return expectedSeq;
}
