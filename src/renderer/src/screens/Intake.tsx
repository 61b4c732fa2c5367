/**
 * Tiếp nhận hồ sơ (F2): sender, procedure, document checklist, service, return method, fees,
 * payment; F10 saves (one service call), queues the receipt and shows the confirmation panel the
 * clerk turns to the citizen.
 */
import QRCode from 'qrcode';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AcceptOutput, IntakePreview, Place, ProcedureDto } from '../../../shared/ipc/contract';
import { formatVnd } from '../../../shared/money';
import { checkIdNumber, normalizePhone } from '../../../shared/people';
import type { IdKind } from '../../../shared/people';
import { foldVi } from '../../../shared/text';
import { api } from '../api';
import { Combobox } from '../components/Combobox';
import type { Option } from '../components/Combobox';
import { useScreenActions, useShell } from '../shell';
import { beep, Check, Select, TextInput, viDate } from '../ui';
import { vietQrPayload } from '../vietqr';

type Service = 'send' | 'return' | 'both';
type ReturnMethod = 'pickup' | 'home' | 'none';
type Pay = 'cash' | 'transfer';

interface Person {
  idKind: IdKind;
  idNumber: string;
  fullName: string;
  phone: string;
  address: string;
  province: Place | null;
  commune: Place | null;
  organisation: string;
}

interface DocRow {
  code: string;
  name: string;
  form: ProcedureDto['documents'][number]['form'];
  requiredCount: number;
  required: boolean;
  provided: string;
  providedForm: 'original' | 'copy' | 'certified_copy';
}

const ID_KINDS = [
  { value: 'cccd', label: 'CCCD (12 số)' },
  { value: 'cmnd', label: 'CMND cũ (9, 12 số)' },
  { value: 'passport', label: 'Hộ chiếu' },
] as const;

export const SERVICES = [
  { value: 'both', label: 'Gửi hồ sơ và nhận kết quả' },
  { value: 'send', label: 'Chỉ gửi hồ sơ' },
  { value: 'return', label: 'Chỉ nhận kết quả' },
] as const;

const RETURN_METHODS = [
  { value: 'pickup', label: 'Nhận tại bưu cục' },
  { value: 'home', label: 'Phát tận địa chỉ' },
  { value: 'none', label: 'Không nhận qua bưu điện' },
] as const;

/**
 * Sample postage (cước) until the province's tariff arrives as reference data: the clerk can change it.
 * Sending the dossier 27.000 ₫, returning the result 27.000 ₫ to an address or 15.000 ₫ for pickup.
 */
export function samplePostage(service: Service, method: ReturnMethod): number {
  const send = service === 'return' ? 0 : 27_000;
  const back = service === 'send' || method === 'none' ? 0 : method === 'home' ? 27_000 : 15_000;
  return send + back;
}

/** Sample collecting account of the post office for VietQR transfers (configured per province). */
export const SAMPLE_ACCOUNT = { bankBin: '970405', accountNumber: '7900201000123', bankName: 'Agribank', owner: 'BƯU ĐIỆN TỈNH SƠN LA (tài khoản mẫu)' };

/** "135.000", "135000", "135 000 ₫" → 135000; "12,5" → 12.5 (refused as not whole đồng). */
export function parseDong(s: string): number {
  const t = s.replace(/[\s₫đĐ]/g, '').replace(/\./g, '').replace(',', '.');
  if (t === '') return Number.NaN;
  return Number(t);
}

const emptyPerson = (): Person => ({ idKind: 'cccd', idNumber: '', fullName: '', phone: '', address: '', province: null, commune: null, organisation: '' });

