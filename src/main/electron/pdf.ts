/**
 * A4 documents inside Electron: the HTML goes into a hidden, sandboxed window without JavaScript;
 * printToPDF keeps a copy, and print sends it to the office's system printer (the print dialog lets
 * the clerk pick the printer and the number of copies: the handover record is signed in two).
 */
import { BrowserWindow } from 'electron';

async function withDocument<T>(html: string, fn: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await fn(win);
  } finally {
    win.destroy();
  }
}

export function electronHtmlToPdf(html: string): Promise<Uint8Array> {
  return withDocument(html, async (win) => new Uint8Array(await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })));
}

/** Resolves when the system printer took the job; rejects with a Vietnamese reason otherwise. */
export function electronPrintHtml(html: string, copies = 2): Promise<void> {
  return withDocument(
    html,
    (win) =>
      new Promise<void>((resolve, reject) => {
        win.webContents.print({ silent: false, printBackground: true, pageSize: 'A4', copies }, (ok, reason) => {
          if (ok) resolve();
          else reject(new Error(reason === 'cancelled' ? 'Đã huỷ in.' : `Máy in văn phòng không nhận lệnh in (${reason}).`));
        });
      }),
  );
}
