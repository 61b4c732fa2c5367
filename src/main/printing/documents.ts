/**
 * The receipts a counter prints, built from what the store says about a dossier: the intake receipt,
 * the list of missing documents, the handover slip and the fee receipt (src/shared/print-model lays
 * them out). The data comes through `DocumentSources`, given by the composition root from the
 * services, so printing reads no dossier tables of its own.
 */
import { maskIdNumber } from '../../shared/people';
import type { DossierView } from '../../shared/ipc/dto';
import type { CaseView } from '../../shared/ipc/case-dto';
import type { PeriodicReport } from '../../shared/report/periodic';
import { caseDocument } from './case-documents';
import type { PrintDocument } from '../../shared/print-model';
import type { IdKind } from '../../shared/people';
import { deliveryList, feeReceipt, handoverSlip, intakeReceipt, missingDocuments } from '../../shared/print-model';
import { localDateOf } from '../../shared/calendar';
import { HANDED_FORM_LABELS, missingKind } from '../../shared/checklist';
import type { PrintKind } from './port';
import { formatReceiptNo } from '../../shared/cash';

const ID_SHORT: Readonly<Record<IdKind, string>> = { cccd: 'CCCD', cmnd: 'CMND', passport: 'Hộ chiếu' };

/** The office named at the top of every receipt until the province's own name is configured. */
export const DEFAULT_OFFICE = 'Bưu điện tỉnh Sơn La';

/** A payment of the agency's fee recorded in the ledger (at intake, or when a result was handed over). */
export interface FeePayment {
  id: number;
  kind: 'agency_fee' | 'fee_due_collected';
  amount: number;
  paymentMethod: 'cash' | 'transfer';
  at: number;
  /** The receipt's series and number (null: printed before receipts were numbered per series). */
  series: string | null;
  number: number | null;
  cancelledAt: number | null;
  cancelReason?: string | null;
  replacesNumber?: number | null;
  replacedBy?: number | null;
}

export interface DocumentSources {
  /** The counter printing, as the header and signature lines name it. */
  counter: { id: string; name: string; branchName: string; office: string };
  view(dossierId: string): DossierView;
  /** The agency fee payments of a dossier, oldest first. */
  feePayments(dossierId: string): FeePayment[];
  clerkName(clerkId: string): string;
  now(): number;
  /** Where the receipt's QR sends a citizen (the item number is appended): the province's tracking page. */
  trackingBase(): string;
  /** A complaint, loss or compensation (issue 13). */
  caseView?(caseId: string): CaseView;
  /** The periodic report of this counter's branch from what it holds, for a period key (2026-Q1). */
  branchReport?(periodKey: string): PeriodicReport;
  /** The notice on personal data printed on the intake receipt (reference data `personal_data`). */
  privacyNotice?(): string[];
}

const headerOf = (src: DocumentSources) => ({ office: src.counter.office, branch: src.counter.branchName });
const counterLabel = (src: DocumentSources) => `${src.counter.branchName} — ${src.counter.name}`;

/** The document of a receipt kind for a dossier; null when there is nothing to print (no fee paid). */
export function receiptDocument(src: DocumentSources, kind: Exclude<PrintKind, 'handover_record' | 'branch_report'>, dossierId: string, clerkId: string): PrintDocument | null {
  if (kind === 'complaint_receipt' || kind === 'complaint_answer' || kind === 'compensation_receipt') return caseDocument(src, kind, dossierId, clerkId);
  if (kind === 'fee_receipt') return feeReceiptDoc(src, dossierId, clerkId);
  const v = src.view(dossierId);
  if (kind === 'intake_receipt') return intakeReceiptDoc(src, v);
  if (kind === 'missing_documents') return missingDocumentsDoc(src, v, clerkId);
  return handoverSlipDoc(src, v, clerkId);
}

