/** The two opening forms of the complaints screen: a complaint received, a loss or damage declared. */
import { useState } from 'react';
import { COMPLAINT_CHANNEL_LABELS, COMPLAINT_CHANNELS, COMPLAINT_KIND_LABELS, COMPLAINT_KINDS, LOSS_KIND_LABELS, LOSS_KINDS, LOSS_STAGE_LABELS, LOSS_STAGES, LOSS_SUBJECT_LABELS, LOSS_SUBJECTS } from '../../../../shared/cases';
import type { ComplaintChannel, ComplaintKind, LossKind, LossStage, LossSubject } from '../../../../shared/cases';
import type { CaseView } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useShell } from '../../shell';
import { beep, Check, Field, Select, TextInput } from '../../ui';

const opts = <T extends string>(keys: readonly T[], labels: Record<T, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

export function TextArea(props: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string | undefined; rows?: number }) {
  return (
    <Field id={props.id} label={props.label} error={props.error} wide>
      <textarea id={props.id} rows={props.rows ?? 3} value={props.value} aria-invalid={props.error ? true : undefined} onChange={(e) => props.onChange(e.target.value)} />
    </Field>
  );
}

/** Tiếp nhận khiếu nại. F10 or the button saves and prints the receipt for the citizen. */
export function ComplaintForm({ onSaved, registerSave }: { onSaved: (v: CaseView) => void; registerSave: (fn: () => void) => void }) {
  const shell = useShell();
  const [f, setF] = useState({ itemNumber: '', complainantName: '', phone: '', contact: '', channel: 'counter' as ComplaintChannel, kind: 'late' as ComplaintKind, text: '' });
  const [err, setErr] = useState<{ field?: string | undefined; message: string } | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const save = async () => {
    const r = await api()['cases.receiveComplaint']({ ...f, itemNumber: f.itemNumber.trim() || null, phone: f.phone || null, contact: f.contact || null });
    if (!r.ok) {
      setErr({ field: r.error.field, message: r.error.message });
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setErr(null);
    setF({ itemNumber: '', complainantName: '', phone: '', contact: '', channel: 'counter', kind: 'late', text: '' });
    const v = r.value.view;
    shell.flash({ kind: 'ok', text: `Đã tiếp nhận khiếu nại ${v.number ?? ''}${v.deadline ? `, hạn trả lời ${v.deadline.split('-').reverse().join('/')}` : ' (quá thời hiệu)'}. ${r.value.print?.message ?? ''}` });
    onSaved(v);
  };
  registerSave(() => void save());
  const e = (field: string) => (err && (err.field === field || (!err.field && field === 'text')) ? err.message : undefined);
  return (
    <form data-form aria-labelledby="h-complaint" onSubmit={(ev) => { ev.preventDefault(); void save(); }}>
      <h2 id="h-complaint">Tiếp nhận khiếu nại</h2>
      <div className="grid">
        <TextInput id="c-item" label="Số hiệu bưu gửi (để trống nếu không về bưu gửi)" value={f.itemNumber} onChange={set('itemNumber')} error={e('itemNumber')} autoFocus />
        <TextInput id="c-name" label="Họ tên người khiếu nại" value={f.complainantName} onChange={set('complainantName')} error={e('complainantName')} />
        <TextInput id="c-phone" label="Số điện thoại" type="tel" value={f.phone} onChange={set('phone')} error={e('phone')} />
        <TextInput id="c-contact" label="Liên lạc khác (thư điện tử, địa chỉ)" value={f.contact} onChange={set('contact')} error={e('contact')} />
        <Select id="c-channel" label="Khiếu nại qua" value={f.channel} options={opts(COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS)} onChange={(v) => setF((x) => ({ ...x, channel: v }))} />
        <Select id="c-kind" label="Loại khiếu nại" value={f.kind} options={opts(COMPLAINT_KINDS, COMPLAINT_KIND_LABELS)} onChange={(v) => setF((x) => ({ ...x, kind: v }))} />
        <TextArea id="c-text" label="Nội dung khiếu nại" value={f.text} onChange={set('text')} error={e('text')} />
      </div>
      {err && !['itemNumber', 'complainantName', 'phone', 'contact', 'text'].includes(err.field ?? 'text') ? <p role="alert" className="error">{err.message}</p> : null}
      <button type="submit" id="c-save">Lưu và in phiếu (F10)</button>
    </form>
  );
}

/** Khai báo mất, hư hỏng hồ sơ hoặc kết quả. */
export function LossForm({ onSaved }: { onSaved: (v: CaseView) => void }) {
  const shell = useShell();
  const [f, setF] = useState({ itemNumber: '', subject: 'result' as LossSubject, kind: 'lost' as LossKind, stage: 'delivery' as LossStage, description: '', agencyNotified: false, reissueRequested: false, actionsTaken: '' });
  const [err, setErr] = useState<string | null>(null);
  const save = async () => {
    const r = await api()['cases.declareLoss'](f);
    if (!r.ok) {
      setErr(r.error.message);
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setErr(null);
    shell.flash({ kind: 'ok', text: `Đã ghi khai báo ${r.value.title.toLowerCase()}.` });
    onSaved(r.value);
  };
  return (
    <form data-form aria-labelledby="h-loss" onSubmit={(ev) => { ev.preventDefault(); void save(); }}>
      <h2 id="h-loss">Khai báo mất, hư hỏng</h2>
      <div className="grid">
        <TextInput id="l-item" label="Số hiệu bưu gửi" value={f.itemNumber} onChange={(v) => setF((x) => ({ ...x, itemNumber: v }))} />
        <Select id="l-subject" label="Bị mất/hỏng" value={f.subject} options={opts(LOSS_SUBJECTS, LOSS_SUBJECT_LABELS)} onChange={(v) => setF((x) => ({ ...x, subject: v }))} />
        <Select id="l-kind" label="Sự việc" value={f.kind} options={opts(LOSS_KINDS, LOSS_KIND_LABELS)} onChange={(v) => setF((x) => ({ ...x, kind: v }))} />
        <Select id="l-stage" label="Ở khâu" value={f.stage} options={opts(LOSS_STAGES, LOSS_STAGE_LABELS)} onChange={(v) => setF((x) => ({ ...x, stage: v }))} />
        <TextArea id="l-desc" label="Mô tả" value={f.description} onChange={(v) => setF((x) => ({ ...x, description: v }))} rows={2} />
        <Check id="l-agency" label="Đã báo cơ quan giải quyết" checked={f.agencyNotified} onChange={(v) => setF((x) => ({ ...x, agencyNotified: v }))} />
        <Check id="l-reissue" label="Đề nghị cấp lại giấy tờ" checked={f.reissueRequested} onChange={(v) => setF((x) => ({ ...x, reissueRequested: v }))} />
        <TextArea id="l-actions" label="Việc đã làm" value={f.actionsTaken} onChange={(v) => setF((x) => ({ ...x, actionsTaken: v }))} rows={2} />
      </div>
      {err ? <p role="alert" className="error">{err}</p> : null}
      <button type="submit" id="l-save">Ghi khai báo</button>
    </form>
  );
}
