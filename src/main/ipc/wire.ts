/**
 * Builds the one handler registry from the application (createApp). Electron main, the browser
 * bridge and the end-to-end tests all call this, so they share validation and handlers exactly.
 */
import { v7 } from 'uuid';
import type { App } from '../app';
import type { Contract } from '../../shared/ipc/contract';
import { contract } from '../../shared/ipc/contract';
import { createAuthService } from '../services/auth';
import type { AuthService } from '../services/auth';
import type { Logger } from './registry';
import { Registry, Session } from './registry';
import type { PrintPort } from './service-handlers';
import { noPrinter, registerServiceHandlers } from './service-handlers';
import type { CounterInfo } from './session-handlers';
import { registerSessionHandlers } from './session-handlers';

export interface WireOptions {
  log?: Logger;
  printer?: PrintPort;
}

export interface Wired {
  registry: Registry<Contract>;
  auth: AuthService;
  counter: CounterInfo;
  newSession(): Session;
}

export function wire(app: App, opts: WireOptions = {}): Wired {
  const clock = app.ctx.clock;
  const auth = createAuthService({ db: app.db, clock, ids: { uuid: v7 } });
  auth.ensureFirstAdmin();
  const counter: CounterInfo = { id: app.counter.id, name: app.counter.name, branchName: app.counter.branchName };
  const printer = opts.printer ?? noPrinter;
  const registry = new Registry(contract, opts.log);
  registerSessionHandlers(registry, auth, counter);
  registerServiceHandlers(registry, app.services, printer);
  registry.register('status.get', () => {
    const pending = (app.db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number } | undefined)?.n ?? 0;
    return {
      printer: printer.state(),
      sync: pending > 0 ? { state: 'pending', label: `Chờ đồng bộ: ${pending}`, pending } : { state: 'ok', label: 'Đã đồng bộ', pending: 0 },
      now: clock.now(),
    };
  });
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC: no handler for ${missing.join(', ')}`);
  return { registry, auth, counter, newSession: () => new Session(counter.id) };
}
