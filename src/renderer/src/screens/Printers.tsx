/**
 * Máy in (F7): the print queue and what the clerk decides for a job that may have printed only in
 * part (a marked copy "BẢN IN LẠI – lần n", or "đã in"), a failed job sent again; each printer's
 * state; and for a manager or admin the printer settings (profile, width, connection) with a test
 * page. F10 saves the settings.
 */
import { useCallback, useEffect, useState } from 'react';
import type { PrintJobDto, PrinterProfileDto, PrinterStatusDto } from '../../../shared/ipc/contract';
import { api } from '../api';
import { useFocusRequest, useScreenActions, useShell } from '../shell';
import { beep, Check, Select, TextInput, viDateTime } from '../ui';

type Kind = 'tcp' | 'spooler' | 'file';

const KINDS: readonly { value: Kind; label: string }[] = [
  { value: 'tcp', label: 'Máy in mạng (LAN, cổng 9100)' },
  { value: 'spooler', label: 'Máy in Windows (RAW)' },
  { value: 'file', label: 'Ghi ra tệp / thiết bị' },
];

const WIDTHS: readonly { value: '80' | '58'; label: string }[] = [
  { value: '80', label: '80 mm (576 điểm)' },
  { value: '58', label: '58 mm (384 điểm)' },
];

interface Form {
  id: string;
  name: string;
  model: string;
  width: '58' | '80';
  kind: Kind;
  host: string;
  port: string;
  printerName: string;
  path: string;
  cutter: boolean;
  drawer: boolean;
}

function formOf(p: PrinterProfileDto): Form {
  const t = p.transport as { kind: string; host?: string; port?: number; printerName?: string; path?: string };
  return {
    id: p.id,
    name: p.name,
    model: p.model,
    width: p.widthMm === 58 ? '58' : '80',
    kind: (['tcp', 'spooler', 'file'].includes(t.kind) ? t.kind : 'tcp') as Kind,
    host: t.host ?? '',
    port: String(t.port ?? 9100),
    printerName: t.printerName ?? '',
    path: t.path ?? '',
    cutter: p.cutter,
    drawer: p.drawer,
  };
}

