/**
 * The counter's use cases, bound to one context. Every method validates its input and throws a
 * DomainError with a Vietnamese message on refusal, having written nothing. The use cases that also
 * print (accept and print the receipts, hand over and print the fee receipt) are in receipts.ts, built
 * over these and the printer by the composition root (src/main/counter.ts).
 */
import { localDateOf } from '../../shared/calendar';
import { intakeTariff } from '../../shared/tariff';
import type { Actor, ServiceContext } from './context';
import { acceptDossier, checkAcceptance, supplementDossier } from './intake';
import { intakeDefaults, rememberChoices } from './intake-defaults';
import type { AcceptDossierInput } from '../../shared/schemas';
import type { ProcedureIndex } from './catalogue';
import { buildProcedureIndex, getProcedure, listAgencies, searchProcedures } from './catalogue';
import {
  cancelDossier,
  collectResult,
  createBatch,
  findByItemNumber,
  getBatch,
  handOver,
  listOpenBatches,
  pendingByAgency,
  recordAppointment,
  recordDeliveryAttempt,
  recordFiling,
  removeFromBatch,
  returnToAgency,
} from './workflow';
import { lookup } from './lookup';
import { recordAccess } from '../store/access-log';
import { agencyFeePayments, getDossierView, overdueSummaries, summariesWhere } from './views';
import { previewIntake, type PreviewInput } from './preview';
import { createAuthService } from './auth';
import { closeDay, closeShift, confirmTransfer, currentShift, dayStatus, reopenShift, shiftView } from './shifts';
import type { ConfirmManager } from './shifts';
import type { ConfirmTransferInput, ReissueReceiptInput, ShiftCloseInput, ShiftReopenInput } from '../../shared/ipc/channels/manager';
import { reissueFeeReceipt } from './receipt-reissue';
import { overdueReasonOf } from '../reports/overdue';
import { createSetupService } from './setup';
import { branchPeriodicReport } from './branch-report';
import {
  decideCompensation,
  declareLoss,
  getCaseView,
  listCases,
  stepComplaint,
  overdueComplaints,
  payCompensation,
  receiveComplaint,
  type CaseFilter,
} from './cases';

export type { Actor, ServiceContext };

