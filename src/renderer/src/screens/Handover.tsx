/**
 * Trả kết quả (F6): find the dossier (scan or type), check identity (or a proxy's authorisation),
 * reclaim old papers, collect a fee still due, F10 confirms and prints the handover slip. For home
 * delivery: record a failed attempt (next invitation two working days later; after the second the
 * result goes back to the agency).
 */
import { useEffect, useState } from 'react';
import type { DossierView } from '../../../shared/ipc/contract';
import { formatVnd } from '../../../shared/money';
import type { IdKind } from '../../../shared/people';
import { checkItemNumber } from '../../../shared/s10';
import { api } from '../api';
import { ScanField } from '../components/ScanField';
import { useFocusRequest, useScreenActions, useShell } from '../shell';
import { beep, Check, Select, TextInput, viDate } from '../ui';
import { DeadlineBadge } from './common';

type Mode = 'handover' | 'failed' | 'return';

export function HandoverScreen({ initialDossierId }: { initialDossierId: string | null }) {
  const shell = useShell();
  const [code, setCode] = useState('');
  const [v, setV] = useState<DossierView | null>(null);
  const [mode, setMode] = useState<Mode>('handover');
  const [name, setName] = useState('');
  const [idKind, setIdKind] = useState<IdKind>('cccd');
  const [nationality, setNationality] = useState('VNM');
  const [idNumber, setIdNumber] = useState('');
  const [byProxy, setByProxy] = useState(false);
  const [authRef, setAuthRef] = useState('');
  const [reclaimed, setReclaimed] = useState(false);
  const [reclaimWhat, setReclaimWhat] = useState('Giấy tờ cũ');
  const [feeDue, setFeeDue] = useState('0');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const focus = useFocusRequest();
  // Sent here with a dossier (a row of the delivery list): open it straight away.
  useEffect(() => {
    if (!initialDossierId) return;
    void api()['lookup.get']({ dossierId: initialDossierId }).then((r) => r.ok && show(r.value));
  }, [initialDossierId]);

  const fail = (field: string, msg: string) => {
    setErrors({ [field]: msg });
    beep();
    shell.flash({ kind: 'error', text: msg });
  };

  function show(view: DossierView) {
    setV(view);
    setErrors({});
    setName('');
    setIdNumber('');
    setByProxy(false);
    setAuthRef('');
    setReclaimed(false);
    setFeeDue(String(view.feeDueOnDelivery));
    setReason('');
    setMode(view.state === 'to_return' ? 'return' : 'handover');
    focus(view.state === 'to_return' ? 'ho-reason' : ['ready_for_pickup', 'out_for_delivery', 'delivery_failed'].includes(view.state) ? 'ho-mode' : 'ho-code');
  }

  async function find(raw: string): Promise<boolean> {
    const chk = checkItemNumber(raw);
    if (!chk.ok) {
      fail('code', chk.message);
      return true;
    }
    if (!chk.value.checkDigitOk) {
      fail('code', `Số hiệu ${chk.value.value} sai số kiểm tra: hãy quét lại hoặc đọc lại số trên bưu gửi.`);
      return true;
    }
    const r = await api()['lookup.item']({ itemNumber: chk.value.value });
    if (!r.ok) {
      fail('code', r.error.message);
      return true;
    }
    setCode('');
    show(r.value);
    shell.flash(null);
    return true;
  }

  async function confirm() {
    if (!v) return;
    if (mode === 'failed') {
      const r = await api()['handover.deliveryAttempt']({ dossierId: v.id, reason });
      if (!r.ok) return fail(r.error.field ?? 'reason', r.error.message);
      shell.flash({
        kind: 'ok',
        text: r.value.state === 'to_return' ? `Phát không thành công lần ${r.value.deliveryAttempts}: chuyển trả lại cơ quan.` : `Đã ghi lần phát không thành công; mời lần sau ngày ${viDate(r.value.nextInvitationDate)}.`,
      });
      return show(r.value);
    }
    if (mode === 'return') {
      const r = await api()['handover.returnToAgency']({ dossierId: v.id, reason: reason || 'Phát không thành công 2 lần' });
      if (!r.ok) return fail(r.error.field ?? 'reason', r.error.message);
      shell.flash({ kind: 'ok', text: `Đã trả lại kết quả cho ${r.value.agencyName}.` });
      return show(r.value);
    }
    const fee = Number(feeDue.replace(/[.\s₫]/g, '').replace(',', '.'));
    const r = await api()['handover.handOver']({
      dossierId: v.id,
      recipient: { fullName: name, idKind, idNumber, ...(idKind === 'passport' ? { nationality } : {}) },
      byProxy,
      authorisationRef: byProxy ? authRef : null,
      reclaimed: reclaimed ? [reclaimWhat] : [],
      feeDueCollected: fee,
      paymentMethod: 'cash',
    });
    if (!r.ok) return fail(r.error.field ?? '_', r.error.message);
    const p = await api()['print.document']({ kind: 'handover_slip', id: v.id });
    shell.flash({ kind: 'ok', text: `Đã trả kết quả ${r.value.itemNumberDisplay} cho ${name}. ${p.ok ? p.value.message : ''}` });
    show(r.value);
  }

  useScreenActions({
    save: () => void confirm(),
    scan: (c) => find(c),
    back: () => {
      if (v) {
        setV(null);
        focus('ho-code');
        return true;
      }
      return false;
    },
  });

  const canHandOver = v && ['ready_for_pickup', 'out_for_delivery', 'delivery_failed'].includes(v.state);
  const delivery = v && ['out_for_delivery', 'delivery_failed'].includes(v.state);
  const sender = v?.parties.find((p) => p.role === 'sender');

  return (
    <div className="cols2">
      <section className="panel" aria-labelledby="h-find">
        <h2 id="h-find">Tìm hồ sơ</h2>
        <ScanField id="ho-code" label="Số hiệu bưu gửi (quét hoặc gõ rồi Enter)" value={code} onChange={setCode} onEnter={(c) => void find(c)} error={errors['code']} />
        {v ? (
          <div data-testid="handover-dossier">
            <h3>
              {v.itemNumberDisplay} — <span data-testid="handover-state">{v.stateLabel}</span>
            </h3>
            <p>
              <DeadlineBadge d={v.deadline} />
            </p>
            <dl className="dl">
              <dt>Thủ tục</dt>
              <dd>{v.procedureName}</dd>
              <dt>Người gửi</dt>
              <dd>{sender?.fullName}</dd>
              <dt>Nhận kết quả</dt>
              <dd>{v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : 'Tại bưu cục'}</dd>
              <dt>Còn phải thu</dt>
              <dd>{formatVnd(v.feeDueOnDelivery)}</dd>
              {v.reclaimOldPapers ? (
                <>
                  <dt>Thu hồi</dt>
                  <dd>Phải thu hồi giấy tờ cũ trước khi trả</dd>
                </>
              ) : null}
              {v.deliveryAttempts > 0 ? (
                <>
                  <dt>Phát không thành công</dt>
                  <dd data-testid="attempts">
                    {v.deliveryAttempts} lần{v.nextInvitationDate ? `, mời lần sau ngày ${viDate(v.nextInvitationDate)}` : ''}
                  </dd>
                </>
              ) : null}
            </dl>
          </div>
        ) : (
          <p className="hint">Quét số hiệu trên bao bì kết quả, hoặc gõ số hiệu rồi Enter.</p>
        )}
      </section>
      {v ? (
        <section className="panel" data-form aria-labelledby="h-confirm">
          <h2 id="h-confirm">{v.state === 'to_return' ? 'Trả lại cơ quan' : 'Trả kết quả'}</h2>
          {canHandOver ? (
            <Select
              id="ho-mode"
              label="Việc cần làm"
              value={mode}
              onChange={setMode}
              options={delivery ? [{ value: 'handover', label: 'Phát thành công: trả cho người nhận' }, { value: 'failed', label: 'Phát không thành công' }] : [{ value: 'handover', label: 'Trả cho người nhận tại quầy' }]}
            />
          ) : null}
          {canHandOver && mode === 'handover' ? (
            <div className="grid2">
              <TextInput id="ho-name" label="Họ tên người nhận" value={name} onChange={setName} error={errors['recipient.fullName']} wide />
              <Select id="ho-idKind" label="Loại giấy tờ" value={idKind} onChange={setIdKind} options={[{ value: 'cccd', label: 'CCCD / Căn cước' }, { value: 'cmnd', label: 'CMND cũ' }, { value: 'passport', label: 'Hộ chiếu' }]} />
              {idKind === 'passport' ? <TextInput id="ho-nationality" label="Quốc tịch (mã hộ chiếu: VNM, LAO…)" value={nationality} onChange={setNationality} error={errors['recipient.nationality']} maxLength={3} /> : null}
              <TextInput id="ho-idNumber" label="Số giấy tờ (đối chiếu với hồ sơ)" value={idNumber} onChange={setIdNumber} error={errors['recipient.idNumber']} />
              <div className="field wide">
                <Check id="ho-proxy" label="Người nhận thay, có giấy ủy quyền" checked={byProxy} onChange={setByProxy} />
              </div>
              {byProxy ? <TextInput id="ho-auth" label="Giấy ủy quyền số/ngày" value={authRef} onChange={setAuthRef} error={errors['authorisationRef']} wide /> : null}
              {v.reclaimOldPapers ? (
                <>
                  <div className="field wide">
                    <Check id="ho-reclaimed" label="Đã thu hồi giấy tờ cũ" checked={reclaimed} onChange={setReclaimed} />
                  </div>
                  <TextInput id="ho-reclaim-what" label="Giấy tờ thu hồi" value={reclaimWhat} onChange={setReclaimWhat} wide />
                </>
              ) : null}
              <TextInput id="ho-fee" label="Thu khi trả (₫)" value={feeDue} onChange={setFeeDue} error={errors['feeDueCollected']} inputMode="numeric" />
            </div>
          ) : null}
          {(canHandOver && mode === 'failed') || v.state === 'to_return' ? (
            <TextInput id="ho-reason" label={v.state === 'to_return' ? 'Lý do trả lại cơ quan' : 'Lý do phát không thành công'} value={reason} onChange={setReason} error={errors['reason']} wide />
          ) : null}
          {!canHandOver && v.state !== 'to_return' ? <p className="notice">Hồ sơ đang ở trạng thái “{v.stateLabel}”: chưa trả được.</p> : null}
          {errors['_'] ? <p className="error" role="alert">{errors['_']}</p> : null}
          <p className="hint">F10: xác nhận{mode === 'handover' ? ' và in phiếu trả kết quả' : ''} · Esc: tìm hồ sơ khác</p>
        </section>
      ) : null}
    </div>
  );
}
