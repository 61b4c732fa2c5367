/**
 * The customer display (issue #16 §3): the window or page turned to the citizen. The clerk's F10
 * checks the intake and shows its summary there (display.review); the citizen agrees, the clerk
 * commits (intake.accept, which then shows the item number there); Esc takes it back (display.clear).
 * The display itself waits for changes with display.watch (a long poll: the same call over Electron's
 * IPC and the browser bridge). Also here: what a new intake starts on (intake.defaults).
 */
import { z } from 'zod';
import { AcceptDossierInput } from '../../schemas';
import type { IdKind } from '../../people';
import type { ReturnMethod, ServiceType } from '../../tariff';
import { channel, empty } from '../define';
import type { Place } from '../dto';

/** One line of the amount: the agency's fee, the postage. */
export interface AmountLine {
  label: string;
  amount: number;
}

/** What the citizen checks before the clerk commits, in large type. The ID number is masked. */
export interface CustomerSummary {
  fullName: string;
  idLabel: string;
  idMasked: string;
  proxy: { fullName: string; idMasked: string } | null;
  procedureName: string;
  agencyName: string;
  /** The papers handed in: "Giấy phép lái xe cũ — 1 bản chính". */
  documents: { name: string; count: number; formLabel: string }[];
  missing: string[];
  serviceLabel: string;
  returnLabel: string;
  lines: AmountLine[];
  total: number;
  paymentMethod: 'cash' | 'transfer';
  /** The VietQR payload of the total to the province's account (transfer only). */
  vietQr: { payload: string; bankName: string; accountNumber: string; owner: string; sample: boolean } | null;
  appointmentEstimate: string | null;
}

export type CustomerScreen =
  | { kind: 'idle'; office: string }
  | { kind: 'review'; office: string; summary: CustomerSummary }
  | { kind: 'accepted'; office: string; summary: CustomerSummary; itemNumberDisplay: string; complete: boolean };

/** The display's state and its version: display.watch returns as soon as the version differs from `since`. */
export interface DisplayFrame {
  version: number;
  screen: CustomerScreen;
}

export interface IntakeChoices {
  idKind: IdKind;
  serviceType: ServiceType;
  returnMethod: ReturnMethod;
  paymentMethod: 'cash' | 'transfer';
}

/** What a new intake starts on: the branch's province and commune, and this clerk's last choices. */
export interface IntakeDefaults {
  home: { province: Place | null; commune: Place | null };
  choices: IntakeChoices | null;
}

export const displayChannels = {
  'display.review': channel<CustomerSummary>()(AcceptDossierInput, 'clerk'),
  'display.clear': channel<DisplayFrame>()(empty, 'clerk'),
  /** Public: the display shows no clerk's session, only this counter's screen. */
  'display.watch': channel<DisplayFrame>()(z.object({ since: z.number().int().min(-1) }).strict(), 'public'),
  'intake.defaults': channel<IntakeDefaults>()(empty, 'clerk'),
} as const;
