/**
 * Tiếp nhận hồ sơ (QĐ 45 Art. 6, TT 17 Art. 5.1): validates the sender and the checklist against
 * the catalogue, issues the item number, computes the J+n dates, and writes the dossier, its parties
 * and documents, the `accepted` event, the ledger rows, the audit entry and the outbox operations in
 * one transaction.
 */
import { insertChildren, insertEach, prep } from '../store/stmt';
import { DomainError, must } from '../../shared/errors';
import { initialSnapshot } from '../../shared/dossier';
import { defaultHandedForm, missingDocuments } from '../../shared/checklist';
import type { DossierEvent } from '../../shared/dossier';
import { checkIdNumber, checkNationality, checkPersonName, normalizePhone, VIETNAM } from '../../shared/people';
import { cleanText, foldVi } from '../../shared/text';
import { parseAgencyDossierCode } from '../../shared/agency-code';
import { appointmentEstimate, classifyRoute, transitDeadline } from '../../shared/transit';
import type { RouteClass, TransitLimits } from '../../shared/transit';
import type { WorkCalendar } from '../../shared/calendar';
import { addDays } from '../../shared/calendar';
import type { DocumentRecord, DossierRecord, LedgerRecord, PartyRecord } from '../../shared/sync-ops';
import { AcceptDossierInput, SupplementInput } from '../../shared/schemas';
import type { PersonInput, ProxyInput } from '../../shared/schemas';
import type { Actor, ServiceContext } from './context';
import { parseInput, parseOnce } from './context';
import { appendEvent, audit, getDossierRow, metaFor, postLedgerRows, recordEvent } from './journal';
import { issueItemNumber } from './serials';
import { getAgencyPlace, getProcedure } from './catalogue';
import { assertNotReconciling } from './reconcile';

function checkPerson(ctx: ServiceContext, p: PersonInput | ProxyInput, role: PartyRecord['role'], field: string): PartyRecord {
  const nowYear = Number(new Date(ctx.clock.now()).getUTCFullYear());
  // A passport carries its holder's nationality (VNM unless told); other documents are Vietnamese.
  const nationality = p.idKind === 'passport' && p.nationality ? must(checkNationality(p.nationality), `${field}.nationality`) : p.idKind === 'passport' ? VIETNAM : null;
  const idNumber = must(checkIdNumber(p.idKind, p.idNumber, nowYear, nationality), `${field}.idNumber`);
  const fullName = must(checkPersonName(p.fullName, { foreign: nationality !== null && nationality !== VIETNAM }), `${field}.fullName`);
  let phone: string | null = null;
  if (p.phone != null && p.phone.trim() !== '') phone = must(normalizePhone(p.phone), `${field}.phone`);
  if (p.email != null && p.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(p.email.trim())) {
    throw new DomainError('BAD_EMAIL', 'Địa chỉ thư điện tử không hợp lệ.', `${field}.email`);
  }
  if (p.communeCode) checkCommune(ctx, p.provinceCode ?? null, p.communeCode, `${field}.communeCode`);
  return {
    role,
    fullName,
    idKind: p.idKind,
    idNumber,
    ...(nationality !== null && nationality !== VIETNAM ? { nationality } : {}),
    phone,
    email: p.email?.trim() || null,
    address: p.address ? cleanText(p.address) : null,
    provinceCode: p.provinceCode || null,
    communeCode: p.communeCode || null,
    organisation: p.organisation ? cleanText(p.organisation) : null,
    authorisationRef: 'authorisationRef' in p ? cleanText(p.authorisationRef) : null,
  };
}

/** Commune code → province code, per database (the administrative units change only with reference data). */
const communeCache = new WeakMap<object, Map<string, string>>();

export function clearCommuneCache(db: object): void {
  communeCache.delete(db);
}

function communeProvince(ctx: ServiceContext, code: string): string | undefined {
  let m = communeCache.get(ctx.db);
  if (!m) {
    m = new Map((prep(ctx.db, 'SELECT code, province_code FROM communes').all() as { code: string; province_code: string }[]).map((r) => [r.code, r.province_code]));
    communeCache.set(ctx.db, m);
  }
  return m.get(code);
}

