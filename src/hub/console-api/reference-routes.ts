/**
 * Reference data other than the catalogue in the console (the catalogue has its spreadsheet,
 * catalogue-routes.ts): calendar overrides, transit limits, postage tariff, bank accounts, cash
 * denominations, search synonyms. A document is a JSON file in the layout of resources/reference/
 * (the console offers the one in use for download, to edit and send back). Checking shows every
 * problem in Vietnamese and publishes nothing; publishing checks again and needs a new version.
 * Everyone sees what is in use; only IT checks and publishes.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkReference, REFERENCE_KINDS, type ReferenceName } from '../../shared/reference-kinds';
import { publishReference, ReferenceError } from '../reference';
import type { ConsoleContext } from './context';
import { ConsoleHttpError } from './errors';

/** The kinds this page handles, in the order it shows them. */
export const CONSOLE_REFERENCE_KINDS = ['calendar', 'transit', 'tariff', 'bank_accounts', 'cash_denominations', 'search_synonyms'] as const satisfies readonly ReferenceName[];
type Kind = (typeof CONSOLE_REFERENCE_KINDS)[number];

const MAX_FILE_CHARS = 2_000_000;
const CheckSchema = z.strictObject({ text: z.string().min(1).max(MAX_FILE_CHARS) });
const PublishSchema = z.strictObject({ text: z.string().min(1).max(MAX_FILE_CHARS), version: z.string().trim().min(1).max(60) });

function kindOf(params: unknown): Kind {
  const name = (params as { name: string }).name;
  if (!(CONSOLE_REFERENCE_KINDS as readonly string[]).includes(name)) throw new ConsoleHttpError(404, 'NOT_FOUND', 'Không có loại dữ liệu danh mục này.');
  return name as Kind;
}

/** The file's text as a document, or its problems (bad JSON, then the kind's own check). */
function examine(kind: Kind, text: string): { ok: true; value: unknown } | { ok: false; problems: { path: string; message: string }[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: `Tệp không phải JSON hợp lệ (${err instanceof Error ? err.message.slice(0, 120) : 'lỗi cú pháp'}).` }] };
  }
  const r = checkReference(kind, doc);
  return r.ok ? { ok: true, value: r.value } : { ok: false, problems: r.problems.slice(0, 500).map((p) => ({ path: p.path, message: p.message })) };
}

export function consoleReferenceRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const { db, now, api } = c;
  const itOnly = c.allow('it_admin');

  app.get(`${api}/reference`, { onRequest: c.allow() }, async () => {
    const r = await db.query<{ name: string; version: string; updated_at: number }>('SELECT name, version, updated_at::float8 AS updated_at FROM reference_docs');
    const byName = new Map(r.rows.map((x) => [x.name, x]));
    return { kinds: CONSOLE_REFERENCE_KINDS.map((k) => ({ name: k, label: REFERENCE_KINDS[k].label, version: byName.get(k)?.version ?? null, updatedAt: byName.get(k)?.updated_at ?? null })) };
  });

  app.get(`${api}/reference/:name/current.json`, { onRequest: c.allow() }, async (req, reply) => {
    const kind = kindOf(req.params);
    const r = await db.query<{ version: string; payload: unknown }>('SELECT version, payload FROM reference_docs WHERE name = $1', [kind]);
    const row = r.rows[0];
    if (!row) throw new ConsoleHttpError(404, 'NOT_PUBLISHED', 'Máy chủ chưa phát hành tài liệu này; các quầy đang dùng bản mẫu đi kèm phần mềm.');
    const doc = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
    const file = `${kind}-${row.version.replace(/[^\w.-]/g, '_')}.json`;
    return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(`${JSON.stringify(doc, null, 2)}\n`);
  });

  app.post(`${api}/reference/:name/check`, { onRequest: itOnly }, async (req) => {
    const kind = kindOf(req.params);
    const body = CheckSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy chọn một tệp JSON (tối đa 2 triệu ký tự).');
    const r = examine(kind, body.data.text);
    return r.ok ? { ok: true, problems: [] } : { ok: false, problems: r.problems };
  });

  app.post(`${api}/reference/:name/publish`, { onRequest: itOnly }, async (req) => {
    const kind = kindOf(req.params);
    const body = PublishSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy chọn tệp và nhập phiên bản mới (tối đa 60 ký tự).');
    const r = examine(kind, body.data.text);
    if (!r.ok) throw new ConsoleHttpError(400, 'INVALID_REFERENCE', `${REFERENCE_KINDS[kind].label} có ${r.problems.length} lỗi; chưa phát hành.`, { problems: r.problems });
    const cur = await db.query<{ version: string }>('SELECT version FROM reference_docs WHERE name = $1', [kind]);
    if (cur.rows[0]?.version === body.data.version) throw new ConsoleHttpError(409, 'SAME_VERSION', `${REFERENCE_KINDS[kind].label} đang dùng đã là phiên bản ${body.data.version}; hãy đặt phiên bản mới.`);
    try {
      await publishReference(db, kind, body.data.version, r.value, now());
    } catch (err) {
      if (err instanceof ReferenceError) throw new ConsoleHttpError(400, 'INVALID_REFERENCE', err.message, { problems: err.details.map((p) => ({ path: p.path, message: p.message })) });
      throw err;
    }
    req.log.info({ name: kind, version: body.data.version, by: req.consoleUser!.username }, 'reference published from the console');
    return { name: kind, version: body.data.version };
  });
}
