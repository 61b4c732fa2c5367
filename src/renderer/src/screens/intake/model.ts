/**
 * The intake form's values (what the clerk types, as typed) and the one schema F10 runs through the
 * zod resolver: first the quick checks with the shared validators (identity numbers, phones, a
 * procedure picked, an address for home delivery), then the values turned into the use case's input
 * and checked with the shared AcceptDossierInput, the same schema the service parses. Error paths
 * are those of AcceptDossierInput, so the service's refusals land on the same fields.
 */
import { z } from 'zod';
import type { Place, ProcedureDto } from '../../../../shared/ipc/contract';
import { checkIdNumber, checkNationality, checkPersonName, normalizePhone, VIETNAM } from '../../../../shared/people';
import type { IdKind } from '../../../../shared/people';
import { AcceptDossierInput } from '../../../../shared/schemas';
import { defaultHandedForm } from '../../../../shared/checklist';
import type { ReturnMethod, ServiceType } from '../../../../shared/tariff';

export type { ReturnMethod, ServiceType };
export type Pay = 'cash' | 'transfer';
export type ProvidedForm = 'original' | 'copy' | 'certified_copy';

export interface PersonForm {
  idKind: IdKind;
  idNumber: string;
  /** ICAO nationality of a passport ('VNM' by default). */
  nationality: string;
  fullName: string;
  phone: string;
  organisation: string;
  address: string;
  province: Place | null;
  commune: Place | null;
  /** The proxy's authorisation (giấy ủy quyền); unused for the sender. */
  authorisationRef: string;
}

/** One checklist row: the catalogue's requirement, and what the citizen handed in (as typed). */
export interface DocRow {
  code: string;
  name: string;
  form: ProcedureDto['documents'][number]['form'];
  requiredCount: number;
  required: boolean;
  providedCount: string;
  providedForm: ProvidedForm;
}

export interface IntakeForm {
  sender: PersonForm;
  hasProxy: boolean;
  proxy: PersonForm;
  procedureCode: string;
  documents: DocRow[];
  serviceType: ServiceType;
  returnMethod: ReturnMethod;
  feeCategory: string;
  feeAmount: string;
  postageAmount: string;
  paymentMethod: Pay;
}

export const SERVICES = [
  { value: 'both', label: 'Gửi hồ sơ và nhận kết quả' },
  { value: 'send', label: 'Chỉ gửi hồ sơ' },
  { value: 'return', label: 'Chỉ nhận kết quả' },
] as const;

export const RETURN_METHODS = [
  { value: 'pickup', label: 'Nhận tại bưu cục' },
  { value: 'home', label: 'Phát tận địa chỉ' },
  { value: 'none', label: 'Không nhận qua bưu điện' },
] as const;

export const emptyPerson = (): PersonForm => ({ idKind: 'cccd', idNumber: '', nationality: VIETNAM, fullName: '', phone: '', organisation: '', address: '', province: null, commune: null, authorisationRef: '' });

/** Postage starts empty: it is filled from the province's tariff as soon as that arrives. */
export const emptyIntake = (): IntakeForm => ({
  sender: emptyPerson(),
  hasProxy: false,
  proxy: emptyPerson(),
  procedureCode: '',
  documents: [],
  serviceType: 'both',
  returnMethod: 'pickup',
  feeCategory: '',
  feeAmount: '0',
  postageAmount: '',
  paymentMethod: 'cash',
});

/**
 * The checklist of a procedure as the clerk starts it (issue #16 §4, fewer keys): each required paper
 * at its required count and form, so the clerk changes only what the citizen lacks; optional papers
 * start at 0. What is short or in the wrong form is listed as missing as soon as it is changed.
 */
export function checklistOf(p: ProcedureDto): DocRow[] {
  return p.documents.map((d) => ({
    code: d.code,
    name: d.name,
    form: d.form,
    requiredCount: d.count,
    required: d.required,
    providedCount: d.required ? String(d.count) : '0',
    providedForm: defaultHandedForm(d.form),
  }));
}

/** "135.000", "135000", "135 000 ₫" → 135000; "12,5" → 12.5 (refused as not whole đồng). */
export function parseDong(s: string): number {
  const t = s.replace(/[\s₫đĐ]/g, '').replace(/\./g, '').replace(',', '.');
  if (t === '') return Number.NaN;
  return Number(t);
}

type Issue = (path: string, message: string) => void;