export function PrintersScreen() {
  const shell = useShell();
  const manager = shell.role !== 'clerk';
  const [jobs, setJobs] = useState<PrintJobDto[]>([]);
  const [printers, setPrinters] = useState<PrinterStatusDto[]>([]);
  const [templates, setTemplates] = useState<PrinterProfileDto[]>([]);
  const [form, setForm] = useState<Form | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const focus = useFocusRequest();

  const load = useCallback(async (refresh = false) => {
    const [j, p] = await Promise.all([api()['print.jobs']({ limit: 50 }), api()['print.printers']({ refresh })]);
    if (j.ok) setJobs(j.value);
    if (p.ok) setPrinters(p.value);
  }, []);

  // The queue changes by itself (jobs finish, printers run out of paper): keep the view live.
  useEffect(() => {
    const t = setInterval(() => void load(), 1000);
    return () => clearInterval(t);
  }, [load]);

  useEffect(() => {
    void load(true);
    if (!manager) return;
    void api()['print.settings']({}).then((r) => {
      if (!r.ok) return;
      setTemplates(r.value.templates);
      const current = r.value.profiles[0] ?? r.value.templates[0];
      if (current) setForm(formOf(current));
      focus('printer-template');
    });
  }, [load, manager, focus]);

  async function act(kind: 'reprint' | 'markPrinted' | 'retry', job: PrintJobDto) {
    const r = kind === 'reprint' ? await api()['print.reprint']({ jobId: job.id }) : kind === 'markPrinted' ? await api()['print.markPrinted']({ jobId: job.id }) : await api()['print.retry']({ jobId: job.id });
    if (!r.ok) {
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
    } else {
      const text = kind === 'reprint' ? `Đã xếp hàng in bản đánh dấu “BẢN IN LẠI” của ${job.title}.` : kind === 'markPrinted' ? `Đã ghi nhận ${job.title} là đã in.` : `Đã gửi lại ${job.title}.`;
      shell.flash({ kind: 'ok', text });
    }
    await load();
  }

  async function save() {
    if (!form) return;
    const transport =
      form.kind === 'tcp'
        ? { kind: 'tcp' as const, host: form.host.trim(), port: Number(form.port) }
        : form.kind === 'spooler'
          ? { kind: 'spooler' as const, printerName: form.printerName.trim() }
          : { kind: 'file' as const, path: form.path.trim() };
    const r = await api()['print.saveProfile']({
      profile: { id: form.id, name: form.name, model: form.model, widthMm: form.width === '58' ? 58 : 80, transport, cutter: form.cutter, drawer: form.drawer },
    });
    if (!r.ok) {
      const field = r.error.field ?? '';
      setErrors({ [field.includes('host') ? 'host' : field.includes('port') ? 'port' : field.includes('printerName') ? 'printerName' : field.includes('path') ? 'path' : 'name']: r.error.message });
      beep();
      shell.flash({ kind: 'error', text: r.error.message });
      return;
    }
    setErrors({});
    shell.flash({ kind: 'ok', text: `Đã lưu cấu hình máy in “${r.value.name}”. Hàng đợi in dùng cấu hình mới ngay.` });
    await load(true);
  }

  async function testPage() {
    const r = await api()['print.testPage']({});
    if (!r.ok) {
      beep();
      return shell.flash({ kind: 'error', text: r.error.message });
    }
    shell.flash({ kind: 'ok', text: r.value.message });
    await load();
  }

  useScreenActions({ save: () => void save(), print: () => void testPage() });

  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const pending = jobs.filter((j) => j.needsAction);

  return (
    <div className="cols2">
      <div>
        <section className="panel" aria-labelledby="h-printers">
          <h2 id="h-printers">Trạng thái máy in</h2>
          {printers.length === 0 ? <p className="notice">Chưa cấu hình máy in cho quầy này.</p> : null}
          <ul className="plain" data-testid="printer-states">
            {printers.map((p) => (
              <li key={p.printerId}>
                <strong>{p.name}</strong> ({p.widthMm} mm): <span className={`pill ${p.state === 'ready' ? 'ok' : 'warn'}`}>{p.label}</span>
                {p.queued > 0 ? ` · chờ in ${p.queued}` : ''}
                {p.needsAction > 0 ? ` · ${p.needsAction} lệnh cần xử lý` : ''}
              </li>
            ))}
          </ul>
          <button type="button" id="printer-refresh" onClick={() => void load(true)}>
            Kiểm tra lại trạng thái
          </button>
        </section>
        <section className="panel" aria-labelledby="h-jobs">
          <h2 id="h-jobs">Lệnh in gần đây {pending.length > 0 ? `(${pending.length} cần xử lý)` : ''}</h2>
          {pending.length > 0 ? (
            <p className="notice">
              Lệnh “cần kiểm tra” có thể đã in một phần. Xem tờ giấy trên máy in: nếu đã in đủ, chọn “Đã in đủ”; nếu chưa, chọn “In bản đánh dấu” (phiếu in lại ghi rõ “BẢN IN LẠI”).
            </p>
          ) : null}
          <table data-testid="print-jobs">
            <caption className="sr-only">Lệnh in gần đây</caption>
            <thead>
              <tr>
                <th scope="col">Giờ</th>
                <th scope="col">Giấy tờ</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Xử lý</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} data-state={j.state}>
                  <td>{viDateTime(j.createdAt)}</td>
                  <td>{j.title}</td>
                  <td>{j.stateLabel}</td>
                  <td>
                    {j.needsAction && j.state === 'needs_attention' ? (
                      <>
                        <button type="button" id={`job-reprint-${j.seq}`} onClick={() => void act('reprint', j)}>
                          In bản đánh dấu
                        </button>{' '}
                        <button type="button" id={`job-done-${j.seq}`} onClick={() => void act('markPrinted', j)}>
                          Đã in đủ
                        </button>
                      </>
                    ) : null}
                    {j.state === 'failed' ? (
                      <button type="button" id={`job-retry-${j.seq}`} onClick={() => void act('retry', j)}>
                        Gửi lại
                      </button>
                    ) : null}
                    {j.state === 'done' || j.state === 'sent_unconfirmed' ? (
                      <button type="button" id={`job-copy-${j.seq}`} onClick={() => void act('reprint', j)}>
                        In lại
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {manager && form ? (
        <section className="panel" data-form aria-labelledby="h-printer-settings">
          <h2 id="h-printer-settings">Cấu hình máy in (F10 lưu, Ctrl+P in trang thử)</h2>
          <Select
            id="printer-template"
            label="Mẫu máy in"
            value={form.id}
            options={[...templates.map((t) => ({ value: t.id, label: `${t.name} (${t.widthMm} mm)` })), ...(templates.some((t) => t.id === form.id) ? [] : [{ value: form.id, label: form.name }])]}
            onChange={(id) => {
              const t = templates.find((x) => x.id === id);
              if (t) setForm(formOf(t));
            }}
          />
          <TextInput id="printer-name" label="Tên máy in" value={form.name} onChange={set('name')} error={errors['name']} />
          <TextInput id="printer-model" label="Kiểu máy" value={form.model} onChange={set('model')} />
          <Select id="printer-width" label="Khổ giấy" value={form.width} options={WIDTHS} onChange={set('width')} />
          <Select id="printer-kind" label="Kết nối" value={form.kind} options={KINDS} onChange={set('kind')} />
          {form.kind === 'tcp' ? (
            <>
              <TextInput id="printer-host" label="Địa chỉ IP máy in" value={form.host} onChange={set('host')} error={errors['host']} inputMode="numeric" />
              <TextInput id="printer-port" label="Cổng" value={form.port} onChange={set('port')} error={errors['port']} inputMode="numeric" />
            </>
          ) : null}
          {form.kind === 'spooler' ? <TextInput id="printer-spooler" label="Tên máy in trong Windows" value={form.printerName} onChange={set('printerName')} error={errors['printerName']} /> : null}
          {form.kind === 'file' ? <TextInput id="printer-path" label="Đường dẫn tệp hoặc thiết bị" value={form.path} onChange={set('path')} error={errors['path']} /> : null}
          <Check id="printer-cutter" label="Có dao cắt giấy" checked={form.cutter} onChange={set('cutter')} />
          <Check id="printer-drawer" label="Có ngăn kéo tiền" checked={form.drawer} onChange={set('drawer')} />
        </section>
      ) : null}
    </div>
  );
}
