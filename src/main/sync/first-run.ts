/**
 * The first run's use cases that reach beyond the store: the hub step (test the connection, enroll
 * taking the identity of the code's counter, or "later"), and the summary printed on the receipt
 * printer for the branch's records. The step records themselves are services/setup.ts.
 */
import { DomainError } from '../../shared/errors';
import type { HubProbeDto, LocalIdentityInput, SetupStateDto, SetupSummaryDto } from '../../shared/ipc/channels/setup';
import type { Clock, SecretBox } from '../../shared/ports';
import { setupSummary } from '../../shared/print-model';
import type { Printing } from '../printing/start';
import type { Actor } from '../services/context';
import type { PrinterLine, SetupService } from '../services/setup';
import type { Db } from '../store/db';
import { enrollCounter, probeHub } from './enroll';
import type { FetchFn } from './client';
import type { SyncWorkerPort } from './service';

export interface FirstRunDeps {
  db: Db;
  clock: Clock;
  secrets: SecretBox;
  setup: SetupService;
  printing: Printing;
  worker: Pick<SyncWorkerPort, 'syncNow'> | null;
  /** The store's identity changed: everyone holding the counter's identity re-reads it. */
  onIdentityChanged(): void;
  /** The office named on top of printed documents, for this counter's province. */
  office(): string;
  appVersion: string;
  fetch?: FetchFn;
}

const ROLE_LABEL = { admin: 'Quản trị', manager: 'Trưởng bưu cục', clerk: 'Giao dịch viên' } as const;
const SOURCE_LABEL = { hub: 'máy chủ tỉnh cấp', local: 'nhập tại quầy (chưa đăng ký máy chủ)', default: 'mặc định khi cài (chưa thiết lập)' } as const;

export function printerLine(printing: Printing): PrinterLine {
  const p = printing.settings().profiles[0];
  if (!p) return null;
  const t = p.transport as { kind: string; host?: string; port?: number; printerName?: string; path?: string };
  const connection = t.kind === 'tcp' ? `mạng ${t.host ?? ''}:${t.port ?? 9100}` : t.kind === 'spooler' ? `Windows “${t.printerName ?? ''}”` : `tệp ${t.path ?? ''}`;
  return { name: p.name, model: p.model, widthMm: p.widthMm, connection };
}

export type FirstRun = ReturnType<typeof createFirstRun>;

export function createFirstRun(d: FirstRunDeps) {
  const edges = { clock: d.clock, secrets: d.secrets, ...(d.fetch ? { fetch: d.fetch } : {}) };

  function summary(): SetupSummaryDto {
    return d.setup.summary(printerLine(d.printing), d.appVersion);
  }

  return {
    testHub: (hubUrl: string): Promise<HubProbeDto> => probeHub(edges, hubUrl),

    /**
     * Enroll: this machine becomes the counter the code was made for (while it has issued nothing),
     * then the step is recorded. Later: the counter works on its own identity until enrolled. Keep:
     * already enrolled (a crash after enrolling, or the step revisited), nothing changes.
     */
    async hub(input: { mode: 'enroll' | 'later' | 'keep'; hubUrl?: string | undefined; code?: string | undefined }, actor: Actor): Promise<SetupStateDto> {
      if (input.mode === 'later') {
        d.setup.markStep('hub', 'later', {}, actor);
        return d.setup.state();
      }
      if (input.mode === 'keep') {
        const st = d.setup.state();
        if (!st.hub.enrolled) throw new DomainError('NOT_ENROLLED', 'Quầy chưa đăng ký với máy chủ tỉnh.');
        d.setup.markStep('hub', 'enrolled', { hubUrl: st.hub.hubUrl }, actor);
        return d.setup.state();
      }
      if (!d.worker) throw new DomainError('NO_SYNC', 'Quầy này chạy không đồng bộ với máy chủ tỉnh.');
      const code = input.code?.trim() ?? '';
      if (code.length < 4) throw new DomainError('NO_CODE', 'Hãy nhập mã đăng ký do CNTT tỉnh cấp (hoặc quét mã QR).', 'code');
      const probe = await probeHub(edges, input.hubUrl ?? '');
      const r = await enrollCounter(d.db, edges, probe.url, code, `Quầy HCC ${d.setup.identity().counterId}`, { adoptIdentity: true });
      d.onIdentityChanged();
      d.setup.markStep('hub', 'enrolled', { hubUrl: probe.url, skewMs: probe.skewMs }, { ...actor, counterId: r.counterId });
      void d.worker.syncNow().catch(() => undefined);
      return d.setup.state();
    },

    summary,

    /** Identity step: the hub's confirmed, or typed at the counter; everyone re-reads it after. */
    identity(input: { mode: 'hub' | 'local'; identity?: LocalIdentityInput | undefined }, actor: Actor): SetupStateDto {
      if (input.mode === 'local' && !input.identity) throw new DomainError('NO_IDENTITY', 'Hãy nhập tên và mã bưu cục, quầy.');
      const st = input.mode === 'hub' || !input.identity ? d.setup.confirmHubIdentity(actor) : d.setup.saveLocalIdentity(input.identity, actor);
      d.onIdentityChanged();
      return st;
    },

    /** The summary on the receipt printer: what was set, who may sign in (never a password). */
    printSummary(actor: Actor, clerkName: string): { jobId: string; message: string } {
      const s = summary();
      const id = s.identity;
      const place = [id.communeName, id.provinceName].filter(Boolean).join(', ') || null;
      const doc = setupSummary({
        header: { office: d.office(), branch: id.branchName },
        at: s.at,
        counter: { id: id.counterId, name: id.counterName, branchCode: id.branchCode, branchName: id.branchName, place, source: SOURCE_LABEL[id.source] },
        hub: s.hub.enrolled ? `${s.hub.hubUrl ?? ''} (đã đăng ký)` : 'chưa đăng ký (quầy chạy riêng)',
        printer: s.printer ? `${s.printer.name}, ${s.printer.widthMm} mm, ${s.printer.connection}${s.printer.confirmed === false ? ' (chưa xác nhận in thử)' : s.printer.confirmed ? ' (in thử đạt)' : ''}` : 'chưa có',
        people: s.people.map((p) => ({ fullName: p.fullName, username: p.username, role: ROLE_LABEL[p.role] })),
        by: clerkName,
        appVersion: s.appVersion,
      });
      const r = d.printing.printDocument(doc, actor);
      if (!r.queued || r.jobId === null) throw new DomainError('NO_PRINTER', r.message);
      return { jobId: r.jobId, message: r.message };
    },
  };
}