function checkCommune(ctx: ServiceContext, provinceCode: string | null, communeCode: string, field: string): void {
  const province = communeProvince(ctx, communeCode);
  if (province === undefined) throw new DomainError('BAD_COMMUNE', 'Xã/phường không có trong danh mục đơn vị hành chính hiện hành.', field);
  if (provinceCode && province !== provinceCode) {
    throw new DomainError('BAD_COMMUNE', 'Xã/phường không thuộc tỉnh/thành đã chọn.', field);
  }
}

export function partySearchText(p: PartyRecord): string {
  return foldVi([p.fullName, p.organisation ?? '', p.address ?? ''].join(' '));
}

const PARTY_COLUMNS = [
  'dossier_id', 'role', 'full_name', 'id_kind', 'id_number', 'phone', 'email', 'address', 'province_code', 'commune_code', 'organisation', 'authorisation_ref',
  'name_folded', 'search_text', 'nationality',
] as const;

function pushParty(params: unknown[], dossierId: string, p: PartyRecord): void {
  params.push(dossierId, p.role, p.fullName, p.idKind, p.idNumber, p.phone, p.email, p.address, p.provinceCode, p.communeCode, p.organisation, p.authorisationRef, foldVi(p.fullName), partySearchText(p), p.nationality ?? null);
}

const DOCUMENT_COLUMNS = ['dossier_id', 'position', 'code', 'name', 'form', 'required_count', 'provided_count', 'provided_form', 'required'] as const;

function pushDocument(params: unknown[], dossierId: string, d: DocumentRecord): void {
  params.push(dossierId, d.position, d.code, d.name, d.form, d.requiredCount, d.providedCount, d.providedForm, d.required ? 1 : 0);
}

const DOSSIER_COLUMNS = [
  'id', 'item_number', 'service_type', 'state', 'procedure_code', 'agency_code', 'origin_counter_id', 'accepted_at', 'accepted_by', 'accepted_date',
  'complete', 'return_method', 'return_address', 'return_province_code', 'return_commune_code', 'pickup_branch_code', 'fee_category', 'fee_amount', 'postage_amount',
  'fee_due_on_delivery', 'reclaim_old_papers', 'payment_method', 'route', 'transit_deadline', 'appointment_estimate', 'agency_dossier_code', 'event_count', 'updated_at',
] as const;

export interface DossierRowExtra {
  state: string;
  reclaimOldPapers: boolean;
  agencyDossierCode: string | null;
  at: number;
  eventCount?: number;
}

function pushDossier(params: unknown[], rec: DossierRecord, extra: DossierRowExtra): void {
  params.push(
    rec.id, rec.itemNumber, rec.serviceType, extra.state, rec.procedureCode, rec.agencyCode, rec.originCounterId, rec.acceptedAt, rec.acceptedBy, rec.acceptedDate,
    rec.complete ? 1 : 0, rec.returnMethod, rec.returnAddress, rec.returnProvinceCode, rec.returnCommuneCode, rec.pickupBranchCode, rec.feeCategory, rec.feeAmount, rec.postageAmount,
    rec.feeDueOnDelivery, extra.reclaimOldPapers ? 1 : 0, rec.paymentMethod, rec.route, rec.transitDeadline, rec.appointmentEstimate, extra.agencyDossierCode, extra.eventCount ?? 0, extra.at,
  );
}

/** Inserts the dossier row from its record (used by intake here and by sync for remote dossiers). */
export function insertDossierRow(ctx: ServiceContext, rec: DossierRecord, extra: DossierRowExtra): void {
  insertDossierRows(ctx, [{ rec, extra }]);
}

/** From this many dossiers written at once, their intakes are counted per date, not per row. */
const BULK_INTAKES = 32;

/**
 * Adds to the dashboard's intakes what `dashboard_dossier_in` adds for each of these dossiers when not
 * paused: one per dossier on its acceptance date (a NOT NULL column), here summed per date.
 */
