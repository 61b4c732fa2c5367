/**
 * Printer profiles (resources/printers/*.json): model, paper width, dots, transport and address.
 * Text is always printed as raster with the bundled font; a TCVN-3 text mode is not offered (it would
 * need a test print on a real Epson to enable), and Windows-1258 is never used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FileTransport } from './transports/file';
import { SpoolerTransport } from './transports/spooler';
import { TcpTransport } from './transports/tcp';
import type { Transport } from './transports/types';
import { resourcesDir } from './fonts';

const tcp = z
  .object({
    kind: z.literal('tcp'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
    statusQuery: z.boolean().default(true),
    confirm: z.boolean().default(true),
    connectTimeoutMs: z.number().int().positive().optional(),
    statusTimeoutMs: z.number().int().positive().optional(),
    minJobTimeoutMs: z.number().int().positive().optional(),
    minBytesPerSecond: z.number().int().positive().optional(),
  })
  .strict();
const spooler = z.object({ kind: z.literal('spooler'), printerName: z.string().min(1) }).strict();
const file = z.object({ kind: z.literal('file'), path: z.string().min(1), device: z.boolean().default(false), append: z.boolean().default(false) }).strict();

export const printerProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    model: z.string().min(1),
    widthMm: z.union([z.literal(58), z.literal(80)]),
    dots: z.union([z.literal(384), z.literal(576)]),
    transport: z.discriminatedUnion('kind', [tcp, spooler, file]),
    cutter: z.boolean().default(true),
    drawer: z.boolean().default(false),
    isDefault: z.boolean().default(false),
  })
  .strict()
  .refine((p) => (p.widthMm === 80 ? p.dots === 576 : p.dots === 384), { message: 'dots must be 576 for 80 mm and 384 for 58 mm', path: ['dots'] });

export type PrinterProfile = z.infer<typeof printerProfileSchema>;

export function parseProfile(json: unknown): PrinterProfile {
  return printerProfileSchema.parse(json);
}

/** Loads every *.json profile from a folder (default resources/printers). */
export function loadProfiles(dir = join(resourcesDir(), 'printers')): PrinterProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseProfile(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

export function createTransport(p: PrinterProfile): Transport {
  const t = p.transport;
  switch (t.kind) {
    case 'tcp': {
      const { kind: _k, ...opts } = t;
      return new TcpTransport(opts);
    }
    case 'spooler':
      return new SpoolerTransport({ printerName: t.printerName, scriptPath: join(resourcesDir(), 'printers', 'raw-print.ps1') });
    case 'file':
      return new FileTransport({ path: t.path, device: t.device, append: t.append });
  }
}
