/**
 * Every look at a citizen's personal data is recorded (issue 15 §3, Law 91/2025): who looked, when,
 * and which item, in the audit log the manager's audit viewer lists (reports/audit.ts). The entry
 * names the dossier (entity 'dossier', its id) or, where only the printed document is known, the item
 * number (entity 'item'); its detail says how (lookup, view, scan, print, reprint, export, a readable copy of a sealed document), never
 * what was searched for or shown.
 */
import type { Db } from './db';
import { prep } from './stmt';

export type AccessAction = 'personal_data.lookup' | 'personal_data.view' | 'personal_data.print' | 'personal_data.export' | 'personal_data.copy';

export interface AccessWho {
  clerkId: string;
  counterId: string;
}

/** One audit entry per dossier or item looked at (the caller's transaction, or its own). */
export function recordAccess(db: Db, who: AccessWho, at: number, action: AccessAction, entity: 'dossier' | 'item' | 'person', ids: readonly string[], detail: Record<string, unknown> = {}): void {
  if (ids.length === 0) return;
  const st = prep(db, 'INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const text = JSON.stringify(detail);
  db.transaction(() => {
    for (const id of new Set(ids)) st.run(at, who.clerkId, who.counterId, action, entity, id, text);
  })();
}