function countIntakes(ctx: ServiceContext, list: { rec: DossierRecord }[]): void {
  const perDate = new Map<string, number>();
  for (const { rec } of list) perDate.set(rec.acceptedDate, (perDate.get(rec.acceptedDate) ?? 0) + 1);
  const add = prep(ctx.db, "INSERT INTO dashboard_days (date, metric, value) VALUES (?, 'intakes', ?) ON CONFLICT (date, metric) DO UPDATE SET value = value + excluded.value");
  for (const [date, n] of perDate) add.run(date, n);
}

/**
 * Inserts many dossiers with their parties and documents, a few multi-row statements per table
 * (a new counter's first pull writes tens of thousands: one statement per row cost most of it).
 */
export function insertDossierRows(ctx: ServiceContext, list: { rec: DossierRecord; extra: DossierRowExtra }[]): void {
  let k = 0;
  const insertDossiers = (): void => insertEach(ctx.db, 'dossiers', DOSSIER_COLUMNS, list.length, (params) => {
    const d = list[k++]!;
    pushDossier(params, d.rec, d.extra);
  });
  if (list.length < BULK_INTAKES) insertDossiers();
  else {
    // The dashboard's intake count (migration 018): once per date below instead of once per row. In
    // a transaction of its own (a savepoint within the caller's), so the pause is never committed.
    ctx.db.transaction(() => {
      prep(ctx.db, 'INSERT INTO dashboard_paused (id) VALUES (1)').run();
      insertDossiers();
      prep(ctx.db, 'DELETE FROM dashboard_paused').run();
      countIntakes(ctx, list);
    })();
  }
  insertChildren(ctx.db, 'parties', PARTY_COLUMNS, list, (d) => d.rec.parties, (params, d, p) => pushParty(params, d.rec.id, p));
  insertChildren(ctx.db, 'dossier_documents', DOCUMENT_COLUMNS, list, (d) => d.rec.documents, (params, d, doc) => pushDocument(params, d.rec.id, doc));
}

/**
 * The date told to the citizen: transit to the agency + its processing time + transit back
 * (see transit.appointmentBreakdown). A limit in calendar days ends on the next working day.
 */
export function estimateAppointment(cal: WorkCalendar, transit: TransitLimits, jDate: string, route: RouteClass, days: number, unit: 'working' | 'calendar'): string {
  if (unit === 'working') return appointmentEstimate(cal, jDate, route, days, transit);
  const atAgency = transitDeadline(cal, jDate, route, false, transit);
  const ready = cal.workingDayOnOrAfter(addDays(atAgency, days));
  return transitDeadline(cal, ready, route, false, transit);
}

export interface AcceptResult {
  dossierId: string;
  itemNumber: string;
}

/** Everything an intake will write, checked: what the citizen is shown before the clerk commits (issue #16 §3). */
export interface AcceptPlan {
  input: AcceptDossierInput;
  proc: NonNullable<ReturnType<typeof getProcedure>>;
  parties: PartyRecord[];
  documents: DocumentRecord[];
  missing: string[];
  returnTo: { address: string | null; province: string | null; commune: string | null; pickupBranch: string | null };
  feeCategory: string | null;
  agencyDossierCode: string | null;
  dates: { jDate: string; route: RouteClass; transitDeadline: string | null; appointmentEstimate: string | null };
  /** When and by whom: the intake is written with the moment it was checked at (one transaction). */
  meta: ReturnType<typeof metaFor>;
}

