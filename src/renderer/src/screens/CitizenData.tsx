/**
 * Yêu cầu dữ liệu cá nhân (Ctrl+K → “Dữ liệu cá nhân”, manager; Law 91/2025/QH15): a citizen asks for
 * everything the post office holds about them. The manager types the ID kind and number; F10 writes
 * the answer as a printable PDF and as JSON and records the request and its answer; Ctrl+S saves a
 * readable copy of the PDF (the files in the data folder are sealed) to hand to the citizen. The list
 * below shows the requests answered at this counter (the number masked).
 */
import { useCallback, useEffect, useState } from 'react';
import type { CitizenExportResult, CitizenRequestRow } from '../../../shared/ipc/contract';
import { api } from '../api';
import { saveCopy } from '../save-copy';
import { useScreenActions, useShell } from '../shell';
import { beep, Select, TextInput, viDateTime } from '../ui';

type IdKind = 'cccd' | 'cmnd' | 'passport';
const KINDS: { value: IdKind; label: string }[] = [
  { value: 'cccd', label: 'Căn cước công dân' },
  { value: 'cmnd', label: 'Chứng minh nhân dân' },
  { value: 'passport', label: 'Hộ chiếu' },
];

export function CitizenDataScreen() {
  const shell = useShell();
  const [idKind, setIdKind] = useState<IdKind>('cccd');
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<CitizenExportResult | null>(null);
  const [rows, setRows] = useState<CitizenRequestRow[]>([]);

  const load = useCallback(() => void api()['citizen.requests']({}).then((r) => r.ok && setRows(r.value)), []);
  useEffect(load, [load]);

  const run = useCallback(async () => {
    if (busy) return;
    setBusy(true);
    const r = await api()['citizen.export']({ idKind, idNumber });
    setBusy(false);
    if (!r.ok) {
      beep();
      setError(r.error.message);
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    setError(undefined);
    setAnswer(r.value);
    setIdNumber('');
    shell.flash({ kind: 'ok', text: r.value.message });
    load();
  }, [busy, idKind, idNumber, shell, load]);

  const copy = useCallback(async () => {
    const r = await saveCopy(answer?.pdfName ?? answer?.jsonName);
    if (r.kind === 'error') beep();
    shell.flash(r);
  }, [answer, shell]);

  useScreenActions({ save: () => void run(), copy: () => void copy(), dirty: () => (idNumber.trim() ? 'Số giấy tờ đã nhập chưa được xuất.' : null) });

  return (
    <div>
      <p className="hint">
        Công dân có quyền biết bưu điện đang lưu gì về mình (Luật 91/2025/QH15). Đối chiếu giấy tờ của người yêu cầu, nhập số giấy tờ rồi bấm F10: quầy lập bản in (PDF) và bản dữ liệu (JSON), ghi nhận yêu cầu và việc trả lời.
      </p>
      <form
        className="row"
        data-form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Select id="citizen-kind" label="Loại giấy tờ" value={idKind} options={KINDS} onChange={setIdKind} />
        <TextInput id="citizen-id" label="Số giấy tờ" value={idNumber} onChange={setIdNumber} error={error} autoFocus inputMode="text" maxLength={20} autoComplete="off" />
        <button type="submit" disabled={busy}>
          {busy ? 'Đang lập…' : 'Xuất dữ liệu (F10)'}
        </button>
      </form>
      {answer ? (
        <section aria-labelledby="citizen-answer" className="card">
          <h2 id="citizen-answer">Đã trả lời yêu cầu</h2>
          <p>
            {answer.dossiers} hồ sơ, {answer.cases} khiếu nại/bồi thường.
          </p>
          {answer.pdfName ? <p>Đã lập bản in (PDF) và bản dữ liệu (JSON).</p> : <p>Đã lập bản dữ liệu (JSON). Quầy chưa cấu hình in khổ A4 nên chưa tạo bản PDF.</p>}
          <p>
            Bấm Ctrl+S để lưu bản sao đọc được ({answer.pdfName ? 'PDF' : 'JSON'}) trao cho công dân; tệp trong thư mục dữ liệu của quầy được mã hoá.
          </p>
        </section>
      ) : null}
      <table data-testid="citizen-requests">
        <caption>Các yêu cầu đã nhận tại quầy</caption>
        <thead>
          <tr>
            <th scope="col">Thời điểm</th>
            <th scope="col">Người tiếp nhận</th>
            <th scope="col">Giấy tờ</th>
            <th scope="col">Trả lời lúc</th>
            <th scope="col">Hồ sơ</th>
            <th scope="col">Khiếu nại</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{viDateTime(r.requestedAt)}</td>
              <td>{r.requestedBy}</td>
              <td>
                {KINDS.find((k) => k.value === r.idKind)?.label ?? r.idKind} {r.idMasked}
              </td>
              <td>{r.answeredAt ? viDateTime(r.answeredAt) : 'Chưa trả lời'}</td>
              <td>{r.dossiers ?? ''}</td>
              <td>{r.cases ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
