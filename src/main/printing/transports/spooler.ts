/**
 * Windows spooler in RAW mode: the job goes to a temp file and a small PowerShell helper
 * (resources/printers/raw-print.ps1: OpenPrinter / StartDocPrinter "RAW" / WritePrinter) sends it.
 * The spooler accepting the bytes is not the printer printing them, so success is sent-unconfirmed.
 * Helper exit codes: 0 all written, 2 nothing sent (printer could not be opened), other: unknown.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendResult, Transport } from './types';

export interface SpoolerOptions {
  printerName: string;
  /** Path of raw-print.ps1. */
  scriptPath: string;
  docName?: string;
  timeoutMs?: number;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}
export type Runner = (command: string, args: string[], timeoutMs: number) => Promise<RunResult>;

/** The process to start: arguments are passed as argv (no shell), so a printer name cannot inject. */
export function spoolerCommand(o: SpoolerOptions, file: string): { command: string; args: string[] } {
  return {
    command: 'powershell.exe',
    args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', o.scriptPath, '-Printer', o.printerName, '-Path', file, '-DocName', o.docName ?? 'Quay HCC'],
  };
}

export const spawnRunner: Runner = (command, args, timeoutMs) =>
  new Promise((resolve) => {
    const p = spawn(command, args, { windowsHide: true, timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', (e) => resolve({ code: 2, stdout, stderr: e.message }));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });

/** Maps the helper's exit and its "WRITTEN n" line to a send result. */
export function spoolerResult(total: number, run: RunResult): SendResult {
  const m = /WRITTEN (\d+)/.exec(run.stdout);
  const written = m ? Number(m[1]) : 0;
  const base = { bytesTotal: total, bytesConfirmed: 0 };
  if (run.code === 0 && written === total) return { ...base, outcome: 'unconfirmed', bytesOffered: total, bytesWritten: total, state: 'unknown' };
  if (run.code === 2) return { ...base, outcome: 'not_sent', bytesOffered: 0, bytesWritten: 0, state: 'offline', error: run.stderr.trim() || 'printer could not be opened' };
  return { ...base, outcome: 'partial', bytesOffered: total, bytesWritten: written, state: 'unknown', error: run.stderr.trim() || `helper exit ${String(run.code)}` };
}

export class SpoolerTransport implements Transport {
  readonly kind = 'spooler' as const;
  constructor(
    private readonly o: SpoolerOptions,
    private readonly run: Runner = spawnRunner,
  ) {}

  async status(): Promise<'unknown'> {
    return 'unknown';
  }

  async send(bytes: Uint8Array): Promise<SendResult> {
    const dir = mkdtempSync(join(tmpdir(), 'qhcc-print-'));
    const file = join(dir, 'job.bin');
    try {
      writeFileSync(file, bytes);
      const { command, args } = spoolerCommand(this.o, file);
      return spoolerResult(bytes.length, await this.run(command, args, this.o.timeoutMs ?? 60_000));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The installed printers as Windows lists them (Get-Printer), one name a line; no network scan. */
export function windowsPrinterListCommand(): { command: string; args: string[] } {
  return { command: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', '[Console]::OutputEncoding=[Text.Encoding]::UTF8; Get-Printer | Select-Object -ExpandProperty Name'] };
}

/** Parses the printer list: one name a line, blank lines and duplicates dropped, in the order given. */
export function parsePrinterList(stdout: string): string[] {
  const names = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/**
 * The Windows printers to choose from, or why there are none to list (not Windows, or PowerShell
 * failed); the name can always be typed instead.
 */
export async function listWindowsPrinters(platform: string = process.platform, run: Runner = spawnRunner): Promise<{ names: string[]; note: string | null }> {
  if (platform !== 'win32') return { names: [], note: 'Danh sách máy in Windows chỉ có khi quầy chạy trên Windows; hãy gõ tên máy in.' };
  const { command, args } = windowsPrinterListCommand();
  const r = await run(command, args, 15_000);
  if (r.code !== 0) return { names: [], note: 'Không đọc được danh sách máy in của Windows; hãy gõ tên máy in như trong Cài đặt > Máy in.' };
  const names = parsePrinterList(r.stdout);
  return { names, note: names.length === 0 ? 'Windows chưa có máy in nào được cài.' : null };
}
