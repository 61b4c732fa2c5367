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
import { agencyFeePayments, getDossierView, overdueSummaries, summariesWhere } from './views';
import { previewIntake, type PreviewInput } from './preview';
import { createAuthService } from './auth';
import { closeDay, closeShift, confirmTransfer, currentShift, dayStatus, reopenShift, shiftView } from './shifts';
import type { ConfirmManager } from './shifts';
import type { ConfirmTransferInput, ShiftCloseInput, ShiftReopenInput } from '../../shared/ipc/channels/manager';
import { overdueReasonOf } from '../reports/overdue';
import { createSetupService } from './setup';
import { branchPeriodicReport } from './branch-report';
import {
  answerComplaint,
  closeComplaint,
  decideCompensation,
  declareLoss,
  getCaseView,
  listCases,
  markComplaintHandling,
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
  let index = buildProcedureIndex(ctx.db);
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
    },
    /** Complaints, losses and compensation (issue 13). */
    cases: {
      receiveComplaint: (input: unknown, actor: Actor) => receiveComplaint(ctx, input, actor),
      markHandling: (input: unknown, actor: Actor) => markComplaintHandling(ctx, input, actor),
      answer: (input: unknown, actor: Actor) => answerComplaint(ctx, input, actor),
      close: (input: unknown, actor: Actor) => closeComplaint(ctx, input, actor),
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
      search: (input: unknown) => lookup(ctx, input, today()),
      get: (dossierId: string) => getDossierView(ctx.db, dossierId, today()),
      /** A scan: the dossier, and why it is overdue when it is (the clerk is told). */
      byItemNumber: (itemNumber: string) => {
        const id = findByItemNumber(ctx, itemNumber).id;
        const late = overdueReasonOf(ctx.db, id, today(), ctx.reference().calendar);
        return { ...getDossierView(ctx.db, id, today()), overdue: late ? { label: late.sourceLabel, daysOverdue: late.daysOverdue, deadline: late.deadline } : null };
      },
      /** The agency fee payments of a dossier, for its fee receipt. */
      feePayments: (dossierId: string) => agencyFeePayments(ctx.db, dossierId),
    },
    catalogue: {
      search: (query: string, limit?: number) => searchProcedures(index, query, limit),
      get: (code: string) => getProcedure(ctx.db, code),
      agencies: () => listAgencies(ctx.db),
      /** Rebuilds the in-memory search index after new reference data arrives. */
      reindex: () => {
        index = buildProcedureIndex(ctx.db);
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
