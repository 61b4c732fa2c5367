/**
 * THE IPC contract: every call the renderer can make. Each channel has a name, a strict zod input
 * schema, the role it needs, and its output type. Main registers one handler per channel
 * (src/main/ipc/handlers.ts), the preload builds `window.api` from these names, and the renderer
 * uses nothing else.
 */
import { z } from 'zod';
import {
  AcceptDossierInput,
  CollectResultInput,
  CreateBatchInput,
  DeliveryAttemptInput,
  HandOverInput,
  LookupInput,
  ReasonInput,
  RecordAppointmentInput,
  RecordFilingInput,
  RemoveFromBatchInput,
  SupplementInput,
} from '../schemas';
import { channel } from './define';
import type { Role } from './define';
import type {
  AcceptOutput,
  AgencyDto,
  BatchDto,
  DossierSummary,
  DossierView,
  IntakeTariff,
  LookupResult,
  PendingGroup,
  Place,
  PrintJobDto,
  RejectedOpDto,
  SyncInfoDto,
  PrinterProfileDto,
  PrinterStatusDto,
  PrintResult,
  ProcedureDto,
  ProcedureHit,
} from './dto';

export type * from './dto';

const jobRef = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** What the printer settings form sends; main completes and validates it as a printer profile. */
export const PrinterProfileInput = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.' }),
    name: z.string().trim().min(1, { error: 'Hãy nhập tên máy in.' }).max(80),
    model: z.string().trim().min(1, { error: 'Hãy nhập kiểu máy in.' }).max(80),
    widthMm: z.union([z.literal(58), z.literal(80)], { error: 'Khổ giấy phải là 58 mm hoặc 80 mm.' }),
    transport: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('tcp'), host: z.string().trim().min(1, { error: 'Hãy nhập địa chỉ IP của máy in.' }).max(100), port: z.number({ error: 'Cổng phải là số.' }).int().min(1, { error: 'Cổng phải từ 1 đến 65535.' }).max(65535, { error: 'Cổng phải từ 1 đến 65535.' }) }).strict(),
      z.object({ kind: z.literal('spooler'), printerName: z.string().trim().min(1, { error: 'Hãy nhập tên máy in trong Windows.' }).max(200) }).strict(),
      z.object({ kind: z.literal('file'), path: z.string().trim().min(1, { error: 'Hãy nhập đường dẫn tệp.' }).max(500) }).strict(),
    ]),
    cutter: z.boolean(),
    drawer: z.boolean(),
  })
  .strict();
export type PrinterProfileInput = z.infer<typeof PrinterProfileInput>;

