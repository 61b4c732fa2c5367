/**
 * Giao hồ sơ cho cơ quan (F4): dossiers waiting per agency → a batch and its handover record; then
 * the agency's filing time (the legal filing moment) and each dossier's appointment date. Ctrl+S saves
 * a readable copy of the last handover record made here (the files in the data folder are sealed).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchDto, DossierSummary, PendingGroup } from '../../../shared/ipc/contract';
import { api } from '../api';
import { isComposing } from '../keyboard';
import { saveCopy } from '../save-copy';
import { useFocusRequest, useScreenActions, useShell } from '../shell';
import { beep, viDateTime } from '../ui';
import { earlyAppointmentWarning } from '../../../shared/working-days';

/** "14:30 02/12/2026" (Asia/Ho_Chi_Minh, UTC+7 all year) → epoch ms, or NaN. */
export function parseViDateTime(s: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s);
  if (!m) return Number.NaN;
  const [h, mi, d, mo, y] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59 || mo < 1 || mo > 12 || d < 1 || d > 31) return Number.NaN;
  return Date.UTC(y, mo - 1, d, h - 7, mi);
}

/** "02/12/2026" → "2026-12-02", or null. */
export function parseViDate(s: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function DispatchScreen() {
  const shell = useShell();
  const [pending, setPending] = useState<PendingGroup[]>([]);
  const [batches, setBatches] = useState<BatchDto[]>([]);
  const [awaiting, setAwaiting] = useState<DossierSummary[]>([]);
  const [officer, setOfficer] = useState<Record<string, string>>({});
  const [filedAt, setFiledAt] = useState<Record<string, string>>({});
  const [appt, setAppt] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const focus = useFocusRequest();
  // Counts this screen's messages, so a late background message never hides a newer one.
  const said = useRef(0);
  // Set on every mount, not only at creation: React's StrictMode (development builds, the e2e build)
  // mounts, unmounts and mounts again, and a ref left at -1 would let every late message through.
  useEffect(() => {
    said.current = 0;
    return () => void (said.current = -1);
  }, []);
  const [record, setRecord] = useState<string | null>(null);
  const say = (f: Parameters<typeof shell.flash>[0]) => {
    if (said.current >= 0) said.current++;
    shell.flash(f);
  };

  const load = useCallback(async () => {
    const [p, b, a] = await Promise.all([api()['dispatch.pending']({}), api()['dispatch.openBatches']({}), api()['dispatch.awaitingAppointment']({})]);
    if (p.ok) setPending(p.value);
    if (b.ok) setBatches(b.value);
    if (a.ok) setAwaiting(a.value);
  }, []);
  useEffect(() => {
    void load().then(() => focus('batch-create-0'));
  }, [load, focus]);

  const fail = (key: string, msg: string) => {
    setErrors((e) => ({ ...e, [key]: msg }));
    beep();
    say({ kind: 'error', text: msg });
  };

  async function createBatch(g: PendingGroup) {
    const r = await api()['dispatch.createBatch']({ agencyCode: g.agencyCode, dossierIds: g.dossiers.map((d) => d.id) });
    if (!r.ok) return fail(`group-${g.agencyCode}`, r.error.message);
    const made = `Đã lập chuyến ${r.value.dossierIds.length} hồ sơ cho ${r.value.agencyName}.`;
    say({ kind: 'ok', text: `${made} Đang tạo biên bản giao nhận…` });
    const mine = said.current;
    // The A4 record renders in the background; the clerk carries on with the filing fields meanwhile.
    void api()['print.document']({ kind: 'handover_record', id: r.value.id }).then((p) => {
      if (p.ok && p.value.document) setRecord(p.value.document);
      if (said.current === mine) say(p.ok ? { kind: 'ok', text: `${made} ${p.value.message}` } : { kind: 'error', text: p.error.message });
    });
    await load();
    focus('filing-officer-0');
  }

  async function recordFiling(b: BatchDto) {
    const at = parseViDateTime(filedAt[b.id] ?? viDateTime(shell.now()));
    if (Number.isNaN(at)) return fail(`filed-${b.id}`, 'Thời điểm ký biên bản phải có dạng giờ:phút ngày/tháng/năm, ví dụ 14:30 02/12/2026.');
    const r = await api()['dispatch.recordFiling']({ batchId: b.id, filedAt: at, receivingOfficer: officer[b.id] ?? '' });
    if (!r.ok) return fail(r.error.field === 'receivingOfficer' ? `officer-${b.id}` : `filed-${b.id}`, r.error.message);
    setErrors({});
    say({ kind: 'ok', text: `Đã ghi nhận cơ quan nhận chuyến lúc ${viDateTime(at)}.` });
    await load();
    focus('appt-0');
  }

  async function recordAppointment(d: DossierSummary) {
    const iso = parseViDate(appt[d.id] ?? '');
    if (!iso) return fail(`appt-${d.id}`, 'Ngày hẹn phải có dạng ngày/tháng/năm, ví dụ 09/12/2026.');
    const r = await api()['dispatch.recordAppointment']({ dossierId: d.id, appointmentDate: iso });
    if (!r.ok) return fail(`appt-${d.id}`, r.error.message);
    setErrors({});
    // Earlier than the estimate is allowed (the agency may be quick) but said, since a misread month is common.
    const early = earlyAppointmentWarning(iso, r.value.appointmentEstimate);
    say({ kind: early ? 'info' : 'ok', text: `Đã ghi ngày hẹn cho hồ sơ ${d.itemNumberDisplay}.${early ? ` ${early}` : ''}` });
    await load();
    focus('appt-0');
  }

  useScreenActions({
    save: () => {
      const el = document.activeElement as HTMLElement | null;
      const id = el?.closest<HTMLElement>('[data-batch]')?.dataset['batch'];
      const b = batches.find((x) => x.id === id) ?? batches[0];
      if (b) void recordFiling(b);
    },
    copy: () =>
      void saveCopy(record).then((r) => {
        if (r.kind === 'error') beep();
        say(r);
      }),
  });

  const onEnter = (fn: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && !isComposing(e.nativeEvent)) {
      e.preventDefault();
      fn();
    }
  };

  return (
    <div className="cols2">
      <section className="panel" aria-labelledby="h-pending">
        <h2 id="h-pending">Hồ sơ chờ chuyển theo cơ quan</h2>
        {pending.length === 0 ? <p>Không có hồ sơ chờ chuyển.</p> : null}
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {pending.map((g, i) => (
            <li key={g.agencyCode} style={{ marginBottom: 6 }}>
              <button type="button" className="btn" id={`batch-create-${i}`} data-dispatch-first={i === 0 ? '' : undefined} onClick={() => void createBatch(g)}>
                Lập chuyến: {g.agencyName} ({g.dossiers.length} hồ sơ)
              </button>
              <div className="hint">{g.dossiers.map((d) => d.itemNumberDisplay).join(', ')}</div>
              {errors[`group-${g.agencyCode}`] ? <div className="error">{errors[`group-${g.agencyCode}`]}</div> : null}
            </li>
          ))}
        </ul>
        <h2 style={{ marginTop: 10 }}>Chuyến chờ cơ quan ký nhận</h2>
        {batches.length === 0 ? <p>Không có chuyến đang mở.</p> : null}
        {batches.map((b, i) => (
          <div key={b.id} className="panel" data-batch={b.id} style={{ marginBottom: 6 }}>
            <h3>
              {b.agencyName} — {b.dossierIds.length} hồ sơ, lập lúc {viDateTime(b.createdAt)}
            </h3>
            <div className="grid2">
              <div className={`field${errors[`officer-${b.id}`] ? ' has-error' : ''}`}>
                <label htmlFor={`filing-officer-${i}`}>Cán bộ cơ quan ký nhận</label>
                <input id={`filing-officer-${i}`} value={officer[b.id] ?? ''} onChange={(e) => setOfficer((o) => ({ ...o, [b.id]: e.target.value }))} onKeyDown={(e) => {
                  if (e.key === 'Enter' && !isComposing(e.nativeEvent)) {
                    e.preventDefault();
                    // The record is signed by a named officer: an empty name stops here with the reason.
                    if (!(officer[b.id] ?? '').trim()) return fail(`officer-${b.id}`, 'Chưa nhập họ tên cán bộ cơ quan ký nhận biên bản.');
                    setErrors((x) => ({ ...x, [`officer-${b.id}`]: undefined }));
                    document.getElementById(`filing-time-${i}`)?.focus();
                  }
                }} />
                {errors[`officer-${b.id}`] ? <span className="error" role="alert">{errors[`officer-${b.id}`]}</span> : null}
              </div>
              <div className={`field${errors[`filed-${b.id}`] ? ' has-error' : ''}`}>
                <label htmlFor={`filing-time-${i}`}>Thời điểm ký biên bản (giờ:phút ngày/tháng/năm)</label>
                <input id={`filing-time-${i}`} onFocus={(e) => e.currentTarget.select()} value={filedAt[b.id] ?? viDateTime(shell.now())} onChange={(e) => setFiledAt((o) => ({ ...o, [b.id]: e.target.value }))} onKeyDown={onEnter(() => void recordFiling(b))} />
                {errors[`filed-${b.id}`] ? <span className="error" role="alert">{errors[`filed-${b.id}`]}</span> : null}
              </div>
            </div>
          </div>
        ))}
      </section>
      <section className="panel" aria-labelledby="h-appt">
        <h2 id="h-appt">Ghi ngày hẹn trả kết quả</h2>
        {awaiting.length === 0 ? <p>Không có hồ sơ chờ ghi ngày hẹn.</p> : null}
        <table hidden={awaiting.length === 0}>
          <caption className="sr-only">Hồ sơ chờ ghi ngày hẹn</caption>
          <thead>
            <tr>
              <th scope="col">Số hiệu</th>
              <th scope="col">Người gửi</th>
              <th scope="col">Ngày hẹn (ngày/tháng/năm)</th>
            </tr>
          </thead>
          <tbody>
            {awaiting.map((d, i) => (
              <tr key={d.id}>
                <td>{d.itemNumberDisplay}</td>
                <td>{d.senderName}</td>
                <td>
                  <label className="sr-only" htmlFor={`appt-${i}`}>
                    Ngày hẹn cho {d.itemNumberDisplay}
                  </label>
                  <input id={`appt-${i}`} value={appt[d.id] ?? ''} placeholder="dd/mm/yyyy" aria-invalid={errors[`appt-${d.id}`] ? true : undefined} onChange={(e) => setAppt((o) => ({ ...o, [d.id]: e.target.value }))} onKeyDown={onEnter(() => void recordAppointment(d))} />
                  {errors[`appt-${d.id}`] ? <div className="error" role="alert">{errors[`appt-${d.id}`]}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
