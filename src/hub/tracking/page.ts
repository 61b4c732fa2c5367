/**
 * The citizens' tracking page as HTML, rendered by the hub: a form and, for a number, its status and
 * steps. No script at all: it works on any phone browser, loads in one request (plus a stylesheet and
 * a font cached for a day), and gives nothing to inject into (every value is escaped; the page's CSP
 * allows no script). The staff console is a React app; a citizen's status page is better as plain
 * HTML (see the hub's README).
 */
import { formatDateVi } from '../../shared/calendar';
import { formatItemNumber } from '../../shared/s10';
import type { TrackingNotFound, TrackingView } from '../../shared/tracking';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** dd/mm/yyyy hh:mm in Vietnam's time, whatever the server's zone. */
function viDateTime(ms: number): string {
  const d = new Date(ms + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

function layout(title: string, body: string, base: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${base}/trang.css">
<link rel="icon" href="data:,">
</head>
<body>
<header><div class="brand">Bưu điện Việt Nam</div><div class="sub">Dịch vụ bưu chính công ích — thủ tục hành chính</div></header>
<main>
${body}
</main>
</body>
</html>
`;
}

function searchForm(base: string, value = '', autofocus = true): string {
  return `<form class="search" method="get" action="${base}/" role="search">
<label for="so">Số hiệu bưu gửi (in trên giấy biên nhận)</label>
<div class="row"><input id="so" name="so" value="${esc(value)}" placeholder="EA123456785VN" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="text"${autofocus ? ' autofocus' : ''}><button type="submit">Tra cứu</button></div>
</form>`;
}

const hotlineLine = (hotline: string): string =>
  `<p class="hotline">Cần hỗ trợ? Gọi tổng đài <a href="tel:${esc(hotline.replace(/\s+/g, ''))}">${esc(hotline)}</a> (miễn phí tra cứu).</p>`;

/** The form alone: /tra-cuu/. */
export function formPage(base: string, hotline: string): string {
  return layout(
    'Tra cứu hồ sơ thủ tục hành chính gửi qua bưu điện',
    `<h1>Tra cứu hồ sơ</h1>
<p class="lead">Nhập số hiệu bưu gửi để xem hồ sơ của ông/bà đang ở đâu. Trang này không hiển thị thông tin cá nhân.</p>
${searchForm(base)}
${hotlineLine(hotline)}`,
    base,
  );
}

/** One dossier's status and steps. */
export function viewPage(base: string, v: TrackingView): string {
  const steps = [...v.steps]
    .reverse()
    .map(
      (s, i) => `<li class="${i === 0 ? 'now' : ''}" data-step="${s.code}"><div class="when">${viDateTime(s.at)}</div><div class="what">${esc(s.label)}</div>${s.place ? `<div class="where">${esc(s.place)}</div>` : ''}</li>`,
    )
    .join('\n');
  const facts = [
    v.expectedDate ? `<div><dt>Ngày dự kiến</dt><dd id="expected">${formatDateVi(v.expectedDate)}</dd></div>` : '',
    v.collectAt ? `<div><dt>Nơi nhận kết quả</dt><dd id="collect-at">${esc(v.collectAt)}</dd></div>` : '',
  ].join('');
  return layout(
    `${formatItemNumber(v.itemNumber)} — Tra cứu hồ sơ`,
    `<h1>Số hiệu <span class="item">${esc(formatItemNumber(v.itemNumber))}</span></h1>
<p class="status${v.finished ? ' done' : ''}" id="status">${esc(v.status)}</p>
${facts ? `<dl class="facts">${facts}</dl>` : ''}
<h2>Hành trình</h2>
<ol class="steps" id="steps">
${steps}
</ol>
${hotlineLine(v.hotline)}
${searchForm(base, '', false)}`,
    base,
  );
}

/** A number the hub does not hold (or that is not an item number): the same page either way. */
export function notFoundPage(base: string, nf: TrackingNotFound): string {
  return layout(
    'Không tìm thấy — Tra cứu hồ sơ',
    `<h1>Không tìm thấy</h1>
<p class="status warn" id="status">${esc(nf.message)}</p>
${searchForm(base, nf.itemNumber)}
${hotlineLine(nf.hotline)}`,
    base,
  );
}

/** Too many look-ups from one address. */
export function tooManyPage(base: string, retryAfterS: number, hotline: string): string {
  return layout(
    'Tạm dừng tra cứu',
    `<h1>Tạm dừng tra cứu</h1>
<p class="status warn" id="status">Máy của ông/bà đã tra cứu quá nhiều lần trong thời gian ngắn. Mời thử lại sau ${Math.max(1, Math.ceil(retryAfterS / 60))} phút.</p>
${hotlineLine(hotline)}`,
    base,
  );
}

export const STYLESHEET = `@font-face{font-family:"Be Vietnam Pro";src:url(font.ttf) format("truetype");font-weight:400;font-display:swap}
@font-face{font-family:"Be Vietnam Pro";src:url(font-dam.ttf) format("truetype");font-weight:700;font-display:swap}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 "Be Vietnam Pro",system-ui,sans-serif;color:#1d2433;background:#f5f6f8}
header{background:#0a4a8f;color:#fff;padding:12px 16px}
header .brand{font-weight:700;font-size:18px}
header .sub{font-size:13px;opacity:.9}
main{max-width:40rem;margin:0 auto;padding:16px}
h1{font-size:22px;margin:8px 0 12px}
h2{font-size:17px;margin:20px 0 8px}
.item{font-variant-numeric:tabular-nums;letter-spacing:.02em;white-space:nowrap}
.lead{margin:0 0 16px}
.status{background:#e7f0fb;border-left:4px solid #0a4a8f;padding:10px 12px;margin:0 0 12px;font-weight:700}
.status.done{background:#e6f4ea;border-color:#1e7b34}
.status.warn{background:#fff4e5;border-color:#b35c00;font-weight:400}
.facts{display:grid;grid-template-columns:1fr;gap:8px;margin:0 0 8px}
.facts div{background:#fff;padding:8px 12px;border-radius:6px}
.facts dt{font-size:13px;color:#4a5568}
.facts dd{margin:0;font-weight:700}
.steps{list-style:none;margin:0;padding:0 0 0 14px;border-left:2px solid #c5cfdc}
.steps li{position:relative;padding:0 0 14px 12px}
.steps li::before{content:"";position:absolute;left:-21px;top:6px;width:12px;height:12px;border-radius:50%;background:#c5cfdc}
.steps li.now::before{background:#0a4a8f}
.steps .when{font-size:13px;color:#4a5568}
.steps .what{font-weight:700}
.steps .where{font-size:14px}
.search{margin:16px 0}
.search label{display:block;font-size:14px;margin:0 0 6px}
.search .row{display:flex;gap:8px}
.search input{flex:1;min-width:0;font:inherit;font-size:18px;padding:10px;border:1px solid #8a96a8;border-radius:6px;text-transform:uppercase}
.search button{font:inherit;font-weight:700;padding:10px 16px;border:0;border-radius:6px;background:#0a4a8f;color:#fff}
.search input:focus,.search button:focus{outline:3px solid #f0b400;outline-offset:2px}
.hotline{font-size:14px;color:#4a5568}
.hotline a{color:#0a4a8f;font-weight:700}
@media print{header{background:none;color:#000}.search{display:none}}
`;
