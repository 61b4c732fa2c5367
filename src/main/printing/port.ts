/**
 * The printer as a use case sees it: "print this document for this dossier (or batch)", and the
 * printer's state for the status bar. The counter's printing (start.ts) answers it with the durable
 * queue; `noPrinter` stands for a counter without a printer.
 */
import type { StatusInfo } from '../../shared/ipc/channels/status';
import type { PrintResult } from '../../shared/ipc/dto';

export type PrintKind = 'intake_receipt' | 'fee_receipt' | 'missing_documents' | 'handover_slip' | 'handover_record' | 'branch_report' | CasePrintKind;
/** Prints about a complaint or a compensation (issue 13); the id is the case's. */
export type CasePrintKind = 'complaint_receipt' | 'complaint_answer' | 'compensation_receipt';

export interface PrintRequest {
  /** A repeat (Ctrl+P): always the queue's marked reprint, never a second unmarked original. */
  copy: boolean;
  clerkId: string;
  counterId: string;
  /**
   * Asked for from a screen (not as part of the use case that made the document): a look at the
   * citizen's details, recorded (store/access-log.ts). A reprint is always recorded.
   */
  look?: boolean;
}

export interface PrintPort {
  enqueue(kind: PrintKind, id: string, req: PrintRequest): PrintResult | Promise<PrintResult>;
  state(): StatusInfo['printer'];
}

export const noPrinter: PrintPort = {
  enqueue: () => ({ queued: false, jobId: null, message: 'Chưa cấu hình máy in: chưa in được. Hồ sơ đã được lưu.' }),
  state: () => ({ state: 'none', label: 'Chưa có máy in' }),
};
