/**
 * Step 3, the receipt printer: a profile (model, paper width), then how it is reached: a network
 * address and port, a printer from the Windows list, or a file (for testing). No network is scanned.
 * Enter on the last field saves and prints a test page (Vietnamese text, a barcode, a QR); then the
 * question whether it came out right. F8: later.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PrintJobDto, PrinterProfileDto } from '../../../../shared/ipc/contract';
import { api } from '../../api';
import { useFocusRequest, useShell } from '../../shell';
import { beep, Select, TextInput } from '../../ui';
import type { StepProps } from './SetupScreen';
import { useStepKey } from './SetupScreen';

type Kind = 'tcp' | 'spooler' | 'file';
const KINDS: readonly { value: Kind; label: string }[] = [
  { value: 'tcp', label: 'Máy in mạng (địa chỉ IP và cổng)' },
  { value: 'spooler', label: 'Máy in đã cài trong Windows' },
  { value: 'file', label: 'Ghi ra tệp (để thử)' },
];

/** `192.168.1.50:9100` or `192.168.1.50` (port 9100, the usual raw printing port). */
function hostPort(s: string): { host: string; port: number } {
  const t = s.trim();
  const m = /^(.*?):(\d{1,5})$/.exec(t);
  return m && !m[1]!.includes(':') ? { host: m[1]!, port: Number(m[2]) } : { host: t, port: 9100 };
}

