/** Tra cứu (F3): by item number, ID number, phone, or a name typed without diacritics. */
import { useState } from 'react';
import type { LookupResult } from '../../../shared/ipc/contract';
import { api } from '../api';
import { ScanField } from '../components/ScanField';
import { useScreenActions, useShell } from '../shell';
import { beep } from '../ui';
import { DossierTable } from './common';

export function LookupScreen() {
  const shell = useShell();
  const [q, setQ] = useState('');
  const [res, setRes] = useState<LookupResult | null>(null);
  const [error, setError] = useState<string | undefined>();
  useScreenActions({});

  async function search() {
    const r = await api()['lookup.search']({ query: q });
    if (!r.ok) {
      setError(r.error.message);
      setRes(null);
      beep();
      return;
    }
    setError(undefined);
    setRes(r.value);
    if (r.value.warning) shell.flash({ kind: 'error', text: r.value.warning });
    else shell.flash({ kind: 'info', text: `Tìm thấy ${r.value.results.length} hồ sơ.` });
  }

  return (
    <div>
      <div className="panel" style={{ maxWidth: 700 }}>
        <ScanField
          id="lookup-q"
          label="Số hiệu, số giấy tờ, số điện thoại hoặc họ tên (gõ không dấu được)"
          value={q}
          onChange={setQ}
          onEnter={() => void search()}
          error={error}
          onArrowDown={() => document.getElementById('lookup-row-0')?.focus()}
        />
      </div>
      {res ? (
        <section className="panel" aria-label="Kết quả tra cứu" style={{ marginTop: 8 }}>
          {res.warning ? <p className="notice">{res.warning}</p> : null}
          {res.results.length === 0 ? <p>Không tìm thấy hồ sơ nào.</p> : <DossierTable rows={res.results} caption="Kết quả tra cứu" idPrefix="lookup-row" onOpen={(d) => shell.go('dossier', d.id)} />}
        </section>
      ) : null}
    </div>
  );
}
