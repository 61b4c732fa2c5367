/**
 * The dates a clerk tells the citizen before saving (J, the transit deadline to the agency, the
 * appointment estimate), computed the same way the intake service computes what it stores.
 */
import { DomainError } from '../../shared/errors';
import { localDateOf } from '../../shared/calendar';
import type { IntakePreview } from '../../shared/ipc/contract';
import { appointmentEstimate, classifyRoute, ROUTE_CLASS_LABELS, transitDeadline } from '../../shared/transit';
import type { App } from '../app';

export function intakePreview(app: App, input: { procedureCode: string; serviceType: 'send' | 'return' | 'both'; provinceCode?: string | null | undefined; communeCode?: string | null | undefined }): IntakePreview {
  const proc = app.services.catalogue.get(input.procedureCode);
  if (!proc) throw new DomainError('UNKNOWN_PROCEDURE', 'Thủ tục không có trong danh mục.', 'procedureCode');
  const agency = app.db.prepare('SELECT province_code, commune_code FROM agencies WHERE code = ?').get(proc.agencyCode) as { province_code: string; commune_code: string | null };
  const { calendar, transit } = app.ctx.reference();
  const today = localDateOf(app.ctx.clock.now());
  const jDate = calendar.isWorkingDay(today) ? today : calendar.nextWorkingDay(today);
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
