/**
 * Brings the deferred full-text index (migration 004) up to date: indexes every party above the
 * watermark and moves the watermark, in one transaction. Cheap when nothing is pending (two indexed
 * reads), so it runs before every full-text query; maintenance also runs it at idle time.
 */
import type { Db } from './db';
import { prep } from './stmt';

function marks(db: Db): { upto: number; top: number } {
  const { upto } = prep(db, 'SELECT parties_upto AS upto FROM search_index_state WHERE id = 1').get() as { upto: number };
  const { top } = prep(db, 'SELECT coalesce(max(id), 0) AS top FROM parties').get() as { top: number };
  return { upto, top };
}

export function catchUpSearchIndex(db: Db): number {
  const m = marks(db);
  if (m.top <= m.upto) return 0;
  return db.transaction(() => {
    const { upto, top } = marks(db);
    if (top <= upto) return 0;
    const n = prep(db, 'INSERT INTO parties_fts(rowid, search_text) SELECT id, search_text FROM parties WHERE id > ? AND id <= ? ORDER BY id').run(upto, top).changes;
    prep(db, 'UPDATE search_index_state SET parties_upto = ? WHERE id = 1').run(top);
    return n;
  })();
}
