import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles, parseProfile } from '../../../src/main/printing/profiles';
import { canPrint, parseInOrderPaperStatus, parseRealtimeStatus, PRINTER_STATE_VI } from '../../../src/main/printing/status';
import { FileTransport } from '../../../src/main/printing/transports/file';
import { spoolerCommand, spoolerResult, SpoolerTransport, type Runner } from '../../../src/main/printing/transports/spooler';

describe('status bytes', () => {
  it('maps DLE EOT replies to the states the status bar shows', () => {
    expect(parseRealtimeStatus(0x12, 0x12, 0x12)).toBe('ready');
    expect(parseRealtimeStatus(0x1a, 0x16, 0x12)).toBe('cover_open');
    expect(parseRealtimeStatus(0x1a, 0x32, 0x72)).toBe('paper_out');
    expect(parseRealtimeStatus(0x12, 0x12, 0x1e)).toBe('paper_near_end');
    expect(parseRealtimeStatus(0x1a, 0x12, 0x12)).toBe('offline');
    expect(parseRealtimeStatus(0x12, 0x52, 0x12)).toBe('error');
    expect(parseInOrderPaperStatus(0x0c)).toBe('paper_out');
    expect(canPrint('paper_near_end')).toBe(true);
    expect(canPrint('cover_open')).toBe(false);
    expect(PRINTER_STATE_VI.paper_out).toBe('Hết giấy');
  });
});

describe('printer profiles', () => {
  it('loads the bundled profiles', () => {
    const ps = loadProfiles();
    expect(ps.length).toBeGreaterThanOrEqual(3);
    expect(ps.filter((p) => p.isDefault)).toHaveLength(1);
    for (const p of ps) expect(p.dots).toBe(p.widthMm === 80 ? 576 : 384);
  });
  it('rejects a width/dots mismatch and unknown keys', () => {
    const base = { id: 'x', name: 'X', model: 'M', widthMm: 58, dots: 576, transport: { kind: 'file', path: '/tmp/x' } };
    expect(() => parseProfile(base)).toThrow();
    expect(() => parseProfile({ ...base, dots: 384, codepage: 'windows-1258' })).toThrow();
    expect(parseProfile({ ...base, dots: 384 }).transport).toMatchObject({ kind: 'file', device: false });
  });
});

describe('Windows spooler (RAW) transport', () => {
  const o = { printerName: 'XP-58 "quầy 2"; del C:\\*', scriptPath: 'C:\\app\\resources\\printers\\raw-print.ps1' };
  it('builds a PowerShell call with the printer name as one argv item (no shell)', () => {
    const c = spoolerCommand(o, 'C:\\Temp\\job.bin');
    expect(c.command).toBe('powershell.exe');
    expect(c.args).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', o.scriptPath, '-Printer', o.printerName, '-Path', 'C:\\Temp\\job.bin', '-DocName', 'Quay HCC']);
  });
  it('maps the helper result: all written = sent-unconfirmed, not opened = not sent, else partial', () => {
    expect(spoolerResult(100, { code: 0, stdout: 'WRITTEN 100\r\n', stderr: '' })).toMatchObject({ outcome: 'unconfirmed', bytesWritten: 100 });
    expect(spoolerResult(100, { code: 2, stdout: '', stderr: 'OpenPrinter failed: 1801' })).toMatchObject({ outcome: 'not_sent', bytesOffered: 0, state: 'offline' });
    expect(spoolerResult(100, { code: 3, stdout: 'WRITTEN 40', stderr: '' })).toMatchObject({ outcome: 'partial', bytesWritten: 40 });
    expect(spoolerResult(100, { code: 0, stdout: 'WRITTEN 99', stderr: '' }).outcome).toBe('partial');
  });
  it('hands the exact job bytes to the helper through a temp file it then removes', async () => {
    let seen: Buffer | null = null;
    let path = '';
    const run: Runner = async (_cmd, args) => {
      path = args[args.indexOf('-Path') + 1]!;
      seen = readFileSync(path);
      return { code: 0, stdout: `WRITTEN ${seen.length}`, stderr: '' };
    };
    const r = await new SpoolerTransport(o, run).send(Uint8Array.from([0x1b, 0x40, 1, 2, 3]));
    expect(r.outcome).toBe('unconfirmed');
    expect([...seen!]).toEqual([0x1b, 0x40, 1, 2, 3]);
    expect(() => readFileSync(path)).toThrow();
  });
});

describe('file transport', () => {
  it('writes and confirms a regular file; a device is unconfirmed; a bad path is not sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qhcc-ft-'));
    try {
      const f = join(dir, 'out.bin');
      const r = await new FileTransport({ path: f }).send(Uint8Array.from([1, 2, 3]));
      expect(r).toMatchObject({ outcome: 'confirmed', bytesConfirmed: 3 });
      expect([...readFileSync(f)]).toEqual([1, 2, 3]);
      expect((await new FileTransport({ path: f, device: true }).send(Uint8Array.from([4]))).outcome).toBe('unconfirmed');
      expect([...readFileSync(f)]).toEqual([1, 2, 3, 4]);
      expect(await new FileTransport({ path: join(dir, 'no/such/dir/x') }).send(Uint8Array.from([1]))).toMatchObject({ outcome: 'not_sent', bytesOffered: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
