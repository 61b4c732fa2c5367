/** Complaints, losses and compensation at the counter (issue 13). */
import { z } from 'zod';
import { CASE_KINDS } from '../../cases';
import {
  AnswerComplaintInput,
  ComplaintStepInput,
  DecideCompensationInput,
  DeclareLossInput,
  PayCompensationInput,
  ReceiveComplaintInput,
} from '../../case-inputs';
import { channel, empty } from '../define';
import type { CaseSummary, CaseView } from '../case-dto';
import type { PrintResult } from '../dto';
import type { PeriodicReport } from '../../report/periodic';

const CaseId = z.object({ caseId: z.string().min(1) }).strict();
const CaseListInput = z.object({ kind: z.enum(CASE_KINDS).optional(), open: z.boolean().optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();
export const CasePrintInput = z
  .object({ caseId: z.string().min(1), kind: z.enum(['complaint_receipt', 'complaint_answer', 'compensation_receipt']), copy: z.boolean().default(true) })
  .strict();

export interface CaseWithPrint {
  view: CaseView;
  print: PrintResult | null;
}

export const casesChannels = {
  'cases.list': channel<CaseSummary[]>()(CaseListInput, 'clerk'),
  'cases.get': channel<CaseView>()(CaseId, 'clerk'),
  'cases.overdue': channel<CaseSummary[]>()(empty, 'clerk'),
  'cases.receiveComplaint': channel<CaseWithPrint>()(ReceiveComplaintInput, 'clerk'),
  'cases.markHandling': channel<CaseView>()(ComplaintStepInput, 'clerk'),
  'cases.answer': channel<CaseWithPrint>()(AnswerComplaintInput, 'clerk'),
  'cases.close': channel<CaseView>()(ComplaintStepInput, 'clerk'),
  'cases.declareLoss': channel<CaseView>()(DeclareLossInput, 'clerk'),
  'cases.decideCompensation': channel<CaseView>()(DecideCompensationInput, 'manager'),
  'cases.payCompensation': channel<CaseWithPrint>()(PayCompensationInput, 'clerk'),
  'cases.print': channel<PrintResult>()(CasePrintInput, 'clerk'),
  /** The periodic report of this counter's branch from the data it holds, and its A4 print. */
  'reports.branchPeriodic': channel<{ report: PeriodicReport; print: PrintResult }>()(z.object({ period: z.string().min(1).max(20) }).strict(), 'manager'),
} as const;