function checkPerson(p: PersonForm, prefix: 'sender' | 'proxy', needPhone: boolean, issue: Issue): void {
  let nationality: string = VIETNAM;
  if (p.idKind === 'passport') {
    const n = checkNationality(p.nationality);
    if (!n.ok) issue(`${prefix}.nationality`, n.message);
    else nationality = n.value;
  }
  const id = checkIdNumber(p.idKind, p.idNumber, undefined, nationality);
  if (!id.ok) issue(`${prefix}.idNumber`, id.message);
  const name = checkPersonName(p.fullName, { foreign: nationality !== VIETNAM });
  if (!name.ok) issue(`${prefix}.fullName`, name.message);
  if (needPhone || p.phone.trim()) {
    const ph = normalizePhone(p.phone);
    if (!ph.ok) issue(`${prefix}.phone`, ph.message);
  }
}

/** The quick checks with the shared validators, in the order of the form (the service checks again). */
export function precheck(f: IntakeForm, issue: Issue): void {
  checkPerson(f.sender, 'sender', true, issue);
  if (f.hasProxy) {
    checkPerson(f.proxy, 'proxy', false, issue);
    if (!f.proxy.authorisationRef.trim()) issue('proxy.authorisationRef', 'Chưa nhập số/ngày giấy ủy quyền.');
  }
  if (!f.procedureCode) issue('procedureCode', 'Chưa chọn thủ tục.');
  const s = f.sender;
  if (f.serviceType !== 'send' && f.returnMethod === 'home' && (!s.address.trim() || !s.province || !s.commune)) {
    issue('returnAddress', 'Phát tận địa chỉ: cần địa chỉ, tỉnh và xã/phường của người gửi.');
  }
}

const person = (p: PersonForm) => ({
  fullName: p.fullName,
  idKind: p.idKind,
  idNumber: p.idNumber,
  nationality: p.idKind === 'passport' ? p.nationality.trim().toUpperCase() || null : null,
  phone: p.phone.trim() || null,
  email: null,
  address: p.address.trim() || null,
  provinceCode: p.province?.code ?? null,
  communeCode: p.commune?.code ?? null,
  organisation: p.organisation.trim() || null,
});

/** The form as the use case's input (before AcceptDossierInput checks it). */
export function toAcceptInput(f: IntakeForm): z.input<typeof AcceptDossierInput> {
  const home = f.returnMethod === 'home' && f.serviceType !== 'send';
  return {
    serviceType: f.serviceType,
    procedureCode: f.procedureCode,
    sender: person(f.sender),
    proxy: f.hasProxy ? { ...person(f.proxy), authorisationRef: f.proxy.authorisationRef } : null,
    recipient: null,
    documents: f.documents.map((d) => ({
      code: d.code,
      name: d.name,
      form: d.form,
      requiredCount: d.requiredCount,
      providedCount: Number(d.providedCount.trim() === '' ? Number.NaN : d.providedCount),
      providedForm: d.providedForm,
      required: d.required,
    })),
    returnMethod: f.serviceType === 'send' ? 'none' : f.returnMethod,
    returnAddress: home && f.sender.province && f.sender.commune ? { address: f.sender.address, provinceCode: f.sender.province.code, communeCode: f.sender.commune.code } : null,
    pickupBranchCode: null,
    feeCategory: f.feeCategory || null,
    feeAmount: parseDong(f.feeAmount),
    feeCollectedNow: true,
    postageAmount: parseDong(f.postageAmount),
    paymentMethod: f.paymentMethod,
    agencyDossierCode: null,
  };
}

/** What F10 validates: form values in, the use case's input out. */
export const intakeSchema = z
  .custom<IntakeForm>()
  .superRefine((f, ctx) => precheck(f, (path, message) => ctx.addIssue({ code: 'custom', path: path.split('.'), message })))
  .transform(toAcceptInput)
  .pipe(AcceptDossierInput);

export type AcceptInput = z.output<typeof intakeSchema>;

/** The first error of a (nested) error object, in the order the schema reported them. */
export function firstMessage(errors: unknown): string | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const e = errors as { message?: unknown; type?: unknown };
  if (typeof e.message === 'string' && e.type !== undefined) return e.message;
  for (const [k, v] of Object.entries(errors)) {
    if (k === 'ref') continue;
    const m = firstMessage(v);
    if (m) return m;
  }
  return undefined;
}
