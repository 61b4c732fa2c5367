/**
 * A citizen's request for everything held about them (Law 91/2025/QH15): the branch manager exports
 * it by ID number as a printable PDF and as JSON, and the request and its answer are recorded.
 */
import { z } from 'zod';
import { channel } from '../define';

export const CitizenExportInput = z
  .object({
    idKind: z.enum(['cccd', 'cmnd', 'passport'], { error: 'Hãy chọn loại giấy tờ: CCCD, CMND hoặc hộ chiếu.' }),
    // The string's own error is also what an empty one says.
    idNumber: z.string({ error: 'Hãy nhập số giấy tờ.' }).trim().min(1).max(20, { error: 'Số giấy tờ quá dài.' }),
  })
  .strict();
export type CitizenExportInput = z.infer<typeof CitizenExportInput>;

export interface CitizenExportResult {
  requestId: string;
  dossiers: number;
  cases: number;
  jsonFile: string;
  /** Null where this counter has no A4 output (no Chromium / printToPDF). */
  pdfFile: string | null;
  /** The documents' names, for a readable copy (document.copy): the files are sealed. */
  jsonName: string;
  pdfName: string | null;
  message: string;
}

/** One recorded request, for the screen's history (the ID number masked). */
export interface CitizenRequestRow {
  id: string;
  requestedAt: number;
  requestedBy: string;
  idKind: string;
  idMasked: string;
  answeredAt: number | null;
  dossiers: number | null;
  cases: number | null;
}

export const privacyChannels = {
  'citizen.export': channel<CitizenExportResult>()(CitizenExportInput, 'manager'),
  'citizen.requests': channel<CitizenRequestRow[]>()(z.object({}).strict(), 'manager'),
} as const;
