/**
 * Builds the one handler registry from the application's services. Electron main, the browser
 * bridge and the end-to-end tests all call this, so they share validation and handlers exactly.
 */
import type { Database } from 'better-sqlite3';
import { v7 } from 'uuid';
import type { Contract } from '../../shared/ipc/contract';
import { contract } from '../../shared/ipc/contract';
import type { Clock } from '../../shared/ports';
import { systemClock } from '../../shared/ports';
import { createAuthService } from '../services/auth';
import type { Logger } from './registry';
import { Registry, Session } from './registry';
import type { CounterInfo } from './session-handlers';
import { registerSessionHandlers } from './session-handlers';

export interface WireDeps {
  db: Database;
  clock?: Clock;
  log?: Logger;
}

export interface Wired {
  registry: Registry<Contract>;
  counter: CounterInfo;
  newSession(): Session;
}

export function counterInfo(db: Database): CounterInfo {
  const row = db
    .prepare<[], { id: string; name: string; branch_name: string }>('SELECT id, name, branch_name FROM counters WHERE is_self = 1')
    .get();
  return row ? { id: row.id, name: row.name, branchName: row.branch_name } : { id: 'local', name: 'Quầy chưa cấu hình', branchName: '' };
}

export function wire(deps: WireDeps): Wired {
  const clock = deps.clock ?? systemClock;
  const auth = createAuthService({ db: deps.db, clock, ids: { uuid: v7 } });
  auth.ensureFirstAdmin();
  const counter = counterInfo(deps.db);
  const registry = new Registry(contract, deps.log);
  registerSessionHandlers(registry, auth, counter);
  registry.register('status.get', () => ({
    printer: { state: 'none', label: 'Chưa có máy in' },
    sync: { state: 'none', label: 'Chưa đồng bộ', pending: 0 },
    now: clock.now(),
  }));
  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC: no handler for ${missing.join(', ')}`);
  return { registry, counter, newSession: () => new Session(counter.id) };
}
