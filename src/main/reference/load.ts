/**
 * Loading reference data into the store: the administrative units (2025 two-level list, national
 * data shipped with the application) and every kind of the province's reference registry
 * (src/shared/reference-kinds.ts: catalogue, calendar, transit limits, postage tariff, bank account…)
 * through ONE loader, from the bundled files on first run and from the hub after a sync. Each load
 * validates first and writes in one transaction; a procedure that disappears from a new catalogue is
 * deactivated, never deleted, because dossiers refer to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../store/db';
import type { Catalogue } from '../../shared/catalogue';
import { DomainError } from '../../shared/errors';
import { foldVi } from '../../shared/text';
import { clearProcedureCache } from '../services/catalogue';
import { clearCommuneCache } from '../services/intake';
import type { Reference } from '../services/context';
import { WorkCalendar } from '../../shared/calendar';
import { checkReference, documentVersion, REFERENCE_KINDS, REFERENCE_NAMES, referenceKind } from '../../shared/reference-kinds';
import type { ReferenceDoc, ReferenceName } from '../../shared/reference-kinds';

interface AdminUnitJson {
  Type: string;
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitShortName: string;
  Wards?: AdminUnitJson[];
}

/** Sơn La's districts before 01/07/2025, for reading older three-level addresses (domain.md 3.3). */
const SON_LA_LEGACY_DISTRICTS: [string, string][] = [
  ['116', 'Thành phố Sơn La'],
  ['118', 'Quỳnh Nhai'],
  ['119', 'Thuận Châu'],
  ['120', 'Mường La'],
  ['121', 'Bắc Yên'],
  ['122', 'Phù Yên'],
  ['123', 'Mộc Châu'],
  ['124', 'Yên Châu'],
  ['125', 'Mai Sơn'],
  ['126', 'Sông Mã'],
  ['127', 'Sốp Cộp'],
  ['128', 'Vân Hồ'],
];

export function loadAdminUnits(db: Db, units: AdminUnitJson[], now: number): { provinces: number; communes: number } {
  if (!Array.isArray(units) || units.length === 0) throw new DomainError('BAD_REFERENCE', 'Danh mục đơn vị hành chính rỗng hoặc sai định dạng.');
  let communes = 0;
  db.transaction(() => {
    const p = db.prepare('INSERT INTO provinces (code, name, full_name, kind) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, full_name = excluded.full_name, kind = excluded.kind');
    const c = db.prepare(
      'INSERT INTO communes (code, province_code, name, full_name, kind, name_folded) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, full_name = excluded.full_name, kind = excluded.kind, name_folded = excluded.name_folded',
    );
    for (const prov of units) {
      if (!/^\d{2}$/.test(prov.Code)) throw new DomainError('BAD_REFERENCE', `Mã tỉnh không hợp lệ: ${prov.Code}`);
      p.run(prov.Code, prov.Name.normalize('NFC'), prov.FullName.normalize('NFC'), prov.AdministrativeUnitShortName.normalize('NFC'));
      for (const w of prov.Wards ?? []) {
        c.run(w.Code, prov.Code, w.Name.normalize('NFC'), w.FullName.normalize('NFC'), w.AdministrativeUnitShortName.normalize('NFC'), foldVi(w.Name));
        communes++;
      }
    }
    const d = db.prepare('INSERT OR IGNORE INTO legacy_districts (code, province_code, name) VALUES (?, ?, ?)');
    for (const [code, name] of SON_LA_LEGACY_DISTRICTS) d.run(code, '14', name);
    db.prepare('INSERT OR REPLACE INTO reference_docs (name, version, payload, loaded_at) VALUES (?, ?, ?, ?)').run('admin_units', '2026-07', JSON.stringify({ provinces: units.length, communes }), now);
  })();
  clearCommuneCache(db);
  return { provinces: units.length, communes };
}

