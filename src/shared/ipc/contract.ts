/**
 * THE IPC contract: every call the renderer can make. Each channel has a name, a strict zod input
 * schema, the role it needs, and its output type. The channels are grouped by capability, one file
 * each in ./channels/ (a new capability adds a file and its name below); main answers each group
 * with the handler table of the same name (src/main/ipc/handlers/<capability>.ts), the preload builds
 * `window.api` from these names, and the renderer uses nothing else.
 */
import { assemble } from './define';
import { adminChannels } from './channels/admin';
import { casesChannels } from './channels/cases';
import { catalogueChannels } from './channels/catalogue';
import { dispatchChannels } from './channels/dispatch';
import { handoverChannels } from './channels/handover';
import { intakeChannels } from './channels/intake';
import { lookupChannels } from './channels/lookup';
import { printChannels } from './channels/print';
import { resultsChannels } from './channels/results';
import { sessionChannels } from './channels/session';
import { statusChannels } from './channels/status';
import { syncChannels } from './channels/sync';
import { managerChannels } from './channels/manager';
import { setupChannels } from './channels/setup';
import { privacyChannels } from './channels/privacy';
import { recoveryChannels } from './channels/recovery';
import { displayChannels } from './channels/display';
import { documentsChannels } from './channels/documents';

export type * from './dto';
export type * from './case-dto';
export type { ClerkInfo, SessionInfo } from './channels/session';
export type { StatusInfo } from './channels/status';
export type { HubProbeDto, IdentityDto, SetupStateDto, SetupStep, SetupStepDto, SetupSummaryDto } from './channels/setup';
export type { IntakePreview } from './channels/intake';
export { PrinterProfileInput } from './channels/print';
export type { CaseWithPrint } from './channels/cases';
export type { CitizenExportResult, CitizenRequestRow } from './channels/privacy';
export type { RecoveryCodeDto } from './channels/recovery';
export type { DocumentCopy } from './channels/documents';
export type { CustomerScreen, CustomerSummary, DisplayFrame, IntakeChoices, IntakeDefaults } from './channels/display';

export const contract = assemble(
  sessionChannels,
  statusChannels,
  catalogueChannels,
  intakeChannels,
  dispatchChannels,
  resultsChannels,
  handoverChannels,
  adminChannels,
  lookupChannels,
  printChannels,
  syncChannels,
  managerChannels,
  setupChannels,
  casesChannels,
  privacyChannels,
  recoveryChannels,
  displayChannels,
  documentsChannels,
);

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
export const channelNames = Object.keys(contract) as ChannelName[];
