/**
 * A readable copy of a document the counter keeps sealed (issue 15): main opens it by name
 * (document.copy: the producer's role, audited) and the renderer hands the bytes to the browser as a
 * download — Chromium's download in browser mode, Electron's save dialog in the app. The message says
 * what was saved; the sealed file in the data folder is never shown as a path.
 */
import { api } from './api';

export interface CopyOutcome {
  kind: 'ok' | 'error';
  text: string;
}

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Downloads a readable copy of `name` (a document of documents/); `null`: nothing produced yet. */
export async function saveCopy(name: string | null | undefined): Promise<CopyOutcome> {
  if (!name) return { kind: 'error', text: 'Chưa có tài liệu để lưu bản sao: hãy lập (in) tài liệu trước.' };
  const r = await api()['document.copy']({ name });
  if (!r.ok) return { kind: 'error', text: r.error.message };
  const url = URL.createObjectURL(new Blob([bytesOf(r.value.base64)], { type: r.value.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.value.name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { kind: 'ok', text: `Đã lưu bản sao đọc được của “${r.value.title}” (tệp ${r.value.name}) vào thư mục Tải về của máy: chép ra USB hoặc gửi đi từ đó.` };
}
