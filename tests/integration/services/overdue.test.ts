/** The overdue filter runs in SQL; it must agree with the deadline the screens show, for every state. */
import { afterEach, describe, expect, it } from 'vitest';
import { currentDeadline, overdueSummaries } from '../../../src/main/services/views';
import { getDossierRow } from '../../../src/main/services/journal';
import { deadlineStatus, DOSSIER_STATES } from '../../../src/shared/dossier';
import { createTestApp, lltpInput } from '../../helpers/app';
import type { TestApp } from '../../helpers/app';

let app: TestApp | undefined;
afterEach(() => app?.dispose());

describe('overdue dossiers', () => {
  it('the SQL filter and the shown deadline agree for every state and every date column', () => {
    app = createTestApp();
    const { dossierId } = app.services.intake.accept(lltpInput(), app.clerk);
    const today = '2026-03-10';
    const dates = [null, '2026-03-09', '2026-03-10', '2026-03-11'];
    let checked = 0;
    for (const state of DOSSIER_STATES) {
      for (const transit of dates)
        for (const appt of dates)
          for (const estimate of dates)
            for (const ret of [null, '2026-03-09'])
              for (const invite of [null, '2026-03-09']) {
                app.db
                  .prepare('UPDATE dossiers SET state = ?, transit_deadline = ?, appointment_date = ?, appointment_estimate = ?, return_deadline = ?, next_invitation_date = ? WHERE id = ?')
                  .run(state, transit, appt, estimate, ret, invite, dossierId);
                const shown = deadlineStatus(currentDeadline(getDossierRow(app.db, dossierId)).date, today);
                expect(overdueSummaries(app.db, today).map((d) => d.id), `${state} ${transit} ${appt} ${estimate} ${ret} ${invite}`).toEqual(shown === 'overdue' ? [dossierId] : []);
                checked++;
              }
    }
    expect(checked).toBe(DOSSIER_STATES.length * 4 * 4 * 4 * 2 * 2);
  });

  it('finds an old overdue dossier behind thousands of newer open ones', () => {
    app = createTestApp();
    const old = app.services.intake.accept(lltpInput(), app.clerk).dossierId;
    const a = app;
    a.db.transaction(() => {
      const src = a.db.prepare('SELECT * FROM dossiers WHERE id = ?').get(old) as Record<string, unknown>;
      const cols = Object.keys(src);
      const ins = a.db.prepare(`INSERT INTO dossiers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (let i = 0; i < 6000; i++) {
        ins.run(...cols.map((c) => (c === 'id' ? `newer-${i}` : c === 'item_number' ? `X${i}` : c === 'accepted_at' ? (src.accepted_at as number) + 1000 + i : c === 'transit_deadline' ? '2099-01-01' : src[c])));
      }
    })();
    app.db.prepare("UPDATE dossiers SET transit_deadline = '2026-03-03' WHERE id = ?").run(old);
    expect(overdueSummaries(app.db, '2026-03-10').map((d) => d.id)).toEqual([old]);
    app.clock.set('2026-03-10T09:00');
    expect(app.services.admin.overdue().map((d) => d.id)).toEqual([old]);
  });
});
