/** shift.*, day.*, overdue.*, audit.*, dashboard.*: the branch manager's day (issue 12). */
import type { managerChannels } from '../../../shared/ipc/channels/manager';
import type { Services } from '../../services';
import type { ManagerDay } from '../../services/manager-day';
import type { ReceiptUseCases } from '../../services/receipts';
import type { HandlerTable } from '../registry';

export function managerHandlers({ shifts, managerDay, receipts }: { shifts: Services['shifts']; managerDay: ManagerDay; receipts: ReceiptUseCases }): HandlerTable<typeof managerChannels> {
  return {
    // A clerk sees and closes only their own shift: the clerk is the session's, never an input.
    'shift.get': (_i, { actor }) => shifts.current(actor),
    'shift.close': (i, { actor }) => shifts.close(i, actor),
    'shift.reopen': (i, { actor }) => shifts.reopen(i, actor),
    'shift.confirmTransfer': (i, { actor }) => shifts.confirmTransfer(i, actor),
    'receipt.reissue': (i, { actor }) => receipts.reissueAndPrint(i, actor),
    'day.status': (i) => shifts.day(i.businessDate ?? managerDay.today()),
    'day.close': (i, { actor }) => shifts.closeDay(i.businessDate, actor),
    'day.report': (i) => managerDay.report(i.businessDate),
    'day.print': (i, { actor }) => managerDay.print(i.businessDate, actor),
    'overdue.list': () => managerDay.overdue(),
    'overdue.count': () => managerDay.overdueCount(),
    'overdue.export': (_i, { actor }) => managerDay.overdueExport(actor),
    'overdue.print': () => managerDay.overduePrint(),
    'audit.list': (i) => managerDay.audit(i),
    'audit.export': (i, { actor }) => managerDay.auditExport(i, actor),
    'dashboard.get': (i) => managerDay.dashboard(i.to),
  };
}