export function PrinterStep({ done }: StepProps) {
  const shell = useShell();
  const focus = useFocusRequest();
  const [templates, setTemplates] = useState<PrinterProfileDto[]>([]);
  const [template, setTemplate] = useState('');
  const [kind, setKind] = useState<Kind>('tcp');
  const [address, setAddress] = useState('');
  const [windowsName, setWindowsName] = useState('');
  const [windows, setWindows] = useState<{ names: string[]; note: string | null }>({ names: [], note: null });
  const [path, setPath] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [job, setJob] = useState<{ id: string; printer: string } | null>(null);
  const [jobState, setJobState] = useState<PrintJobDto | null>(null);
  const f = useRef({ template, kind, address, windowsName, path });
  f.current = { template, kind, address, windowsName, path };

  useEffect(() => {
    void api()['print.settings']({}).then((r) => {
      if (!r.ok) return;
      setTemplates(r.value.templates);
      const current = r.value.profiles[0];
      const start = r.value.templates.find((t) => t.id === current?.id) ?? r.value.templates[0];
      if (start) pickTemplate(start);
      if (current) {
        const t = current.transport as { kind: string; host?: string; port?: number; printerName?: string; path?: string };
        if (t.kind === 'tcp' && t.host) setAddress(`${t.host}:${t.port ?? 9100}`);
        if (t.kind === 'file') setPath(t.path ?? '');
        if (t.kind === 'spooler') setWindowsName(t.printerName ?? '');
      }
      focus('pr-profile');
    });
    void api()['print.systemPrinters']({}).then((r) => {
      if (!r.ok) return;
      setWindows(r.value);
      if (r.value.names[0]) setWindowsName((n) => n || r.value.names[0]!);
    });
  }, [focus]);

  // The test page's progress, as the queue reports it.
  useEffect(() => {
    if (!job) return;
    const t = setInterval(() => void api()['print.jobs']({ limit: 20 }).then((r) => r.ok && setJobState(r.value.find((j) => j.id === job.id) ?? null)), 500);
    return () => clearInterval(t);
  }, [job]);

  function pickTemplate(p: PrinterProfileDto) {
    setTemplate(p.id);
    const k = p.transport.kind;
    setKind(k === 'tcp' || k === 'spooler' || k === 'file' ? k : 'tcp');
    const t = p.transport as { path?: string };
    if (k === 'file' && t.path) setPath((x) => x || t.path!);
  }

  async function saveAndTest() {
    const v = f.current;
    const p = templates.find((t) => t.id === v.template);
    if (!p) return;
    const transport =
      v.kind === 'tcp' ? { kind: 'tcp' as const, ...hostPort(v.address) } : v.kind === 'spooler' ? { kind: 'spooler' as const, printerName: v.windowsName.trim() } : { kind: 'file' as const, path: v.path.trim() };
    const saved = await api()['print.saveProfile']({ profile: { id: p.id, name: p.name, model: p.model, widthMm: p.widthMm, transport, cutter: p.cutter, drawer: p.drawer } });
    if (!saved.ok) {
      const field = saved.error.field ?? '';
      const which = field.includes('printerName') ? 'windows' : field.includes('path') ? 'path' : 'address';
      setErrors({ [which]: saved.error.message });
      beep();
      shell.flash({ kind: 'error', text: saved.error.message });
      return focus(which === 'windows' ? 'pr-windows' : which === 'path' ? 'pr-path' : 'pr-address');
    }
    setErrors({});
    const t = await api()['print.testPage']({});
    if (!t.ok) {
      beep();
      return shell.flash({ kind: 'error', text: t.error.message });
    }
    setJob({ id: t.value.jobId, printer: saved.value.name });
    setJobState(null);
    shell.flash({ kind: 'info', text: t.value.message });
    focus('pr-ok');
  }

  const answer = useCallback(
    async (outcome: 'confirmed' | 'not_confirmed') => {
      const r = await api()['setup.step']({ step: 'printer', outcome });
      if (!r.ok) return shell.flash({ kind: 'error', text: r.error.message });
      done(r.value, outcome === 'confirmed' ? 'Máy in biên nhận đã in thử đạt.' : 'Để sau: máy in chưa được xác nhận in thử (Ctrl+K → Thiết lập: máy in).');
    },
    [done, shell],
  );
  useStepKey('F8', () => void answer('not_confirmed'));

  const selected = templates.find((t) => t.id === template);
  return (
    <section className="panel" aria-labelledby="setup-step-title">
      <form
        data-form
        onSubmit={(e) => {
          e.preventDefault();
          void saveAndTest();
        }}
        onKeyDown={(e) => {
          // A list as the last field: Enter there saves too (a select never submits a form by itself).
          if (e.key === 'Enter' && (e.target as HTMLElement).id === 'pr-windows' && e.target instanceof HTMLSelectElement) {
            e.preventDefault();
            void saveAndTest();
          }
        }}
      >
        <div className="grid2">
          <Select
            id="pr-profile"
            label="Kiểu máy in (khổ giấy)"
            value={template}
            options={templates.map((t) => ({ value: t.id, label: t.name.includes(`${t.widthMm} mm`) ? t.name : `${t.name} — ${t.widthMm} mm` }))}
            onChange={(id) => {
              const p = templates.find((t) => t.id === id);
              if (p) pickTemplate(p);
            }}
          />
          <Select id="pr-kind" label="Kết nối" value={kind} options={KINDS} onChange={setKind} />
          {kind === 'tcp' ? (
            <TextInput id="pr-address" label="Địa chỉ máy in (IP:cổng)" hint="Ví dụ 192.168.1.50:9100 (cổng mặc định 9100); in trên máy in: giữ nút FEED khi bật để xem địa chỉ." value={address} onChange={setAddress} error={errors['address']} wide />
          ) : null}
          {kind === 'spooler' && windows.names.length > 0 ? (
            <Select id="pr-windows" label="Máy in trong Windows" value={windowsName} options={windows.names.map((n) => ({ value: n, label: n }))} onChange={setWindowsName} error={errors['windows']} wide />
          ) : null}
          {kind === 'spooler' && windows.names.length === 0 ? (
            <TextInput id="pr-windows" label="Tên máy in trong Windows" hint={windows.note ?? undefined} value={windowsName} onChange={setWindowsName} error={errors['windows']} wide />
          ) : null}
          {kind === 'file' ? <TextInput id="pr-path" label="Đường dẫn tệp" value={path} onChange={setPath} error={errors['path']} wide /> : null}
        </div>
        <div className="actions">
          <button id="pr-test" type="submit" className="btn secondary">
            Lưu và in trang thử (Enter ở ô cuối)
          </button>
          <span className="hint">F8: để sau</span>
        </div>
      </form>
      {job ? (
        <div className="probe" data-testid="printer-question">
          <p className="question">
            Trang in thử đã ra ở “{job.printer}”{selected ? ` (khổ ${selected.widthMm} mm)` : ''} chưa? Chữ tiếng Việt có đủ dấu, mã vạch và mã QR có rõ không?
          </p>
          <p data-testid="printer-job">{jobState ? `Lệnh in: ${jobState.stateLabel}${jobState.lastError ? ` — ${jobState.lastError}` : ''}` : 'Lệnh in: đang gửi…'}</p>
          <div className="actions">
            <button id="pr-ok" className="btn" onClick={() => void answer('confirmed')}>
              Có, in đúng (Enter)
            </button>
            <button
              id="pr-bad"
              className="btn secondary"
              onClick={() => {
                setJob(null);
                shell.flash({ kind: 'info', text: 'Hãy kiểm tra kiểu máy in (khổ 58 hay 80 mm), địa chỉ và cáp, rồi in thử lại.' });
                focus('pr-profile');
              }}
            >
              Không, chỉnh lại
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
