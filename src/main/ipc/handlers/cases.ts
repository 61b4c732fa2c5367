/** cases.*: complaints, losses and compensation (issue 13). */
import type { casesChannels } from '../../../shared/ipc/channels/cases';
import type { Services } from '../../services';
import type { CaseUseCases } from '../../services/case-receipts';
import type { HandlerTable } from '../registry';

export function casesHandlers({ cases, reports, caseReceipts }: Pick<Services, 'cases' | 'reports'> & { caseReceipts: CaseUseCases }): HandlerTable<typeof casesChannels> {
  return {
    'cases.list': (i) => cases.list(i),
    'cases.get': (i) => cases.get(i.caseId),
    'cases.overdue': () => cases.overdueComplaints(),
    'cases.receiveComplaint': (i, { actor }) => caseReceipts.receiveAndPrint(i, actor),
    'cases.markHandling': (i, { actor }) => {
      cases.markHandling(i, actor);
      return cases.get(i.complaintId);
    },
    'cases.answer': (i, { actor }) => caseReceipts.answerAndPrint(i, actor),
    'cases.close': (i, { actor }) => {
      cases.close(i, actor);
      return cases.get(i.complaintId);
    },
    'cases.declareLoss': (i, { actor }) => cases.get(cases.declareLoss(i, actor)),
    'cases.decideCompensation': (i, { actor }) => cases.get(cases.decideCompensation(i, actor)),
    'cases.payCompensation': (i, { actor }) => caseReceipts.payAndPrint(i, actor),
    'cases.print': (i, { actor }) => caseReceipts.reprint(i.caseId, i.kind, actor, i.copy),
    'reports.branchPeriodic': async (i, { actor }) => {
      const report = reports.branchPeriodic(i.period);
      return { report, print: await caseReceipts.printBranchReport(report.period.key, actor) };
    },
  };
}
