/** One dossier: parties, documents, money, deadline status in words and colour, and its timeline. */
import { useEffect, useState } from 'react';
import { isComposing } from '../keyboard';
import type { DossierView } from '../../../shared/ipc/contract';
import { formatVnd } from '../../../shared/money';
import { maskIdNumber } from '../../../shared/people';
import { api } from '../api';
import { useFocusRequest, useScreenActions, useShell } from '../shell';
import { beep, viDate, viDateTime } from '../ui';
import { DeadlineBadge } from './common';

export function DossierScreen({ dossierId }: { dossierId: string }) {
  const shell = useShell();
  const [v, setV] = useState<DossierView | null>(null);
  const [added, setAdded] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [cancelError, setCancelError] = useState<string | undefined>();
  const focus = useFocusRequest();
  useEffect(() => {
    void api()['lookup.get']({ dossierId }).then((r) => {
      if (!r.ok) return shell.flash({ kind: 'error', text: r.error.message });
      setV(r.value);
      if (r.value.state === 'incomplete') focus('supp-0');
    });
  }, [dossierId, shell, focus]);

  async function supplement() {
    if (!v || v.state !== 'incomplete') return;
    const documents = Object.entries(added)
      .filter(([, n]) => n.trim() !== '' && n.trim() !== '0')
      .map(([pos, n]) => ({ position: Number(pos), providedCount: (v.documents.find((d) => d.position === Number(pos))?.providedCount ?? 0) + Number(n) }));
    const r = await api()['intake.supplement']({ dossierId: v.id, documents });
    if (!r.ok) {
      setError(r.error.message);
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setError(undefined);
    setAdded({});
    setV(r.value);
    shell.flash({ kind: 'ok', text: r.value.complete ? `Hồ sơ ${r.value.itemNumberDisplay} đã đủ giấy tờ.` : `Đã ghi nhận bổ sung; còn thiếu: ${r.value.missing.join('; ')}.` });
  }

  async function cancel() {
    if (!v) return;
    const r = await api()['admin.cancel']({ dossierId: v.id, reason });
    if (!r.ok) {
      setCancelError(r.error.message);
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setCancelError(undefined);
    setV(r.value);
    shell.flash({ kind: 'ok', text: `Đã hủy hồ sơ ${r.value.itemNumberDisplay}; tiền đã thu được hoàn bằng bút toán đảo.` });
  }

  useScreenActions({
    save: () => void supplement(),
    print: () => void api()['print.document']({ kind: 'intake_receipt', id: dossierId, copy: true }).then((r) => shell.flash(r.ok ? { kind: 'info', text: r.value.message } : { kind: 'error', text: r.error.message })),
  });
  if (!v) return <p>Đang tải…</p>;
  const missing = v.documents.filter((d) => d.required && d.providedCount < d.requiredCount);
  return (
    <>
      {v.state === 'incomplete' ? (
        <section className="panel" aria-labelledby="supp-title" style={{ marginBottom: 8 }}>
          <h2 id="supp-title">Bổ sung giấy tờ (F10 để ghi nhận)</h2>
          <table>
            <caption className="sr-only">Giấy tờ còn thiếu</caption>
            <thead>
              <tr>
                <th scope="col">Giấy tờ còn thiếu</th>
                <th scope="col">Còn thiếu</th>
                <th scope="col">Số bản mang đến</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((d, i) => (
                <tr key={d.position}>
                  <td>{d.name}</td>
                  <td className="num">{d.requiredCount - d.providedCount}</td>
                  <td>
                    <label className="sr-only" htmlFor={`supp-${i}`}>
                      Số bản mang đến: {d.name}
                    </label>
                    <input
                      id={`supp-${i}`}
                      inputMode="numeric"
                      style={{ width: 56 }}
                      value={added[d.position] ?? ''}
                      onChange={(e) => setAdded((a) => ({ ...a, [d.position]: e.target.value }))}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !isComposing(e.nativeEvent)) {
                          e.preventDefault();
                          const next = document.getElementById(`supp-${i + 1}`);
                          if (next) next.focus();
                          else void supplement();
                        }
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </section>
      ) : null}
      <DossierDetail v={v} />
      {shell.role !== 'clerk' && ['incomplete', 'accepted', 'batched'].includes(v.state) ? (
        <section className="panel" aria-labelledby="cancel-title" style={{ marginTop: 8 }}>
          <h2 id="cancel-title">Hủy hồ sơ (trưởng bưu cục)</h2>
          <div className={`field${cancelError ? ' has-error' : ''}`}>
            <label htmlFor="cancel-reason">Lý do hủy (Enter để hủy)</label>
            <input
              id="cancel-reason"
              value={reason}
              aria-invalid={cancelError ? true : undefined}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !isComposing(e.nativeEvent)) {
                  e.preventDefault();
                  void cancel();
                }
              }}
            />
            {cancelError ? (
              <span className="error" role="alert">
                {cancelError}
              </span>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}

export function DossierDetail({ v }: { v: DossierView }) {
  return (
    <div className="cols2" data-testid="dossier" tabIndex={-1}>
      <section className="panel" aria-labelledby="dv-title">
        <h2 id="dv-title">
          Hồ sơ <span data-testid="dossier-item">{v.itemNumberDisplay}</span>
        </h2>
        <p>
          <strong data-testid="dossier-state">{v.stateLabel}</strong> · <DeadlineBadge d={v.deadline} />
        </p>
        <dl className="dl">
          <dt>Thủ tục</dt>
          <dd>{v.procedureName}</dd>
          <dt>Cơ quan</dt>
          <dd>{v.agencyName}</dd>
          <dt>Dịch vụ</dt>
          <dd>{v.serviceLabel}</dd>
          {v.parties.map((p, i) => (
            <Party key={i} role={p.role} name={p.fullName} id={p.idNumber} phone={p.phone} />
          ))}
          <dt>Nhận kết quả</dt>
          <dd>{v.returnMethod === 'home' ? `Phát tận địa chỉ: ${v.returnAddress ?? ''}` : v.returnMethod === 'pickup' ? 'Tại bưu cục' : 'Không'}</dd>
          <dt>Phí, lệ phí / cước</dt>
          <dd>
            {formatVnd(v.feeAmount)} / {formatVnd(v.postageAmount)} — tổng {formatVnd(v.total)}
          </dd>
          {v.feeDueOnDelivery > 0 ? (
            <>
              <dt>Còn phải thu khi trả</dt>
              <dd>{formatVnd(v.feeDueOnDelivery)}</dd>
            </>
          ) : null}
          <dt>Hạn chuyển đến cơ quan</dt>
          <dd>{viDate(v.transitDeadline)}</dd>
          <dt>Ngày hẹn trả</dt>
          <dd>{v.appointmentDate ? viDate(v.appointmentDate) : `${viDate(v.appointmentEstimate)} (dự kiến)`}</dd>
          {v.deliveryAttempts > 0 ? (
            <>
              <dt>Lần phát không thành công</dt>
              <dd>
                {v.deliveryAttempts}
                {v.nextInvitationDate ? ` — mời lần sau ngày ${viDate(v.nextInvitationDate)}` : ''}
              </dd>
            </>
          ) : null}
          {v.missing.length > 0 ? (
            <>
              <dt>Còn thiếu</dt>
              <dd>{v.missing.join('; ')}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="panel" aria-labelledby="tl-title">
        <h2 id="tl-title">Diễn biến</h2>
        <ol className="timeline" data-testid="timeline">
          {v.timeline.map((e) => (
            <li key={e.seq}>
              <time dateTime={new Date(e.at).toISOString()}>{viDateTime(e.at)}</time>
              <strong>{e.label}</strong>
              {e.actorName ? ` — ${e.actorName}` : ''}
              {typeof e.detail['reason'] === 'string' ? ` (${e.detail['reason']})` : ''}
            </li>
          ))}
        </ol>
        {v.caseEvents.length > 0 ? (
          <>
            <h3>Khiếu nại, mất hỏng, bồi thường</h3>
            <ol className="timeline" data-testid="case-timeline">
              {v.caseEvents.map((e, i) => (
                <li key={`${e.caseId}-${i}`}>
                  <time dateTime={new Date(e.at).toISOString()}>{viDateTime(e.at)}</time>
                  <strong>{e.label}</strong>
                  {e.number ? ` ${e.number}` : ''}
                  {e.actorName ? ` — ${e.actorName}` : ''}
                  {e.text ? `: ${e.text}` : ''}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </section>
    </div>
  );
}

function Party({ role, name, id, phone }: { role: string; name: string; id: string | null; phone: string | null }) {
  const label = role === 'sender' ? 'Người gửi' : role === 'proxy' ? 'Người được ủy quyền' : 'Người nhận';
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {name}
        {id ? ` · ${maskIdNumber(id)}` : ''}
        {phone ? ` · ${phone}` : ''}
      </dd>
    </>
  );
}
