/** Printing: a document for a dossier or batch, the durable queue's history and decisions, printer settings. */
import { z } from 'zod';
import { channel, empty } from '../define';
import type { PrinterProfileDto, PrinterStatusDto, PrintJobDto, PrintResult } from '../dto';

const jobRef = z.object({ jobId: z.string().min(1).max(64) }).strict();

/** What the printer settings form sends; main completes and validates it as a printer profile. */
export const PrinterProfileInput = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã máy in chỉ gồm chữ thường không dấu, số và dấu gạch ngang.' }),
    name: z.string().trim().min(1, { error: 'Hãy nhập tên máy in.' }).max(80),
    model: z.string().trim().min(1, { error: 'Hãy nhập kiểu máy in.' }).max(80),
    widthMm: z.union([z.literal(58), z.literal(80)], { error: 'Khổ giấy phải là 58 mm hoặc 80 mm.' }),
    transport: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('tcp'), host: z.string().trim().min(1, { error: 'Hãy nhập địa chỉ IP của máy in.' }).max(100), port: z.number({ error: 'Cổng phải là số.' }).int({ error: 'Cổng phải là số nguyên.' }).min(1, { error: 'Cổng phải từ 1 đến 65535.' }).max(65535, { error: 'Cổng phải từ 1 đến 65535.' }) }).strict(),
      z.object({ kind: z.literal('spooler'), printerName: z.string().trim().min(1, { error: 'Hãy nhập tên máy in trong Windows.' }).max(200) }).strict(),
      z.object({ kind: z.literal('file'), path: z.string().trim().min(1, { error: 'Hãy nhập đường dẫn tệp.' }).max(500) }).strict(),
    ]),
    cutter: z.boolean(),
    drawer: z.boolean(),
  })
  .strict();
export type PrinterProfileInput = z.infer<typeof PrinterProfileInput>;

export const printChannels = {
  'print.document': channel<PrintResult>()(
    z.object({ kind: z.enum(['intake_receipt', 'fee_receipt', 'missing_documents', 'handover_slip', 'handover_record']), id: z.string().min(1).max(64), copy: z.boolean().optional() }).strict(),
    'clerk',
  ),
  'print.deliveryList': channel<PrintResult>()(
    z
      .object({
        postman: z.string().trim().min(1, { error: 'Chưa nhập họ tên bưu tá nhận danh sách phát.' }).max(100, { error: 'Họ tên bưu tá quá dài (tối đa 100 ký tự).' }),
        route: z.string().trim().max(120, { error: 'Tên tuyến phát quá dài (tối đa 120 ký tự).' }),
        dossierIds: z.array(z.string().min(1).max(64)).min(1, { error: 'Danh sách phát đang trống: không có kết quả nào chờ phát.' }).max(300),
      })
      .strict(),
    'clerk',
  ),
  'print.jobs': channel<PrintJobDto[]>()(z.object({ needsAction: z.boolean().optional(), limit: z.number().int().min(1).max(500).optional() }).strict(), 'clerk'),
  'print.printers': channel<PrinterStatusDto[]>()(z.object({ refresh: z.boolean().optional() }).strict(), 'clerk'),
  'print.reprint': channel<{ jobId: string; copyNo: number; message: string }>()(jobRef, 'clerk'),
  'print.markPrinted': channel<PrintJobDto>()(jobRef, 'clerk'),
  'print.retry': channel<PrintJobDto>()(jobRef, 'clerk'),
  'print.testPage': channel<{ jobId: string; message: string }>()(z.object({ printerId: z.string().min(1).max(60).optional() }).strict(), 'manager'),
  'print.systemPrinters': channel<{ names: string[]; note: string | null }>()(empty, 'manager'),
  'print.settings': channel<{ profiles: PrinterProfileDto[]; templates: PrinterProfileDto[] }>()(empty, 'manager'),
  'print.saveProfile': channel<PrinterProfileDto>()(z.object({ profile: PrinterProfileInput }).strict(), 'manager'),
} as const;
