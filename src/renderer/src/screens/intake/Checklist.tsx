/**
 * The procedure, found by typing (without diacritics too), and its document checklist: how many
 * copies of each paper the citizen handed in and in which form. A procedure that needs the citizen in
 * person is refused with the reason; missing papers are listed (the dossier is then taken in as
 * incomplete with a printed list).
 */
import { useLayoutEffect, useState } from 'react';
import { useController, useFormContext, useWatch } from 'react-hook-form';
import type { ProcedureDto } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { Combobox } from '../../components/Combobox';
import type { Option } from '../../components/Combobox';
import { useErrorAt } from '../../form';
import type { IntakeForm, ProvidedForm } from './model';
import { formSatisfies, missingReason } from '../../../../shared/checklist';

const FORM_LABELS: Record<ProcedureDto['documents'][number]['form'], string> = {
  copy: 'bản sao',
  original: 'bản chính',
  certified_copy: 'bản sao chứng thực',
  original_or_copy: 'chính/sao',
};

async function searchProcedures(q: string): Promise<Option[]> {
  if (!q.trim()) return [];
  const r = await api()['catalogue.search']({ query: q, limit: 8 });
  return r.ok
    ? r.value.map((h) => ({
        value: h.code,
        label: h.name,
        // Nothing matched the words typed: these are the closest procedures, and the list says so.
        detail: `${h.approximate ? 'Gần đúng nhất (không khớp từ nào đã gõ) — ' : ''}${h.agencyName}${h.inPersonOnly ? ' — phải đến trực tiếp' : ''}${h.verified ? '' : ' — dữ liệu mẫu'}`,
        warn: h.inPersonOnly,
      }))
    : [];
}

export function Checklist({ proc, onPick }: { proc: ProcedureDto | null; onPick: (code: string) => void }) {
  const { control } = useFormContext<IntakeForm>();
  const procError = useErrorAt(control, ['procedureCode']);
  const docsError = useErrorAt(control, ['documents']);
  // A long name (a work permit's) is cut off by the field: then it is shown in full under it.
  const [clipped, setClipped] = useState(false);
  useLayoutEffect(() => {
    const el = document.getElementById('procedure') as HTMLInputElement | null;
    setClipped(Boolean(proc && el && el.value === proc.name && el.scrollWidth > el.clientWidth));
  }, [proc]);
  return (
    <section className="panel" aria-labelledby="h-proc">
      <h2 id="h-proc">Thủ tục và giấy tờ</h2>
      <Combobox id="procedure" label="Thủ tục (gõ không dấu: gplx, ly lich tu phap…)" selectedLabel={proc?.name ?? ''} search={searchProcedures} onSelect={(o) => onPick(o.value)} error={procError} wide />
      {proc ? (
        <p className="hint">
          {clipped ? (
            <>
              <strong data-testid="procedure-name">{proc.name}</strong>
              <br />
            </>
          ) : null}
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
            {proc.documents.map((d, i) => (
              <DocumentRow key={`${proc.code}-${i}`} index={i} doc={d} />
            ))}
          </tbody>
        </table>
      ) : null}
      {docsError ? (
        <p className="error" role="alert">
          {docsError}
        </p>
      ) : null}
      {proc && !proc.inPersonOnly ? <MissingNotice /> : null}
    </section>
  );
}

function DocumentRow({ index: i, doc: d }: { index: number; doc: ProcedureDto['documents'][number] }) {
  const { control } = useFormContext<IntakeForm>();
  const provided = useController({ control, name: `documents.${i}.providedCount` });
  const form = useController({ control, name: `documents.${i}.providedForm` });
  const missing = missingReason({ name: d.name, form: d.form, requiredCount: d.count, providedCount: Number(provided.field.value) || 0, providedForm: form.field.value, required: d.required });
  const wrongKind = !formSatisfies(d.form, form.field.value);
  return (
    <tr className={missing ? 'missing' : ''}>
      <td>
        {d.name}
        {d.required ? '' : ' (nếu có)'}
      </td>
      <td className="num">
        {d.count} {FORM_LABELS[d.form]}
      </td>
      <td>
        <label className="sr-only" htmlFor={`doc-${i}`}>
          Số bản đã nộp: {d.name}
        </label>
        <input id={`doc-${i}`} type="text" inputMode="numeric" style={{ width: 48 }} value={provided.field.value} onChange={(e) => provided.field.onChange(e.target.value)} />
      </td>
      {/* The kind handed in already meets the requirement: Enter goes on to the next paper. */}
      <td data-skip-enter={wrongKind ? undefined : ''}>
        <label className="sr-only" htmlFor={`docform-${i}`}>
          Loại bản: {d.name}
        </label>
        <select id={`docform-${i}`} value={form.field.value} onChange={(e) => form.field.onChange(e.target.value as ProvidedForm)}>
          <option value="original">Bản chính</option>
          <option value="copy">Bản sao</option>
          <option value="certified_copy">Sao chứng thực</option>
        </select>
      </td>
    </tr>
  );
}

/** The required papers not (fully) handed in, as the clerk fills the counts. */
function MissingNotice() {
  const docs = useWatch({ control: useFormContext<IntakeForm>().control, name: 'documents' });
  const missing = docs.map((d) => missingReason({ ...d, providedCount: Number(d.providedCount) || 0 })).filter((m): m is string => m !== null);
  if (missing.length === 0) return null;
  return (
    <p className="notice" data-testid="missing">
      Còn thiếu {missing.length} giấy tờ: {missing.join('; ')}. Hồ sơ sẽ được nhận ở trạng thái “chưa đủ” và in danh sách cần bổ sung.
    </p>
  );
}
