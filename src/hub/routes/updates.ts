/** The update files the hub serves to counters, and the scripts' administration of channels (updates.ts). */
import type { FastifyInstance } from 'fastify';
import { AssignRequestSchema, ChannelRequestSchema, MinimumRequestSchema } from '../../shared/app-update';
import { assignChannel, listChannels, minimumVersion, serveUpdateFile, setChannel, setMinimumVersion, setStaging, UpdateError } from '../updates';
import { ADMIN_API_ACTOR } from '../audit';
import { HttpError, invalid, type RouteContext } from './http';

export function updateRoutes(app: FastifyInstance, ctx: RouteContext, updatesDir: string | undefined): void {
  const { db, clock, requireAdmin } = ctx;

  // The update files of the channels this hub serves. Not behind the counter token: an installer
  // holds no secret and is signed; electron-updater fetches it like any plain HTTPS server's.
  app.get('/updates/:channel/:file', async (req, reply) => {
    const { channel, file } = req.params as { channel: string; file: string };
    const served = updatesDir ? await serveUpdateFile(db, updatesDir, channel, file) : null;
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'Không có tệp cập nhật này trên máy chủ.');
    if (served.kind === 'yml') return reply.type('text/yaml; charset=utf-8').send(served.text);
    return reply.type('application/octet-stream').header('content-length', String(served.size)).send(served.stream);
  });

  const updateError = (err: unknown): never => {
    if (err instanceof UpdateError) throw new HttpError(err.code.startsWith('UNKNOWN') ? 404 : 400, err.code, err.message);
    throw err;
  };
  const updatesView = async () => ({ hubTime: clock.now(), minVersion: await minimumVersion(db), channels: await listChannels(db, updatesDir ?? null) });

  app.get('/admin/updates', { onRequest: requireAdmin }, updatesView);

  app.put('/admin/updates/channels/:name', { onRequest: requireAdmin }, async (req) => {
    const name = (req.params as { name: string }).name;
    const body = ChannelRequestSchema.safeParse(req.body ?? {});
    if (!body.success) throw invalid(body.error);
    try {
      await setChannel(db, name, body.data.url === undefined ? {} : { url: body.data.url }, clock.now(), ADMIN_API_ACTOR);
      if (body.data.stagingPercentage !== undefined) await setStaging(db, name, body.data.stagingPercentage, clock.now(), ADMIN_API_ACTOR);
    } catch (err) {
      updateError(err);
    }
    req.log.info({ channel: name, url: body.data.url, stagingPercentage: body.data.stagingPercentage }, 'update channel set');
    return updatesView();
  });

  app.post('/admin/updates/assign', { onRequest: requireAdmin }, async (req) => {
    const body = AssignRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    const { channel, allowDowngrade, ...target } = body.data;
    try {
      const counters = await assignChannel(db, target, channel, allowDowngrade);
      req.log.info({ channel, allowDowngrade, counters: counters.length }, 'counters moved to an update channel');
      return { hubTime: clock.now(), channel, allowDowngrade, counters };
    } catch (err) {
      return updateError(err);
    }
  });

  app.put('/admin/updates/minimum', { onRequest: requireAdmin }, async (req) => {
    const body = MinimumRequestSchema.safeParse(req.body);
    if (!body.success) throw invalid(body.error);
    await setMinimumVersion(db, body.data.version, clock.now(), ADMIN_API_ACTOR);
    req.log.info({ minVersion: body.data.version }, 'minimum version set');
    return updatesView();
  });
}
