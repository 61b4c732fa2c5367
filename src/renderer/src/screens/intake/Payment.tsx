/**
 * The service and payment panel: the service and how the result comes back, the agency's fee (by
 * the catalogue's fee categories), the postage (looked up in the province's tariff; the clerk may
 * change it), cash or a VietQR transfer to the province's account, the total, and the dates told to
 * the citizen. Nothing here prices anything: amounts come from the catalogue and the tariff.
 */
import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { IntakePreview, IntakeTariff, ProcedureDto } from '../../../../shared/ipc/contract';
import { formatVnd } from '../../../../shared/money';
import { vietQrPayload } from '../../../../shared/vietqr';
import { api } from '../../api';
import { FormSelect, FormText } from '../../form';
import { viDate } from '../../ui';
import type { IntakeForm, Pay } from './model';
import { parseDong, RETURN_METHODS, SERVICES } from './model';

const PAYMENTS: readonly { value: Pay; label: string }[] = [
  { value: 'cash', label: 'Tiền mặt' },
  { value: 'transfer', label: 'Chuyển khoản (VietQR)' },
];

/** Service and return method (the return method only when a result comes back). */
export function ServiceFields() {
  const { control } = useFormContext<IntakeForm>();
  const service = useWatch({ control, name: 'serviceType' });
  return (
    <>
      <FormSelect control={control} name="serviceType" id="service" label="Dịch vụ" options={SERVICES} wide />
      {service !== 'send' ? <FormSelect control={control} name="returnMethod" id="return-method" label="Nhận kết quả" options={RETURN_METHODS} wide /> : null}
    </>
  );
}

/**
 * Enter passes over what is already right (issue #16 §4): a fee category with no other choice, the
 * fee as the catalogue sets it for the category, the postage as the tariff quotes it.
 */
function useAmountsRight(proc: ProcedureDto | null, tariff: IntakeTariff | null): { fee: boolean; postage: boolean } {
  const [category, fee, postage, service, method] = useWatch({ control: useFormContext<IntakeForm>().control, name: ['feeCategory', 'feeAmount', 'postageAmount', 'serviceType', 'returnMethod'] });
  const lawFee = proc ? (proc.fees.find((f) => f.category === category)?.amount ?? (proc.fees.length === 0 ? 0 : null)) : null;
  return {
    fee: lawFee !== null && parseDong(fee) === lawFee,
    postage: tariff !== null && parseDong(postage) === tariff.postage.quotes[service][method],
  };
}

export function PaymentFields({ proc, tariff, onPostageEdited }: { proc: ProcedureDto | null; tariff: IntakeTariff | null; onPostageEdited: () => void }) {
  const { control, setValue } = useFormContext<IntakeForm>();
  const right = useAmountsRight(proc, tariff);
  const feeOptions = useMemo(() => (proc?.fees ?? []).map((f) => ({ value: f.category, label: `${f.label} — ${formatVnd(f.amount)}` })), [proc]);
  const postageHint = !tariff ? 'Đang tải biểu cước…' : tariff.postage.sample ? 'Cước mẫu' : `Biểu cước ${tariff.postage.version}`;
  return (
    <>
      {feeOptions.length > 0 ? (
        <FormSelect
          control={control}
          name="feeCategory"
          id="fee-category"
          label="Đối tượng thu phí"
          options={feeOptions}
          wide
          skipEnter={feeOptions.length === 1}
          onEdit={(v) => setValue('feeAmount', String(proc?.fees.find((f) => f.category === v)?.amount ?? 0))}
        />
      ) : null}
      <FormText control={control} name="feeAmount" id="fee" label="Phí, lệ phí (₫)" inputMode="numeric" skipEnter={right.fee} />
      <FormText control={control} name="postageAmount" id="postage" label="Cước (₫)" inputMode="numeric" hint={postageHint} onEdit={onPostageEdited} skipEnter={right.postage} />
      <FormSelect control={control} name="paymentMethod" id="payment" label="Thanh toán" options={PAYMENTS} wide />
    </>
  );
}

/** Fee + postage as typed; null while either is not a whole, non-negative number of đồng. */
function useTotal(): number | null {
  const [fee, postage] = useWatch({ control: useFormContext<IntakeForm>().control, name: ['feeAmount', 'postageAmount'] });
  const f = parseDong(fee);
  const p = parseDong(postage);
  const total = (Number.isFinite(f) ? f : 0) + (Number.isFinite(p) ? p : 0);
  return Number.isSafeInteger(total) && total >= 0 ? total : null;
}

export function Total() {
  const total = useTotal();
  return (
    <p className="total" aria-live="polite">
      Tổng thu: <span data-testid="total">{total === null ? '—' : formatVnd(total)}</span>
    </p>
  );
}

/** The dates told to the citizen, recomputed when the procedure, service or sender's place changes. */
export function DatesPreview({ proc }: { proc: ProcedureDto | null }) {
  const { control } = useFormContext<IntakeForm>();
  const [service, province, commune] = useWatch({ control, name: ['serviceType', 'sender.province', 'sender.commune'] });
  const [preview, setPreview] = useState<IntakePreview | null>(null);
  useEffect(() => {
    if (!proc || proc.inPersonOnly) return setPreview(null);
    let live = true;
    void api()['intake.preview']({ procedureCode: proc.code, serviceType: service, provinceCode: province?.code ?? null, communeCode: commune?.code ?? null }).then((r) => {
      if (live) setPreview(r.ok ? r.value : null);
    });
    return () => {
      live = false;
    };
  }, [proc, service, province, commune]);
  if (!preview) return null;
  return (
    <dl className="dl" data-testid="preview">
      <dt>Ngày tiếp nhận (J)</dt>
      <dd>{viDate(preview.jDate)}</dd>
      {preview.transitDeadline ? (
        <>
          <dt>Chuyển đến cơ quan trước</dt>
          <dd data-testid="preview-transit">{viDate(preview.transitDeadline)}</dd>
        </>
      ) : null}
      {preview.appointmentEstimate ? (
        <>
          <dt>Hẹn trả kết quả (dự kiến)</dt>
          <dd data-testid="preview-appointment">{viDate(preview.appointmentEstimate)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The VietQR code of the total, to the province's account, when the citizen pays by transfer. */
export function VietQrFigure({ tariff }: { tariff: IntakeTariff | null }) {
  const { control } = useFormContext<IntakeForm>();
  const [pay, fullName] = useWatch({ control, name: ['paymentMethod', 'sender.fullName'] });
  const total = useTotal();
  const account = tariff?.account ?? null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (pay !== 'transfer' || total === null || total <= 0 || !account) {
      setQr(null);
      return;
    }
    let live = true;
    const payload = vietQrPayload({ bankBin: account.bankBin, accountNumber: account.accountNumber, amount: total, purpose: `HCC ${fullName}` });
    void QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 300 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [pay, total, account, fullName]);
  if (!qr || !account || total === null) return null;
  return (
    <figure className="qr row" style={{ margin: 0, flexWrap: 'nowrap', alignItems: 'flex-start' }}>
      <img src={qr} alt={`Mã VietQR chuyển khoản ${formatVnd(total)}`} />
      <figcaption className="hint">
        {account.bankName} · {account.accountNumber} · {account.owner}
        {account.sample ? <strong data-testid="sample-account"> · tài khoản mẫu, không chuyển tiền thật</strong> : null}
      </figcaption>
    </figure>
  );
}
