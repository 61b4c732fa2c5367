/**
 * THE IPC contract: every call the renderer can make. Each channel has a name, a strict zod input
 * schema, the role it needs, and its output type. Main registers one handler per channel
 * (src/main/ipc/handlers.ts), the preload builds `window.api` from these names, and the renderer
 * uses nothing else.
 */
import { z } from 'zod';
import { channel } from './define';
import type { Role } from './define';

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
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
export const channelNames = Object.keys(contract) as ChannelName[];
