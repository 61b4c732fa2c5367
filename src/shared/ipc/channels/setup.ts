/**
 * The guided first run after the admin's first password (hub, identity, printer, people, recovery
 * code, summary),
 * each step committed on its own and reachable again from Ctrl+K.
 */
import { z } from 'zod';
import { channel, empty } from '../define';

export const SETUP_STEPS = ['hub', 'identity', 'printer', 'people', 'recovery', 'summary'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const SETUP_STEP_TITLES: Record<SetupStep, string> = {
  hub: 'Máy chủ tỉnh',
  identity: 'Bưu cục và quầy',
  printer: 'Máy in biên nhận',
  people: 'Người dùng',
  recovery: 'Mã khôi phục',
  summary: 'Tóm tắt',
};

export interface IdentityDto {
  counterId: string;
  counterName: string;
  branchCode: string;
  branchName: string;
  provinceCode: string;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  /** Where it came from: the embedded default, typed at this counter, or the hub at enrollment. */
  source: 'default' | 'local' | 'hub';
}

export interface SetupStepDto {
  step: SetupStep;
  /** enrolled | later | hub | local | confirmed | not_confirmed | done | put_away (the recovery code) */
  outcome: string;
  doneAt: number;
  detail: Record<string, unknown>;
}

export interface SetupStateDto {
  /** The first run began (the admin's first password) and is not finished. */
  active: boolean;
  finishedAt: number | null;
  steps: SetupStepDto[];
  /** The first step not done yet (where a crash resumes), null when all are. */
  resumeAt: SetupStep | null;
  identity: IdentityDto;
  /** What the hub step needs to show: enrolled or not, where. */
  hub: { enrolled: boolean; hubUrl: string | null; enrolledAt: number | null; clockSkewMs: number | null };
  /** This counter may still take the id of the hub's code (it has issued nothing). */
  canRename: boolean;
}

export interface HubProbeDto {
  url: string;
  plainHttp: boolean;
  note: string | null;
  hubTime: number;
  skewMs: number;
  skewText: string;
  skewWarn: boolean;
  dbOk: boolean;
}

export interface SetupSummaryDto {
  at: number;
  identity: IdentityDto;
  hub: { enrolled: boolean; hubUrl: string | null; enrolledAt: number | null; clockSkewMs: number | null };
  printer: { name: string; model: string; widthMm: number; connection: string; confirmed: boolean | null } | null;
  people: { fullName: string; username: string; role: 'clerk' | 'manager' | 'admin'; mustChangePassword: boolean }[];
  steps: SetupStepDto[];
  appVersion: string;
}

const name = (what: string) => z.string().trim().min(1, { error: `Hãy nhập ${what}.` }).max(100, { error: `${what[0]!.toUpperCase()}${what.slice(1)} dài quá 100 ký tự.` });
const code = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `Hãy nhập ${what}.` })
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, { error: `${what[0]!.toUpperCase()}${what.slice(1)} chỉ gồm chữ không dấu, số và . _ : - (ví dụ SL-MS-Q02).` });

export const LocalIdentityInput = z
  .object({
    branchName: name('tên bưu cục'),
    branchCode: code('mã bưu cục'),
    counterName: name('tên quầy'),
    counterId: code('mã quầy'),
    provinceCode: z.string().trim().min(1, { error: 'Hãy chọn tỉnh, thành phố.' }).max(10),
    communeCode: z.string().trim().min(1, { error: 'Hãy chọn xã, phường nơi đặt quầy.' }).max(10),
  })
  .strict();
export type LocalIdentityInput = z.infer<typeof LocalIdentityInput>;

export const setupChannels = {
  'setup.state': channel<SetupStateDto>()(empty, 'admin'),
  'setup.testHub': channel<HubProbeDto>()(z.object({ hubUrl: z.string().max(300) }).strict(), 'admin'),
  /** enroll (with hubUrl and code), later (work on a local identity), keep (already enrolled). */
  'setup.hub': channel<SetupStateDto>()(
    z.object({ mode: z.enum(['enroll', 'later', 'keep']), hubUrl: z.string().max(300).optional(), code: z.string().trim().max(100).optional() }).strict(),
    'admin',
  ),
  /** hub: confirm what the hub gave; local: the identity typed here. */
  'setup.identity': channel<SetupStateDto>()(z.object({ mode: z.enum(['hub', 'local']), identity: LocalIdentityInput.optional() }).strict(), 'admin'),
  'setup.step': channel<SetupStateDto>()(
    z.object({ step: z.enum(['printer', 'people']), outcome: z.enum(['confirmed', 'not_confirmed', 'done']) }).strict(),
    'admin',
  ),
  'setup.summary': channel<SetupSummaryDto>()(empty, 'admin'),
  'setup.printSummary': channel<{ jobId: string; message: string }>()(empty, 'admin'),
  'setup.finish': channel<SetupStateDto>()(empty, 'admin'),
} as const;
