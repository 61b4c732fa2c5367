/**
 * The answer to a citizen's request for their personal data (Law 91/2025/QH15): what the counter
 * writes as JSON and lays out as the printable A4 (src/main/services/citizen-data.ts,
 * src/main/printing/citizen-data-a4.ts).
 */
import type { PartyRecord } from './sync-ops';

export interface CitizenDossier {
  itemNumber: string;
  procedure: string;
  agency: string;
  service: string;
  state: string;
  acceptedAt: number;
  /** This person's own records in the dossier (sender, proxy, recipient). */
  asParty: PartyRecord[];
  returnMethod: string;
  returnAddress: string | null;
  documents: { name: string; provided: number }[];
  feeAmount: number;
  postageAmount: number;
  appointmentDate: string | null;
  history: { at: number; label: string }[];
}

export interface CitizenData {
  format: 'quay-hcc.citizen-data';
  formatVersion: 1;
  requestId: string;
  generatedAt: string;
  heldBy: { office: string; branch: string; counter: string };
  subject: { idKind: string; idNumber: string };
  purposes: string[];
  retention: { counterDays: number; hubYears: number };
  dossiers: CitizenDossier[];
  cases: { kind: string; number: string | null; itemNumber: string | null; state: string; openedDate: string; doneDate: string | null }[];
  accesses: { at: number; what: string; itemNumber: string | null }[];
  note: string;
}

