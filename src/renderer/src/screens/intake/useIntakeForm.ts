/**
 * The intake form's state and actions: react-hook-form over the shared schemas (model.ts), the
 * procedure picked from the catalogue, the postage looked up in the province's tariff
 * (`reference.tariff`) until the clerk types one, and F10's save (one service call).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import type { FieldErrors, FieldPath, UseFormReturn } from 'react-hook-form';
import { useForm, useFormState, useWatch } from 'react-hook-form';
import type { AcceptOutput, CustomerSummary, IntakeDefaults, IntakeTariff, ProcedureDto } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useFocusRequest, useShell } from '../../shell';
import { beep } from '../../ui';
import type { AcceptInput, IntakeForm } from './model';
import { checklistOf, emptyIntake, firstMessage, intakeSchema } from './model';

export interface IntakeState {
  form: UseFormReturn<IntakeForm, unknown, AcceptInput>;
  proc: ProcedureDto | null;
  tariff: IntakeTariff | null;
  done: AcceptOutput | null;
  /** F10 showed this summary to the citizen; nothing is written until the clerk confirms. */
  review: { input: AcceptInput; summary: CustomerSummary } | null;
  /** The citizen agreed: commit and print (Enter or F10 on the review). */
  confirm(): Promise<void>;
  /** Esc on the review: back to the form, nothing written, the display cleared. */
  cancelReview(): void;
  pickProcedure(code: string): Promise<void>;
  /** The clerk typed a postage: it is no longer taken from the tariff. */
  postageEdited(): void;
  save(): Promise<void>;
  reset(): void;
}

