/**
 * Updates in the console (updates.ts): the channels with their staged rollout and published version,
 * the province's minimum version, and which counter is on which channel and version. Everyone reads
 * (a branch manager sees only their branch's counters); only IT changes anything.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AssignRequestSchema, MinimumRequestSchema, updateFeedUrl } from '../../shared/app-update';
import { normalizeHubAddress } from '../../shared/enrollment';
import { recentAudit } from '../audit';
import { listCounters } from '../counters';
import { assignChannel, listChannels, minimumVersion, setChannel, setMinimumVersion, setStaging, UpdateError } from '../updates';
import type { ConsoleContext } from './context';
import { ConsoleHttpError } from './errors';

const StagingSchema = z.strictObject({ stagingPercentage: z.int().min(0).max(100).nullable() });
const NewChannelSchema = z.strictObject({ name: z.string().min(1).max(40) });
/** Empty or null: the hub serves the channel's files itself (the default). */
const UrlSchema = z.strictObject({ url: z.string().max(600).nullable() });
const AUDIT_SHOWN = 20;

async function answering<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UpdateError) throw new ConsoleHttpError(err.code.startsWith('UNKNOWN') ? 404 : 400, err.code, err.message);
    throw err;
  }
}

export function consoleUpdateRoutes(app: FastifyInstance, c: ConsoleContext): void {
  const { db, now, api } = c;
  const itOnly = c.allow('it_admin');
  // The hub's own address as counters know it, when IT configured it (HUB_PUBLIC_URL): the channels
  // this hub serves are then shown with the full URL their counters read.
  const hubAddress = c.publicUrl ? normalizeHubAddress(c.publicUrl) : null;
  const hubUrl = hubAddress?.ok ? hubAddress.url : null;
  const view = async (branchCode: string | null) => {
    const all = await listCounters(db);
    const counters = all
      .filter((k) => k.revokedAt === null && (branchCode === null || k.branchCode === branchCode))
      .map((k) => ({
        counterId: k.counterId,
        counterName: k.counterName,
        branchCode: k.branchCode,
        branchName: k.branchName,
        appVersion: k.appVersion,
        channel: k.updateChannel,
        lastSeenAt: k.lastSeenAt,
        belowMinimum: k.belowMinimum,
      }));
    const channels = (await listChannels(db, c.updatesDir ?? null)).map((ch) => ({
      ...ch,
      // What the counters of this channel read `<channel>.yml` from; null: this hub's /updates/<name>/
      // at whatever address each counter enrolled with (HUB_PUBLIC_URL not set).
      feedUrl: ch.url !== null || hubUrl !== null ? updateFeedUrl({ channel: ch.name, url: ch.url, minVersion: null, allowDowngrade: false }, hubUrl ?? '') : null,
    }));
    return {
      now: now(),
      minVersion: await minimumVersion(db),
      belowMinimum: counters.filter((k) => k.belowMinimum).length,
      channels,
      counters,
      audit: await recentAudit(db, 'update.', AUDIT_SHOWN),
    };
  };

  app.get(`${api}/updates`, { onRequest: c.allow() }, async (req) => {
    const u = req.consoleUser!;
    return view(u.role === 'branch_manager' ? u.branchCode : null);
  });

  app.post(`${api}/updates/channels`, { onRequest: itOnly }, async (req) => {
    const body = NewChannelSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy nhập tên kênh.');
    await answering(() => setChannel(db, body.data.name.trim(), {}, now(), req.consoleUser!.username));
    req.log.info({ channel: body.data.name, by: req.consoleUser!.username }, 'update channel created from the console');
    return view(null);
  });

  app.put(`${api}/updates/channels/:name/staging`, { onRequest: itOnly }, async (req) => {
    const name = (req.params as { name: string }).name;
    const body = StagingSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'BAD_PERCENT', 'Tỉ lệ triển khai phải là số nguyên từ 0 đến 100.');
    await answering(() => setStaging(db, name, body.data.stagingPercentage, now(), req.consoleUser!.username));
    req.log.info({ channel: name, stagingPercentage: body.data.stagingPercentage, by: req.consoleUser!.username }, 'staging percentage set from the console');
    return view(null);
  });

  // Where a channel's files are: another server (https, or http on this machine / the LAN), or empty
  // for this hub. Counters of the channel are told in the next answer to them (every answer carries
  // the policy, read with the token).
  app.put(`${api}/updates/channels/:name/url`, { onRequest: itOnly }, async (req) => {
    const name = (req.params as { name: string }).name;
    const body = UrlSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'BAD_URL', 'Hãy nhập địa chỉ tệp cập nhật (https://…), hoặc để trống để dùng máy chủ tỉnh.');
    const wanted = body.data.url?.trim() ?? '';
    await answering(async () => {
      // A URL for a channel that does not exist is refused, not a way to create one.
      if (!(await listChannels(db, null)).some((ch) => ch.name === name)) throw new UpdateError('UNKNOWN_CHANNEL', `Chưa có kênh "${name}".`);
      return setChannel(db, name, { url: wanted === '' ? null : wanted }, now(), req.consoleUser!.username);
    });
    req.log.info({ channel: name, hubServed: wanted === '', by: req.consoleUser!.username }, 'update channel URL set from the console');
    return view(null);
  });

  app.put(`${api}/updates/minimum`, { onRequest: itOnly }, async (req) => {
    const body = MinimumRequestSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'BAD_VERSION', 'Phiên bản tối thiểu phải có dạng số phiên bản (ví dụ: 1.4.2), hoặc để trống để bỏ.');
    await answering(() => setMinimumVersion(db, body.data.version, now(), req.consoleUser!.username));
    req.log.info({ minVersion: body.data.version, by: req.consoleUser!.username }, 'minimum version set from the console');
    return view(null);
  });

  app.post(`${api}/updates/assign`, { onRequest: itOnly }, async (req) => {
    const body = AssignRequestSchema.safeParse(req.body);
    if (!body.success) throw new ConsoleHttpError(400, 'INVALID', 'Hãy chọn kênh và một quầy hoặc một bưu cục.');
    const { channel, allowDowngrade, ...targetOf } = body.data;
    const moved = await answering(() => assignChannel(db, targetOf, channel, allowDowngrade));
    req.log.info({ channel, counters: moved.length, by: req.consoleUser!.username }, 'counters moved to an update channel from the console');
    return { ...(await view(null)), moved };
  });
}
