/**
 * The print queue and printer settings as the screens reach them: the job history with the clerk's
 * decisions (marked reprint, mark as printed, send again), printer states, and for a manager or
 * admin the printer configuration and a test page. A saved configuration is kept in the store and
 * takes effect at once: the queue is restarted with the new profile, jobs stay where they are.
 */
import { DomainError } from '../../shared/errors';
import type { Contract, PrinterProfileInput } from '../../shared/ipc/contract';
import type { PrinterProfile } from '../printing/profiles';
import { printerProfileSchema } from '../printing/profiles';
import type { PrintService } from '../printing/service';
import type { JobView, PrinterStatusView } from '../printing/queue-store';
import type { App } from '../app';
import type { Registry } from './registry';

const META_KEY = 'printer.profiles';

export interface PrintAdmin {
  service(): PrintService;
  profiles(): PrinterProfile[];
  templates(): PrinterProfile[];
  save(profile: PrinterProfileInput, actor: { clerkId: string; counterId: string }): Promise<PrinterProfile>;
}

/** Profiles saved by a manager, if any; otherwise the given defaults. */
export function configuredProfiles(app: App, defaults: PrinterProfile[]): PrinterProfile[] {
  const row = app.db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
  if (!row) return defaults;
  try {
    const list = (JSON.parse(row.value) as unknown[]).map((p) => printerProfileSchema.parse(p));
    return list.length > 0 ? list : defaults;
  } catch {
    return defaults;
  }
}

function profileMessage(err: unknown): string {
  const issues = (err as { issues?: { path: (string | number)[] }[] }).issues ?? [];
  const path = issues[0]?.path.join('.') ?? '';
  if (path.includes('host')) return 'Địa chỉ máy in mạng không hợp lệ.';
  if (path.includes('port')) return 'Cổng máy in phải là số từ 1 đến 65535.';
  if (path.includes('printerName')) return 'Hãy nhập tên máy in trong Windows.';
  if (path.includes('path')) return 'Hãy nhập đường dẫn tệp hoặc thiết bị.';
  if (path.includes('dots') || path.includes('widthMm')) return 'Khổ giấy phải là 58 mm (384 điểm) hoặc 80 mm (576 điểm).';
  if (path.includes('id')) return 'Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.';
  if (path.includes('name')) return 'Hãy nhập tên máy in.';
  return 'Cấu hình máy in không hợp lệ.';
}

/**
 * Makes the admin side over a restartable queue. `restart(profiles)` stops the running queue and
 * returns a new one started with `profiles`.
 */
export function createPrintAdmin(
  app: App,
  current: () => PrintService,
  currentProfiles: () => PrinterProfile[],
  templates: PrinterProfile[],
  restart: (profiles: PrinterProfile[]) => Promise<void>,
): PrintAdmin {
  return {
    service: current,
    profiles: currentProfiles,
    templates: () => templates,
    async save(input, actor) {
      const parsed = printerProfileSchema.safeParse({ ...input, dots: input.widthMm === 80 ? 576 : 384, isDefault: true });
      if (!parsed.success) throw new DomainError('BAD_PRINTER', profileMessage(parsed.error), 'profile');
      // One receipt printer per counter: the saved profile replaces the previous one (its jobs stay
      // in the history; queued ones go to the new printer's queue only if they name its id).
      const list = [{ ...parsed.data, isDefault: true }];
      app.db.transaction(() => {
        app.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(META_KEY, JSON.stringify(list));
        app.db
          .prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(app.ctx.clock.now(), actor.clerkId, actor.counterId, 'printer.configure', 'printer', list[0]!.id, JSON.stringify({ transport: list[0]!.transport.kind, widthMm: list[0]!.widthMm }));
      })();
      await restart(list);
      return list[0]!;
    },
  };
}

export interface PrinterSettingsDto {
  profiles: PrinterProfile[];
  templates: PrinterProfile[];
}

const unavailable = () => {
  throw new DomainError('NO_PRINTER', 'Chưa cấu hình máy in cho quầy này.');
};

export function registerPrintAdminHandlers(reg: Registry<Contract>, admin: PrintAdmin | null): void {
  if (!admin) {
    reg
      .register('print.jobs', () => [] as JobView[])
      .register('print.printers', () => [] as PrinterStatusView[])
      .register('print.reprint', unavailable)
      .register('print.markPrinted', unavailable)
      .register('print.retry', unavailable)
      .register('print.testPage', unavailable)
      .register('print.settings', () => ({ profiles: [], templates: [] }))
      .register('print.saveProfile', unavailable);
    return;
  }
  const actorOf = (a: { clerkId: string; counterId: string }) => ({ clerkId: a.clerkId, counterId: a.counterId });
  reg
    .register('print.jobs', (i) => admin.service().jobs({ limit: i.limit ?? 100, ...(i.needsAction ? { needsAction: true } : {}) }))
    .register('print.printers', async (i) => (i.refresh ? admin.service().refreshStatus() : admin.service().printerStatus()))
    .register('print.reprint', (i, { actor }) => admin.service().reprint(i.jobId, actorOf(actor)))
    .register('print.markPrinted', (i, { actor }) => admin.service().markPrinted(i.jobId, actorOf(actor)))
    .register('print.retry', (i, { actor }) => admin.service().retry(i.jobId, actorOf(actor)))
    .register('print.testPage', (i, { actor }) => admin.service().testPage(actorOf(actor), i.printerId ?? admin.profiles()[0]?.id))
    .register('print.settings', () => ({ profiles: admin.profiles(), templates: admin.templates() }))
    .register('print.saveProfile', async (i, { actor }) => admin.save(i.profile, actorOf(actor)));
}
