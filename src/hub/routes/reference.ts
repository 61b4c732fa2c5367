/** Publishing reference data (catalogue, calendar, limits, tariff, bank accounts) by script. */
import type { FastifyInstance } from 'fastify';
import { MAX_BODY_BYTES, REFERENCE_NAMES, ReferenceUploadSchema, type ReferenceName } from '../../shared/sync-protocol';
import { publishReference, ReferenceError } from '../reference';
import { HttpError, invalid, type RouteContext } from './http';

export function referenceRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { db, clock, requireAdmin } = ctx;
  // A province's whole catalogue can outgrow a push; the admin is known before its body is read.
  app.put('/admin/reference/:name', { onRequest: requireAdmin, bodyLimit: 8 * MAX_BODY_BYTES }, async (req) => {
    const name = (req.params as { name: string }).name;
    if (!(REFERENCE_NAMES as readonly string[]).includes(name)) throw new HttpError(404, 'NOT_FOUND', 'Không có loại dữ liệu danh mục này.');
    const body = ReferenceUploadSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    try {
      const changeId = await publishReference(db, name as ReferenceName, body.data.version, body.data.payload, clock.now());
      req.log.info({ name, version: body.data.version }, 'reference published');
      return { hubTime: clock.now(), changeId };
    } catch (err) {
      if (err instanceof ReferenceError) throw new HttpError(400, 'INVALID_REFERENCE', err.message, { problems: err.problems, problemCode: err.code });
      throw err;
    }
  });
}
