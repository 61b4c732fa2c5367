/**
 * What a counter writes to its outbox, in the same transaction as the change, for the hub.
 * `seq` (the outbox row number) is the counter's own gapless operation number; `opId` is a UUIDv7
 * the hub stores uniquely, so a replay is harmless.
 */
import type { DossierEvent, ReturnMethod, ServiceType, IdKind } from './dossier';
import type { CaseEvent } from './cases';

export interface PartyRecord {
  role: 'sender' | 'proxy' | 'recipient';
  fullName: string;
  idKind: IdKind | null;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  provinceCode: string | null;
  communeCode: string | null;
  organisation: string | null;
  authorisationRef: string | null;
  /** ICAO nationality of a foreign passport; absent for Vietnamese documents. */
  nationality?: string;
}

export interface DocumentRecord {
  position: number;
  code: string | null;
  name: string;
  form: 'original' | 'copy' | 'original_or_copy' | 'certified_copy';
  requiredCount: number;
  providedCount: number;
  providedForm: 'original' | 'copy' | 'certified_copy' | null;
  required: boolean;
}

/** Everything another counter needs to show and continue a dossier it did not take in. */
export interface DossierRecord {
  id: string;
  itemNumber: string;
  serviceType: ServiceType;
  procedureCode: string;
  agencyCode: string;
  originCounterId: string;
  acceptedAt: number;
  acceptedBy: string;
  acceptedDate: string;
  complete: boolean;
  returnMethod: ReturnMethod;
  returnAddress: string | null;
  returnProvinceCode: string | null;
  returnCommuneCode: string | null;
  pickupBranchCode: string | null;
  feeCategory: string | null;
  feeAmount: number;
  postageAmount: number;
  feeDueOnDelivery: number;
  paymentMethod: 'cash' | 'transfer' | null;
  route: string;
  transitDeadline: string | null;
  appointmentEstimate: string | null;
  parties: PartyRecord[];
  documents: DocumentRecord[];
}

/**
 * The ledger's categories. `compensation_paid` (issue 13): a compensation paid out to a citizen for a
 * lost or damaged dossier or result, a negative amount (money leaves the drawer or the account).
 */
export const LEDGER_KINDS = ['agency_fee', 'postage', 'fee_due_collected', 'fee_remitted', 'cash_difference', 'compensation_paid'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerRecord {
  at: number;
  businessDate: string;
  clerkId: string;
  counterId: string;
  dossierId: string | null;
  kind: LedgerKind;
  amount: number;
  paymentMethod: 'cash' | 'transfer';
  agencyCode: string | null;
  reversesOpId: string | null;
  note: string | null;
}

export type SyncOp =
  | { opId: string; kind: 'dossier.event'; dossierId: string; itemNumber: string; eventId: string; event: DossierEvent; dossier?: DossierRecord }
  | { opId: string; kind: 'ledger.entry'; entry: LedgerRecord }
  | CaseOp;

/** A complaint, loss or compensation event (src/shared/cases.ts); `dossierId` is the item it is about, if any. */
export interface CaseOp {
  opId: string;
  kind: 'case.event';
  caseId: string;
  dossierId: string | null;
  eventId: string;
  event: CaseEvent;
}
