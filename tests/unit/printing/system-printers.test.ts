import { describe, expect, it } from 'vitest';
import { listWindowsPrinters, parsePrinterList, windowsPrinterListCommand } from '../../../src/main/printing/transports/spooler';
import { setupSummary } from '../../../src/shared/print-model';
import { suggestUsername } from '../../../src/renderer/src/screens/setup/username';

describe('the Windows printer list (no network scan)', () => {
  it('asks PowerShell for Get-Printer names, as argv (no shell)', () => {
    const c = windowsPrinterListCommand();
    expect(c.command).toBe('powershell.exe');
    expect(c.args.at(-1)).toMatch(/Get-Printer \| Select-Object -ExpandProperty Name$/);
  });

  it('reads one name a line, without blanks or repeats', () => {
    expect(parsePrinterList('EPSON TM-T82III Receipt\r\n\r\nMicrosoft Print to PDF\r\nEPSON TM-T82III Receipt\r\n  XP-58 (copy 1)  \n')).toEqual(['EPSON TM-T82III Receipt', 'Microsoft Print to PDF', 'XP-58 (copy 1)']);
  });

  it('lists on Windows; elsewhere, or when PowerShell fails, says why and lets the name be typed', async () => {
    const calls: string[][] = [];
    const ok = await listWindowsPrinters('win32', async (cmd, args) => {
      calls.push([cmd, ...args]);
      return { code: 0, stdout: 'XP-58\r\nEPSON\r\n', stderr: '' };
    });
    expect(ok).toEqual({ names: ['XP-58', 'EPSON'], note: null });
    expect(calls).toHaveLength(1);
    expect(await listWindowsPrinters('win32', async () => ({ code: 0, stdout: '\r\n', stderr: '' }))).toEqual({ names: [], note: 'Windows chưa có máy in nào được cài.' });
    expect((await listWindowsPrinters('win32', async () => ({ code: 1, stdout: '', stderr: 'denied' }))).note).toMatch(/^Không đọc được danh sách máy in của Windows/);
    expect(await listWindowsPrinters('linux', async () => {
      throw new Error('must not run');
    })).toEqual({ names: [], note: 'Danh sách máy in Windows chỉ có khi quầy chạy trên Windows; hãy gõ tên máy in.' });
  });
});

describe('the first run’s pieces', () => {
  it('suggests a username from a Vietnamese name: the given name, then the initials', () => {
    expect(suggestUsername('Nguyễn Thị Lan')).toBe('lannt');
    expect(suggestUsername('  Đặng   Văn Đức ')).toBe('ducdv');
    expect(suggestUsername('Mai')).toBe('mai');
    expect(suggestUsername('')).toBe('');
  });

  it('the printed summary names the counter and the people, never a password', () => {
    const doc = setupSummary({
      header: { office: 'Bưu điện tỉnh Sơn La', branch: 'Bưu điện Mộc Sơn' },
      at: Date.UTC(2026, 11, 7, 3, 0),
      counter: { id: 'SL-MS-Q02', name: 'Quầy 2', branchCode: 'SL-MS', branchName: 'Bưu điện Mộc Sơn', place: 'Tỉnh Sơn La', source: 'máy chủ tỉnh cấp' },
      hub: 'https://dongbo.example.vn (đã đăng ký)',
      printer: 'Epson, 80 mm, mạng 10.0.0.9:9100',
      people: [{ fullName: 'Nguyễn Thị Lan', username: 'lannt', role: 'Giao dịch viên' }],
      by: 'Quản trị viên',
      appVersion: '0.1.0',
    });
    expect(doc).toMatchObject({ kind: 'setup_summary', title: 'Biên bản cài đặt SL-MS-Q02', ref: 'SL-MS-Q02' });
    const text = JSON.stringify(doc.blocks);
    for (const s of ['BIÊN BẢN CÀI ĐẶT QUẦY', 'Quầy 2 (SL-MS-Q02)', 'Bưu điện Mộc Sơn (SL-MS)', 'lannt', 'Mật khẩu không in ra']) expect(text).toContain(s);
    const table = doc.blocks.find((b) => b.t === 'table');
    expect(table && table.t === 'table' ? table.columns.reduce((s, c) => s + c.width, 0) : 0).toBeCloseTo(1);
  });
});