export interface ClerkInfo {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface SessionInfo {
  /** First run: the admin account has no password yet. */
  needsSetup: boolean;
  setupUsername: string | null;
  clerk: ClerkInfo | null;
  locked: boolean;
  counter: { id: string; name: string; branchName: string };
  /** This application's version (package.json): what the helpdesk asks for. */
  appVersion: string;
}

export interface IntakePreview {
  /** J: the day the dossier counts as accepted (the next working day when today is not one). */
  jDate: string;
  route: string;
  routeLabel: string;
  transitDeadline: string | null;
  appointmentEstimate: string | null;
}

export interface StatusInfo {
  printer: { state: 'ready' | 'busy' | 'error' | 'none'; label: string };
  sync: { state: 'ok' | 'pending' | 'offline' | 'none'; label: string; pending: number };
  /** Server clock, ms since the epoch (the clerk sees the time from main, not from the renderer). */
  now: number;
}

const username = z.string().trim().min(1, 'Chưa nhập tên đăng nhập.').max(64);
const password = z.string().min(1, 'Chưa nhập mật khẩu.').max(128);
const empty = z.object({}).strict();

export const contract = {
  'session.get': channel<SessionInfo>()(empty, 'public'),
  'session.setupAdmin': channel<SessionInfo>()(z.object({ username, password, confirm: password }).strict(), 'public'),
  'session.login': channel<SessionInfo>()(z.object({ username, password }).strict(), 'public'),
  'session.logout': channel<SessionInfo>()(empty, 'public'),
  'session.lock': channel<SessionInfo>()(empty, 'clerk'),
  'session.unlock': channel<SessionInfo>()(z.object({ password }).strict(), 'public'),
  'session.changePassword': channel<SessionInfo>()(
    z.object({ oldPassword: password, newPassword: password, confirm: password }).strict(),
    'clerk',
  ),
  'clerks.list': channel<ClerkInfo[]>()(empty, 'manager'),
  'clerks.create': channel<ClerkInfo>()(
    z.object({ username, fullName: z.string().trim().min(1, 'Chưa nhập họ tên.').max(100), role: z.enum(['clerk', 'manager', 'admin']), password }).strict(),
    'admin',
  ),
  'status.get': channel<StatusInfo>()(empty, 'public'),

  'catalogue.search': channel<ProcedureHit[]>()(z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).optional() }).strict(), 'clerk'),
  'catalogue.get': channel<ProcedureDto>()(z.object({ code: z.string().min(1).max(40) }).strict(), 'clerk'),
  'catalogue.agencies': channel<AgencyDto[]>()(empty, 'clerk'),
  'reference.provinces': channel<Place[]>()(empty, 'clerk'),
  'reference.communes': channel<Place[]>()(z.object({ provinceCode: z.string().min(1).max(3) }).strict(), 'clerk'),
  /** The province's postage tariff (every service × return method priced) and the account for VietQR transfers. */
  'reference.tariff': channel<IntakeTariff>()(empty, 'clerk'),

  'intake.preview': channel<IntakePreview>()(
    z
      .object({
        procedureCode: z.string().min(1).max(40),
        serviceType: z.enum(['send', 'return', 'both']),
        provinceCode: z.string().max(3).nullable().optional(),
        communeCode: z.string().max(5).nullable().optional(),
      })
      .strict(),
    'clerk',
  ),
  'intake.accept': channel<AcceptOutput>()(AcceptDossierInput, 'clerk'),
  'intake.supplement': channel<DossierView>()(SupplementInput, 'clerk'),

  'dispatch.pending': channel<PendingGroup[]>()(empty, 'clerk'),
  'dispatch.openBatches': channel<BatchDto[]>()(empty, 'clerk'),
  'dispatch.createBatch': channel<BatchDto>()(CreateBatchInput, 'clerk'),
  'dispatch.removeFromBatch': channel<BatchDto>()(RemoveFromBatchInput, 'clerk'),
  'dispatch.recordFiling': channel<BatchDto>()(RecordFilingInput, 'clerk'),
  'dispatch.awaitingAppointment': channel<DossierSummary[]>()(empty, 'clerk'),
  'dispatch.recordAppointment': channel<DossierView>()(RecordAppointmentInput, 'clerk'),

  'results.collect': channel<DossierView>()(CollectResultInput, 'clerk'),
  'results.lists': channel<{ pickup: DossierSummary[]; delivery: DossierSummary[]; toReturn: DossierSummary[] }>()(empty, 'clerk'),

  'handover.handOver': channel<DossierView>()(HandOverInput, 'clerk'),
  'handover.deliveryAttempt': channel<DossierView>()(DeliveryAttemptInput, 'clerk'),
  'handover.returnToAgency': channel<DossierView>()(ReasonInput, 'clerk'),
  'admin.cancel': channel<DossierView>()(ReasonInput, 'manager'),

  'lookup.search': channel<LookupResult>()(LookupInput, 'clerk'),
  'lookup.item': channel<DossierView>()(z.object({ itemNumber: z.string().trim().min(1).max(30) }).strict(), 'clerk'),
  'lookup.get': channel<DossierView>()(z.object({ dossierId: z.string().min(1).max(64) }).strict(), 'clerk'),

  'print.document': channel<PrintResult>()(
    z.object({ kind: z.enum(['intake_receipt', 'fee_receipt', 'missing_documents', 'handover_slip', 'handover_record']), id: z.string().min(1).max(64), copy: z.boolean().optional() }).strict(),
    'clerk',
  ),

  'print.jobs': channel<PrintJobDto[]>()(z.object({ needsAction: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict(), 'clerk'),
  'print.printers': channel<PrinterStatusDto[]>()(z.object({ refresh: z.boolean().optional() }).strict(), 'clerk'),
  'print.reprint': channel<{ jobId: string; copyNo: number; message: string }>()(jobRef, 'clerk'),
  'print.markPrinted': channel<PrintJobDto>()(jobRef, 'clerk'),
  'print.retry': channel<PrintJobDto>()(jobRef, 'clerk'),
  'print.testPage': channel<{ jobId: string; message: string }>()(z.object({ printerId: z.string().min(1).max(60).optional() }).strict(), 'manager'),
  'print.settings': channel<{ profiles: PrinterProfileDto[]; templates: PrinterProfileDto[] }>()(empty, 'manager'),
  'sync.info': channel<SyncInfoDto>()(empty, 'clerk'),
  'sync.now': channel<SyncInfoDto>()(empty, 'clerk'),
  'sync.enroll': channel<{ counterId: string; counterName: string; branchCode: string; branchName: string }>()(
    z
      .object({
        hubUrl: z.string().trim().min(1, { error: 'Hãy nhập địa chỉ máy chủ tỉnh.' }).max(300),
        code: z.string().trim().min(4, { error: 'Hãy nhập mã đăng ký do CNTT tỉnh cấp.' }).max(100),
      })
      .strict(),
    'admin',
  ),
  'sync.rejected': channel<RejectedOpDto[]>()(z.object({ includeReviewed: z.boolean().optional() }).strict(), 'manager'),
  'sync.acknowledge': channel<RejectedOpDto[]>()(z.object({ seq: z.number().int().positive() }).strict(), 'manager'),
  'print.saveProfile': channel<PrinterProfileDto>()(z.object({ profile: PrinterProfileInput }).strict(), 'manager'),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
export const channelNames = Object.keys(contract) as ChannelName[];
