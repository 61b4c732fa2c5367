/**
 * Handlers for the session channels: who is at the counter is decided here, in main, from a
 * verified password; the renderer never says who it is.
 */
import { DomainError } from '../../shared/errors';
import type { Contract, SessionInfo } from '../../shared/ipc/contract';
import type { AuthService } from '../services/auth';
import type { Registry, Session } from './registry';
import { APP_VERSION } from '../version';

export interface CounterInfo {
  id: string;
  name: string;
  branchName: string;
}

export function sessionInfo(auth: AuthService, session: Session, counter: CounterInfo): SessionInfo {
  const setup = auth.needsSetup();
  const c = session.clerk ? auth.get(session.clerk.id) : null;
  return {
    needsSetup: setup.needsSetup,
    setupUsername: setup.username,
    clerk: c ? { id: c.id, username: c.username, fullName: c.fullName, role: c.role, mustChangePassword: c.mustChangePassword } : null,
    locked: session.locked,
    counter,
    appVersion: APP_VERSION,
  };
}

export function registerSessionHandlers(reg: Registry<Contract>, auth: AuthService, counter: CounterInfo): void {
  const info = (s: Session) => sessionInfo(auth, s, counter);
  reg
    .register('session.get', (_i, { session }) => info(session))
    .register('session.setupAdmin', async (input, { session }) => {
      if (input.password !== input.confirm) throw new DomainError('confirm_mismatch', 'Hai lần nhập mật khẩu không khớp.', 'confirm');
      const clerk = await auth.setupAdmin(input, counter.id);
      session.clerk = { id: clerk.id, username: clerk.username, fullName: clerk.fullName, role: clerk.role };
      session.locked = false;
      return info(session);
    })
    .register('session.login', async (input, { session }) => {
      const clerk = await auth.login(input, counter.id);
      session.clerk = { id: clerk.id, username: clerk.username, fullName: clerk.fullName, role: clerk.role };
      session.locked = false;
      return info(session);
    })
    .register('session.logout', (_i, { session }) => {
      session.clerk = null;
      session.locked = false;
      return info(session);
    })
    .register('session.lock', (_i, { session }) => {
      session.locked = true;
      return info(session);
    })
    .register('session.unlock', async (input, { session }) => {
      if (!session.clerk) throw new DomainError('not_logged_in', 'Chưa đăng nhập.');
      if (!(await auth.verify(session.clerk.id, input.password))) {
        throw new DomainError('bad_credentials', 'Mật khẩu không đúng.', 'password');
      }
      session.locked = false;
      return info(session);
    })
    .register('session.changePassword', async (input, { session, actor }) => {
      if (input.newPassword !== input.confirm) throw new DomainError('confirm_mismatch', 'Hai lần nhập mật khẩu mới không khớp.', 'confirm');
      await auth.changePassword(input, actor);
      return info(session);
    })
    .register('clerks.list', () => auth.listClerks().map(({ active: _a, ...c }) => c))
    .register('clerks.create', async (input, { actor }) => {
      const { active: _a, ...c } = await auth.createClerk(input, actor);
      return c;
    });
}
