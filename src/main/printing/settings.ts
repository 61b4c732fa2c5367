/**
 * The receipt printer a manager configured (F7), kept in the store's meta table, and the audit entry
 * each change leaves. One receipt printer per counter: a saved profile replaces the previous one.
 */
import { DomainError } from '../../shared/errors';
import type { PrinterProfileInput } from '../../shared/ipc/channels/print';
import type { Clock } from '../../shared/ports';
import type { Db } from '../store/db';
import type { PrinterProfile } from './profiles';
import { printerProfileSchema } from './profiles';

const META_KEY = 'printer.profiles';

/** Profiles saved by a manager, if any; otherwise the given defaults. */
export function configuredProfiles(db: Db, defaults: PrinterProfile[]): PrinterProfile[] {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
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
 * Validates the settings form's profile and stores it, with its audit entry, in one transaction.
 * Returns the list now configured (the caller restarts the queue with it).
 */
export function saveProfile(db: Db, clock: Clock, input: PrinterProfileInput, actor: { clerkId: string; counterId: string }): PrinterProfile[] {
  const parsed = printerProfileSchema.safeParse({ ...input, dots: input.widthMm === 80 ? 576 : 384, isDefault: true });
  if (!parsed.success) throw new DomainError('BAD_PRINTER', profileMessage(parsed.error), 'profile');
  // One receipt printer per counter: the saved profile replaces the previous one (its jobs stay
  // in the history; queued ones go to the new printer's queue only if they name its id).
  const list = [{ ...parsed.data, isDefault: true }];
  db.transaction(() => {
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(META_KEY, JSON.stringify(list));
    db.prepare('INSERT INTO audit_log (at, actor_id, counter_id, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      clock.now(),
      actor.clerkId,
      actor.counterId,
      'printer.configure',
      'printer',
      list[0]!.id,
      JSON.stringify({ transport: list[0]!.transport.kind, widthMm: list[0]!.widthMm }),
    );
  })();
  return list;
}
