/**
 * Where the file printer's paper goes: beside the data folder, never in it (`<data>-printer-output.bin`).
 * The file stands in for a receipt printer, and what it holds is the paper handed to citizens:
 * rasters of the printed text (names, phones, addresses as pictures), and Code 128 and QR codes of
 * the item number and tracking link. Paper is not encrypted, so neither is this stand-in; but the
 * data folder, whose every file is unreadable without the key, holds no picture of it (README).
 *
 * A module of its own, free of the printing code, because browser mode prints this path at start-up
 * before it loads the rest of the counter (src/main/bridge/start.ts).
 */
import { basename, dirname, join } from 'node:path';

export function filePrinterOutput(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}-printer-output.bin`);
}
