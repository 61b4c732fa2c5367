/**
 * The dates a clerk tells the citizen before saving (J, the transit deadline to the agency, the
 * appointment estimate), computed the same way the intake service computes what it stores.
 */
import { DomainError } from '../../shared/errors';
import { localDateOf } from '../../shared/calendar';
import type { IntakePreview } from '../../shared/ipc/channels/intake';
import { appointmentEstimate, classifyRoute, ROUTE_CLASS_LABELS, transitDeadline } from '../../shared/transit';
import { prep } from '../store/stmt';
import { getProcedure } from './catalogue';
import type { ServiceContext } from './context';

export interface PreviewInput {
  procedureCode: string;
  serviceType: 'send' | 'return' | 'both';
  provinceCode?: string | null | undefined;
  communeCode?: string | null | undefined;
}

export function previewIntake(ctx: ServiceContext, input: PreviewInput): IntakePreview {
  const proc = getProcedure(ctx.db, input.procedureCode);
  if (!proc) throw new DomainError('UNKNOWN_PROCEDURE', 'Thủ tục không có trong danh mục.', 'procedureCode');
  const agency = prep(ctx.db, 'SELECT province_code, commune_code FROM agencies WHERE code = ?').get(proc.agencyCode) as { province_code: string; commune_code: string | null };
  const { calendar, transit } = ctx.reference();
  const today = localDateOf(ctx.clock.now());
  const jDate = calendar.workingDayOnOrAfter(today);
  const to = { provinceCode: agency.province_code, communeCode: agency.commune_code ?? undefined };
  const from = { provinceCode: input.provinceCode || agency.province_code, communeCode: input.communeCode || undefined };
  const route = classifyRoute(from, to, transit);
  const sends = input.serviceType !== 'return';
  return {
    jDate,
    route,
    routeLabel: ROUTE_CLASS_LABELS[route],
    transitDeadline: sends ? transitDeadline(calendar, jDate, route, false, transit, to) : null,
    appointmentEstimate: sends ? appointmentEstimate(calendar, jDate, route, proc.processingDays, transit) : null,
  };
}
