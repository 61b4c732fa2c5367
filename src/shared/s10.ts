/**
 * UPU S10 postal item numbers (domain.md 3.1): two service letters, eight serial digits, one check
 * digit, two country letters, e.g. `EA123456785VN`.
 *
 * Check digit: weights 8,6,4,2,3,5,9,7 on the serial; c = 11 − (sum mod 11); 10 → 0, 11 → 5.
 * Whether every domestic Vietnam Post series obeys the check digit is not confirmed, so
 * `checkItemNumber` only *reports* a bad check digit (`checkDigitOk: false`) and leaves the decision to
 * the caller: warn when a clerk types a foreign/other number, refuse for numbers this application
 * issued itself (use `isValidS10`).
 */
import { DomainError, fail, ok, type Check } from './errors';

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const S10_SHAPE = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

/** Strips all whitespace (incl. NBSP), dashes, dots and underscores, uppercases. */
export function normalizeItemNumber(input: string): string {
  return input.normalize('NFKC').replace(/[\s\u00a0\u2000-\u200b\u2010-\u2015\u2212._-]/gu, '').toUpperCase();
}

/** Check digit of an 8-digit serial. Throws on anything but exactly eight ASCII digits. */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) {
    throw new DomainError('s10.serial', `Số sê-ri phải gồm đúng 8 chữ số (nhận được "${serial8}").`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

/**
 * S10 gives check digit 5 both to weighted-sum remainder 0 and to remainder 6, so for those serials
 * one wrong digit can turn a valid number into another valid one (e.g. EA123456785VN and
 * EA323456785VN). Every other serial catches every single-digit error. An issuer that wants that
 * guarantee for its own numbers can skip serials for which this returns false (2 in 11 of them).
 */
export function s10DetectsEverySingleDigitError(serial8: string): boolean {
  let sum = 0;
  s10CheckDigit(serial8); // validates
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * WEIGHTS[i]!;
  const r = sum % 11;
  return r !== 0 && r !== 6;
}

/**
 * Builds a full S10 number. `prefix` is the two service letters (case-insensitive), `serial` an integer
 * 0..99 999 999 (zero-padded), `country` two letters, default 'VN'. Throws DomainError on bad input:
 * the application must never issue a malformed number.
 */
export function makeItemNumber(prefix: string, serial: number, country = 'VN'): string {
  const p = prefix.toUpperCase();
  const cc = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(p)) throw new DomainError('s10.prefix', `Mã dịch vụ phải gồm 2 chữ cái (nhận được "${prefix}").`);
  if (!/^[A-Z]{2}$/.test(cc)) throw new DomainError('s10.country', `Mã nước phải gồm 2 chữ cái (nhận được "${country}").`);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > 99_999_999) {
    throw new DomainError('s10.serial', `Số sê-ri phải là số nguyên từ 0 đến 99.999.999 (nhận được ${serial}).`);
  }
  const s = String(serial).padStart(8, '0');
  return `${p}${s}${s10CheckDigit(s)}${cc}`;
}

export interface ItemNumberInfo {
  /** Normalised 13-character number. */
  value: string;
  /** False when the check digit does not match (warn; refuse only for our own numbers). */
  checkDigitOk: boolean;
}

/**
 * Validates the *shape* of a typed or scanned item number. Format errors fail with a Vietnamese
 * message; a wrong check digit does not fail (see module comment).
 */
export function checkItemNumber(input: string): Check<ItemNumberInfo> {
  const v = normalizeItemNumber(input);
  if (v.length === 0) return fail('s10.empty', 'Chưa nhập số hiệu bưu gửi.');
  if (v.length !== 13) {
    return fail('s10.length', `Số hiệu bưu gửi phải có 13 ký tự (2 chữ cái, 9 chữ số, 2 chữ cái); đã nhập ${v.length} ký tự.`);
  }
  const m = S10_SHAPE.exec(v);
  if (!m) {
    if (!/^[A-Z]{2}/.test(v)) return fail('s10.prefix', 'Số hiệu bưu gửi phải bắt đầu bằng 2 chữ cái (ví dụ EA, RR).');
    if (!/^.{2}\d{9}/.test(v)) return fail('s10.digits', 'Số hiệu bưu gửi phải có 9 chữ số ở giữa (8 số sê-ri và 1 số kiểm tra).');
    return fail('s10.country', 'Số hiệu bưu gửi phải kết thúc bằng mã nước gồm 2 chữ cái (ví dụ VN).');
  }
  const checkDigitOk = s10CheckDigit(m[2]!) === Number(m[3]);
  return ok({ value: v, checkDigitOk });
}

/** Shape AND check digit. Use it for numbers this application issued itself. */
export function isValidS10(input: string): boolean {
  const c = checkItemNumber(input);
  return c.ok && c.value.checkDigitOk;
}

/** Grouped for reading aloud: 'EA 1234 5678 5 VN'. Anything not S10-shaped is returned normalised. */
export function formatItemNumber(s: string): string {
  const v = normalizeItemNumber(s);
  const m = S10_SHAPE.exec(v);
  if (!m) return v;
  return `${m[1]} ${m[2]!.slice(0, 4)} ${m[2]!.slice(4)} ${m[3]} ${m[4]}`;
}
