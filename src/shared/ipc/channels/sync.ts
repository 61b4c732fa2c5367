/** The counter's sync with the provincial hub: state, sync now, enrollment, refused operations. */
import { z } from 'zod';
import { channel, empty } from '../define';
import type { RejectedOpDto, SyncInfoDto } from '../dto';

export const syncChannels = {
  'sync.info': channel<SyncInfoDto>()(empty, 'clerk'),
  'sync.now': channel<SyncInfoDto>()(empty, 'clerk'),
  'sync.enroll': channel<{ counterId: string; counterName: string; branchCode: string; branchName: string }>()(
    z
      .object({
        hubUrl: z.string().trim().min(1, { error: 'Hãy nhập địa chỉ máy chủ tỉnh.' }).max(300),
        code: z.string().trim().min(4, { error: 'Hãy nhập mã đăng ký do CNTT tỉnh cấp.' }).max(100),
      })
      .strict(),
    'admin',
  ),
  'sync.rejected': channel<RejectedOpDto[]>()(z.object({ includeReviewed: z.boolean().optional() }).strict(), 'manager'),
  'sync.acknowledge': channel<RejectedOpDto[]>()(z.object({ seq: z.number().int().positive() }).strict(), 'manager'),
} as const;