/** The parties and the checklist as they will be written (refusals name the field). */
function checkPeopleAndPapers(ctx: ServiceContext, input: AcceptDossierInput): Pick<AcceptPlan, 'parties' | 'documents' | 'missing'> {
  const sender = checkPerson(ctx, input.sender, 'sender', 'sender');
  const parties: PartyRecord[] = [sender];
  if (input.proxy) parties.push(checkPerson(ctx, input.proxy, 'proxy', 'proxy'));
  if (input.recipient) parties.push(checkPerson(ctx, input.recipient, 'recipient', 'recipient'));

  if (input.serviceType !== 'return' && input.documents.length === 0) {
    throw new DomainError('EMPTY_CHECKLIST', 'Danh sách giấy tờ trống: hãy đối chiếu và ghi các giấy tờ công dân nộp.', 'documents');
  }
  const documents: DocumentRecord[] = input.documents.map((d, i) => ({
    position: i,
    code: d.code ?? null,
    name: cleanText(d.name),
    form: d.form,
    requiredCount: d.requiredCount,
    providedCount: d.providedCount,
    providedForm: d.providedForm ?? (d.form === 'original_or_copy' ? null : defaultHandedForm(d.form)),
    required: d.required,
  }));
  if (input.serviceType !== 'return' && documents.every((d) => d.providedCount === 0)) {
    throw new DomainError('EMPTY_CHECKLIST', 'Công dân chưa nộp giấy tờ nào: không thể tiếp nhận hồ sơ trống.', 'documents');
  }
  return { parties, documents, missing: missingDocuments(documents) };
}

/**
 * Checks an intake completely without writing anything: the same refusals as accepting it, and the
 * plan of the rows it would write. The customer display shows this plan before the clerk commits.
 */
export function checkAcceptance(ctx: ServiceContext, rawInput: unknown, actor: Actor): AcceptPlan {
  // Checked once: by the IPC registry when the call came from a screen (neither this nor
  // writeAcceptance changes the input), else here.
  const input = parseOnce(AcceptDossierInput, rawInput);
  assertNotReconciling(ctx.db);
  const proc = getProcedure(ctx.db, input.procedureCode);
  if (!proc) throw new DomainError('UNKNOWN_PROCEDURE', 'Thủ tục không có trong danh mục.', 'procedureCode');
  if (proc.inPersonOnly) {
    throw new DomainError(
      'IN_PERSON_ONLY',
      `Thủ tục “${proc.name}” yêu cầu công dân trực tiếp đến cơ quan, không nhận gửi qua bưu điện. ${proc.inPersonReason ?? ''}`.trim(),
      'procedureCode',
    );
  }
  const { parties, documents, missing } = checkPeopleAndPapers(ctx, input);
  const sender = parties[0]!;

  let returnAddress: string | null = null;
  let returnProvince: string | null = null;
  let returnCommune: string | null = null;
  let pickupBranch: string | null = null;
  if (input.returnMethod === 'home') {
    if (!input.returnAddress) throw new DomainError('NO_RETURN_ADDRESS', 'Hãy nhập địa chỉ nhận kết quả.', 'returnAddress');
    checkCommune(ctx, input.returnAddress.provinceCode, input.returnAddress.communeCode, 'returnAddress.communeCode');
    returnAddress = cleanText(input.returnAddress.address);
    returnProvince = input.returnAddress.provinceCode;
    returnCommune = input.returnAddress.communeCode;
  } else if (input.returnMethod === 'pickup') {
    const self = prep(ctx.db, 'SELECT branch_code FROM counters WHERE id = ?').get(actor.counterId) as { branch_code: string } | undefined;
    pickupBranch = input.pickupBranchCode || self?.branch_code || null;
  }

  // Fees: the amount is set by law per category; the clerk picks the category, the amount must match.
  let feeCategory: string | null = input.feeCategory ?? null;
  if (proc.fees.length > 0) {
    if (!feeCategory) feeCategory = proc.fees[0]!.category;
    const fee = proc.fees.find((f) => f.category === feeCategory);
    if (!fee) throw new DomainError('BAD_FEE_CATEGORY', 'Đối tượng thu phí không có trong biểu phí của thủ tục.', 'feeCategory');
    if (fee.amount !== input.feeAmount) {
      throw new DomainError('FEE_MISMATCH', `Phí, lệ phí phải đúng biểu phí: ${fee.label} là ${fee.amount.toLocaleString('vi-VN')} đồng.`, 'feeAmount');
    }
  }
  let agencyDossierCode: string | null = null;
  if (input.agencyDossierCode) agencyDossierCode = must(parseAgencyDossierCode(input.agencyDossierCode), 'agencyDossierCode').value;

  const meta = metaFor(ctx, actor);
  const reference = ctx.reference();
  const { transit } = reference;
  // A procedure's agency is in the catalogue with it (foreign key).
  const agency = getAgencyPlace(ctx.db, proc.agencyCode)!;
  const from = { provinceCode: sender.provinceCode ?? agency.provinceCode, communeCode: sender.communeCode ?? undefined };
  const route = classifyRoute(from, { provinceCode: agency.provinceCode, communeCode: agency.communeCode ?? undefined }, transit);
  const dates = input.serviceType === 'return' ? { jDate: reference.calendar.workingDayOnOrAfter(meta.date), transitDeadline: null, appointmentEstimate: null } : datesFor(reference, meta.date, route, agency, proc);

  return {
    input,
    proc,
    parties,
    documents,
    missing,
    returnTo: { address: returnAddress, province: returnProvince, commune: returnCommune, pickupBranch },
    feeCategory,
    agencyDossierCode,
    dates: { ...dates, route },
    meta,
  };
}

