/**
 * Enrolling a counter with the provincial hub, as a technician meets it: the hub's address as people
 * type it, and the enrollment QR that `npm run hub -- create-code` prints (address and one-time code
 * in one scan). Both the hub (which writes the QR's text) and the counter (which reads it, typed or
 * scanned) use this one definition.
 *
 * The QR's text is one line of printable ASCII, so a keyboard-wedge scanner can type it into a field:
 *
 *   QUAYHCC:1;HUB=http://10.20.0.5:8787;CODE=K7QF-2MX9-PAD4;COUNTER=SL-MS-Q02
 *
 * `QUAYHCC:1` names the format and its version; fields are `KEY=value`, separated by `;`, in any
 * order; unknown keys are ignored (a later hub may add some); HUB and CODE are required, COUNTER
 * (which counter the code was made for) is informative. A hub address never contains `;`.
 */
import { normalizeEnrollCode } from './sync-protocol';

export const ENROLL_QR_PREFIX = 'QUAYHCC:1';

export interface EnrollmentTicket {
  hubUrl: string;
  code: string;
  counterId?: string;
}

export type HubAddress = { ok: true; url: string; plainHttp: boolean; note: string | null } | { ok: false; message: string };

export const HUB_ADDRESS_EXAMPLE = '10.20.0.5:8787 hoặc https://dongbo.buudien-sonla.vn';

const PLAIN_HTTP_NOTE = 'Kết nối http (không mã hoá): chỉ chấp nhận vì máy chủ ở máy này hoặc trong mạng nội bộ.';

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/**
 * Loopback and private-LAN addresses (RFC 1918, link-local, IPv6 loopback, ULA and link-local),
 * where plain http is tolerated because the traffic never crosses the Internet. Names other than
 * `localhost` are not trusted to be local: a name can point anywhere.
 */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  const v4 = ipv4(h);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  // IPv6: loopback, unique-local (fc00::/7), link-local (fe80::/10). No guard on ':' first: each of
  // these needs one, so a guard would only add an equivalent mutant.
  if (h === '::1') return true;
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}

/**
 * The hub's address as typed: `127.0.0.1:8787`, `10.20.0.5`, `dongbo.example.vn`, or a full URL.
 * Without a scheme, a local address gets http:// and any other https://. Plain http:// is accepted
 * only for a local address, and the answer says so.
 */
export function normalizeHubAddress(input: string): HubAddress {
  const text = input.trim();
  if (!text) return { ok: false, message: `Hãy nhập địa chỉ máy chủ tỉnh (ví dụ: ${HUB_ADDRESS_EXAMPLE}).` };
  if (/[\s;]/.test(text)) return { ok: false, message: `Địa chỉ máy chủ không được có dấu cách hay dấu “;” (ví dụ: ${HUB_ADDRESS_EXAMPLE}).` };
  let withScheme = text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let host = '';
    try {
      host = new URL(`http://${text}`).hostname;
    } catch {
      return { ok: false, message: `Địa chỉ máy chủ tỉnh không hợp lệ (ví dụ: ${HUB_ADDRESS_EXAMPLE}).` };
    }
    withScheme = `${isLocalHost(host) ? 'http' : 'https'}://${text}`;
  }
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `Địa chỉ máy chủ tỉnh không hợp lệ (ví dụ: ${HUB_ADDRESS_EXAMPLE}).` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Địa chỉ máy chủ tỉnh không hợp lệ: phải bắt đầu bằng https:// (hoặc http:// với máy chủ trong mạng nội bộ).' };
  }
  if (!url.hostname) return { ok: false, message: `Địa chỉ máy chủ tỉnh thiếu tên máy (ví dụ: ${HUB_ADDRESS_EXAMPLE}).` };
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, message: 'Địa chỉ máy chủ tỉnh chỉ gồm tên máy, cổng và đường dẫn (không có tên đăng nhập, “?” hay “#”).' };
  }
  const plainHttp = url.protocol === 'http:';
  if (plainHttp && !isLocalHost(url.hostname)) {
    return {
      ok: false,
      message: 'http:// (không mã hoá) chỉ dùng được với máy chủ ở máy này hoặc trong mạng nội bộ (127.x, 10.x, 172.16–31.x, 192.168.x). Máy chủ qua Internet phải dùng https://.',
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, plainHttp, note: plainHttp ? PLAIN_HTTP_NOTE : null };
}

/** The QR's text for a code (the hub writes it; the address must already be normalized). */
export function enrollmentText(t: EnrollmentTicket): string {
  if (/[;\s]/.test(t.hubUrl)) throw new Error('hub address must not contain ";" or spaces');
  const fields = [ENROLL_QR_PREFIX, `HUB=${t.hubUrl}`, `CODE=${t.code}`];
  if (t.counterId) fields.push(`COUNTER=${t.counterId}`);
  return fields.join(';');
}

/** Whether a typed or scanned text looks like an enrollment QR (so a field can route it). */
export const looksLikeEnrollmentText = (s: string): boolean => s.trim().toUpperCase().startsWith(`${ENROLL_QR_PREFIX};`);

/** Reads an enrollment QR's text; the address normalized as if typed, the code in its normal form. */
export function parseEnrollmentText(input: string): { ok: true; ticket: EnrollmentTicket; address: Extract<HubAddress, { ok: true }> } | { ok: false; message: string } {
  const text = input.trim();
  if (!looksLikeEnrollmentText(text)) return { ok: false, message: 'Đây không phải mã QR đăng ký quầy (phải bắt đầu bằng “QUAYHCC:1;”).' };
  const fields = new Map<string, string>();
  for (const part of text.split(';').slice(1)) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    fields.set(part.slice(0, at).trim().toUpperCase(), part.slice(at + 1).trim());
  }
  const hub = fields.get('HUB');
  const code = fields.get('CODE');
  if (!hub) return { ok: false, message: 'Mã QR đăng ký thiếu địa chỉ máy chủ (HUB=…). Hãy in lại mã từ máy chủ tỉnh.' };
  if (!code) return { ok: false, message: 'Mã QR đăng ký thiếu mã đăng ký (CODE=…). Hãy in lại mã từ máy chủ tỉnh.' };
  const address = normalizeHubAddress(hub);
  if (!address.ok) return address;
  const normal = normalizeEnrollCode(code);
  if (!/^[0-9A-Z]{4,40}$/.test(normal)) return { ok: false, message: 'Mã đăng ký trong mã QR không hợp lệ. Hãy in lại mã từ máy chủ tỉnh.' };
  const grouped = normal.match(/.{1,4}/g)!.join('-');
  const counter = fields.get('COUNTER');
  return { ok: true, address, ticket: { hubUrl: address.url, code: grouped, ...(counter ? { counterId: counter } : {}) } };
}

/** Hub clock minus counter clock, in words (what the technician reads on the hub step). */
export function describeSkew(skewMs: number, warnMs: number): { text: string; warn: boolean } {
  const abs = Math.abs(skewMs);
  const warn = abs > warnMs;
  if (abs < 1000) return { text: 'Đồng hồ máy này khớp với máy chủ (lệch dưới 1 giây).', warn };
  const seconds = Math.round(abs / 1000);
  const amount = seconds < 120 ? `${seconds} giây` : `${Math.round(seconds / 60)} phút`;
  const side = skewMs > 0 ? 'chậm hơn' : 'nhanh hơn';
  return { text: `Đồng hồ máy này ${side} máy chủ ${amount}${warn ? ' — hãy chỉnh lại giờ của máy.' : '.'}`, warn };
}