export function IntakeScreen() {
  const shell = useShell();
  const [sender, setSender] = useState<Person>(emptyPerson);
  const [hasProxy, setHasProxy] = useState(false);
  const [proxy, setProxy] = useState<Person>(emptyPerson);
  const [authRef, setAuthRef] = useState('');
  const [proc, setProc] = useState<ProcedureDto | null>(null);
  const [docs, setDocs] = useState<DocRow[]>([]);
  const [service, setService] = useState<Service>('both');
  const [method, setMethod] = useState<ReturnMethod>('pickup');
  const [feeCategory, setFeeCategory] = useState('');
  const [fee, setFee] = useState('0');
  const [postage, setPostage] = useState(String(samplePostage('both', 'pickup')));
  const [postageTouched, setPostageTouched] = useState(false);
  const [pay, setPay] = useState<Pay>('cash');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [done, setDone] = useState<AcceptOutput | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [provinces, setProvinces] = useState<Place[]>([]);
  const [communes, setCommunes] = useState<Record<string, Place[]>>({});
  const saving = useRef(false);
  const [focusAfterPick, setFocusAfterPick] = useState(0);
  const [preview, setPreview] = useState<IntakePreview | null>(null);
  // The dates told to the citizen, recomputed when the procedure, service or sender's place changes.
  useEffect(() => {
    if (!proc || proc.inPersonOnly) return setPreview(null);
    let live = true;
    void api()['intake.preview']({ procedureCode: proc.code, serviceType: service, provinceCode: sender.province?.code ?? null, communeCode: sender.commune?.code ?? null }).then((r) => {
      if (live) setPreview(r.ok ? r.value : null);
    });
    return () => {
      live = false;
    };
  }, [proc, service, sender.province, sender.commune]);
  // After a procedure is picked and its checklist rendered, continue on the first document row.
  useEffect(() => {
    if (focusAfterPick === 0) return;
    document.getElementById(proc && !proc.inPersonOnly && docs.length > 0 ? 'doc-0' : 'service')?.focus();
  }, [focusAfterPick]);

  useEffect(() => {
    void api()['reference.provinces']({}).then((r) => r.ok && setProvinces(r.value));
    document.getElementById('sender-idKind')?.focus();
  }, []);

  const loadCommunes = async (code: string): Promise<Place[]> => {
    if (communes[code]) return communes[code]!;
    const r = await api()['reference.communes']({ provinceCode: code });
    const list = r.ok ? r.value : [];
    setCommunes((c) => ({ ...c, [code]: list }));
    return list;
  };

  useEffect(() => {
    if (!postageTouched) setPostage(String(samplePostage(service, method)));
  }, [service, method, postageTouched]);

  const feeN = parseDong(fee);
  const postageN = parseDong(postage);
  const total = (Number.isFinite(feeN) ? feeN : 0) + (Number.isFinite(postageN) ? postageN : 0);
  const totalOk = Number.isSafeInteger(total) && total >= 0;

  useEffect(() => {
    if (pay !== 'transfer' || !totalOk || total <= 0) {
      setQr(null);
      return;
    }
    const payload = vietQrPayload({ ...SAMPLE_ACCOUNT, amount: total, purpose: `HCC ${sender.fullName}` });
    void QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 1, width: 300 }).then(setQr);
  }, [pay, total, totalOk, sender.fullName]);

  async function pickProcedure(o: Option) {
    const r = await api()['catalogue.get']({ code: o.value });
    if (!r.ok) return shell.flash({ kind: 'error', text: r.error.message });
    const p = r.value;
    setProc(p);
    setDocs(
      p.documents.map((d) => ({
        code: d.code,
        name: d.name,
        form: d.form,
        requiredCount: d.count,
        required: d.required,
        provided: '0',
        providedForm: d.form === 'copy' ? 'copy' : d.form === 'certified_copy' ? 'certified_copy' : 'original',
      })),
    );
    const first = p.fees[0];
    setFeeCategory(first?.category ?? '');
    setFee(String(first?.amount ?? 0));
    setErrors({});
    setFocusAfterPick((n) => n + 1);
    if (p.inPersonOnly) {
      beep();
      shell.flash({ kind: 'error', text: `Không nhận thủ tục này qua bưu điện: công dân phải đến trực tiếp.` });
    } else shell.flash(null);
  }

  const setP = (who: 'sender' | 'proxy', k: keyof Person, v: Person[keyof Person]) =>
    (who === 'sender' ? setSender : setProxy)((p) => ({ ...p, [k]: v, ...(k === 'province' ? { commune: null } : {}) }));

  /** Client-side checks with the shared validators (the service checks again). */
  function precheck(): Record<string, string> {
    const e: Record<string, string> = {};
    const person = (p: Person, prefix: string, needPhone: boolean) => {
      if (!p.fullName.trim()) e[`${prefix}.fullName`] = 'Chưa nhập họ và tên.';
      const id = checkIdNumber(p.idKind, p.idNumber);
      if (!id.ok) e[`${prefix}.idNumber`] = id.message;
      if (needPhone || p.phone.trim()) {
        const ph = normalizePhone(p.phone);
        if (!ph.ok) e[`${prefix}.phone`] = ph.message;
      }
    };
    person(sender, 'sender', true);
    if (hasProxy) {
      person(proxy, 'proxy', false);
      if (!authRef.trim()) e['proxy.authorisationRef'] = 'Chưa nhập số/ngày giấy ủy quyền.';
    }
    if (!proc) e['procedureCode'] = 'Chưa chọn thủ tục.';
    if (method === 'home' && (!sender.address.trim() || !sender.province || !sender.commune)) e['returnAddress'] = 'Phát tận địa chỉ: cần địa chỉ, tỉnh và xã/phường của người gửi.';
    return e;
  }

  function buildInput() {
    const person = (p: Person) => ({
      fullName: p.fullName,
      idKind: p.idKind,
      idNumber: p.idNumber,
      phone: p.phone.trim() || null,
      email: null,
      address: p.address.trim() || null,
      provinceCode: p.province?.code ?? null,
      communeCode: p.commune?.code ?? null,
      organisation: p.organisation.trim() || null,
    });
    return {
      serviceType: service,
      procedureCode: proc?.code ?? '',
      sender: person(sender),
      proxy: hasProxy ? { ...person(proxy), authorisationRef: authRef } : null,
      recipient: null,
      documents: docs.map((d) => ({
        code: d.code,
        name: d.name,
        form: d.form,
        requiredCount: d.requiredCount,
        providedCount: Number(d.provided.trim() === '' ? Number.NaN : d.provided),
        providedForm: d.providedForm,
        required: d.required,
      })),
      returnMethod: service === 'send' ? ('none' as const) : method,
      returnAddress:
        method === 'home' && service !== 'send' && sender.province && sender.commune
          ? { address: sender.address, provinceCode: sender.province.code, communeCode: sender.commune.code }
          : null,
      pickupBranchCode: null,
      feeCategory: feeCategory || null,
      feeAmount: feeN,
      feeCollectedNow: true,
      postageAmount: postageN,
      paymentMethod: pay,
      agencyDossierCode: null,
    };
  }

  async function save() {
    if (done || saving.current) return;
    if (proc?.inPersonOnly) {
      // Refused here; the service refuses it too (IN_PERSON_ONLY) if it were ever sent.
      beep();
      shell.flash({ kind: 'error', text: `Không tiếp nhận: thủ tục “${proc.name}” yêu cầu công dân đến trực tiếp cơ quan. ${proc.inPersonReason ?? ''}`.trim() });
      return;
    } else {
      const pre = precheck();
      if (Object.keys(pre).length > 0) {
        setErrors(pre);
        beep();
        shell.flash({ kind: 'error', text: Object.values(pre)[0]! });
        return;
      }
    }
    saving.current = true;
    try {
      const r = await api()['intake.accept'](buildInput() as Parameters<ReturnType<typeof api>['intake.accept']>[0]);
      if (!r.ok) {
        setErrors({ [r.error.field ?? '_']: r.error.message });
        beep();
        shell.flash({ kind: 'error', text: r.error.message });
        return;
      }
      setErrors({});
      setDone(r.value);
      shell.flash({ kind: 'ok', text: `Đã lưu hồ sơ ${r.value.view.itemNumberDisplay}. ${r.value.print.message}` });
    } finally {
      saving.current = false;
    }
  }

  function reset() {
    setSender(emptyPerson());
    setProxy(emptyPerson());
    setHasProxy(false);
    setAuthRef('');
    setProc(null);
    setDocs([]);
    setService('both');
    setMethod('pickup');
    setFee('0');
    setFeeCategory('');
    setPostageTouched(false);
    setPay('cash');
    setDone(null);
    setErrors({});
    setTimeout(() => document.getElementById('sender-idKind')?.focus(), 0);
  }

  useScreenActions({
    save: () => void save(),
    print: () => {
      if (done) void api()['print.document']({ kind: done.view.complete ? 'intake_receipt' : 'missing_documents', id: done.dossierId, copy: true }).then((r) => shell.flash(r.ok ? { kind: r.value.queued ? 'ok' : 'info', text: r.value.message } : { kind: 'error', text: r.error.message }));
    },
    back: () => {
      if (done) {
        reset();
        return true;
      }
      return false;
    },
  });

  // Enter on the confirmation panel starts the next intake.
  useEffect(() => {
    if (!done) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.isComposing) {
        e.preventDefault();
        reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const searchProcedures = async (q: string): Promise<Option[]> => {
    if (!q.trim()) return [];
    const r = await api()['catalogue.search']({ query: q, limit: 8 });
    return r.ok
      ? r.value.map((h) => ({ value: h.code, label: h.name, detail: `${h.agencyName}${h.inPersonOnly ? ' — phải đến trực tiếp' : ''}${h.verified ? '' : ' — dữ liệu mẫu'}`, warn: h.inPersonOnly }))
      : [];
  };
  const placeSearch = (list: Place[]) => (q: string) => {
    const f = foldVi(q);
    return list
      .filter((p) => foldVi(p.name).includes(f) || p.code === q.trim())
      .slice(0, 12)
      .map((p) => ({ value: p.code, label: p.name }));
  };

  const missing = proc?.inPersonOnly ? [] : docs.filter((d) => d.required && Number(d.provided) < d.requiredCount);
  const feeOptions = useMemo(() => (proc?.fees ?? []).map((f) => ({ value: f.category, label: `${f.label} — ${formatVnd(f.amount)}` })), [proc]);

  const personFields = (who: 'sender' | 'proxy', p: Person) => (
    <div className="grid2">
      <Select id={`${who}-idKind`} label="Loại giấy tờ" value={p.idKind} options={ID_KINDS} onChange={(v) => setP(who, 'idKind', v)} />
      <TextInput id={`${who}-idNumber`} label="Số giấy tờ" value={p.idNumber} onChange={(v) => setP(who, 'idNumber', v)} error={errors[`${who}.idNumber`]} inputMode={p.idKind === 'passport' ? 'text' : 'numeric'} maxLength={20} />
      <TextInput id={`${who}-fullName`} label="Họ và tên" value={p.fullName} onChange={(v) => setP(who, 'fullName', v)} error={errors[`${who}.fullName`]} wide />
      <TextInput id={`${who}-phone`} label="Điện thoại" type="tel" value={p.phone} onChange={(v) => setP(who, 'phone', v)} error={errors[`${who}.phone`]} />
      {who === 'sender' ? (
        <TextInput id="sender-organisation" label="Tổ chức (nếu có)" value={p.organisation} onChange={(v) => setP(who, 'organisation', v)} />
      ) : (
        <TextInput id="proxy-authorisationRef" label="Giấy ủy quyền số/ngày" value={authRef} onChange={setAuthRef} error={errors['proxy.authorisationRef']} />
      )}
      {who === 'sender' ? (
        <>
          <TextInput id="sender-address" label="Địa chỉ (số nhà, thôn/bản, tổ)" value={p.address} onChange={(v) => setP(who, 'address', v)} error={errors['returnAddress'] ?? errors['sender.address']} wide />
          <Combobox id="sender-province" label="Tỉnh/thành" selectedLabel={p.province?.name ?? ''} search={placeSearch(provinces)} onSelect={(o) => setP(who, 'province', provinces.find((x) => x.code === o.value) ?? null)} error={errors['sender.provinceCode']} />
          <Combobox
            id="sender-commune"
            label="Xã/phường"
            selectedLabel={p.commune?.name ?? ''}
            search={async (q) => (p.province ? placeSearch(await loadCommunes(p.province.code))(q) : [])}
            onSelect={(o) => setP(who, 'commune', (communes[p.province?.code ?? ''] ?? []).find((x) => x.code === o.value) ?? null)}
            error={errors['sender.communeCode'] ?? errors['returnAddress.communeCode']}
            hint={p.province ? undefined : 'Chọn tỉnh trước'}
          />
        </>
      ) : null}
    </div>
  );

  return (
    <div data-form className="cols" aria-label="Phiếu tiếp nhận">
      <section className="panel" aria-labelledby="h-sender">
        <h2 id="h-sender">Người gửi</h2>
        {personFields('sender', sender)}
        <Check id="has-proxy" label="Người được ủy quyền nộp thay" checked={hasProxy} onChange={setHasProxy} />
        {hasProxy ? (
          <div data-testid="proxy">
            <h3>Người được ủy quyền</h3>
            {personFields('proxy', proxy)}
          </div>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-proc">
        <h2 id="h-proc">Thủ tục và giấy tờ</h2>
        <Combobox id="procedure" label="Thủ tục (gõ không dấu: gplx, ly lich tu phap…)" selectedLabel={proc?.name ?? ''} search={searchProcedures} onSelect={(o) => void pickProcedure(o)} error={errors['procedureCode']} wide />
        {proc ? (
          <p className="hint">
            {proc.agencyName} · giải quyết {proc.processingDays} ngày {proc.processingUnit === 'working' ? 'làm việc' : ''}
            {proc.verified ? '' : ' · dữ liệu mẫu'}
            {proc.reclaimOldPapers ? ' · thu hồi giấy tờ cũ khi trả' : ''}
          </p>
        ) : null}
        {proc?.inPersonOnly ? (
          <div className="refusal" role="alert" data-testid="refusal">
            <strong>Không tiếp nhận qua bưu điện.</strong> Thủ tục “{proc.name}” yêu cầu công dân đến trực tiếp cơ quan ({proc.agencyName}).{' '}
            {proc.inPersonReason ?? ''} (QĐ 45/2016/QĐ-TTg, Điều 1 khoản 2)
          </div>
        ) : null}
        {proc && !proc.inPersonOnly ? (
          <table aria-label="Danh mục giấy tờ">
            <thead>
              <tr>
                <th scope="col">Giấy tờ</th>
                <th scope="col">Cần</th>
                <th scope="col">Đã nộp</th>
                <th scope="col">Loại bản</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d, i) => (
                <tr key={d.code + i} className={d.required && Number(d.provided) < d.requiredCount ? 'missing' : ''}>
                  <td>
                    {d.name}
                    {d.required ? '' : ' (nếu có)'}
                  </td>
                  <td className="num">
                    {d.requiredCount} {d.form === 'copy' ? 'bản sao' : d.form === 'original' ? 'bản chính' : d.form === 'certified_copy' ? 'bản sao chứng thực' : 'chính/sao'}
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`doc-${i}`}>
                      Số bản đã nộp: {d.name}
                    </label>
                    <input id={`doc-${i}`} type="text" inputMode="numeric" style={{ width: 48 }} value={d.provided} onChange={(e) => setDocs((all) => all.map((x, j) => (j === i ? { ...x, provided: e.target.value } : x)))} />
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`docform-${i}`}>
                      Loại bản: {d.name}
                    </label>
                    <select id={`docform-${i}`} value={d.providedForm} onChange={(e) => setDocs((all) => all.map((x, j) => (j === i ? { ...x, providedForm: e.target.value as DocRow['providedForm'] } : x)))}>
                      <option value="original">Bản chính</option>
                      <option value="copy">Bản sao</option>
                      <option value="certified_copy">Sao chứng thực</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {errors['documents'] ? (
          <p className="error" role="alert">
            {errors['documents']}
          </p>
        ) : null}
        {missing.length > 0 ? (
          <p className="notice" data-testid="missing">
            Còn thiếu {missing.length} giấy tờ: {missing.map((d) => d.name).join('; ')}. Hồ sơ sẽ được nhận ở trạng thái “chưa đủ” và in danh sách cần bổ sung.
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-pay">
        <h2 id="h-pay">Dịch vụ và thanh toán</h2>
        <div className="grid2">
          <Select id="service" label="Dịch vụ" value={service} options={SERVICES} onChange={setService} wide />
          {service !== 'send' ? <Select id="return-method" label="Nhận kết quả" value={method} options={RETURN_METHODS} onChange={setMethod} wide /> : null}
          {feeOptions.length > 0 ? (
            <Select id="fee-category" label="Đối tượng thu phí" value={feeCategory} options={feeOptions} wide onChange={(v) => {
              setFeeCategory(v);
              setFee(String(proc?.fees.find((f) => f.category === v)?.amount ?? 0));
            }} />
          ) : null}
          <TextInput id="fee" label="Phí, lệ phí (₫)" inputMode="numeric" value={fee} onChange={setFee} error={errors['feeAmount']} />
          <TextInput id="postage" label="Cước (₫)" inputMode="numeric" value={postage} onChange={(v) => {
            setPostageTouched(true);
            setPostage(v);
          }} error={errors['postageAmount']} hint="Cước mẫu" />
          <Select id="payment" label="Thanh toán" value={pay} options={[{ value: 'cash', label: 'Tiền mặt' }, { value: 'transfer', label: 'Chuyển khoản (VietQR)' }]} onChange={setPay} wide />
        </div>
        <p className="total" aria-live="polite">
          Tổng thu: <span data-testid="total">{totalOk ? formatVnd(total) : '—'}</span>
        </p>
        {preview ? (
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
        ) : null}
        {qr ? (
          <figure className="qr row" style={{ margin: 0, flexWrap: 'nowrap', alignItems: 'flex-start' }}>
            <img src={qr} alt={`Mã VietQR chuyển khoản ${formatVnd(total)}`} />
            <figcaption className="hint">
              {SAMPLE_ACCOUNT.bankName} · {SAMPLE_ACCOUNT.accountNumber} · {SAMPLE_ACCOUNT.owner}
            </figcaption>
          </figure>
        ) : null}
        <p className="hint">F10: lưu và in phiếu gửi hồ sơ.</p>
      </section>

      {done ? <Confirmation out={done} /> : null}
    </div>
  );
}

function Confirmation({ out }: { out: AcceptOutput }) {
  const v = out.view;
  const sender = v.parties.find((p) => p.role === 'sender');
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
      <div className="sheet confirm" data-testid="confirmation">
        <h2 id="confirm-title">Xin ông/bà kiểm tra lại</h2>
        <div>Người gửi: <span className="big">{sender?.fullName}</span></div>
        <div>Thủ tục: <strong>{v.procedureName}</strong></div>
        <div>Tổng tiền: <span className="big" data-testid="confirm-total">{formatVnd(v.total)}</span></div>
        <div>
          Số hiệu: <span className="item" data-testid="item-number">{v.itemNumberDisplay}</span>
        </div>
        <dl className="dl" style={{ fontSize: 16 }}>
          {v.transitDeadline ? (
            <>
              <dt>Hạn chuyển đến cơ quan</dt>
              <dd data-testid="transit-deadline">{viDate(v.transitDeadline)}</dd>
            </>
          ) : null}
          {v.appointmentEstimate ? (
            <>
              <dt>Ngày hẹn trả dự kiến</dt>
              <dd data-testid="appointment-estimate">{viDate(v.appointmentEstimate)}</dd>
            </>
          ) : null}
          <dt>Nhận kết quả</dt>
          <dd>{v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Tại bưu cục' : 'Không'}</dd>
        </dl>
        {!v.complete ? (
          <p className="notice" data-testid="confirm-missing">
            Hồ sơ chưa đủ. Cần bổ sung: {v.missing.join('; ')}. (Ctrl+P in danh sách)
          </p>
        ) : null}
        <p className="hint">{out.print.message} · Enter: hồ sơ mới · Ctrl+P: in lại</p>
      </div>
    </div>
  );
}
