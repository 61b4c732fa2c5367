import type { Counter } from '../../src/main/counter';
import type { Session } from '../../src/main/ipc/registry';

/** A clerk or manager added to the counter's store (no password needed) and a session signed in as them. */
export function signedInSession(counter: Counter, id: string, fullName: string, role: 'clerk' | 'manager'): Session {
  counter.app.db.prepare('INSERT INTO clerks (id, username, full_name, role, must_change_password, created_at) VALUES (?, ?, ?, ?, 0, 0)').run(id, id, fullName, role);
  const s = counter.newSession();
  s.clerk = { id, username: id, fullName, role };
  return s;
}
