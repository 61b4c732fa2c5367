/** Who is at the counter: first-run setup, log-in, lock, passwords, and the clerks' accounts. */
import { z } from 'zod';
import { channel, empty } from '../define';
import type { Role } from '../define';

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
  /** Minutes without input before the counter locks itself (reference kind counter_security). */
  idleLockMinutes: number;
  counter: { id: string; name: string; branchName: string };
  /** This application's version (package.json): what the helpdesk asks for. */
  appVersion: string;
}

const username = z.string().trim().min(1, 'Chưa nhập tên đăng nhập.').max(64);
const password = z.string().min(1, 'Chưa nhập mật khẩu.').max(128);

export const sessionChannels = {
  'session.get': channel<SessionInfo>()(empty, 'public'),
  'session.setupAdmin': channel<SessionInfo>()(z.object({ username, password, confirm: password }).strict(), 'public'),
  'session.login': channel<SessionInfo>()(z.object({ username, password }).strict(), 'public'),
  'session.logout': channel<SessionInfo>()(empty, 'public'),
  'session.lock': channel<SessionInfo>()(z.object({ idle: z.boolean().optional() }).strict(), 'clerk'),
  /** The clerk who locked the counter (no username), or a manager with their own username. */
  'session.unlock': channel<SessionInfo>()(z.object({ password, username: username.optional() }).strict(), 'public'),
  'session.changePassword': channel<SessionInfo>()(
    z.object({ oldPassword: password, newPassword: password, confirm: password }).strict(),
    'clerk',
  ),
  'clerks.list': channel<ClerkInfo[]>()(empty, 'manager'),
  'clerks.create': channel<ClerkInfo>()(
    z.object({ username, fullName: z.string().trim().min(1, 'Chưa nhập họ tên.').max(100), role: z.enum(['clerk', 'manager', 'admin']), password }).strict(),
    'admin',
  ),
} as const;
