/**
 * The hub CLI's update verbs (updates.ts): channels, publishing a release, the staged rollout,
 * moving counters, the minimum version. Each returns the exit code: 2 for a usage error; a refusal
 * (UpdateError) is turned into 1 by runVerb.
 */
import { listChannels, minimumVersion, publishRelease, setChannel, setMinimumVersion, setStaging, assignChannel } from './updates';
import type { Verb } from './cli-verbs';

const percentArg = (v: string | undefined): number | null => (v !== undefined && /^\d{1,3}$/.test(v) && Number(v) <= 100 ? Number(v) : null);

const updates: Verb = async ({ db, cfg, values, io }) => {
  const channels = await listChannels(db, cfg.updatesDir);
  const min = await minimumVersion(db);
  if (values.json) {
    io.out(JSON.stringify({ minVersion: min, channels }));
    return 0;
  }
  io.out(`Phiên bản tối thiểu: ${min ?? 'chưa đặt'}`);
  for (const c of channels) {
    const where = c.url ?? `máy chủ này (${cfg.updatesDir}/${c.name}/)`;
    const staged = c.stagingPercentage === null ? 'theo tệp kênh' : `${c.stagingPercentage}% số quầy`;
    io.out(`- ${c.name}: ${c.publishedVersion ? `bản ${c.publishedVersion}, ` : ''}triển khai ${staged}; ${c.counters} quầy, ${c.belowMinimum} dưới bản tối thiểu; tệp ở ${where}`);
  }
  return 0;
};

const updateChannel: Verb = async ({ db, cfg, io, str }) => {
  const name = str('name');
  if (!name) {
    io.err('Cần --name <kênh> (ví dụ: pilot) và, nếu tệp không để trên máy chủ này, --url <https://…>.');
    return 2;
  }
  const url = str('url');
  const c = await setChannel(db, name, url === undefined ? {} : { url: url === 'hub' ? null : url }, Date.now());
  io.out(`Kênh ${c.name}: tệp cập nhật ở ${c.url ?? `máy chủ này, /updates/${c.name}/ (thư mục ${cfg.updatesDir}/${c.name}/)`}.`);
  return 0;
};

const updatePublish: Verb = async ({ db, cfg, io, str }) => {
  const channel = str('channel');
  const dir = str('dir');
  const staging = str('staging') === undefined ? 0 : percentArg(str('staging'));
  if (!channel || !dir || staging === null) {
    io.err('Cần --channel <kênh> --dir <thư mục release của electron-builder> [--staging <0–100, mặc định 0>].');
    return 2;
  }
  const r = await publishRelease(db, cfg.updatesDir, channel, dir, staging, Date.now());
  io.out(`Đã công bố bản ${r.version} trên kênh ${channel} (${r.files.join(', ')}); đang mời ${staging}% số quầy của kênh. Tăng dần bằng: npm run hub -- update-stage --channel ${channel} --percent <P>`);
  return 0;
};

const updateStage: Verb = async ({ db, io, str }) => {
  const channel = str('channel');
  const percent = percentArg(str('percent'));
  if (!channel || percent === null) {
    io.err('Cần --channel <kênh> --percent <0–100>.');
    return 2;
  }
  await setStaging(db, channel, percent, Date.now());
  io.out(`Kênh ${channel}: mời ${percent}% số quầy cập nhật (mỗi quầy luôn nhận cùng một câu trả lời).`);
  return 0;
};

const updateAssign: Verb = async ({ db, values, io, str }) => {
  const channel = str('channel');
  const counterId = str('counter');
  const branchCode = str('branch');
  if (!channel || (counterId === undefined) === (branchCode === undefined)) {
    io.err('Cần --channel <kênh> và một trong --counter <mã quầy> hoặc --branch <mã bưu cục>.');
    return 2;
  }
  const moved = await assignChannel(db, counterId ? { counterId } : { branchCode: branchCode! }, channel, values['allow-downgrade'] === true);
  io.out(`Đã chuyển ${moved.length} quầy sang kênh ${channel}${values['allow-downgrade'] ? ' (được phép về bản cũ hơn)' : ''}: ${moved.join(', ')}.`);
  return 0;
};

const updateMinimum: Verb = async ({ db, values, io, str }) => {
  const version = str('version');
  if ((version === undefined) === (values.none !== true)) {
    io.err('Cần --version <phiên bản, ví dụ 1.4.2> hoặc --none (bỏ mức tối thiểu).');
    return 2;
  }
  await setMinimumVersion(db, version ?? null, Date.now());
  io.out(version ? `Phiên bản tối thiểu: ${version}. Quầy chạy bản cũ hơn được báo ở lần đồng bộ kế tiếp và tự cập nhật khi rảnh; máy chủ vẫn nhận dữ liệu của chúng.` : 'Đã bỏ phiên bản tối thiểu.');
  return 0;
};

export const UPDATE_VERBS: Record<string, Verb> = {
  updates,
  'update-channel': updateChannel,
  'update-publish': updatePublish,
  'update-stage': updateStage,
  'update-assign': updateAssign,
  'update-minimum': updateMinimum,
};
