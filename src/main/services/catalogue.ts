/**
 * Catalogue queries. Procedure search runs over an in-memory index of folded names and aliases,
 * built once per catalogue version, so each keystroke in the combobox costs microseconds.
 */
import { prep } from '../store/stmt';
import type { Db } from '../store/db';
import { buildSearchIndex, NO_SYNONYMS, searchIndex, SearchSynonymsSchema } from '../../shared/catalogue-search';
import type { SearchDoc, SearchIndex, SearchSynonyms } from '../../shared/catalogue-search';
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
/** Where each agency sits (for the transit route), per database, dropped with the procedures. */
const agencyPlaceCache = new WeakMap<Db, Map<string, AgencyPlace | null>>();

export function clearProcedureCache(db: Db): void {
  procedureCache.delete(db);
  agencyPlaceCache.delete(db);
}

export interface AgencyPlace {
  provinceCode: string;
  communeCode: string | null;
}

/** The province and commune of an agency of the catalogue (null for a code it does not hold). */
export function getAgencyPlace(db: Db, code: string): AgencyPlace | null {
  let cache = agencyPlaceCache.get(db);
  if (!cache) {
    cache = new Map();
    agencyPlaceCache.set(db, cache);
  }
  let place = cache.get(code);
  if (place === undefined) {
    const r = prep(db, 'SELECT province_code, commune_code FROM agencies WHERE code = ?').get(code) as { province_code: string; commune_code: string | null } | undefined;
    place = r ? { provinceCode: r.province_code, communeCode: r.commune_code } : null;
    cache.set(code, place);
  }
  return place;
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

type IndexDoc = SearchDoc & { hit: ProcedureHit };
export type ProcedureIndex = SearchIndex<IndexDoc>;

/** The province's search synonyms (reference kind `search_synonyms`), or none when it has not sent any. */
function readSynonyms(db: Db): SearchSynonyms {
  const row = prep(db, "SELECT payload FROM reference_docs WHERE name = 'search_synonyms'").get() as { payload: string } | undefined;
  if (!row) return NO_SYNONYMS;
  const r = SearchSynonymsSchema.safeParse(JSON.parse(row.payload));
  return r.success ? r.data : NO_SYNONYMS;
}

/** Builds the search index (shared/catalogue-search); call again after the catalogue or the synonyms change. */
export function buildProcedureIndex(db: Db): ProcedureIndex {
  clearProcedureCache(db);
  const rows = prep(db, 'SELECT p.code, p.name, p.field, p.in_person_only, p.verified, p.aliases, a.name AS agency_name FROM procedures p JOIN agencies a ON a.code = p.agency_code WHERE p.active = 1 ORDER BY p.name')
    .all() as (Pick<ProcRow, 'code' | 'name' | 'field' | 'in_person_only' | 'verified' | 'aliases' | 'agency_name'>)[];
  const docs = rows.map((r) => ({
    code: r.code,
    name: r.name,
    field: r.field,
    aliases: JSON.parse(r.aliases) as string[],
    hit: { code: r.code, name: r.name, field: r.field, agencyName: r.agency_name, inPersonOnly: r.in_person_only === 1, verified: r.verified === 1 },
  }));
  return buildSearchIndex(docs, readSynonyms(db));
}

/**
 * Ranks procedures for a typed query by how much of it they match (one typo allowed in words of
 * four letters or more, the province's synonyms read as the words they stand for). A query that
 * matches nothing gets the closest procedures, marked `approximate`.
 */
export function searchProcedures(index: ProcedureIndex, query: string, limit = 10): ProcedureHit[] {
  return searchIndex(index, query, limit).map((h) => (h.approximate ? { ...h.doc.hit, approximate: true } : h.doc.hit));
}

export function listAgencies(db: Db): AgencyDto[] {
  return prep(db, 'SELECT code, name, short_name AS shortName, address FROM agencies ORDER BY name').all() as AgencyDto[];
}
