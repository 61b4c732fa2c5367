/**
 * Tiếp nhận hồ sơ (F2): sender, procedure, document checklist, service, return method, fees,
 * payment. F10 has main check the intake and show its summary on the customer display (and in the
 * review panel here, for a counter with one screen); the citizen agrees, the clerk presses Enter (or
 * F10 again): the dossier is committed and its receipt queued; Esc goes back with nothing written.
 * The parts live in ./intake/: the form's values and schema (model.ts), its state and actions
 * (useIntakeForm.ts), and one component per panel.
 */
import { useEffect } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import { api } from '../api';
import { onWindowKey } from '../keyboard';
import { FormCheck } from '../form';
import { useScreenActions, useShell } from '../shell';
import { Checklist } from './intake/Checklist';
import { Confirmation } from './intake/Confirmation';
import { ReviewPanel } from './intake/ReviewPanel';
import { DatesPreview, PaymentFields, ServiceFields, Total, VietQrFigure } from './intake/Payment';
import { PersonFields } from './intake/PersonFields';
import { useIntakeForm } from './intake/useIntakeForm';
import type { IntakeState } from './intake/useIntakeForm';

export function IntakeScreen() {
  const intake = useIntakeForm();
  const { form, proc, tariff, done, review } = intake;
  useIntakeKeys(intake);
  useEffect(() => {
    document.getElementById('sender-idKind')?.focus();
  }, []);

  return (
    <FormProvider {...form}>
      <div data-form className="cols" aria-label="Phiếu tiếp nhận">
        <section className="panel" aria-labelledby="h-sender">
          <h2 id="h-sender">Người gửi</h2>
          <PersonFields who="sender" />
          <FormCheck control={form.control} name="hasProxy" id="has-proxy" label="Người được ủy quyền nộp thay" />
          <ProxySection />
        </section>

        <Checklist proc={proc} onPick={(code) => void intake.pickProcedure(code)} />

        <section className="panel" aria-labelledby="h-pay">
          <h2 id="h-pay">Dịch vụ và thanh toán</h2>
          <div className="grid2">
            <ServiceFields />
            <PaymentFields proc={proc} tariff={tariff} onPostageEdited={intake.postageEdited} />
          </div>
          <Total />
          <DatesPreview proc={proc} />
          <VietQrFigure tariff={tariff} />
          <p className="hint">F10: công dân kiểm tra trên màn hình khách hàng, rồi Enter để lưu và in phiếu.</p>
        </section>

        {review ? <ReviewPanel summary={review.summary} /> : null}
        {done ? <Confirmation out={done} /> : null}
      </div>
    </FormProvider>
  );
}

function ProxySection() {
  const hasProxy = useWatch<{ hasProxy: boolean }>({ name: 'hasProxy' });
  if (!hasProxy) return null;
  return (
    <div data-testid="proxy">
      <h3>Người được ủy quyền</h3>
      <PersonFields who="proxy" />
    </div>
  );
}

/**
 * F10 shows the review, Enter (or F10) on it commits, Esc on it goes back; Ctrl+P reprints; Esc or
 * Enter on the confirmation panel starts the next intake.
 */
function useIntakeKeys(intake: IntakeState): void {
  const shell = useShell();
  const { done, review } = intake;
  useScreenActions({
    save: () => void intake.save(),
    print: () => {
      if (done) void api()['print.document']({ kind: done.view.complete ? 'intake_receipt' : 'missing_documents', id: done.dossierId, copy: true }).then((r) => shell.flash(r.ok ? { kind: r.value.queued ? 'ok' : 'info', text: r.value.message } : { kind: 'error', text: r.error.message }));
    },
    dirty: () => {
      if (done) return null;
      const f = intake.form.getValues();
      const typed = [f.sender.idNumber, f.sender.fullName, f.sender.phone, f.sender.address, f.procedureCode].some((v) => v.trim() !== '') || f.hasProxy;
      return typed ? 'phiếu tiếp nhận đang nhập dở. Lưu hồ sơ (F10) hoặc bỏ phiếu (F2 mở phiếu mới) trước khi đăng xuất.' : null;
    },
    back: () => {
      if (review) {
        intake.cancelReview();
        return true;
      }
      if (done) {
        intake.reset();
        return true;
      }
      return false;
    },
  });

  useEffect(() => {
    if (!done && !review) return;
    const onKey = (e: KeyboardEvent) => {
      // A held key's repeats never commit: the citizen's agreement is one deliberate press.
      if (e.key === 'Enter' && !e.isComposing && !e.repeat) {
        e.preventDefault();
        if (review) void intake.confirm();
        else intake.reset();
      }
    };
    return onWindowKey(onKey);
  });
}