function intakeReceiptDoc(src: DocumentSources, v: DossierView): PrintDocument {
  const sender = v.parties.find((p) => p.role === 'sender');
  const proxy = v.parties.find((p) => p.role === 'proxy');
  return intakeReceipt({
    header: headerOf(src),
    itemNumber: v.itemNumber,
    trackingUrl: `${src.trackingBase()}${v.itemNumber}`,
    acceptedAt: v.acceptedAt,
    sender: {
      name: proxy ? proxy.fullName : (sender?.fullName ?? ''),
      ...(proxy ? { onBehalfOf: sender?.fullName ?? '' } : {}),
      ...(sender?.phone ? { phone: sender.phone } : {}),
      ...(sender?.address ? { address: sender.address } : {}),
      ...(sender?.idNumber ? { idMasked: maskIdNumber(sender.idNumber) } : {}),
    },
    procedure: v.procedureName,
    agency: v.agencyName,
    documents: v.documents
      .filter((d) => d.providedCount > 0)
      .map((d) => ({ name: d.name, original: d.providedForm === 'original' ? d.providedCount : 0, copies: d.providedForm === 'original' ? 0 : d.providedCount })),
    ...(v.missing.length > 0 ? { missing: v.missing } : {}),
    agencyFee: v.feeAmount,
    postage: v.postageAmount,
    expected: [
      ...(v.transitDeadline ? [{ label: 'Chuyển đến cơ quan trước', date: v.transitDeadline }] : []),
      ...(v.appointmentEstimate ? [{ label: 'Hẹn trả kết quả (dự kiến)', date: v.appointmentEstimate }] : []),
    ],
    resultDelivery: v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Nhận tại bưu cục' : 'Không nhận qua bưu điện',
    clerk: src.clerkName(v.acceptedBy),
    counter: counterLabel(src),
    ...(src.privacyNotice ? { notice: src.privacyNotice() } : {}),
  });
}

function missingDocumentsDoc(src: DocumentSources, v: DossierView, clerkId: string): PrintDocument {
  const sender = v.parties.find((p) => p.role === 'sender');
  // A paper handed in in a form the catalogue does not accept (a copy where the original is
  // required) is missing as a whole: all its copies must come in the right form (issue #16 defect 2).
  const missing = v.documents.map((d) => ({ d, kind: missingKind(d) })).filter(({ kind }) => kind !== null);
  return {
    ...missingDocuments({
      header: headerOf(src),
      issuedAt: src.now(),
      citizen: sender?.fullName ?? '',
      procedure: v.procedureName,
      agency: v.agencyName,
      missing: missing.map(({ d, kind }) => ({
        name: d.name,
        original: d.form === 'original',
        count: kind === 'form' ? d.requiredCount : d.requiredCount - d.providedCount,
        ...(kind === 'form' && d.providedForm ? { note: `Đã nộp ${HANDED_FORM_LABELS[d.providedForm]}; cần ${d.form === 'original' ? 'bản chính' : HANDED_FORM_LABELS.certified_copy}.` } : {}),
      })),
      clerk: src.clerkName(clerkId),
      counter: counterLabel(src),
    }),
    ref: v.itemNumber,
  };
}

function handoverSlipDoc(src: DocumentSources, v: DossierView, clerkId: string): PrintDocument {
  const ev = [...v.timeline].reverse().find((e) => e.type === 'handed_over');
  const d = (ev?.detail ?? {}) as { recipientName?: string; idKind?: IdKind; byProxy?: boolean; authorisationRef?: string | null; reclaimed?: string[]; feeDueCollected?: number };
  const owner = v.parties.find((p) => p.role === 'recipient') ?? v.parties.find((p) => p.role === 'sender');
  // Who collected: the proxy recorded at handover (the last proxy of that name), else the owner.
  const collector = d.byProxy ? [...v.parties].reverse().find((p) => p.role === 'proxy' && p.fullName === d.recipientName) : owner;
  const idShown = collector?.idNumber ? `${ID_SHORT[collector.idKind ?? d.idKind ?? 'cccd']} ${maskIdNumber(collector.idNumber)}` : undefined;
  return handoverSlip({
    header: headerOf(src),
    itemNumber: v.itemNumber,
    handedAt: ev?.at ?? src.now(),
    recipient: d.recipientName ?? '',
    ...(idShown ? { recipientIdMasked: idShown } : {}),
    ...(d.byProxy ? { byProxy: { owner: owner?.fullName ?? '', authorisationRef: d.authorisationRef ?? collector?.authorisationRef ?? '' } } : {}),
    procedure: v.procedureName,
    agency: v.agencyName,
    results: [{ name: `Kết quả: ${v.procedureName}`, count: 1 }],
    ...(d.reclaimed && d.reclaimed.length > 0 ? { reclaimed: d.reclaimed.map((name) => ({ name, count: 1 })) } : {}),
    ...(d.feeDueCollected ? { feeCollected: d.feeDueCollected } : {}),
    clerk: src.clerkName(clerkId),
    counter: counterLabel(src),
  });
}

