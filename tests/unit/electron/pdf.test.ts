/** A4 in Electron (fake electron: the binary is not here): hardened hidden window, PDF, system print and its failures. */
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const state = { printResult: [true, ''] as [boolean, string], windows: [] as { options: unknown; destroyed: boolean; loaded: string; printOptions: unknown }[] };
  class BrowserWindow {
    rec: { options: unknown; destroyed: boolean; loaded: string; printOptions: unknown };
    constructor(options: unknown) {
      this.rec = { options, destroyed: false, loaded: '', printOptions: null };
      state.windows.push(this.rec);
    }
    loadURL(u: string) {
      this.rec.loaded = u;
      return Promise.resolve();
    }
    destroy() {
      this.rec.destroyed = true;
    }
    get webContents() {
      return {
        printToPDF: async () => Buffer.from('%PDF-1.7 fake'),
        print: (opts: unknown, cb: (ok: boolean, reason: string) => void) => {
          this.rec.printOptions = opts;
          setTimeout(() => cb(...state.printResult), 1);
        },
      };
    }
  }
  return { state, electron: { BrowserWindow } };
});
vi.mock('electron', () => fake.electron);

describe('A4 documents in Electron', () => {
  it('renders the HTML in a hidden window without JavaScript and returns the PDF bytes', async () => {
    const { electronHtmlToPdf } = await import('../../../src/main/electron/pdf');
    const pdf = await electronHtmlToPdf('<h1>Biên bản giao nhận hồ sơ</h1>');
    expect(Buffer.from(pdf).toString()).toContain('%PDF');
    const w = fake.state.windows.at(-1)!;
    expect(w.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(decodeURIComponent(w.loaded)).toContain('Biên bản giao nhận hồ sơ');
    expect(w.destroyed).toBe(true);
  });

  it('sends two A4 copies to the system printer, and reports a refusal in Vietnamese', async () => {
    const { electronPrintHtml } = await import('../../../src/main/electron/pdf');
    fake.state.printResult = [true, ''];
    await electronPrintHtml('<p>x</p>');
    expect(fake.state.windows.at(-1)!.printOptions).toMatchObject({ pageSize: 'A4', copies: 2, silent: false });
    fake.state.printResult = [false, 'failed'];
    await expect(electronPrintHtml('<p>x</p>')).rejects.toThrow(/không nhận lệnh in/);
    fake.state.printResult = [false, 'cancelled'];
    await expect(electronPrintHtml('<p>x</p>')).rejects.toThrow('Đã huỷ in.');
    expect(fake.state.windows.every((w) => w.destroyed)).toBe(true);
  });
});