export function createServices(ctx: ServiceContext) {
  const today = () => localDateOf(ctx.clock.now());
  const auth = createAuthService(ctx);
  const confirm: ConfirmManager = (input, actor, purpose) => auth.confirmManager(input, actor, purpose);
  // Built on the first search, not at start: it is the largest piece of start-up work and nobody
  // searches the catalogue before signing in.
  let index: ProcedureIndex | null = null;
  const procedures = (): ProcedureIndex => (index ??= buildProcedureIndex(ctx.db));
  return {
    auth,
    /** The guided first run's state and steps (services/setup.ts). */
    setup: createSetupService(ctx),
    intake: {
      /** The dates told before saving (J, transit deadline, appointment estimate). */
      preview: (input: PreviewInput) => previewIntake(ctx, input),
      accept: (input: unknown, actor: Actor) => acceptDossier(ctx, input, actor),
      /** Every refusal of accept, nothing written: the plan the customer display shows. */
      check: (input: unknown, actor: Actor) => checkAcceptance(ctx, input, actor),
      /** The branch's place and this clerk's last choices, for a new intake. */
      defaults: (actor: Actor) => intakeDefaults(ctx, actor.clerkId),
      remember: (input: AcceptDossierInput, actor: Actor) => rememberChoices(ctx, actor.clerkId, input),
      supplement: (input: unknown, actor: Actor) => supplementDossier(ctx, input, actor),
    },
    dispatch: {
      pendingByAgency: () => pendingByAgency(ctx, today()),
      openBatches: () => listOpenBatches(ctx),
      getBatch: (batchId: string) => getBatch(ctx, batchId),
      createBatch: (input: unknown, actor: Actor) => createBatch(ctx, input, actor),
      removeFromBatch: (input: unknown, actor: Actor) => removeFromBatch(ctx, input, actor),
      recordFiling: (input: unknown, actor: Actor) => recordFiling(ctx, input, actor),
      recordAppointment: (input: unknown, actor: Actor) => recordAppointment(ctx, input, actor),
      awaitingAppointment: () => summariesWhere(ctx.db, "d.state = 'filed' AND d.appointment_date IS NULL", [], today()),
    },
    results: {
      collect: (input: unknown, actor: Actor) => collectResult(ctx, input, actor),
      pickupShelf: () => summariesWhere(ctx.db, "d.state = 'ready_for_pickup'", [], today()),
      deliveryList: () => summariesWhere(ctx.db, "d.state IN ('out_for_delivery', 'delivery_failed')", [], today()),
      toReturn: () => summariesWhere(ctx.db, "d.state = 'to_return'", [], today()),
    },
    handover: {
      handOver: (input: unknown, actor: Actor) => handOver(ctx, input, actor),
      recordDeliveryAttempt: (input: unknown, actor: Actor) => recordDeliveryAttempt(ctx, input, actor),
      returnToAgency: (input: unknown, actor: Actor) => returnToAgency(ctx, input, actor),
    },
    admin: {
      cancel: (input: unknown, actor: Actor) => cancelDossier(ctx, input, actor),
      overdue: () => overdueSummaries(ctx.db, today()),
    },
    shifts: {
      current: (actor: Actor) => currentShift(ctx, actor),
      view: (clerkId: string, date: string) => shiftView(ctx, clerkId, date),
      close: (input: ShiftCloseInput, actor: Actor) => closeShift(ctx, input, actor, confirm),
      reopen: (input: ShiftReopenInput, actor: Actor) => reopenShift(ctx, input, actor, confirm),
      confirmTransfer: (input: ConfirmTransferInput, actor: Actor) => confirmTransfer(ctx, input, actor),
      day: (date: string) => dayStatus(ctx, date),
      closeDay: (date: string, actor: Actor) => closeDay(ctx, date, actor),
      /** Cancel a fee receipt and issue the next number for the same payment (manager's password). */
      reissueReceipt: (input: ReissueReceiptInput, actor: Actor) => reissueFeeReceipt(ctx, input, actor, confirm),
    },
    /** Complaints, losses and compensation (issue 13). */
    cases: {
      receiveComplaint: (input: unknown, actor: Actor) => receiveComplaint(ctx, input, actor),
      markHandling: (input: unknown, actor: Actor) => stepComplaint(ctx, 'handling', input, actor),
      answer: (input: unknown, actor: Actor) => stepComplaint(ctx, 'answer', input, actor),
      close: (input: unknown, actor: Actor) => stepComplaint(ctx, 'close', input, actor),
      declareLoss: (input: unknown, actor: Actor) => declareLoss(ctx, input, actor),
      decideCompensation: (input: unknown, actor: Actor) => decideCompensation(ctx, input, actor),
      payCompensation: (input: unknown, actor: Actor) => payCompensation(ctx, input, actor),
      get: (caseId: string) => getCaseView(ctx.db, caseId, today()),
      list: (filter: CaseFilter) => listCases(ctx.db, filter, today()),
      /** Open complaints past their settling deadline, for the manager's overdue list. */
      overdueComplaints: () => overdueComplaints(ctx.db, today()),
    },
    reports: {
      /** The periodic report of this counter's branch from the data it holds (the counter's view). */
      branchPeriodic: (periodKey: string) => {
        const self = ctx.db.prepare('SELECT branch_code AS code, branch_name AS name FROM counters WHERE is_self = 1').get() as { code: string; name: string } | undefined;
        return branchPeriodicReport(ctx, periodKey, self ?? { code: '', name: '' });
      },
    },
    lookup: {
      /** A search; with `actor`, each dossier listed is recorded as looked at (never the query). */
      search: (input: unknown, actor?: Actor) => {
        const r = lookup(ctx, input, today());
        if (actor) recordAccess(ctx.db, actor, ctx.clock.now(), 'personal_data.lookup', 'dossier', r.results.map((x) => x.id), { by: r.kind });
        return r;
      },
      /** The dossier's view for a use case's answer (the use case is audited itself). */
      get: (dossierId: string) => getDossierView(ctx.db, dossierId, today()),
      /** The dossier opened on screen by `actor`: recorded as a look at its personal data. */
      view: (dossierId: string, actor: Actor) => {
        const v = getDossierView(ctx.db, dossierId, today());
        recordAccess(ctx.db, actor, ctx.clock.now(), 'personal_data.view', 'dossier', [v.id], { via: 'view' });
        return v;
      },
      /** A scan: the dossier, and why it is overdue when it is (the clerk is told). Recorded with `actor`. */
      byItemNumber: (itemNumber: string, actor?: Actor) => {
        const id = findByItemNumber(ctx, itemNumber).id;
        const late = overdueReasonOf(ctx.db, id, today(), ctx.reference().calendar);
        if (actor) recordAccess(ctx.db, actor, ctx.clock.now(), 'personal_data.view', 'dossier', [id], { via: 'scan' });
        return { ...getDossierView(ctx.db, id, today()), overdue: late ? { label: late.sourceLabel, daysOverdue: late.daysOverdue, deadline: late.deadline } : null };
      },
      /** The agency fee payments of a dossier, for its fee receipt. */
      feePayments: (dossierId: string) => agencyFeePayments(ctx.db, dossierId),
    },
    catalogue: {
      search: (query: string, limit?: number) => searchProcedures(procedures(), query, limit),
      get: (code: string) => getProcedure(ctx.db, code),
      agencies: () => listAgencies(ctx.db),
      /** Rebuilds the in-memory search index after new reference data arrives. */
      reindex: () => {
        index = null;
      },
    },
    reference: {
      provinces: () => ctx.db.prepare('SELECT code, name, full_name AS fullName FROM provinces ORDER BY name').all() as { code: string; name: string; fullName: string }[],
      communes: (provinceCode: string) =>
        ctx.db.prepare('SELECT code, name, full_name AS fullName FROM communes WHERE province_code = ? ORDER BY name_folded').all(provinceCode) as { code: string; name: string; fullName: string }[],
      /** The postage quotes and the VietQR account, from the province's reference data. */
      tariff: () => intakeTariff(ctx.reference().tariff, ctx.reference().bankAccounts),
      today,
    },
  };
}

export type Services = ReturnType<typeof createServices>;