/**
 * The fee receipt (biên lai thu phí, lệ phí) for the agency fee collected on the agency's behalf:
 * at intake, or at handover when it was still due. Its number is the series number taken with the
 * ledger entry (services/fee-receipts.ts).
 */
function feeReceiptDoc(src: DocumentSources, id: string, clerkId: string): PrintDocument | null {
  // `<dossier>#<number>`: that receipt (a cancelled one prints marked HỦY); else the latest issued.
  const [dossierId, no] = id.split('#') as [string, string | undefined];
  const payments = src.feePayments(dossierId);
  const last = no === undefined ? payments.at(-1) : payments.find((p) => p.number === Number(no));
  if (!last) return null;
  const v = src.view(dossierId);
  const sender = v.parties.find((p) => p.role === 'sender');
  const numbered = (n: number | null | undefined) => (last.series !== null && n != null ? formatReceiptNo(last.series, n) : null);
  const cancelled = last.cancelledAt !== null ? { at: last.cancelledAt, reason: last.cancelReason ?? '', replacedBy: numbered(last.replacedBy) } : null;
  const replaces = numbered(last.replacesNumber);
  return feeReceipt({
    header: headerOf(src),
    receiptNo: numbered(last.number) ?? `${src.counter.id}-${String(last.id).padStart(7, '0')}`,
    itemNumber: v.itemNumber,
    issuedAt: last.at,
    payer: sender?.fullName ?? '',
    ...(sender?.address ? { payerAddress: sender.address } : {}),
    agency: v.agencyName,
    lines: [{ label: `${last.kind === 'agency_fee' ? 'Phí, lệ phí' : 'Phí, lệ phí thu khi trả kết quả'}: ${v.procedureName}`, amount: last.amount }],
    method: last.paymentMethod === 'cash' ? 'Tiền mặt' : 'Chuyển khoản (VietQR)',
    clerk: src.clerkName(clerkId),
    counter: counterLabel(src),
    // A reissue or a cancelled copy moves no money: the drawer stays shut.
    drawer: last.paymentMethod === 'cash' && cancelled === null && replaces === null,
    ...(cancelled ? { cancelled } : {}),
    ...(replaces ? { replaces } : {}),
  });
}

/**
 * The day's delivery list (danh sách phát) the postman carries and brings back with each outcome
 * (issue #16 defect 13): item number, who and where, the phone to call ahead, the money to collect.
 */
export function deliveryListDocument(src: DocumentSources, input: { postman: string; route: string; dossierIds: string[] }): PrintDocument {
  const at = src.now();
  const date = localDateOf(at);
  const items = input.dossierIds.map((id) => {
    const v = src.view(id);
    const who = v.parties.find((p) => p.role === 'recipient') ?? v.parties.find((p) => p.role === 'sender');
    return {
      itemNumber: v.itemNumber,
      recipient: who?.fullName ?? '',
      address: v.returnAddress ?? who?.address ?? '',
      ...(who?.phone ? { phone: who.phone } : {}),
      ...(v.feeDueOnDelivery > 0 ? { cod: v.feeDueOnDelivery } : {}),
    };
  });
  const hhmm = new Date(at + 7 * 3_600_000).toISOString().slice(11, 16).replace(':', '');
  return deliveryList({
    header: headerOf(src),
    listNo: `DSP-${src.counter.id}-${date.replace(/-/g, '')}-${hhmm}`,
    date,
    postman: input.postman,
    route: input.route,
    items,
  });
}