/** The catalogue also fills the agency and procedure tables the screens search. */
function writeCatalogueTables(db: Db, cat: Catalogue): void {
  const ag = db.prepare(
    `INSERT INTO agencies (code, name, short_name, level, address, province_code, commune_code, phone, verified) VALUES (@code, @name, @shortName, @level, @address, @provinceCode, @communeCode, @phone, @verified)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, level = excluded.level, address = excluded.address,
       province_code = excluded.province_code, commune_code = excluded.commune_code, phone = excluded.phone, verified = excluded.verified`,
  );
  for (const a of cat.agencies) ag.run({ ...a, communeCode: a.communeCode ?? null, phone: a.phone ?? null, verified: a.verified ? 1 : 0 });
  db.prepare('UPDATE procedures SET active = 0').run();
  const pr = db.prepare(
    `INSERT INTO procedures (code, name, field, agency_code, aliases, search_text, processing_days, processing_unit, processing_note, in_person_only, in_person_reason,
       reclaim_old_papers, reclaim_note, verified, source, active)
     VALUES (@code, @name, @field, @agencyCode, @aliases, @searchText, @days, @unit, @note, @inPersonOnly, @inPersonReason, @reclaim, @reclaimNote, @verified, @source, 1)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, field = excluded.field, agency_code = excluded.agency_code, aliases = excluded.aliases,
       search_text = excluded.search_text, processing_days = excluded.processing_days, processing_unit = excluded.processing_unit,
       processing_note = excluded.processing_note, in_person_only = excluded.in_person_only, in_person_reason = excluded.in_person_reason,
       reclaim_old_papers = excluded.reclaim_old_papers, reclaim_note = excluded.reclaim_note, verified = excluded.verified, source = excluded.source, active = 1`,
  );
  const delDocs = db.prepare('DELETE FROM procedure_documents WHERE procedure_code = ?');
  const delFees = db.prepare('DELETE FROM procedure_fees WHERE procedure_code = ?');
  const doc = db.prepare('INSERT INTO procedure_documents (procedure_code, code, position, name, form, count, required, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const fee = db.prepare('INSERT INTO procedure_fees (procedure_code, category, label, amount, position) VALUES (?, ?, ?, ?, ?)');
  for (const p of cat.procedures) {
    pr.run({
      code: p.code,
      name: p.name,
      field: p.field,
      agencyCode: p.agencyCode,
      aliases: JSON.stringify(p.aliases),
      searchText: foldVi([p.name, ...p.aliases].join(' ')),
      days: p.processing.days,
      unit: p.processing.unit,
      note: p.processing.note ?? null,
      inPersonOnly: p.inPersonOnly ? 1 : 0,
      inPersonReason: p.inPersonReason ?? null,
      reclaim: p.reclaimOldPapers ? 1 : 0,
      reclaimNote: p.reclaimNote ?? null,
      verified: p.verified ? 1 : 0,
      source: p.source,
    });
    delDocs.run(p.code);
    delFees.run(p.code);
    p.documents.forEach((d, i) => doc.run(p.code, d.code, i, d.name, d.form, d.count, d.required ? 1 : 0, d.note ?? null));
    p.fees.forEach((f, i) => fee.run(p.code, f.category, f.label, f.amount, i));
  }
}

/** Kinds that also fill tables besides their reference_docs row, and what to forget after they change. */
const TABLE_WRITERS: { [N in ReferenceName]?: { write(db: Db, doc: ReferenceDoc<N>): void; after(db: Db): void } } = {
  catalogue: { write: writeCatalogueTables, after: clearProcedureCache },
};

/**
 * Validates `payload` as a document of kind `name` and stores it (and its tables) in one transaction
 * (a savepoint inside a caller's transaction, as in a sync). `version`: the hub's; else the document's own.
 * A bad document throws a DomainError with the kind's Vietnamese message and changes nothing.
 */
export function loadReference<N extends ReferenceName>(db: Db, name: N, payload: unknown, now: number, version?: string): ReferenceDoc<N> {
  const r = checkReference(name, payload);
  if (!r.ok) throw new DomainError(r.code, r.message);
  const tables = TABLE_WRITERS[name] as { write(db: Db, doc: ReferenceDoc<N>): void; after(db: Db): void } | undefined;
  db.transaction(() => {
    tables?.write(db, r.value);
    db.prepare('INSERT OR REPLACE INTO reference_docs (name, version, payload, loaded_at) VALUES (?, ?, ?, ?)').run(name, version ?? documentVersion(r.value), JSON.stringify(r.value), now);
  })();
  tables?.after(db);
  return r.value;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * Every start: loads each bundled reference file whose kind the store does not hold yet (a first run,
 * or a kind added by an update). A required kind without its file is an installation fault.
 */
export function seedReference(db: Db, referenceDir: string, now: number): void {
  const has = (name: string) => db.prepare('SELECT 1 FROM reference_docs WHERE name = ?').get(name) !== undefined;
  if (!has('admin_units')) loadAdminUnits(db, readJson(join(referenceDir, 'vn-admin-units-2026-07.json')) as AdminUnitJson[], now);
  for (const name of REFERENCE_NAMES) {
    if (has(name)) continue;
    const kind = REFERENCE_KINDS[name];
    const file = join(referenceDir, kind.file);
    if (!existsSync(file)) {
      if (kind.required) throw new DomainError('NO_REFERENCE', `Thiếu tệp dữ liệu tham chiếu “${kind.label}” (${kind.file}) trong bộ cài đặt.`);
      continue;
    }
    loadReference(db, name, readJson(file), now);
  }
}

/** The stored document of one kind, checked again (null when absent and not required). */
export function readReferenceDoc<N extends ReferenceName>(db: Db, name: N): ReferenceDoc<N> | null {
  const kind = referenceKind(name);
  const row = db.prepare('SELECT payload FROM reference_docs WHERE name = ?').get(name) as { payload: string } | undefined;
  if (!row) {
    if (kind.required) throw new DomainError('NO_REFERENCE', `Thiếu dữ liệu tham chiếu “${kind.label}”.`);
    return null;
  }
  const r = kind.check(JSON.parse(row.payload) as unknown);
  if (!r.ok) throw new DomainError(r.code, r.message);
  return r.value;
}

const required = <N extends ReferenceName>(db: Db, name: N): ReferenceDoc<N> => readReferenceDoc(db, name)!;

/** The reference data the services read, as the store holds it now. */
export function readReference(db: Db): Reference {
  return {
    calendar: new WorkCalendar(required(db, 'calendar')),
    transit: required(db, 'transit'),
    tariff: required(db, 'tariff'),
    bankAccounts: required(db, 'bank_accounts'),
    denominations: required(db, 'cash_denominations').denominations,
  };
}
