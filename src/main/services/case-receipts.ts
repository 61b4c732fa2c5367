/**
 * Complaint and compensation use cases that commit and then print (issue 13): the complaint receipt
 * at receipt, the written answer, the compensation receipt the citizen signs. The work is committed
 * first; a print problem is reported in the answer, never undoes it.
 */
import type { CaseWithPrint } from '../../shared/ipc/channels/cases';
import type { PrintResult } from '../../shared/ipc/dto';
import type { CasePrintKind, PrintPort } from '../printing/port';
import type { Actor } from './context';
import type { Services } from './index';

async function printCase(printer: PrintPort, kind: CasePrintKind, caseId: string, actor: Actor, copy: boolean): Promise<PrintResult> {
  return Promise.resolve()
    .then(() => printer.enqueue(kind, caseId, { copy, clerkId: actor.clerkId, counterId: actor.counterId }))
    .catch((err: unknown) => ({ queued: false, jobId: null, message: `Đã lưu nhưng chưa xếp hàng in được: ${err instanceof Error ? err.message : String(err)}` }));
}

export type CaseUseCases = ReturnType<typeof createCaseUseCases>;

export function createCaseUseCases(s: Pick<Services, 'cases'>, printer: PrintPort) {
  return {
    async receiveAndPrint(input: unknown, actor: Actor): Promise<CaseWithPrint> {
      const id = s.cases.receiveComplaint(input, actor);
      return { view: s.cases.get(id), print: await printCase(printer, 'complaint_receipt', id, actor, false) };
    },
    async answerAndPrint(input: { complaintId: string }, actor: Actor): Promise<CaseWithPrint> {
      s.cases.answer(input, actor);
      return { view: s.cases.get(input.complaintId), print: await printCase(printer, 'complaint_answer', input.complaintId, actor, false) };
    },
    async payAndPrint(input: { compensationId: string }, actor: Actor): Promise<CaseWithPrint> {
      s.cases.payCompensation(input, actor);
      return { view: s.cases.get(input.compensationId), print: await printCase(printer, 'compensation_receipt', input.compensationId, actor, false) };
    },
    reprint: (caseId: string, kind: CasePrintKind, actor: Actor, copy: boolean) => printCase(printer, kind, caseId, actor, copy),
    /** The branch's periodic report on A4 (the counter's view). */
    printBranchReport: (periodKey: string, actor: Actor): Promise<PrintResult> =>
      Promise.resolve()
        .then(() => printer.enqueue('branch_report', periodKey, { copy: false, clerkId: actor.clerkId, counterId: actor.counterId }))
        .catch((err: unknown) => ({ queued: false, jobId: null, message: `Chưa in được báo cáo: ${err instanceof Error ? err.message : String(err)}` })),
  };
}
