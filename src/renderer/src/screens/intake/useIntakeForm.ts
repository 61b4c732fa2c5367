/**
 * The intake form's state and actions: react-hook-form over the shared schemas (model.ts), the
 * procedure picked from the catalogue, the postage looked up in the province's tariff
 * (`reference.tariff`) until the clerk types one, and F10's save (one service call).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import type { FieldErrors, FieldPath, UseFormReturn } from 'react-hook-form';
import { useForm, useFormState, useWatch } from 'react-hook-form';
import type { AcceptOutput, IntakeTariff, ProcedureDto } from '../../../../shared/ipc/contract';
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

const defaultsFor = (tariff: IntakeTariff | null): IntakeForm => {
  const d = emptyIntake();
  return tariff ? { ...d, postageAmount: String(tariff.postage.quotes[d.serviceType][d.returnMethod]) } : d;
};

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
  const tariff = useTariff();
  const edited = useRef(false);
  const saving = useRef(false);

  // Main is told while the form holds input not yet saved: an update never installs then (src/main/update).
  const { isDirty } = useFormState({ control: form.control });
  const unsaved = (isDirty || proc !== null) && done === null;
  useEffect(() => {
    void api()['status.activity']({ unsavedForm: unsaved });
  }, [unsaved]);
  useEffect(() => () => void api()['status.activity']({ unsavedForm: false }), []);

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

  async function accept(input: AcceptInput): Promise<void> {
    const r = await api()['intake.accept'](input);
    form.clearErrors();
    if (!r.ok) {
      // The service's refusal, on the field it names (its paths are the form's).
      if (r.error.field) form.setError(r.error.field as FieldPath<IntakeForm>, { type: 'server', message: r.error.message });
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setDone(r.value);
    shell.flash({ kind: 'ok', text: `Đã lưu hồ sơ ${r.value.view.itemNumberDisplay}. ${r.value.print.message}` });
  }

  function refused(errors: FieldErrors<IntakeForm>): void {
    beep();
    shell.flash({ kind: 'error', text: firstMessage(errors) ?? 'Phiếu tiếp nhận chưa hợp lệ.' });
  }

  async function save(): Promise<void> {
    if (done || saving.current) return;
    if (proc?.inPersonOnly) {
      // Refused here; the service refuses it too (IN_PERSON_ONLY) if it were ever sent.
      beep();
      shell.flash({ kind: 'error', text: `Không tiếp nhận: thủ tục “${proc.name}” yêu cầu công dân đến trực tiếp cơ quan. ${proc.inPersonReason ?? ''}`.trim() });
      return;
    }
    saving.current = true;
    try {
      await form.handleSubmit(accept, refused)();
    } finally {
      saving.current = false;
    }
  }

  function reset(): void {
    edited.current = false;
    form.reset(defaultsFor(tariff));
    setProc(null);
    setDone(null);
    setTimeout(() => document.getElementById('sender-idKind')?.focus(), 0);
  }

  return { form, proc, tariff, done, pickProcedure, postageEdited: () => void (edited.current = true), save, reset };
}
