/**
 * A readable copy of a sealed document (issue 15): the files under documents/ are sealed with a key
 * derived from the store key (store/sealed-files.ts), so a manager who hands the day's report to the
 * provincial office, or a citizen's export to the citizen, asks the application for a copy. The
 * document is named, never given as a path: only a name of a kind this counter writes is opened, and
 * only from documents/. Who may have a copy is who may produce that kind; every copy is audited, and a
 * copy of a document holding citizens' data is recorded as a look at their data (personal_data.copy
 * per item number), which the citizen's own export lists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateVi } from '../../shared/calendar';
import { DomainError } from '../../shared/errors';
import type { Role } from '../../shared/dossier';
import type { DocumentCopy } from '../../shared/ipc/channels/documents';
import { DocumentCopyInput } from '../../shared/ipc/channels/documents';
import { recordAccess } from '../store/access-log';
import type { DocumentFolder } from '../store/sealed-files';
import { prep } from '../store/stmt';
import type { Actor, ServiceContext } from './context';
import { parseInput, requireRole } from './context';
import { audit } from './journal';

interface Kind {
  prefix: string;
  /** Who may produce it, hence have a copy. */
  roles: Role[];
  /** What the refusal names ("lưu bản sao …"). */
  what: string;
  title(rest: string): string;
  /** For a clerk, whether they made this one (a handover record is its batch's clerk's). */
  madeBy?(ctx: ServiceContext, rest: string, clerkId: string): boolean;
  /** The item numbers whose citizens' data the document holds (none: no personal data). */

  items?(ctx: ServiceContext, rest: string, documents: DocumentFolder): string[];
}

const MANAGER: Role[] = ['manager', 'admin'];
const dated = (rest: string): string => {
  const d = /^(\d{4}-\d{2}-\d{2})/.exec(rest)?.[1];
  return d ? ` ${formatDateVi(d)}` : '';
};

const recordTail = (rest: string): string | null => /-([a-z0-9]{6})\.pdf$/.exec(rest)?.[1]?.toUpperCase() ?? null;
const batchesOf = (ctx: ServiceContext, rest: string): { created_by: string }[] => {
  const tail = recordTail(rest);
  return tail ? (prep(ctx.db, 'SELECT created_by FROM batches WHERE upper(substr(id, -6)) = ?').all(tail) as { created_by: string }[]) : [];
};

const KINDS: readonly Kind[] = [
  {
    prefix: 'bao-cao-ngay-',
    roles: MANAGER,
    what: 'lưu bản sao báo cáo cuối ngày',
    title: (r) => `Báo cáo ngày${dated(r)}${/-in-lai-(\d+)/.test(r) ? ` (bản in lại lần ${/-in-lai-(\d+)/.exec(r)![1]})` : ''}`,
  },
  { prefix: 'bao-cao-dinh-ky-', roles: MANAGER, what: 'lưu bản sao báo cáo định kỳ', title: () => 'Báo cáo định kỳ tại quầy' },
  { prefix: 'qua-han-', roles: MANAGER, what: 'lưu bản sao danh sách quá hạn', title: (r) => `Danh sách quá hạn${dated(r)}` },
  { prefix: 'nhat-ky-', roles: MANAGER, what: 'lưu bản sao nhật ký thao tác', title: (r) => `Nhật ký thao tác${dated(r)}` },
  {
    prefix: 'yeu-cau-du-lieu-',
    roles: MANAGER,
    what: 'lưu bản sao dữ liệu cá nhân của công dân',
    title: (r) => `Dữ liệu cá nhân theo yêu cầu của công dân${dated(r)}`,
    // The answer's JSON names the item numbers (the PDF is the same answer, laid out).
    items: (_ctx, rest, documents) => {
      const json = join(documents.dir, `yeu-cau-du-lieu-${rest.replace(/\.(pdf|json)$/, '')}.json`);
      if (!existsSync(json)) return [];
      const data = JSON.parse(documents.open(json).toString('utf8')) as { dossiers?: { itemNumber?: unknown }[] };
      return (data.dossiers ?? []).map((d) => d.itemNumber).filter((i): i is string => typeof i === 'string');
    },
  },
  {
    prefix: 'bien-ban-giao-nhan-',
    roles: ['clerk', 'manager', 'admin'],
    what: 'lưu bản sao biên bản giao nhận',
    title: (r) => `Biên bản giao nhận số ${r.replace(/\.pdf$/, '').toUpperCase()}`,
    // The record number ends with the batch id's last six characters (printing/handover-record.ts).
    madeBy: (ctx, rest, clerkId) => batchesOf(ctx, rest).some((b) => b.created_by === clerkId),
    items: (ctx, rest) => {
      const tail = recordTail(rest);
      if (!tail) return [];
      return (prep(ctx.db, 'SELECT item_number FROM dossiers WHERE batch_id IS NOT NULL AND upper(substr(batch_id, -6)) = ? ORDER BY item_number').all(tail) as { item_number: string }[]).map((r) => r.item_number);
    },
  },
];

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

export function createDocumentCopies(ctx: ServiceContext, documents: DocumentFolder) {
  return {
    /** The readable content of one document of documents/, for the renderer to download. */
    copy(raw: unknown, actor: Actor): DocumentCopy {
      const { name } = parseInput(DocumentCopyInput, raw);
      const kind = KINDS.find((k) => name.startsWith(k.prefix));
      if (!kind) throw new DomainError('DOCUMENT_UNKNOWN', 'Quầy không lập tài liệu có tên này: không lưu được bản sao.');
      requireRole(actor, kind.roles, kind.what);
      const file = join(documents.dir, name);
      if (!existsSync(file)) throw new DomainError('DOCUMENT_NOT_FOUND', 'Không tìm thấy tài liệu này trong quầy: hãy lập lại (in lại) rồi lưu bản sao.');
      const rest = name.slice(kind.prefix.length);
      if (actor.role === 'clerk' && kind.madeBy && !kind.madeBy(ctx, rest, actor.clerkId)) {
        throw new DomainError('FORBIDDEN', `Bạn không có quyền ${kind.what} do giao dịch viên khác lập: hãy nhờ người lập hoặc trưởng bưu cục.`);
      }
      const bytes = documents.open(file);
      const items = kind.items?.(ctx, rest, documents) ?? [];
      const at = ctx.clock.now();
      ctx.db.transaction(() => {
        audit(ctx.db, actor, at, 'document.copy', 'document', name, { bytes: bytes.length });
        recordAccess(ctx.db, actor, at, 'personal_data.copy', 'item', items, { document: name });
      })();
      return { name, title: kind.title(rest), mime: MIME[name.slice(name.lastIndexOf('.') + 1)]!, base64: bytes.toString('base64'), bytes: bytes.length };
    },
  };
}

export type DocumentCopies = ReturnType<typeof createDocumentCopies>;
