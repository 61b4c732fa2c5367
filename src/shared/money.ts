/**
 * Money is whole đồng (VND has no minor unit): plain safe integers everywhere (domain.md 3.4).
 *
 * Display: dots between thousands, then a normal space (U+0020) and '₫': '1.234.000 ₫'. A normal
 * space, not NBSP, because receipts go to ESC/POS printers whose code pages may lack NBSP; screens
 * that must not wrap the sign use CSS `white-space: nowrap`. Negative amounts (reversing ledger
 * entries) get a leading ASCII minus: '-135.000 ₫'.
 *
 * Words (receipts): groups of three digits read with trăm/mươi; 'mười' for 10–19; 'mốt' for a 1
 * after tens ≥ 2; 'tư' for a 4 after tens ≥ 2; 'lăm' for a 5 after any tens; 'linh' (not 'lẻ') for
 * a zero tens digit; 'không trăm' in every group after the leading one; scales nghìn, triệu, tỷ,
 * with tỷ repeating for larger amounts (1.500 tỷ = 'một nghìn năm trăm tỷ'). First letter
 * capitalised, ending ' đồng'; 0 → 'Không đồng'; negative → 'Âm …'.
 */
import { DomainError } from './errors';

/** A valid amount in đồng: a safe, non-negative integer. */
export function isDong(n: unknown): n is number {
  // Number.isSafeInteger is false for anything but a number.
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) {
    throw new DomainError('money.not_integer', `Số tiền phải là số nguyên đồng (nhận được ${String(n)}).`);
  }
}

/** '1.234.000 ₫' (see module comment). Throws on non-integers: a fractional đồng is a bug. */
export function formatVnd(n: number): string {
  assertInteger(n);
  const abs = Math.abs(n);
  const grouped = String(abs).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}${grouped} ₫`;
}

/** '1.234.000' without the currency sign (tables whose header says the unit). */
export function formatDong(n: number): string {
  assertInteger(n);
  return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Reads 0..999. `full`: the group follows a higher group, so hundreds and 'linh' are always spoken. */
function readGroup(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && out.length > 0) out.push('linh');
  } else if (t === 1) {
    out.push('mười');
  } else {
    out.push(DIGITS[t]!, 'mươi');
  }
  if (u > 0) {
    if (u === 1 && t >= 2) out.push('mốt');
    else if (u === 4 && t >= 2) out.push('tư');
    else if (u === 5 && t >= 1) out.push('lăm');
    else out.push(DIGITS[u]!);
  }
  return out.join(' ');
}

/** Reads 1..999 999 999; `full` as in readGroup for the first group. */
function readBelowBillion(n: number, full: boolean): string {
  const groups = [Math.floor(n / 1_000_000), Math.floor(n / 1000) % 1000, n % 1000];
  const scales = ['triệu', 'nghìn', ''];
  const parts: string[] = [];
  let started = full;
  for (let i = 0; i < 3; i++) {
    const g = groups[i]!;
    if (g === 0) continue;
    parts.push(readGroup(g, started));
    if (scales[i]) parts.push(scales[i]!);
    started = true;
  }
  return parts.join(' ');
}

function readPositive(n: number, full: boolean): string {
  const billions = Math.floor(n / 1_000_000_000);
  const rest = n % 1_000_000_000;
  const parts: string[] = [];
  if (billions > 0) parts.push(readPositive(billions, full), 'tỷ');
  if (rest > 0) parts.push(readBelowBillion(rest, full || billions > 0));
  return parts.join(' ');
}

/** 'Hai trăm nghìn đồng' (see module comment for the reading rules). */
export function amountInWords(n: number): string {
  assertInteger(n);
  if (n === 0) return 'Không đồng';
  // The sign, not `n < 0`: n is not 0 here, so `n <= 0` would be an equivalent mutant, and a comment
  // disabling it would hide `n >= 0` (a real one) too.
  const words = `${Math.sign(n) === -1 ? 'âm ' : ''}${readPositive(Math.abs(n), false)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
