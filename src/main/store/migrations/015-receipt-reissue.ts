import type { Migration } from './types';

/**
 * A fee receipt reissued (issue 12): the spoiled or wrong receipt is cancelled and keeps its number;
 * the new one takes the next number of the series and names the one it replaces, so both prints and
 * the day's list of receipts say "thay cho biên lai số …". Existing receipts replace nothing.
 */
export const m015ReceiptReissue: Migration = {
  version: 15,
  name: 'receipt-reissue',
  up(db) {
    const cols = db.prepare("SELECT name FROM pragma_table_info('fee_receipts')").all() as { name: string }[];
    if (!cols.some((c) => c.name === 'replaces_number')) db.exec('ALTER TABLE fee_receipts ADD COLUMN replaces_number INTEGER CHECK (replaces_number IS NULL OR replaces_number >= 1)');
  },
};
