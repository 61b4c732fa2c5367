/**
 * A citizen's request for everything held about them (Law 91/2025/QH15; issue 15 §3): the branch
 * manager enters the ID number; the counter gathers every dossier where that number appears (as
 * sender, proxy or recipient), that person's own records in it (never another party's), the
 * dossier's facts and history, complaints about those dossiers, and who looked at them; writes it as
 * JSON and as a printable A4 PDF; and records the request and its answer (data_requests, audit).
 * Dossiers whose personal fields were purged after the retention period no longer carry the number
 * here: the answer says the provincial hub keeps the electronic record.
 */
import { localDateOf } from '../../shared/calendar';
import { must } from '../../shared/errors';
import type { CitizenExportResult, CitizenRequestRow } from '../../shared/ipc/channels/privacy';
import { CitizenExportInput } from '../../shared/ipc/channels/privacy';
import { checkIdNumber, VIETNAM } from '../../shared/people';
import { maskedIdForRecord } from '../../shared/personal-data';
import type { PartyRecord } from '../../shared/sync-ops';
import type { CitizenData, CitizenDossier } from '../../shared/citizen-data';
import { auditKindLabel } from '../reports/audit';
import { recordAccess } from '../store/access-log';
import type { DocumentFolder } from '../store/sealed-files';
import { prep } from '../store/stmt';
import type { Actor, ServiceContext } from './context';
import { parseInput, requireRole } from './context';
import { audit } from './journal';
import { readPersonalDataPolicy } from './retention';
import { getDossierView } from './views';
import { stateLabelOf } from './cases';

export interface CitizenOutputs {
  htmlToPdf?: ((html: string) => Promise<Uint8Array>) | undefined;
  /** The data folder's documents/, sealed (store/sealed-files.ts). */
  documents: DocumentFolder;
  heldBy(): { office: string; branch: string; counter: string };
}

const PARTY_COLS = `role, full_name AS fullName, id_kind AS idKind, id_number AS idNumber, phone, email, address, province_code AS provinceCode,
  commune_code AS communeCode, organisation, authorisation_ref AS authorisationRef, nationality`;

function dossiersOf(ctx: ServiceContext, idNumber: string, today: string): CitizenDossier[] {
  const parties = prep(ctx.db, `SELECT dossier_id, ${PARTY_COLS} FROM parties WHERE id_number = ? ORDER BY id`).all(idNumber) as (PartyRecord & { dossier_id: string; nationality: string | null })[];
  const byDossier = new Map<string, PartyRecord[]>();
  for (const { dossier_id, nationality, ...p } of parties) byDossier.set(dossier_id, [...(byDossier.get(dossier_id) ?? []), { ...p, ...(nationality ? { nationality } : {}) }]);
  return [...byDossier].map(([id, own]) => {
    const v = getDossierView(ctx.db, id, today);
    const sender = own.some((p) => p.role === 'sender' || p.role === 'recipient');
    return {
      itemNumber: v.itemNumber,
      procedure: v.procedureName,
      agency: v.agencyName,
      service: v.serviceLabel,
      state: v.stateLabel,
      acceptedAt: v.acceptedAt,
      asParty: own,
      returnMethod: v.returnMethod === 'home' ? 'Phát tận địa chỉ' : v.returnMethod === 'pickup' ? 'Nhận tại bưu cục' : 'Không nhận qua bưu điện',
      // The delivery address is the owner's; a proxy is not shown it.
      returnAddress: sender ? v.returnAddress : null,
      documents: v.documents.map((d) => ({ name: d.name, provided: d.providedCount })),
      feeAmount: v.feeAmount,
      postageAmount: v.postageAmount,
      appointmentDate: v.appointmentDate ?? v.appointmentEstimate,
      history: v.timeline.filter((e) => !e.superseded).map((e) => ({ at: e.at, label: e.label })),
    };
  });
}

function casesOf(ctx: ServiceContext, items: string[]): CitizenData['cases'] {
  if (items.length === 0) return [];
  const marks = items.map(() => '?').join(',');
  return (
    prep(ctx.db, `SELECT kind, number, item_number AS itemNumber, state, opened_date AS openedDate, done_date AS doneDate FROM cases WHERE item_number IN (${marks}) ORDER BY opened_at`).all(...items) as CitizenData['cases']
  ).map((c) => ({ ...c, state: stateLabelOf(c.state) }));
}

function accessesOf(ctx: ServiceContext, ids: string[], items: string[]): CitizenData['accesses'] {
  if (ids.length === 0) return [];
  const m = (a: string[]) => a.map(() => '?').join(',');
  const rows = prep(
    ctx.db,
    `SELECT a.at, a.action, coalesce(d.item_number, CASE WHEN a.entity = 'item' THEN a.entity_id END) AS item
       FROM audit_log a LEFT JOIN dossiers d ON a.entity = 'dossier' AND d.id = a.entity_id
      WHERE a.action >= 'personal_data.' AND a.action < 'personal_data/'
        AND ((a.entity = 'dossier' AND a.entity_id IN (${m(ids)})) OR (a.entity = 'item' AND a.entity_id IN (${m(items)})))
      ORDER BY a.at LIMIT 1000`,
  ).all(...ids, ...items) as { at: number; action: string; item: string | null }[];
  return rows.map((r) => ({ at: r.at, what: auditKindLabel(r.action), itemNumber: r.item }));
}

