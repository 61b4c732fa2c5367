/**
 * Catalogue queries. Procedure search runs over an in-memory index of folded names and aliases,
 * built once per catalogue version, so each keystroke in the combobox costs microseconds.
 */
import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import { foldVi, foldedTokens } from '../../shared/text';
import type { AgencyDto, ProcedureDto, ProcedureHit } from '../../shared/ipc/dto';

export type { AgencyDto, ProcedureDto, ProcedureHit };
export type FeeDto = ProcedureDto['fees'][number];
export type ProcedureDocumentDto = ProcedureDto['documents'][number];

interface ProcRow {
  code: string;
  name: string;
  field: string;
  agency_code: string;
  agency_name: string;
  processing_days: number;
  processing_unit: 'working' | 'calendar';
  processing_note: string | null;
  in_person_only: number;
  in_person_reason: string | null;
  reclaim_old_papers: number;
  reclaim_note: string | null;
  verified: number;
  aliases: string;
}

/** Procedures by code, per database: read once, dropped whenever the catalogue is (re)loaded. */
const procedureCache = new WeakMap<Db, Map<string, ProcedureDto | null>>();

export function clearProcedureCache(db: Db): void {
  procedureCache.delete(db);
}

export function getProcedure(db: Db, code: string): ProcedureDto | null {
  let cache = procedureCache.get(db);
  if (!cache) {
    cache = new Map();
    procedureCache.set(db, cache);
  }
  if (cache.has(code)) return cache.get(code)!;
  const p = readProcedure(db, code);
  cache.set(code, p);
  return p;
}

function readProcedure(db: Db, code: string): ProcedureDto | null {
  const r = prep(db, 'SELECT p.*, a.name AS agency_name FROM procedures p JOIN agencies a ON a.code = p.agency_code WHERE p.code = ? AND p.active = 1')
    .get(code) as ProcRow | undefined;
  if (!r) return null;
  const documents = (
    prep(db, 'SELECT code, name, form, count, required, note FROM procedure_documents WHERE procedure_code = ? ORDER BY position').all(code) as {
      code: string;
      name: string;
      form: ProcedureDocumentDto['form'];
      count: number;
      required: number;
      note: string | null;
    }[]
  ).map((d) => ({ ...d, required: d.required === 1 }));
  const fees = prep(db, 'SELECT category, label, amount FROM procedure_fees WHERE procedure_code = ? ORDER BY position').all(code) as FeeDto[];
  return {
    code: r.code,
    name: r.name,
    field: r.field,
    agencyCode: r.agency_code,
    agencyName: r.agency_name,
    processingDays: r.processing_days,
    processingUnit: r.processing_unit,
    processingNote: r.processing_note,
    inPersonOnly: r.in_person_only === 1,
    inPersonReason: r.in_person_reason,
    reclaimOldPapers: r.reclaim_old_papers === 1,
    reclaimNote: r.reclaim_note,
    verified: r.verified === 1,
    documents,
    fees,
  };
}

interface IndexEntry {
  hit: ProcedureHit;
  nameTokens: string[];
  aliasTexts: string[];
  aliasTokens: string[];
  initials: string;
  codeFolded: string;
}

/** Builds the search index; call again after the catalogue changes. */
export function buildProcedureIndex(db: Db): IndexEntry[] {
  clearProcedureCache(db);
  const rows = prep(db, 'SELECT p.code, p.name, p.field, p.in_person_only, p.verified, p.aliases, a.name AS agency_name FROM procedures p JOIN agencies a ON a.code = p.agency_code WHERE p.active = 1 ORDER BY p.name')
    .all() as (Pick<ProcRow, 'code' | 'name' | 'field' | 'in_person_only' | 'verified' | 'aliases' | 'agency_name'>)[];
  return rows.map((r) => {
    const aliases = (JSON.parse(r.aliases) as string[]).map(foldVi);
    const nameTokens = foldedTokens(r.name);
    return {
      hit: { code: r.code, name: r.name, field: r.field, agencyName: r.agency_name, inPersonOnly: r.in_person_only === 1, verified: r.verified === 1 },
      nameTokens,
      aliasTexts: aliases,
      aliasTokens: aliases.flatMap((a) => a.split(/\s+/)),
      initials: nameTokens.map((t) => t[0]).join(''),
      codeFolded: foldVi(r.code),
    };
  });
}

/**
 * Ranks procedures for a typed query: every query token must prefix a name or alias token (or the
 * whole query must be an alias, an alias prefix, the name's initials, or the code). Exact alias
 * matches rank first, then alias prefixes, then token coverage of the name.
 */
export function searchProcedures(index: IndexEntry[], query: string, limit = 10): ProcedureHit[] {
  const q = foldVi(query).trim();
  if (q === '') return index.slice(0, limit).map((e) => e.hit);
  const qTokens = q.split(/\s+/);
  const scored: { score: number; hit: ProcedureHit }[] = [];
  for (const e of index) {
    let score = 0;
    if (e.aliasTexts.includes(q)) score += 100;
    else if (e.aliasTexts.some((a) => a.startsWith(q))) score += 60;
    if (e.codeFolded === q) score += 90;
    if (q.length >= 2 && e.initials.startsWith(q.replace(/\s+/g, ''))) score += 40;
    let matched = 0;
    let nameMatched = 0;
    for (const t of qTokens) {
      const inName = e.nameTokens.some((n) => n.startsWith(t));
      const inAlias = e.aliasTokens.some((n) => n.startsWith(t));
      if (inName) nameMatched++;
      if (inName || inAlias) matched++;
    }
    if (matched === qTokens.length) score += 20 + 10 * nameMatched + (qTokens.length > 1 && e.nameTokens.join(' ').includes(q) ? 25 : 0);
    if (score > 0) scored.push({ score, hit: e.hit });
  }
  scored.sort((a, b) => b.score - a.score || a.hit.name.localeCompare(b.hit.name, 'vi'));
  return scored.slice(0, limit).map((s) => s.hit);
}

export function listAgencies(db: Db): AgencyDto[] {
  return prep(db, 'SELECT code, name, short_name AS shortName, address FROM agencies ORDER BY name').all() as AgencyDto[];
}
