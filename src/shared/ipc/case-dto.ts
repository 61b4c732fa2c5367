/** Plain DTOs of complaints, losses and compensation (issue 13) for the screens and the prints. */
import type { CaseEventType, CaseKind, ComplaintRecord, CompensationRecord, LossRecord } from '../cases';
import type { DeadlineStatus } from '../dossier';

export interface CaseSummary {
  id: string;
  kind: CaseKind;
  kindLabel: string;
  /** Complaint: KN-…; loss and compensation: null. */
  number: string | null;
  itemNumber: string | null;
  itemNumberDisplay: string | null;
  dossierId: string | null;
  /** One line: the complainant and the kind, or what was lost, or the payee and amount. */
  title: string;
  state: string;
  stateLabel: string;
  openedAt: number;
  openedDate: string;
  /** Complaint: the settling deadline (null when out of time). */
  deadline: string | null;
  deadlineStatus: DeadlineStatus;
  deadlineLabel: string;
  /** Complaint received within the 6-month time bar. */
  inTime: boolean | null;
  /** Compensation: the amount decided. */
  amount: number | null;
  origin: 'local' | 'remote';
}

export interface CaseEventView {
  seq: number;
  type: CaseEventType;
  label: string;
  at: number;
  date: string;
  actorId: string;
  actorName: string | null;
  counterId: string;
  /** The answer, the note, or the payment, in words for the screen. */
  text: string;
  /** A local event the hub refused (another counter acted first): kept, shown struck out. */
  superseded: boolean;
}

export type CaseRecord = { kind: 'complaint'; complaint: ComplaintRecord } | { kind: 'loss'; loss: LossRecord } | { kind: 'compensation'; compensation: CompensationRecord };

export interface CaseView extends CaseSummary {
  record: CaseRecord;
  events: CaseEventView[];
  /** Loss: its compensation(s); compensation: its loss. */
  linked: CaseSummary[];
  /** Compensation paid: the ledger entry's id (its receipt number) and how it was paid. */
  ledgerId: number | null;
  paymentMethod: 'cash' | 'transfer' | null;
}

/** A case event as the dossier's timeline shows it. */
export interface DossierCaseEvent {
  caseId: string;
  kind: CaseKind;
  number: string | null;
  type: CaseEventType;
  label: string;
  at: number;
  actorName: string | null;
  text: string;
}