/** Everything this counter holds about one ID number (the answer's content). */
export function gatherCitizenData(ctx: ServiceContext, idKind: string, idNumber: string, requestId: string, heldBy: CitizenData['heldBy']): CitizenData {
  const today = localDateOf(ctx.clock.now());
  const policy = readPersonalDataPolicy(ctx.db);
  const dossiers = dossiersOf(ctx, idNumber, today);
  const items = dossiers.map((d) => d.itemNumber);
  const ids = items.map((i) => (prep(ctx.db, 'SELECT id FROM dossiers WHERE item_number = ?').get(i) as { id: string }).id);
  return {
    format: 'quay-hcc.citizen-data',
    formatVersion: 1,
    requestId,
    generatedAt: new Date(ctx.clock.now()).toISOString(),
    heldBy,
    subject: { idKind, idNumber },
    purposes: [
      'Tiếp nhận, chuyển hồ sơ thủ tục hành chính đến cơ quan giải quyết (QĐ 45/2016/QĐ-TTg).',
      'Trả kết quả, đối chiếu người nhận; giải quyết khiếu nại, bồi thường (TT 17/2017/TT-BTTTT).',
    ],
    retention: { counterDays: policy.counterRetentionDays, hubYears: policy.hubRetentionYears },
    dossiers,
    cases: casesOf(ctx, items),
    accesses: accessesOf(ctx, ids, items),
    note:
      `Tại quầy, thông tin cá nhân của hồ sơ đã đóng được xoá sau ${policy.counterRetentionDays} ngày; ` +
      `hồ sơ điện tử được lưu tại máy chủ của Bưu điện tỉnh ${policy.hubRetentionYears} năm kể từ ngày tiếp nhận (TT 17/2017 Điều 14.3). ` +
      'Hồ sơ cũ hơn không còn tại quầy: đề nghị Bưu điện tỉnh cung cấp.',
  };
}

export function createCitizenRequests(ctx: ServiceContext, out: CitizenOutputs) {
  return {
    /** Records the request, writes the answer (JSON, and PDF where the counter has A4 output), records the answer. */
    async export(raw: unknown, actor: Actor): Promise<CitizenExportResult> {
      requireRole(actor, ['manager', 'admin'], 'trả lời yêu cầu cung cấp dữ liệu cá nhân');
      const input = parseInput(CitizenExportInput, raw);
      const nowYear = new Date(ctx.clock.now()).getUTCFullYear();
      const idNumber = must(checkIdNumber(input.idKind, input.idNumber, nowYear, input.idKind === 'passport' ? VIETNAM : null), 'idNumber');
      const requestId = ctx.ids.uuid();
      const at = ctx.clock.now();
      prep(ctx.db, 'INSERT INTO data_requests (id, requested_at, requested_by, counter_id, id_kind, id_masked) VALUES (?, ?, ?, ?, ?, ?)').run(
        requestId,
        at,
        actor.clerkId,
        actor.counterId,
        input.idKind,
        maskedIdForRecord(idNumber),
      );
      const data = gatherCitizenData(ctx, input.idKind, idNumber, requestId, out.heldBy());
      const base = `yeu-cau-du-lieu-${localDateOf(at)}-${requestId.slice(-8)}`;
      const jsonName = `${base}.json`;
      const jsonFile = out.documents.save(jsonName, JSON.stringify(data, null, 2));
      let pdfFile: string | null = null;
      let pdfName: string | null = null;
      if (out.htmlToPdf) {
        const { citizenDataHtml } = await import('../printing/citizen-data-a4');
        pdfName = `${base}.pdf`;
        pdfFile = out.documents.save(pdfName, await out.htmlToPdf(citizenDataHtml(data)));
      }
      ctx.db.transaction(() => {
        const done = ctx.clock.now();
        prep(ctx.db, 'UPDATE data_requests SET answered_at = ?, answered_by = ?, dossiers = ?, cases = ?, formats = ? WHERE id = ?').run(
          done,
          actor.clerkId,
          data.dossiers.length,
          data.cases.length,
          pdfFile ? 'json,pdf' : 'json',
          requestId,
        );
        recordAccess(ctx.db, actor, done, 'personal_data.export', 'item', data.dossiers.map((d) => d.itemNumber), { request: requestId });
        audit(ctx.db, actor, done, 'data_request.answer', 'data_request', requestId, { dossiers: data.dossiers.length, cases: data.cases.length, pdf: pdfFile !== null });
      })();
      const what = data.dossiers.length === 0 ? 'Quầy không còn giữ hồ sơ nào có số giấy tờ này.' : `${data.dossiers.length} hồ sơ, ${data.cases.length} khiếu nại/bồi thường.`;
      const files = pdfFile
        ? 'Đã lập bản in (PDF) và bản dữ liệu (JSON): bấm Ctrl+S để lưu bản sao đọc được trao cho công dân (tệp trong thư mục dữ liệu của quầy được mã hoá).'
        : 'Đã lập bản dữ liệu (JSON): bấm Ctrl+S để lưu bản sao đọc được trao cho công dân. Quầy chưa cấu hình in khổ A4 nên chưa tạo bản PDF.';
      return { requestId, dossiers: data.dossiers.length, cases: data.cases.length, jsonFile, pdfFile, jsonName, pdfName, message: `Đã trả lời yêu cầu của công dân: ${what} ${files}` };
    },

    /** The requests recorded here, newest first. */
    list(): CitizenRequestRow[] {
      return prep(
        ctx.db,
        `SELECT r.id, r.requested_at AS requestedAt, coalesce(c.full_name, r.requested_by) AS requestedBy, r.id_kind AS idKind, r.id_masked AS idMasked,
                r.answered_at AS answeredAt, r.dossiers, r.cases
           FROM data_requests r LEFT JOIN clerks c ON c.id = r.requested_by ORDER BY r.requested_at DESC LIMIT 200`,
      ).all() as CitizenRequestRow[];
    },
  };
}

export type CitizenRequests = ReturnType<typeof createCitizenRequests>;