function useTariff(): IntakeTariff | null {
  const shell = useShell();
  const [tariff, setTariff] = useState<IntakeTariff | null>(null);
  useEffect(() => {
    let live = true;
    void api()['reference.tariff']({}).then((r) => {
      if (!live) return;
      if (r.ok) setTariff(r.value);
      else shell.flash({ kind: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [shell]);
  return tariff;
}

/** A new intake: the clerk's last choices and the branch's place (intake.defaults), the postage from the tariff. */
const defaultsFor = (tariff: IntakeTariff | null, start: IntakeDefaults | null): IntakeForm => {
  const e = emptyIntake();
  const c = start?.choices;
  const d: IntakeForm = {
    ...e,
    ...(c ? { serviceType: c.serviceType, returnMethod: c.returnMethod, paymentMethod: c.paymentMethod } : {}),
    sender: { ...e.sender, idKind: c?.idKind ?? e.sender.idKind, province: start?.home.province ?? null, commune: start?.home.commune ?? null },
  };
  return tariff ? { ...d, postageAmount: String(tariff.postage.quotes[d.serviceType][d.returnMethod]) } : d;
};

/** Nothing typed yet: the defaults may still replace the form's values. */
const untouched = (f: IntakeForm): boolean => !f.procedureCode && !f.hasProxy && [f.sender.idNumber, f.sender.fullName, f.sender.phone, f.sender.address].every((v) => v.trim() === '');

async function loadDefaults(): Promise<IntakeDefaults | null> {
  const r = await api()['intake.defaults']({});
  return r.ok ? r.value : null;
}

export function useIntakeForm(): IntakeState {
  const shell = useShell();
  const focus = useFocusRequest();
  const form = useForm<IntakeForm, unknown, AcceptInput>({
    resolver: zodResolver(intakeSchema),
    defaultValues: emptyIntake(),
    // Checked on F10 only, and focus stays where the clerk is (the message says what to fix).
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [proc, setProc] = useState<ProcedureDto | null>(null);
  const [done, setDone] = useState<AcceptOutput | null>(null);
  const [review, setReview] = useState<IntakeState['review']>(null);
  const tariff = useTariff();
  const edited = useRef(false);
  const saving = useRef(false);
  const returnFocus = useRef<string>('payment');

  // The clerk's last choices and the branch's place, once they arrive, while nothing is typed yet.
  useEffect(() => {
    let live = true;
    void loadDefaults().then((start) => {
      if (live && start && untouched(form.getValues())) form.reset(defaultsFor(tariff, start));
    });
    return () => {
      live = false;
    };
  }, [form, tariff]);

  // Main is told while the form holds input not yet saved: an update never installs then (src/main/update).
  const { isDirty } = useFormState({ control: form.control });
  const unsaved = (isDirty || proc !== null) && done === null;
  useEffect(() => {
    void api()['status.activity']({ unsavedForm: unsaved });
  }, [unsaved]);
  useEffect(() => () => void api()['status.activity']({ unsavedForm: false }), []);
  // Leaving the intake (another screen, F2 again) takes the citizen's data off the customer display.
  useEffect(() => () => void api()['display.clear']({}), []);

  // The postage for the chosen service and return method, from the tariff, until the clerk types one.
  const [serviceType, returnMethod] = useWatch({ control: form.control, name: ['serviceType', 'returnMethod'] });
  useEffect(() => {
    if (tariff && !edited.current) form.setValue('postageAmount', String(tariff.postage.quotes[serviceType][returnMethod]));
  }, [tariff, serviceType, returnMethod, form]);

  async function pickProcedure(code: string): Promise<void> {
    const r = await api()['catalogue.get']({ code });
    if (!r.ok) return shell.flash({ kind: 'error', text: r.error.message });
    const p = r.value;
    // Values first, then the render that mounts the checklist rows bound to them.
    form.setValue('procedureCode', p.code);
    form.setValue('documents', checklistOf(p));
    const first = p.fees[0];
    form.setValue('feeCategory', first?.category ?? '');
    form.setValue('feeAmount', String(first?.amount ?? 0));
    form.clearErrors();
    setProc(p);
    // Continue on the first document row once the checklist is on the page.
    focus(!p.inPersonOnly && p.documents.length > 0 ? 'doc-0' : 'service');
    if (p.inPersonOnly) {
      beep();
      shell.flash({ kind: 'error', text: `Không nhận thủ tục này qua bưu điện: công dân phải đến trực tiếp.` });
    } else shell.flash(null);
  }

  /** The service's refusal, on the field it names (its paths are the form's). */
  function serviceRefused(error: { message: string; field?: string }): void {
    if (error.field) form.setError(error.field as FieldPath<IntakeForm>, { type: 'server', message: error.message });
    beep();
    shell.flash({ kind: 'error', text: error.message });
  }

  /** F10: main checks the intake (every refusal of accepting it) and shows its summary to the citizen. */
  async function present(input: AcceptInput): Promise<void> {
    const r = await api()['display.review'](input);
    form.clearErrors();
    if (!r.ok) return serviceRefused(r.error);
    returnFocus.current = document.activeElement?.id || 'payment';
    setReview({ input, summary: r.value });
    shell.flash({ kind: 'info', text: 'Mời công dân kiểm tra trên màn hình khách hàng. Enter: công dân đồng ý — lưu và in phiếu · Esc: quay lại sửa.' });
  }

  async function confirm(): Promise<void> {
    if (!review || saving.current) return;
    saving.current = true;
    try {
      const r = await api()['intake.accept'](review.input);
      setReview(null);
      if (!r.ok) {
        void api()['display.clear']({});
        return serviceRefused(r.error);
      }
      setDone(r.value);
      shell.flash({ kind: 'ok', text: `Đã lưu hồ sơ ${r.value.view.itemNumberDisplay}. ${r.value.print.message}` });
    } finally {
      saving.current = false;
    }
  }

  function cancelReview(): void {
    if (!review) return;
    setReview(null);
    void api()['display.clear']({});
    shell.flash({ kind: 'info', text: 'Chưa lưu gì. Sửa phiếu rồi nhấn F10 để công dân kiểm tra lại.' });
    const back = returnFocus.current;
    setTimeout(() => document.getElementById(back)?.focus(), 0);
  }

  function refused(errors: FieldErrors<IntakeForm>): void {
    beep();
    shell.flash({ kind: 'error', text: firstMessage(errors) ?? 'Phiếu tiếp nhận chưa hợp lệ.' });
  }

  async function save(): Promise<void> {
    if (review) return confirm();
    if (done || saving.current) return;
    if (proc?.inPersonOnly) {
      // Refused here; the service refuses it too (IN_PERSON_ONLY) if it were ever sent.
      beep();
      shell.flash({ kind: 'error', text: `Không tiếp nhận: thủ tục “${proc.name}” yêu cầu công dân đến trực tiếp cơ quan. ${proc.inPersonReason ?? ''}`.trim() });
      return;
    }
    saving.current = true;
    try {
      await form.handleSubmit(present, refused)();
    } finally {
      saving.current = false;
    }
  }

  function reset(): void {
    edited.current = false;
    form.reset(defaultsFor(tariff, null));
    setProc(null);
    setDone(null);
    setReview(null);
    void api()['display.clear']({});
    // The remembered choices changed with the intake just saved.
    void loadDefaults().then((start) => {
      if (start && untouched(form.getValues())) form.reset(defaultsFor(tariff, start));
    });
    // Back to the first field, unless the clerk has moved on meanwhile: on a busy main thread the
    // browser runs key presses before timers, so F2 and the next citizen's ID may come first, and
    // focus taken then would send the ID's last digits into the select.
    const was = document.activeElement;
    setTimeout(() => {
      if (document.activeElement === was || document.activeElement === document.body) document.getElementById('sender-idKind')?.focus();
    }, 0);
  }

  return { form, proc, tariff, done, review, confirm, cancelReview, pickProcedure, postageEdited: () => void (edited.current = true), save, reset };
}