type Dates = Omit<AcceptPlan['dates'], 'route'>;

/**
 * The J date, transit deadline and appointment of an intake: a function of the reference data, the
 * date, the route, the agency's place and the procedure's time limit only, so kept per reference data
 * (one entry per procedure and route a counter takes in on a date: the calendar walk is done once).
 */
const datesMemo = new WeakMap<object, Map<string, Dates>>();

function datesFor(reference: { calendar: WorkCalendar; transit: TransitLimits }, date: string, route: RouteClass, agency: { provinceCode: string; communeCode: string | null }, proc: { processingDays: number; processingUnit: 'working' | 'calendar' }): Dates {
  let memo = datesMemo.get(reference);
  if (!memo) {
    memo = new Map();
    datesMemo.set(reference, memo);
  }
  const key = `${date}|${route}|${agency.provinceCode}|${agency.communeCode ?? ''}|${proc.processingDays}|${proc.processingUnit}`;
  let dates = memo.get(key);
  if (dates === undefined) {
    const { calendar, transit } = reference;
    const jDate = calendar.workingDayOnOrAfter(date);
    dates = {
      jDate,
      transitDeadline: transitDeadline(calendar, jDate, route, false, transit, { provinceCode: agency.provinceCode, communeCode: agency.communeCode ?? undefined }),
      appointmentEstimate: estimateAppointment(calendar, transit, jDate, route, proc.processingDays, proc.processingUnit),
    };
    // Bounded: a counter's procedures and routes of one date are far fewer; past dates are dropped.
    if (memo.size >= 1000) memo.clear();
    memo.set(key, dates);
  }
  return dates;
}

/**
 * Tiếp nhận: checks (checkAcceptance), then writes every row of the intake, all in one transaction:
 * the checks' reads share its snapshot instead of each opening its own (a refusal rolls back a
 * transaction that wrote nothing).
 */
export function acceptDossier(ctx: ServiceContext, rawInput: unknown, actor: Actor): AcceptResult {
  return ctx.db.transaction(() => writeAcceptance(ctx, checkAcceptance(ctx, rawInput, actor), actor))();
}

