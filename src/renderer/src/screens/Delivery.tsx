/**
 * Danh sách phát (Ctrl+K “danh sách phát”; issue #16 defect 13): the results waiting for home
 * delivery, printed as the day's list the postman carries (item number, recipient, address, phone,
 * money to collect, a line to sign or write why not), and, when the postman is back, each row opens
 * the result on F6 to record the outcome (handed over, or failed with its reason).
 */
import { useCallback, useEffect, useState } from 'react';
import type { DossierSummary } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useFocusRequest, useScreenActions, useShell } from '../shell';
import { beep, TextInput } from '../ui';
import { DossierTable } from './common';

export function DeliveryScreen() {
  const shell = useShell();
  const focus = useFocusRequest();
  const [rows, setRows] = useState<DossierSummary[] | null>(null);
  const [postman, setPostman] = useState('');
  const [route, setRoute] = useState('');
  const [errors, setErrors] = useState<{ postman?: string; list?: string }>({});

  const load = useCallback(async () => {
    const r = await api()['results.lists']({});
    if (r.ok) setRows(r.value.delivery);
  }, []);
  useEffect(() => {
    void load().then(() => focus('dl-postman'));
  }, [load, focus]);

  async function print() {
    if (!rows) return;
    if (!postman.trim()) {
      setErrors({ postman: 'Chưa nhập họ tên bưu tá nhận danh sách phát.' });
      beep();
      shell.flash({ kind: 'error', text: 'Chưa nhập họ tên bưu tá nhận danh sách phát.' });
      return focus('dl-postman');
    }
    const r = await api()['print.deliveryList']({ postman, route, dossierIds: rows.map((d) => d.id) });
    if (!r.ok) {
      setErrors(r.error.field === 'postman' ? { postman: r.error.message } : { list: r.error.message });
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setErrors({});
    shell.flash({ kind: r.value.queued ? 'ok' : 'info', text: `Danh sách phát ${rows.length} bưu gửi cho bưu tá ${postman.trim()}: ${r.value.message}` });
    focus('dl-row-0');
  }

  useScreenActions({ save: () => void print(), print: () => void print() });

  return (
    <div className="cols-1-2">
      <section className="panel" aria-labelledby="h-dl-print">
        <h2 id="h-dl-print">In danh sách phát cho bưu tá</h2>
        <TextInput id="dl-postman" label="Bưu tá nhận danh sách" value={postman} onChange={setPostman} error={errors.postman} />
        <TextInput id="dl-route" label="Tuyến phát (nếu có)" value={route} onChange={setRoute} />
        <p className="hint">F10 hoặc Ctrl+P: in danh sách phát. Khi bưu tá mang danh sách về, chọn từng bưu gửi (Enter) để ghi kết quả phát ở màn hình Trả kết quả.</p>
        {errors.list ? (
          <p className="error" role="alert">
            {errors.list}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="h-dl-list">
        <h2 id="h-dl-list">Kết quả chờ phát tận địa chỉ ({rows?.length ?? 0})</h2>
        {rows && rows.length === 0 ? <p>Không có kết quả nào chờ phát.</p> : null}
        {rows && rows.length > 0 ? <DossierTable rows={rows} caption="Kết quả chờ phát tận địa chỉ" idPrefix="dl-row" onOpen={(d) => shell.go('handover', d.id)} /> : null}
      </section>
    </div>
  );
}
