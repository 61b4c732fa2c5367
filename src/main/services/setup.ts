/**
 * The guided first run (after the admin's first password): its state, each step's own commit (a
 * crash resumes at the first step not recorded), the counter's identity typed at the counter when it
 * works without the hub (checked against the administrative units), and the summary for the branch's
 * records. Enrolling (the hub step) is in sync/service.ts; printer settings and accounts use their
 * own use cases, and the step is recorded after them.
 */
import { DomainError } from '../../shared/errors';
import type { IdentityDto, LocalIdentityInput, SetupStateDto, SetupStep, SetupStepDto, SetupSummaryDto } from '../../shared/ipc/channels/setup';
import { SETUP_STEPS } from '../../shared/ipc/channels/setup';
import type { Db } from '../store/db';
import { issuedNothing, readSelf, renameSelf } from '../store/identity';
import type { Clock } from '../../shared/ports';
import type { Actor } from './context';

export interface SetupDeps {
  db: Db;
  clock: Clock;
}

/** What the summary says of the receipt printer (from printing, given by the composition root). */
export type PrinterLine = { name: string; model: string; widthMm: number; connection: string } | null;

export type SetupService = ReturnType<typeof createSetupService>;

export function createSetupService({ db, clock }: SetupDeps) {
  const audit = (actor: Actor, action: string, detail: object) =>
    db
      .prepare("INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, 'setup', ?, ?)")
      .run(clock.now(), actor.clerkId, actor.counterId, action, action.replace(/^setup\./, ''), JSON.stringify(detail));

  function identity(): IdentityDto {
    const self = readSelf(db);
    if (!self) throw new DomainError('NO_COUNTER', 'Máy này chưa có quầy nào được cài.');
    return self;
  }

  function steps(): SetupStepDto[] {
    const rows = db.prepare('SELECT step, outcome, done_at, detail FROM first_run_steps').all() as { step: SetupStep; outcome: string; done_at: number; detail: string }[];
    // The recovery step is done once someone confirmed putting the code away (here or on Ctrl+K → “Mã khôi phục dữ liệu”): the audit log is its record.
    const putAway = db.prepare("SELECT at FROM audit_log WHERE action = 'store.recovery_code_confirmed' ORDER BY at DESC, id DESC LIMIT 1").get() as { at: number } | undefined;
    if (putAway) rows.push({ step: 'recovery', outcome: 'put_away', done_at: putAway.at, detail: '{}' });
    return SETUP_STEPS.flatMap((s) => rows.filter((r) => r.step === s).map((r) => ({ step: r.step, outcome: r.outcome, doneAt: r.done_at, detail: JSON.parse(r.detail) as Record<string, unknown> })));
  }

  function hubInfo(): SetupStateDto['hub'] {
    const r = db.prepare('SELECT hub_url, token, enrolled_at, clock_skew_ms FROM sync_state WHERE id = 1').get() as
      | { hub_url: string | null; token: string | null; enrolled_at: number | null; clock_skew_ms: number | null }
      | undefined;
    return { enrolled: Boolean(r?.token && r.hub_url), hubUrl: r?.hub_url?.replace(/\/+$/, '') ?? null, enrolledAt: r?.enrolled_at ?? null, clockSkewMs: r?.clock_skew_ms ?? null };
  }

  function state(): SetupStateDto {
    const run = db.prepare('SELECT finished_at FROM first_run WHERE id = 1').get() as { finished_at: number | null } | undefined;
    const done = steps();
    const resumeAt = SETUP_STEPS.find((s) => !done.some((d) => d.step === s)) ?? null;
    return {
      active: run !== undefined && run.finished_at === null,
      finishedAt: run?.finished_at ?? null,
      steps: done,
      resumeAt,
      identity: identity(),
      hub: hubInfo(),
      canRename: issuedNothing(db),
    };
  }

  /** Records one step as done (again, when revisited), with its audit entry, in one transaction. */
  function markStep(step: SetupStep, outcome: string, detail: Record<string, unknown>, actor: Actor): void {
    db.transaction(() => {
      db.prepare(
        `INSERT INTO first_run_steps (step, outcome, done_at, actor_id, detail) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(step) DO UPDATE SET outcome = excluded.outcome, done_at = excluded.done_at, actor_id = excluded.actor_id, detail = excluded.detail`,
      ).run(step, outcome, clock.now(), actor.clerkId, JSON.stringify(detail));
      audit(actor, `setup.${step}`, { outcome });
    })();
  }

  return {
    state,
    identity,
    markStep,

    /** The admin's first password was just set: the guided first run begins (once). */
    begin(actor: Actor): void {
      db.prepare('INSERT OR IGNORE INTO first_run (id, started_at, started_by) VALUES (1, ?, ?)').run(clock.now(), actor.clerkId);
    },

    /** Identity step with a hub: what the hub gave is confirmed as it is (it cannot be edited here). */
    confirmHubIdentity(actor: Actor): SetupStateDto {
      const id = identity();
      if (id.source !== 'hub') throw new DomainError('NOT_ENROLLED', 'Quầy chưa đăng ký với máy chủ tỉnh: hãy nhập tên và mã bưu cục, quầy.');
      markStep('identity', 'hub', { counterId: id.counterId, branchCode: id.branchCode }, actor);
      return state();
    },

    /**
     * Identity step without a hub: names and codes typed, the province and commune checked against
     * the administrative units. The counter's code changes only while it has issued nothing.
     */
    saveLocalIdentity(input: LocalIdentityInput, actor: Actor): SetupStateDto {
      const current = identity();
      if (current.source === 'hub') throw new DomainError('IDENTITY_FROM_HUB', 'Quầy đã đăng ký với máy chủ tỉnh: tên và mã bưu cục, quầy do máy chủ cấp, không sửa ở đây.');
      const province = db.prepare('SELECT code FROM provinces WHERE code = ?').get(input.provinceCode);
      if (!province) throw new DomainError('UNKNOWN_PROVINCE', 'Tỉnh, thành phố này không có trong danh mục đơn vị hành chính.', 'provinceCode');
      const commune = db.prepare('SELECT province_code FROM communes WHERE code = ?').get(input.communeCode) as { province_code: string } | undefined;
      if (!commune) throw new DomainError('UNKNOWN_COMMUNE', 'Xã, phường này không có trong danh mục đơn vị hành chính.', 'communeCode');
      if (commune.province_code !== input.provinceCode) throw new DomainError('COMMUNE_OTHER_PROVINCE', 'Xã, phường đã chọn không thuộc tỉnh, thành phố đã chọn.', 'communeCode');
      const counterId = input.counterId.toUpperCase();
      if (counterId !== current.counterId && !issuedNothing(db)) {
        throw new DomainError('COUNTER_ID_FIXED', `Quầy đã có hồ sơ với mã ${current.counterId}: mã quầy không đổi được nữa (tên vẫn sửa được).`, 'counterId');
      }
      db.transaction(() => {
        renameSelf(db, counterId);
        db.prepare("UPDATE counters SET name = ?, branch_code = ?, branch_name = ?, province_code = ?, commune_code = ?, identity_source = 'local' WHERE is_self = 1").run(
          input.counterName.normalize('NFC'),
          input.branchCode.toUpperCase(),
          input.branchName.normalize('NFC'),
          input.provinceCode,
          input.communeCode,
        );
        markStep('identity', 'local', { counterId, branchCode: input.branchCode.toUpperCase() }, { ...actor, counterId });
      })();
      return state();
    },

    summary(printer: PrinterLine, appVersion: string): SetupSummaryDto {
      const printerStep = steps().find((s) => s.step === 'printer');
      const people = db
        .prepare("SELECT full_name, username, role, must_change_password FROM clerks WHERE active = 1 ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, full_name")
        .all() as { full_name: string; username: string; role: 'clerk' | 'manager' | 'admin'; must_change_password: number }[];
      return {
        at: clock.now(),
        identity: identity(),
        hub: hubInfo(),
        printer: printer ? { ...printer, confirmed: printerStep ? printerStep.outcome === 'confirmed' : null } : null,
        people: people.map((p) => ({ fullName: p.full_name, username: p.username, role: p.role, mustChangePassword: p.must_change_password === 1 })),
        steps: steps(),
        appVersion,
      };
    },

    /** The last step: the first run is over (its steps stay reachable from Ctrl+K). */
    finish(actor: Actor): SetupStateDto {
      if (!steps().some((s) => s.step === 'recovery')) {
        throw new DomainError('RECOVERY_CODE_NOT_PUT_AWAY', 'Chưa xác nhận đã ghi lại mã khôi phục dữ liệu: nếu máy hỏng, dữ liệu của quầy không khôi phục được. Hãy làm bước “Mã khôi phục” trước.');
      }
      db.transaction(() => {
        markStep('summary', 'done', {}, actor);
        db.prepare('INSERT OR IGNORE INTO first_run (id, started_at, started_by) VALUES (1, ?, ?)').run(clock.now(), actor.clerkId);
        db.prepare('UPDATE first_run SET finished_at = ? WHERE id = 1 AND finished_at IS NULL').run(clock.now());
      })();
      return state();
    },
  };
}