/** Writes the rows of a checked intake; inside the caller's transaction (acceptDossier). */
function writeAcceptance(ctx: ServiceContext, plan: AcceptPlan, actor: Actor): AcceptResult {
  const { input, proc, parties, documents, missing, feeCategory, agencyDossierCode, meta } = plan;
  const { route, transitDeadline: transitDl, appointmentEstimate: estimate } = plan.dates;
  const body = {
    type: 'accepted' as const,
    serviceType: input.serviceType,
    returnMethod: input.returnMethod,
    complete: missing.length === 0,
    missing,
    reclaimOldPapers: proc.reclaimOldPapers,
    feeDueOnDelivery: input.feeCollectedNow ? 0 : input.feeAmount,
  };
  const snap = must(initialSnapshot(body));

  const id = ctx.ids.uuid();
  const itemNumber = issueItemNumber(ctx.db, actor.counterId);
  const record: DossierRecord = {
    id,
    itemNumber,
    serviceType: input.serviceType,
    procedureCode: proc.code,
    agencyCode: proc.agencyCode,
    originCounterId: actor.counterId,
    acceptedAt: meta.at,
    acceptedBy: actor.clerkId,
    acceptedDate: meta.date,
    complete: snap.complete,
    returnMethod: input.returnMethod,
    returnAddress: plan.returnTo.address,
    returnProvinceCode: plan.returnTo.province,
    returnCommuneCode: plan.returnTo.commune,
    pickupBranchCode: plan.returnTo.pickupBranch,
    feeCategory,
    feeAmount: input.feeAmount,
    postageAmount: input.postageAmount,
    feeDueOnDelivery: body.feeDueOnDelivery,
    paymentMethod: input.paymentMethod,
    route,
    transitDeadline: transitDl,
    appointmentEstimate: estimate,
    parties,
    documents,
  };
  // Written with its one event counted (the accepted event below).
  insertDossierRow(ctx, record, { state: snap.state, reclaimOldPapers: proc.reclaimOldPapers, agencyDossierCode, at: meta.at, eventCount: 1 });
  appendEvent(ctx, id, itemNumber, 1, { ...body, ...meta } as DossierEvent, record);
  const ledgerBase = { at: meta.at, businessDate: meta.date, clerkId: actor.clerkId, counterId: actor.counterId, dossierId: id, paymentMethod: input.paymentMethod, reversesOpId: null, note: null };
  const ledger: LedgerRecord[] = [];
  if (input.feeCollectedNow && input.feeAmount > 0) ledger.push({ ...ledgerBase, kind: 'agency_fee', amount: input.feeAmount, agencyCode: proc.agencyCode });
  if (input.postageAmount > 0) ledger.push({ ...ledgerBase, kind: 'postage', amount: input.postageAmount, agencyCode: null });
  postLedgerRows(ctx, ledger);
  audit(ctx.db, actor, meta.at, 'dossier.accept', 'dossier', id, { itemNumber, procedure: proc.code, complete: snap.complete, missing: missing.length });
  return { dossierId: id, itemNumber };
}

/** Records documents brought later; the dossier becomes complete when every required one is there. */
export function supplementDossier(ctx: ServiceContext, rawInput: unknown, actor: Actor): void {
  const input = parseInput(SupplementInput, rawInput);
  ctx.db.transaction(() => {
    const row = getDossierRow(ctx.db, input.dossierId);
    const docs = prep(ctx.db, 'SELECT position, name, form, required_count, provided_count, provided_form, required FROM dossier_documents WHERE dossier_id = ?').all(row.id) as {
      position: number;
      name: string;
      form: DocumentRecord['form'];
      required_count: number;
      provided_count: number;
      provided_form: DocumentRecord['providedForm'];
      required: number;
    }[];
    const added: string[] = [];
    const upd = prep(ctx.db, 'UPDATE dossier_documents SET provided_count = ?, provided_form = ? WHERE dossier_id = ? AND position = ?');
    for (const s of input.documents) {
      const d = docs.find((x) => x.position === s.position);
      if (!d) throw new DomainError('BAD_DOCUMENT', 'Giấy tờ không có trong danh sách của hồ sơ.', 'documents');
      // The paper in the right form replaces one handed in the wrong form (a copy where the original is needed).
      const form = s.providedForm ?? d.provided_form;
      const fixesForm = s.providedForm != null && s.providedForm !== d.provided_form;
      if (s.providedCount <= d.provided_count && !fixesForm) continue;
      upd.run(Math.max(s.providedCount, d.provided_count), form, row.id, s.position);
      d.provided_count = Math.max(s.providedCount, d.provided_count);
      d.provided_form = form;
      added.push(d.name);
    }
    const complete = missingDocuments(docs.map((d) => ({ name: d.name, form: d.form, requiredCount: d.required_count, providedCount: d.provided_count, providedForm: d.provided_form, required: d.required === 1 }))).length === 0;
    const meta = metaFor(ctx, actor);
    recordEvent(ctx, row, { type: 'supplemented', added, complete }, meta);
    audit(ctx.db, actor, meta.at, 'dossier.supplement', 'dossier', row.id, { added });
  })();
}
