/**
 * The prints about a complaint or a compensation (issue 13), built from the case as the services
 * show it (DocumentSources.caseView), laid out by src/shared/case-print-model.ts.
 */
import { complaintAnswer, complaintReceipt, compensationReceipt } from '../../shared/case-print-model';
import type { PrintDocument } from '../../shared/print-model';
import type { DocumentSources } from './documents';
import type { CasePrintKind } from './port';

export function caseDocument(src: DocumentSources, kind: CasePrintKind, caseId: string, clerkId: string): PrintDocument | null {
  if (!src.caseView) return null;
  const v = src.caseView(caseId);
  const header = { office: src.counter.office, branch: src.counter.branchName };
  const counter = `${src.counter.branchName} — ${src.counter.name}`;
  if (kind === 'complaint_receipt' || kind === 'complaint_answer') {
    if (v.record.kind !== 'complaint') return null;
    const received = v.events.find((e) => e.type === 'complaint_received');
    const base = { header, complaint: v.record.complaint, receivedAt: received?.at ?? v.openedAt, clerk: src.clerkName(received?.actorId ?? clerkId), counter };
    if (kind === 'complaint_receipt') return complaintReceipt(base);
    const answered = [...v.events].reverse().find((e) => e.type === 'complaint_answered');
    if (!answered) return null;
    return complaintAnswer({ ...base, clerk: src.clerkName(answered.actorId), answer: answered.text, answeredAt: answered.at, answeredDate: answered.date });
  }
  if (v.record.kind !== 'compensation') return null;
  const paid = v.events.find((e) => e.type === 'compensation_paid');
  if (!paid || v.ledgerId === null || v.paymentMethod === null) return null;
  const lossView = v.linked[0] ? src.caseView(v.linked[0].id) : null;
  return compensationReceipt({
    header,
    receiptNo: `${src.counter.id}-BT-${String(v.ledgerId).padStart(7, '0')}`,
    compensation: v.record.compensation,
    loss: lossView && lossView.record.kind === 'loss' ? lossView.record.loss : null,
    paidAt: paid.at,
    method: v.paymentMethod,
    clerk: src.clerkName(paid.actorId),
    counter,
  });
}
