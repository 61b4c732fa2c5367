/**
 * What a new intake starts on (issue #16 §4, fewer keys): the branch's province and commune as the
 * sender's place, and the choices this clerk made on their last accepted intake (identity document
 * kind, service, return method, payment). The choices are a counter-local convenience kept in the
 * store's meta table (one key per clerk), never synced and holding no citizen's data.
 */
import { z } from 'zod';
import type { IntakeChoices, IntakeDefaults } from '../../shared/ipc/channels/display';
import type { Place } from '../../shared/ipc/contract';
import type { AcceptDossierInput } from '../../shared/schemas';
import { prep } from '../store/stmt';
import type { ServiceContext } from './context';

const Choices = z.object({
  idKind: z.enum(['cccd', 'cmnd', 'passport']),
  serviceType: z.enum(['send', 'return', 'both']),
  returnMethod: z.enum(['pickup', 'home', 'none']),
  paymentMethod: z.enum(['cash', 'transfer']),
});

const keyOf = (clerkId: string) => `intake_choices:${clerkId}`;

function branchPlace(ctx: ServiceContext): IntakeDefaults['home'] {
  const row = prep(
    ctx.db,
    `SELECT p.code AS pc, p.name AS pn, p.full_name AS pf, m.code AS cc, m.name AS cn, m.full_name AS cf
     FROM counters c LEFT JOIN provinces p ON p.code = c.province_code LEFT JOIN communes m ON m.code = c.commune_code AND m.province_code = c.province_code
     WHERE c.is_self = 1`,
  ).get() as { pc: string | null; pn: string; pf: string; cc: string | null; cn: string; cf: string } | undefined;
  const province: Place | null = row?.pc ? { code: row.pc, name: row.pn, fullName: row.pf } : null;
  const commune: Place | null = province && row?.cc ? { code: row.cc, name: row.cn, fullName: row.cf } : null;
  return { province, commune };
}

export function intakeDefaults(ctx: ServiceContext, clerkId: string): IntakeDefaults {
  const raw = prep(ctx.db, 'SELECT value FROM meta WHERE key = ?').get(keyOf(clerkId)) as { value: string } | undefined;
  let choices: IntakeChoices | null = null;
  if (raw) {
    try {
      const parsed = Choices.safeParse(JSON.parse(raw.value));
      if (parsed.success) choices = parsed.data;
    } catch {
      // A damaged entry: start on the plain defaults; the next intake writes it again.
    }
  }
  return { home: branchPlace(ctx), choices };
}

/** Called after an intake was accepted: that clerk's next intake starts on these choices. */
export function rememberChoices(ctx: ServiceContext, clerkId: string, input: AcceptDossierInput): void {
  // "Send only" carries no return method: the clerk's usual one is kept for the next intake.
  const before = intakeDefaults(ctx, clerkId).choices;
  const returnMethod = input.serviceType === 'send' ? (before?.returnMethod ?? 'pickup') : input.returnMethod;
  const choices: IntakeChoices = { idKind: input.sender.idKind, serviceType: input.serviceType, returnMethod, paymentMethod: input.paymentMethod };
  if (before && JSON.stringify(before) === JSON.stringify(choices)) return;
  prep(ctx.db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(keyOf(clerkId), JSON.stringify(choices));
}
