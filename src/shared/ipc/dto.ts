/**
 * Output types of the contract: the plain objects the screens receive. The services
 * (src/main/services/*) return these very types, so main and the renderer share one definition.
 */
import type { DeadlineStatus, DossierEventType, DossierState, ServiceType } from '../dossier';
import type { DocumentRecord, PartyRecord } from '../sync-ops';
import type { IntakeTariff } from '../tariff';
import type { DossierCaseEvent } from './case-dto';

export type { DocumentRecord, IntakeTariff, PartyRecord };

export interface DossierSummary {
  id: string;
  itemNumber: string;
  itemNumberDisplay: string;
  state: DossierState;
  stateLabel: string;
  serviceType: ServiceType;
  procedureName: string;
  agencyCode: string;
  agencyName: string;
  senderName: string;
  acceptedAt: number;
  complete: boolean;
  deadline: { date: string | null; status: DeadlineStatus; label: string; what: string };
}

export interface TimelineEntry {
  seq: number;
  type: DossierEventType;
  label: string;
  at: number;
  actorId: string;
  actorName: string | null;
  counterId: string;
  detail: Record<string, unknown>;
  origin: 'local' | 'remote';
  /** A local event the hub decided against (another counter acted first). */
  superseded: boolean;
}

export interface DossierView extends DossierSummary {
  /** Set when the dossier is opened by its item number (a scan) and it is on the overdue list. */
  overdue?: { label: string; daysOverdue: number; deadline: string } | null;
  procedureCode: string;
  serviceLabel: string;
  originCounterId: string;
  acceptedBy: string;
  acceptedDate: string;
  returnMethod: 'pickup' | 'home' | 'none';
  returnAddress: string | null;
  pickupBranchCode: string | null;
  parties: PartyRecord[];
  documents: DocumentRecord[];
  missing: string[];
  feeCategory: string | null;
  feeAmount: number;
  postageAmount: number;
  total: number;
  feeDueOnDelivery: number;
  paymentMethod: 'cash' | 'transfer' | null;
  reclaimOldPapers: boolean;
  route: string;
  transitDeadline: string | null;
  appointmentEstimate: string | null;
  appointmentDate: string | null;
  agencyDossierCode: string | null;
  batchId: string | null;
  filedAt: number | null;
  resultCollectedAt: number | null;
  returnDeadline: string | null;
  deliveryAttempts: number;
  nextInvitationDate: string | null;
  closeReason: string | null;
  timeline: TimelineEntry[];
  /** Complaints, losses and compensation about this dossier, oldest first (issue 13). */
  caseEvents: DossierCaseEvent[];
}

export interface ProcedureHit {
  code: string;
  name: string;
  field: string;
  agencyName: string;
  inPersonOnly: boolean;
  verified: boolean;
  /** Offered because nothing matched the query: the closest procedures, not a match. */
  approximate?: boolean;
}

export interface ProcedureDto {
  code: string;
  name: string;
  field: string;
  agencyCode: string;
  agencyName: string;
  processingDays: number;
  processingUnit: 'working' | 'calendar';
  processingNote: string | null;
  inPersonOnly: boolean;
  inPersonReason: string | null;
  reclaimOldPapers: boolean;
  reclaimNote: string | null;
  verified: boolean;
  documents: { code: string; name: string; form: 'original' | 'copy' | 'original_or_copy' | 'certified_copy'; count: number; required: boolean; note: string | null }[];
  fees: { category: string; label: string; amount: number }[];
}

export interface AgencyDto {
  code: string;
  name: string;
  shortName: string;
  address: string;
}

export interface Place {
  code: string;
  name: string;
  fullName: string;
}

export interface PendingGroup {
  agencyCode: string;
  agencyName: string;
  dossiers: DossierSummary[];
}

export interface BatchDto {
  id: string;
  agencyCode: string;
  agencyName: string;
  state: 'open' | 'filed';
  createdAt: number;
  filedAt: number | null;
  receivingOfficer: string | null;
  dossierIds: string[];
}

export interface LookupResult {
  kind: 'item' | 'id' | 'phone' | 'name';
  warning: string | null;
  results: DossierSummary[];
}

export interface PrintResult {
  queued: boolean;
  jobId: string | null;
  message: string;
  /** The A4 document it saved in documents/ (sealed), by name, for a readable copy (document.copy). */
  document?: string;
}

export interface AcceptOutput {
  dossierId: string;
  itemNumber: string;
  view: DossierView;
  print: PrintResult;
}

/** A print job as the queue screen shows it (the print service returns this type). */
export interface PrintJobDto {
  id: string;
  seq: number;
  printerId: string;
  kind: string;
  title: string;
  ref: string | null;
  state: 'queued' | 'sending' | 'done' | 'sent_unconfirmed' | 'failed' | 'needs_attention';
  stateLabel: string;
  copyNo: number;
  originalId: string | null;
  autoAttempts: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  lastError: string | null;
  resolution: 'reprinted' | 'marked_printed' | null;
  needsAction: boolean;
}

export interface PrinterStatusDto {
  printerId: string;
  name: string;
  widthMm: number;
  state: string;
  label: string;
  busy: boolean;
  queued: number;
  needsAction: number;
  checkedAt: number | null;
}

export type PrinterTransportDto =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'spooler'; printerName: string }
  | { kind: 'file'; path: string };

export interface PrinterProfileDto {
  id: string;
  name: string;
  model: string;
  widthMm: 58 | 80;
  dots: 384 | 576;
  transport: PrinterTransportDto | { kind: string };
  cutter: boolean;
  drawer: boolean;
  isDefault: boolean;
}

/** The sync worker's state as the status bar and the sync screen show it (the worker returns this type). */
export interface SyncStateDto {
  status: 'synced' | 'pending' | 'offline' | 'error';
  pending: number;
  offlineSince: number | null;
  rejected: number;
  clockSkewMs: number | null;
  lastSyncAt: number | null;
  lastError: string | null;
  enrolled: boolean;
  nextAttemptAt: number | null;
  /** Not an error, but something the counter waits for (after a restore: intake until the first sync). */
  notice: string | null;
  /** A pull of several pages under way (a new counter's first pull): changes received, of how many. */
  pullProgress?: { received: number; total: number | null } | null;
}

export interface SyncInfoDto {
  state: SyncStateDto;
  hubUrl: string | null;
  branchCode: string | null;
  available: boolean;
}

export interface RejectedOpDto {
  seq: number;
  opId: string;
  kind: string;
  dossierId: string | null;
  itemNumber: string | null;
  action: string;
  code: string;
  reason: string;
  winningEventId: string | null;
  createdAt: number;
  answeredAt: number | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
}
