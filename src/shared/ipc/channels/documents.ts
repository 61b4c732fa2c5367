/**
 * The documents a counter keeps sealed in its data folder (issue 15): a readable copy of one of them,
 * asked for by its name (never a path) from the screen that produced it, and turned into a download
 * by the renderer. Who may have a copy is who may produce the document; every copy is audited.
 */
import { z } from 'zod';
import { channel } from '../define';

/** A document's name as the counter writes it: lower-case ASCII words, digits and hyphens, one extension. */
export const DocumentName = z
  .string({ error: 'Hãy chọn tài liệu cần lưu bản sao.' })
  .regex(/^[a-z0-9_]+(?:-[a-z0-9_]+)*\.(?:pdf|xlsx|json)$/, { error: 'Tên tài liệu không hợp lệ: chỉ lưu được bản sao của tài liệu quầy đã lập.' })
  .max(160, { error: 'Tên tài liệu quá dài.' });

export const DocumentCopyInput = z.object({ name: DocumentName }).strict();
export type DocumentCopyInput = z.infer<typeof DocumentCopyInput>;

export interface DocumentCopy {
  /** The document's name in documents/, also the downloaded file's name. */
  name: string;
  /** What it is, in Vietnamese ("Báo cáo ngày 07/12/2026"). */
  title: string;
  mime: string;
  /** The readable content, base64 (the bridge carries JSON). */
  base64: string;
  bytes: number;
}

export const documentsChannels = {
  'document.copy': channel<DocumentCopy>()(DocumentCopyInput, 'clerk'),
} as const;
