/**
 * Tra cứu: by item number, ID number, phone (exact, indexed) or by name/address typed without
 * diacritics (FTS5 over folded text, token prefixes).
 */
import type { ServiceContext } from './context';
import { parseInput } from './context';
import { LookupInput } from '../../shared/schemas';
import { checkItemNumber } from '../../shared/s10';
import { normalizePhone } from '../../shared/people';
import { foldedTokens } from '../../shared/text';
import type { LookupResult } from '../../shared/ipc/dto';
import { summariesOfIds, summariesWhere } from './views';
import { catchUpSearchIndex } from '../store/search-index';

export type { LookupResult };
export type LookupKind = LookupResult['kind'];

/**
 * The dossiers each kind of lookup looks at (their ids, ranked and cut by summariesOfIds). The exact
 * ones and the name prefix read the covering indexes of migration 016 only.
 */
export const CANDIDATES = {
  idNumber: 'SELECT dossier_id FROM parties WHERE id_number = ?',
  phone: 'SELECT dossier_id FROM parties WHERE phone = ?',
  namePrefix: 'SELECT dossier_id FROM parties WHERE name_folded >= ? AND name_folded < ? LIMIT 1000',
  words: 'SELECT p.dossier_id FROM parties_fts f JOIN parties p ON p.id = f.rowid WHERE parties_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?',
} as const;

export function lookup(ctx: ServiceContext, raw: unknown, today: string): LookupResult {
  const input = parseInput(LookupInput, raw);
  const q = input.query.trim();
  const limit = input.limit ?? 50;
  const compact = q.replace(/[\s.-]/g, '');

  if (/^[A-Za-z]{2}\d{9}[A-Za-z]{2}$/.test(compact)) {
    const c = checkItemNumber(compact);
    if (c.ok) {
      return {
        kind: 'item',
        warning: c.value.checkDigitOk ? null : 'Số kiểm tra của số hiệu không đúng: có thể gõ nhầm.',
        results: summariesWhere(ctx.db, 'd.item_number = ?', [c.value.value], today, limit),
      };
    }
  }
  if (/^\d{9}$|^\d{12}$|^[A-Za-z]\d{7}$/.test(compact)) {
    const id = compact.toUpperCase();
    const results = summariesOfIds(ctx.db, CANDIDATES.idNumber, [id], today, limit);
    if (results.length > 0 || !/^0\d{9}$/.test(compact)) return { kind: 'id', warning: null, results };
  }
  const phone = normalizePhone(q);
  if (phone.ok) {
    return { kind: 'phone', warning: null, results: summariesOfIds(ctx.db, CANDIDATES.phone, [phone.value], today, limit) };
  }
  const tokens = foldedTokens(q).filter((t) => /^[a-z0-9]+$/.test(t));
  if (tokens.length === 0) return { kind: 'name', warning: null, results: [] };
  // A name typed from its start ("lo van pinh", "lo van p") is a range on the folded-name index:
  // logarithmic whatever the size of the store. Only when nobody's name starts so does the full-text
  // index look for the words anywhere (given name only, an address, an organisation).
  const prefix = tokens.join(' ');
  const byName = summariesOfIds(ctx.db, CANDIDATES.namePrefix, [prefix, `${prefix}\u{10FFFF}`], today, limit);
  if (byName.length > 0) return { kind: 'name', warning: null, results: byName };
  catchUpSearchIndex(ctx.db);
  // Newest parties first (rowid order): the first few matches are the newest dossiers, so only as
  // many as can fill the page (a dossier has at most three parties) are looked at. Whole words first
  // ("hoa" is Hoa/Hòa before Hoàng): they rank first and read one short list each; the words as
  // prefixes (the last one may be half typed) fill what is left.
  const fts = (match: string) =>
    summariesOfIds(ctx.db, CANDIDATES.words, [match, limit * 3], today, limit);
  const exact = fts(tokens.map((t) => `"${t}"`).join(' AND '));
  if (exact.length >= limit) return { kind: 'name', warning: null, results: exact };
  const seen = new Set(exact.map((r) => r.id));
  const more = fts(tokens.map((t) => `"${t}"*`).join(' AND ')).filter((r) => !seen.has(r.id));
  return { kind: 'name', warning: null, results: [...exact, ...more].slice(0, limit) };
}
