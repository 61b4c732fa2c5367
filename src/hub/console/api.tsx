/** The console's client side: the API call (session cookie + CSRF header), its refusal, and formatting. */
export const CSRF = { 'x-quayhcc-console': '1' };

export interface User {
  username: string;
  displayName: string;
  role: 'it_admin' | 'province_manager' | 'branch_manager';
  branchCode: string | null;
}

export const ROLE_LABELS: Record<User['role'], string> = { it_admin: 'Quản trị CNTT', province_manager: 'Lãnh đạo tỉnh', branch_manager: 'Trưởng bưu cục' };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? (init.body !== undefined ? 'POST' : 'GET');
  const r = await fetch(`/console/api/${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(method === 'GET' ? {} : CSRF), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(r.status, String(body.error ?? ''), String(body.message ?? 'Máy chủ không trả lời được.'), body);
  return body as T;
}

export const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const fmt = (t: number | null): string =>
  t === null ? 'chưa có' : new Date(t).toLocaleString('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' });

/** 2026-03-09 → 09/03/2026. */
export const dateVi = (d: string | null): string => (d ? d.split('-').reverse().join('/') : '—');

/** The current quarter's key (2026-Q4), for the report page's default. */
export function currentQuarter(now = new Date()): string {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

/** A status line and an error line, as every page shows them. */
export function Messages({ message, error }: { message: string; error: string }) {
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
    </>
  );
}
