/**
 * The customer display (issue #16 §3): what the screen turned to the citizen shows, one state per
 * counter, held in memory only (citizens' data is never written here). The clerk's F10 checks the
 * intake without writing it and shows its summary; intake.accept then shows the item number; Esc
 * clears it. Displays wait for a change with `watch` (a long poll, answered at once when the version
 * they know is old).
 */
import type { AcceptOutput } from '../../shared/ipc/contract';
import type { CustomerScreen, CustomerSummary, DisplayFrame } from '../../shared/ipc/channels/display';
import { HANDED_FORM_LABELS } from '../../shared/checklist';
import { ID_KIND_LABELS, maskIdNumber } from '../../shared/people';
import type { IntakeTariff } from '../../shared/tariff';
import { vietQrPayload } from '../../shared/vietqr';
import type { AcceptPlan } from './intake';

const SERVICE_LABELS = { both: 'Gửi hồ sơ và nhận kết quả qua bưu điện', send: 'Chỉ gửi hồ sơ', return: 'Chỉ nhận kết quả' } as const;

function returnLabel(plan: AcceptPlan, branchName: string): string {
  const m = plan.input.returnMethod;
  if (plan.input.serviceType === 'send' || m === 'none') return 'Không nhận kết quả qua bưu điện';
  if (m === 'home') return `Phát tận địa chỉ: ${plan.returnTo.address ?? ''}`;
  return `Nhận tại bưu cục: ${branchName}`;
}

function vietQrOf(plan: AcceptPlan, total: number, tariff: IntakeTariff): CustomerSummary['vietQr'] {
  if (plan.input.paymentMethod !== 'transfer' || total <= 0) return null;
  const a = tariff.account;
  const sender = plan.parties[0]!;
  const payload = vietQrPayload({ bankBin: a.bankBin, accountNumber: a.accountNumber, amount: total, purpose: `HCC ${sender.fullName}` });
  return { payload, bankName: a.bankName, accountNumber: a.accountNumber, owner: a.owner, sample: a.sample };
}

/** The summary of a checked intake, as the citizen reads it. */
export function summaryOf(plan: AcceptPlan, tariff: IntakeTariff, branchName: string): CustomerSummary {
  const { input, proc } = plan;
  const sender = plan.parties.find((p) => p.role === 'sender')!;
  const proxy = plan.parties.find((p) => p.role === 'proxy');
  const fee = proc.fees.find((f) => f.category === plan.feeCategory);
  const lines = [
    ...(input.feeAmount > 0 ? [{ label: fee ? `Phí, lệ phí (${fee.label})` : 'Phí, lệ phí', amount: input.feeAmount }] : []),
    ...(input.postageAmount > 0 ? [{ label: 'Cước bưu chính', amount: input.postageAmount }] : []),
  ];
  const total = input.feeAmount + input.postageAmount;
  return {
    fullName: sender.fullName,
    idLabel: sender.idKind ? ID_KIND_LABELS[sender.idKind] : 'Giấy tờ',
    idMasked: maskIdNumber(sender.idNumber ?? ''),
    proxy: proxy ? { fullName: proxy.fullName, idMasked: maskIdNumber(proxy.idNumber ?? '') } : null,
    procedureName: proc.name,
    agencyName: proc.agencyName,
    documents: plan.documents
      .filter((d) => d.providedCount > 0)
      .map((d) => ({ name: d.name, count: d.providedCount, formLabel: d.providedForm ? HANDED_FORM_LABELS[d.providedForm] : 'bản chính hoặc bản sao' })),
    missing: plan.missing,
    serviceLabel: SERVICE_LABELS[input.serviceType],
    returnLabel: returnLabel(plan, branchName),
    lines,
    total,
    paymentMethod: input.paymentMethod,
    vietQr: vietQrOf(plan, total, tariff),
    appointmentEstimate: plan.dates.appointmentEstimate,
  };
}

export interface CustomerDisplay {
  /** Shows a checked intake's summary; returns it (the clerk's screen shows the same). */
  review(plan: AcceptPlan): CustomerSummary;
  /** After the commit: the item number, with the summary the citizen agreed to. */
  accepted(out: AcceptOutput): void;
  clear(): DisplayFrame;
  watch(since: number): Promise<DisplayFrame>;
  /** Answers every waiting display (the counter is closing). */
  close(): void;
}

export interface DisplayDeps {
  tariff: () => IntakeTariff;
  /** The branch's name ("Bưu điện Thành phố Sơn La"): the display's header and the pickup place. */
  branchName: () => string;
  /** How long a watch waits for a change before answering with the same frame (ms). */
  waitMs?: number;
}

export function createCustomerDisplay(deps: DisplayDeps): CustomerDisplay {
  let version = 0;
  let screen: CustomerScreen = { kind: 'idle', office: deps.branchName() };
  let lastSummary: CustomerSummary | null = null;
  const waiters = new Set<() => void>();
  const frame = (): DisplayFrame => ({ version, screen });
  const show = (s: CustomerScreen): DisplayFrame => {
    version += 1;
    screen = s;
    for (const wake of [...waiters]) wake();
    return frame();
  };
  return {
    review(plan) {
      lastSummary = summaryOf(plan, deps.tariff(), deps.branchName());
      show({ kind: 'review', office: deps.branchName(), summary: lastSummary });
      return lastSummary;
    },
    accepted(out) {
      if (!lastSummary) return;
      show({ kind: 'accepted', office: deps.branchName(), summary: lastSummary, itemNumberDisplay: out.view.itemNumberDisplay, complete: out.view.complete });
      lastSummary = null;
    },
    clear() {
      lastSummary = null;
      return screen.kind === 'idle' ? frame() : show({ kind: 'idle', office: deps.branchName() });
    },
    watch(since) {
      if (since !== version) return Promise.resolve(frame());
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(frame());
        };
        const timer = setTimeout(wake, deps.waitMs ?? 20_000);
        timer.unref?.();
        waiters.add(wake);
      });
    },
    close() {
      for (const wake of [...waiters]) wake();
    },
  };
}
