/**
 * session.*, clerks.*: who is at the counter is decided here, in main, from a verified password; the
 * renderer never says who it is. The session itself lives in the registry (one per window).
 */
import { DomainError } from '../../../shared/errors';
import type { SessionInfo, sessionChannels } from '../../../shared/ipc/channels/session';
import type { AuthService } from '../../services/auth';
import type { SetupService } from '../../services/setup';
import type { Moment } from '../../update/controller';
import { APP_VERSION } from '../../version';
import type { HandlerTable, Session, SessionClerk } from '../registry';

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
    idleLockMinutes: auth.security().idleLockMinutes,
    counter,
    appVersion: APP_VERSION,
  };
}

function signIn(session: Session, clerk: SessionClerk & { mustChangePassword: boolean }): void {
  session.clerk = { id: clerk.id, username: clerk.username, fullName: clerk.fullName, role: clerk.role, mustChangePassword: clerk.mustChangePassword };
  session.locked = false;
}

export function sessionHandlers({ auth, counter, setup, moment }: { auth: AuthService; counter: CounterInfo; setup?: SetupService; moment?: (m: Moment) => void }): HandlerTable<typeof sessionChannels> {
  const info = (s: Session) => sessionInfo(auth, s, counter);
  // The moments an update may install at (src/main/update): after the answer has gone back.
  const tell = (m: Moment) => moment && setTimeout(() => moment(m), 0);
  return {
    'session.get': (_i, { session }) => info(session),
    'session.setupAdmin': async (input, { session }) => {
      if (input.password !== input.confirm) throw new DomainError('confirm_mismatch', 'Hai lần nhập mật khẩu không khớp.', 'confirm');
      signIn(session, await auth.setupAdmin(input, counter.id));
      // After the admin's first password: the guided first run (hub, identity, printer, people).
      const actor = session.actor();
      if (actor) setup?.begin(actor);
      return info(session);
    },
    'session.login': async (input, { session }) => {
      signIn(session, await auth.login(input, counter.id));
      tell('active');
      return info(session);
    },
    'session.logout': (_i, { session }) => {
      session.clerk = null;
      session.locked = false;
      // Log-out is the end of a clerk's shift: a right moment for an update.
      tell('shift-close');
      return info(session);
    },
    'session.lock': (input, { session, actor }) => {
      session.locked = true;
      auth.recordLock(actor, input.idle === true);
      tell('lock');
      return info(session);
    },
    'session.unlock': async (input, { session }) => {
      const locked = session.clerk;
      if (!locked) throw new DomainError('not_logged_in', 'Chưa đăng nhập.');
      // The clerk who locked it, or a manager with their own name (the counter is then the manager's).
      const byOther = input.username !== undefined && input.username.trim().toLowerCase() !== locked.username;
      signIn(session, byOther ? await auth.unlockAsManager({ username: input.username!, password: input.password }, locked.id, counter.id) : await auth.unlock(locked.id, input.password, counter.id));
      tell('active');
      return info(session);
    },
    'session.changePassword': async (input, { session, actor }) => {
      if (input.newPassword !== input.confirm) throw new DomainError('confirm_mismatch', 'Hai lần nhập mật khẩu mới không khớp.', 'confirm');
      const c = await auth.changePassword(input, actor);
      if (session.clerk) session.clerk.mustChangePassword = c.mustChangePassword;
      return info(session);
    },
    'clerks.list': () => auth.listClerks().map(({ active: _a, ...c }) => c),
    'clerks.create': async (input, { actor }) => {
      const { active: _a, ...c } = await auth.createClerk(input, actor);
      return c;
    },
  };
}
