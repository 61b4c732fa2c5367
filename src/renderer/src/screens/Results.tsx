/** Nhận kết quả (F9): scan or type item numbers as results arrive; each goes to the shelf or a delivery list. */
import { useCallback, useEffect, useState } from 'react';
import type { DossierSummary, DossierView } from '../../../shared/ipc/contract';
import { checkItemNumber } from '../../../shared/s10';
import { api } from '../api';
import { ScanField } from '../components/ScanField';
import { useScreenActions, useShell } from '../shell';
import { beep } from '../ui';
import { DossierTable } from './common';

export function ResultsScreen() {
  const shell = useShell();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<DossierView[]>([]);
  const [lists, setLists] = useState<{ pickup: DossierSummary[]; delivery: DossierSummary[]; toReturn: DossierSummary[] } | null>(null);

  const load = useCallback(async () => {
    const r = await api()['results.lists']({});
    if (r.ok) setLists(r.value);
  }, []);
  useEffect(() => void load(), [load]);

  const collect = useCallback(
    async (raw: string): Promise<boolean> => {
      const chk = checkItemNumber(raw);
      if (!chk.ok) {
        setError(chk.message);
        beep();
        shell.flash({ kind: 'error', text: chk.message });
        return true;
      }
      if (!chk.value.checkDigitOk) {
        const msg = `Số hiệu ${chk.value.value} sai số kiểm tra: hãy quét lại hoặc đọc lại số trên bưu gửi.`;
        setError(msg);
        beep();
        shell.flash({ kind: 'error', text: msg });
        return true;
      }
      const r = await api()['results.collect']({ itemNumber: chk.value.value });
      if (!r.ok) {
        setError(r.error.message);
        beep();
        shell.flash({ kind: 'error', text: r.error.message });
        return true;
      }
      setError(undefined);
      setCode('');
      setDone((d) => [r.value, ...d]);
      shell.flash({ kind: 'ok', text: `${r.value.itemNumberDisplay}: ${r.value.state === 'out_for_delivery' ? 'vào danh sách phát tận địa chỉ' : 'đặt lên kệ chờ trả tại bưu cục'}.` });
      await load();
      return true;
    },
    [load, shell],
  );

  useScreenActions({ scan: (c) => collect(c) });

  return (
    <div className="cols-1-2">
      <section className="panel" aria-labelledby="h-collect">
        <h2 id="h-collect">Quét số hiệu kết quả nhận từ cơ quan</h2>
        <ScanField id="collect-code" label="Số hiệu bưu gửi (quét hoặc gõ rồi Enter)" value={code} onChange={setCode} onEnter={(c) => void collect(c)} error={error} />
        <h3>Vừa nhận</h3>
        <ul data-testid="collected">
          {done.map((v) => (
            <li key={v.id}>
              {v.itemNumberDisplay} — {v.senderName} — {v.state === 'out_for_delivery' ? 'Phát tận địa chỉ' : 'Kệ chờ trả'}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="h-lists">
        <h2 id="h-lists">Kệ chờ trả ({lists?.pickup.length ?? 0})</h2>
        {lists ? <DossierTable rows={lists.pickup} caption="Kệ chờ trả" idPrefix="shelf-row" onOpen={(d) => shell.go('dossier', d.id)} /> : null}
        <h2 style={{ marginTop: 8 }}>Danh sách phát ({lists?.delivery.length ?? 0})</h2>
        {lists ? <DossierTable rows={lists.delivery} caption="Danh sách phát" idPrefix="deliv-row" onOpen={(d) => shell.go('dossier', d.id)} /> : null}
        {lists && lists.toReturn.length > 0 ? (
          <>
            <h2 style={{ marginTop: 8 }}>Chờ trả lại cơ quan ({lists.toReturn.length})</h2>
            <DossierTable rows={lists.toReturn} caption="Chờ trả lại cơ quan" idPrefix="ret-row" onOpen={(d) => shell.go('dossier', d.id)} />
          </>
        ) : null}
      </section>
    </div>
  );
}
