/**
 * The catalogue spreadsheet in the console (catalogue-xlsx.ts): download the empty template or the
 * catalogue in use, check an uploaded workbook (every problem by sheet, row and column; nothing is
 * published), then publish the checked one as one action with a version, answered with the diff.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CatalogueSchema, type Catalogue } from '../../shared/catalogue';
import type { HubDb } from '../db';
import { publishReference, ReferenceError } from '../reference';
// Loaded on first use: exceljs is most of a worker's start-up time, and a restarted worker must
// answer again within seconds (issue 18).
const xlsx = () => import('./catalogue-xlsx');
import { ConsoleHttpError } from './errors';

const SAMPLE = resolve(__dirname, '../../../resources/reference/catalogue-son-la.sample.json');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DRAFT_TTL_MS = 2 * 3_600_000;

/** The published catalogue and its version, or null. */
export async function currentCatalogue(db: HubDb): Promise<{ version: string; catalogue: Catalogue } | null> {
  const r = await db.query<{ version: string; payload: unknown }>(`SELECT version, payload FROM reference_docs WHERE name = 'catalogue'`);
  const row = r.rows[0];
  if (!row) return null;
  const doc = typeof row.payload === 'string' ? (JSON.parse(row.payload) as unknown) : row.payload;
  const parsed = CatalogueSchema.safeParse(doc);
  return parsed.success ? { version: row.version, catalogue: parsed.data } : null;
}

/** What the workbook builds on: the published catalogue's agencies and notes, else the shipped sample's. */
async function baseCatalogue(db: HubDb): Promise<Catalogue> {
  const cur = await currentCatalogue(db);
  if (cur) return cur.catalogue;
  return CatalogueSchema.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));
}

const CheckSchema = z.strictObject({ file: z.string().min(1) });
const PublishSchema = z.strictObject({ token: z.string().min(10).max(100), version: z.string().trim().min(1).max(60) });

export function catalogueRoutes(
  app: FastifyInstance,
  o: { db: HubDb; now: () => number; anyone: (req: FastifyRequest) => Promise<void>; itOnly: (req: FastifyRequest) => Promise<void>; api: string },
): void {
  const { db, now } = o;
  app.get(`${o.api}/catalogue/template.xlsx`, { onRequest: o.anyone }, async (_req, reply) =>
    reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="danh-muc-thu-tuc-mau.xlsx"').send(await (await xlsx()).writeCatalogueXlsx(null)),
  );
  app.get(`${o.api}/catalogue/export.xlsx`, { onRequest: o.anyone }, async (_req, reply) => {
    const cur = await currentCatalogue(db);
    const name = `danh-muc-thu-tuc-${(cur?.version ?? 'mau').replace(/[^\w.-]/g, '_')}.xlsx`;
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${name}"`).send(await (await xlsx()).writeCatalogueXlsx(cur?.catalogue ?? (await baseCatalogue(db))));
  });

  app.post(`${o.api}/catalogue/check`, { onRequest: o.itOnly }, async (req) => {
    const body = CheckSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy chọn một tệp XLSX.');
    const bytes = Buffer.from(body.data.file, 'base64');
    const base = await baseCatalogue(db);
    const cur = await currentCatalogue(db);
    const r = await (await xlsx()).readCatalogueXlsx(bytes, base, cur?.version ?? base.version);
    if (!r.catalogue) {
      req.log.info({ problems: r.problems.length }, 'catalogue spreadsheet refused');
      return { ok: false, problems: r.problems.slice(0, 500), procedures: 0, diff: { added: [], changed: [], removed: [] }, currentVersion: cur?.version ?? null };
    }
    const token = randomBytes(24).toString('base64url');
    await db.query('DELETE FROM hub_catalogue_drafts WHERE created_at < $1', [now() - DRAFT_TTL_MS]);
    await db.query('INSERT INTO hub_catalogue_drafts (id, username, payload, created_at) VALUES ($1, $2, $3::jsonb, $4)', [token, req.consoleUser!.username, JSON.stringify(r.catalogue), now()]);
    return { ok: true, problems: [], procedures: r.catalogue.procedures.length, diff: (await xlsx()).catalogueDiff(cur?.catalogue ?? null, r.catalogue), currentVersion: cur?.version ?? null, token };
  });

  app.post(`${o.api}/catalogue/publish`, { onRequest: o.itOnly }, async (req) => {
    const body = PublishSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy nhập phiên bản mới (tối đa 60 ký tự).');
    const d = await db.query<{ payload: unknown }>('DELETE FROM hub_catalogue_drafts WHERE id = $1 AND username = $2 AND created_at >= $3 RETURNING payload', [
      body.data.token,
      req.consoleUser!.username,
      now() - DRAFT_TTL_MS,
    ]);
    const row = d.rows[0];
    if (!row) throw new ConsoleHttpError(409, 'NO_DRAFT', 'Bản kiểm tra này đã hết hạn hoặc đã được phát hành; hãy tải tệp lên lại.');
    const draft = CatalogueSchema.parse(typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload);
    const cur = await currentCatalogue(db);
    if (cur && cur.version === body.data.version) throw new ConsoleHttpError(409, 'SAME_VERSION', `Danh mục đang dùng đã là phiên bản ${cur.version}; hãy đặt phiên bản mới.`);
    const doc = { ...draft, version: body.data.version };
    try {
      await publishReference(db, 'catalogue', body.data.version, doc, now());
    } catch (err) {
      if (err instanceof ReferenceError) throw new ConsoleHttpError(400, 'INVALID_REFERENCE', err.message, { problems: err.problems });
      throw err;
    }
    const diff = (await xlsx()).catalogueDiff(cur?.catalogue ?? null, doc);
    req.log.info({ version: body.data.version, by: req.consoleUser!.username, added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length }, 'catalogue published from the console');
    return { version: body.data.version, diff };
  });
}

