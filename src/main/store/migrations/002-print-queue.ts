import type { Migration } from './types';

/**
 * The durable print queue. A job row is committed before the clerk is told "đã xếp hàng in"; each
 * attempt is a print_attempts row (started before a byte is sent, finished with what the link
 * reported). Repeats are separate jobs pointing at their original, numbered per original.
 */
export const m002PrintQueue: Migration = {
  version: 2,
  name: 'print-queue',
  up(db) {
    db.exec(`
CREATE TABLE print_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  printer_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  ref TEXT,
  doc TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'sent_unconfirmed', 'failed', 'needs_attention')),
  original_id TEXT REFERENCES print_jobs(id),
  copy_no INTEGER NOT NULL DEFAULT 0 CHECK (copy_no >= 0),
  auto_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  last_error TEXT,
  printer_state TEXT,
  resolution TEXT CHECK (resolution IN ('reprinted', 'marked_printed')),
  resolved_by TEXT,
  resolved_at INTEGER,
  CHECK ((original_id IS NULL) = (copy_no = 0))
) STRICT;
CREATE INDEX print_jobs_pending ON print_jobs(printer_id, state, seq);
CREATE INDEX print_jobs_ref ON print_jobs(ref);
CREATE UNIQUE INDEX print_jobs_copy_no ON print_jobs(original_id, copy_no) WHERE original_id IS NOT NULL;

CREATE TABLE print_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES print_jobs(id),
  printer_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  outcome TEXT CHECK (outcome IN ('not_sent', 'confirmed', 'unconfirmed', 'partial', 'interrupted', 'render_error')),
  bytes_total INTEGER NOT NULL,
  bytes_offered INTEGER NOT NULL DEFAULT 0,
  bytes_written INTEGER NOT NULL DEFAULT 0,
  bytes_confirmed INTEGER NOT NULL DEFAULT 0,
  printer_state TEXT,
  error TEXT,
  sha256 TEXT NOT NULL
) STRICT;
CREATE INDEX print_attempts_job ON print_attempts(job_id, id);
`);
  },
};
