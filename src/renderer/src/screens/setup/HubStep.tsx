/**
 * Step 1, the provincial hub: scan the enrollment QR printed from the hub (address and code in one
 * scan) or type them. The address is read as people type it (src/shared/enrollment.ts), the
 * connection tested, the hub's time and this machine's clock skew shown; Enter enrolls. F8: later,
 * the counter then works on its own identity and says so on the status bar.
 */
import { useCallback, useRef, useState } from 'react';
import type { HubProbeDto } from '../../../../shared/ipc/contract';
import { HUB_ADDRESS_EXAMPLE, looksLikeEnrollmentText, parseEnrollmentText } from '../../../../shared/enrollment';
import { api } from '../../api';
import { useFocusRequest, useScreenActions, useShell } from '../../shell';
import { beep, TextInput, viDateTime } from '../../ui';
import type { StepProps } from './SetupScreen';
import { useStepKey } from './SetupScreen';

export function HubStep({ state, done }: StepProps) {
  const shell = useShell();
  const focus = useFocusRequest();
  const [address, setAddress] = useState(state.hub.hubUrl ?? '');
  const [code, setCode] = useState('');
  const [probe, setProbe] = useState<HubProbeDto | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const fail = useCallback(
    (message: string, field: string) => {
      beep();
      setErrors({ [field]: message });
      shell.flash({ kind: 'error', text: message });
      focus(field === 'code' ? 'hub-code' : 'hub-address');
    },
    [shell, focus],
  );

  const test = useCallback(
    async (hubUrl: string): Promise<boolean> => {
      setProbe(null);
      const r = await api()['setup.testHub']({ hubUrl });
      if (!r.ok) {
        fail(r.error.message, 'address');
        return false;
      }
      setErrors({});
      setAddress(r.value.url);
      setProbe(r.value);
      shell.flash({ kind: 'info', text: `Đã kết nối máy chủ tỉnh ${r.value.url}.` });
      return true;
    },
    [fail, shell],
  );

  /** The QR's text, scanned anywhere on the step or typed into the address field. */
  const fromQr = useCallback(
    async (text: string) => {
      const t = parseEnrollmentText(text);
      if (!t.ok) return fail(t.message, 'address');
      setAddress(t.ticket.hubUrl);
      setCode(t.ticket.code);
      if (await test(t.ticket.hubUrl)) focus('hub-enroll');
    },
    [fail, test, focus],
  );

  async function enroll() {
    if (busyRef.current) return;
    if (looksLikeEnrollmentText(address)) return void fromQr(address);
    busyRef.current = true;
    setBusy(true);
    try {
      const r = await api()['setup.hub']({ mode: 'enroll', hubUrl: address, code });
      if (!r.ok) return fail(r.error.message, r.error.field === 'hubUrl' ? 'address' : 'code');
      const id = r.value.identity;
      done(r.value, `Đã đăng ký quầy với máy chủ tỉnh: ${id.branchName} — ${id.counterName} (${id.counterId}).`);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }

  const later = useCallback(async () => {
    const r = await api()['setup.hub']({ mode: 'later' });
    if (!r.ok) return fail(r.error.message, 'address');
    done(r.value, 'Để sau: quầy chạy riêng với định danh tại quầy cho đến khi đăng ký máy chủ tỉnh (Ctrl+K → Đồng bộ).');
  }, [done, fail]);

  useScreenActions({
    scan: (c, raw) => {
      const text = raw ?? c;
      if (!looksLikeEnrollmentText(text)) return false;
      void fromQr(text);
      return true;
    },
    save: () => void enroll(),
  });
  useStepKey('F8', state.hub.enrolled ? null : () => void later());

  if (state.hub.enrolled) {
    return (
      <section className="panel" aria-labelledby="setup-step-title">
        <p>
          Quầy đã đăng ký với máy chủ tỉnh <strong data-testid="hub-url">{state.hub.hubUrl}</strong>
          {state.hub.enrolledAt ? ` lúc ${viDateTime(state.hub.enrolledAt)}` : ''}. Muốn đăng ký lại (máy thay thế), dùng Ctrl+K → “Đồng bộ”.
        </p>
        <div className="actions">
          <button
            id="hub-keep"
            className="btn"
            autoFocus
            onClick={() =>
              void api()['setup.hub']({ mode: 'keep' }).then((r) => (r.ok ? done(r.value, 'Giữ đăng ký máy chủ tỉnh hiện có.') : fail(r.error.message, 'address')))
            }
          >
            Tiếp tục (Enter)
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="setup-step-title">
      <p>
        Quét mã QR đăng ký do CNTT tỉnh in từ máy chủ (địa chỉ và mã trong một lần quét), hoặc gõ địa chỉ máy chủ rồi Enter để thử kết nối, sau đó gõ mã đăng ký.
      </p>
      <form
        data-form
        onSubmit={(e) => {
          e.preventDefault();
          void enroll();
        }}
      >
        <div className="grid2">
          <div
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229) return;
              e.preventDefault();
              e.stopPropagation();
              if (looksLikeEnrollmentText(address)) return void fromQr(address);
              void test(address).then((ok) => ok && focus('hub-code'));
            }}
          >
            <TextInput id="hub-address" label="Địa chỉ máy chủ tỉnh" hint={`Ví dụ: ${HUB_ADDRESS_EXAMPLE}`} value={address} onChange={setAddress} error={errors['address']} autoFocus />
          </div>
          <TextInput id="hub-code" label="Mã đăng ký (một lần)" hint="Dạng K7QF-2MX9-PAD4; chữ hoa, thường và dấu gạch đều được." value={code} onChange={setCode} error={errors['code']} />
        </div>
        {probe ? (
          <div className={`probe${probe.skewWarn || !probe.dbOk ? ' warn' : ''}`} data-testid="hub-probe" role="status">
            <div>
              Máy chủ <strong>{probe.url}</strong> trả lời. Giờ máy chủ: <strong data-testid="hub-time">{viDateTime(probe.hubTime)}</strong>.
            </div>
            <div data-testid="hub-skew">{probe.skewText}</div>
            {probe.note ? <div>{probe.note}</div> : null}
            {probe.dbOk ? null : <div>Cơ sở dữ liệu của máy chủ đang không trả lời; đăng ký có thể không thành công.</div>}
          </div>
        ) : null}
        <div className="actions">
          <button id="hub-enroll" type="submit" className="btn" disabled={busy}>
            Đăng ký quầy (Enter)
          </button>
          <button id="hub-later" type="button" className="btn secondary" onClick={() => void later()}>
            Để sau, chạy riêng (F8)
          </button>
        </div>
      </form>
    </section>
  );
}
