import type { Migration } from './types';

/**
 * Each local dossier event points at the outbox operation that carries it to the hub (`op_seq`), so
 * resolving a conflict reads the operation's status by primary key instead of searching every
 * operation's JSON (which grows with every dossier ever taken in). Remote events have none.
 */
export const m005EventOp: Migration = {
  version: 5,
  name: 'event-op',
  up(db) {
    db.exec(`
ALTER TABLE dossier_events ADD COLUMN op_seq INTEGER;
CREATE TEMP TABLE event_ops AS
  SELECT json_extract(payload, '$.eventId') AS event_id, seq FROM outbox WHERE kind = 'dossier.event';
CREATE INDEX temp.event_ops_by_event ON event_ops(event_id);
UPDATE dossier_events SET op_seq = (SELECT seq FROM event_ops WHERE event_id = dossier_events.id) WHERE origin = 'local';
DROP TABLE temp.event_ops;
`);
  },
};
