/**
 * The one-stop (agency) dossier code, Circular 01/2018/TT-VPCP Art. 19: three groups joined by dashes,
 * `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`:
 *  1. the receiving agency's identifier in the national agency-code standard (QCVN 102:2016/BTTTT):
 *     `MX1X2` is the level-1 unit (M a group letter — e.g. G for ministries, H for provinces — and a
 *     2-digit number), `Y1Y2` level 2, `Z1Z2` level 3, `V1V2V3` level 4, '0…' where a level is unused
 *     (e.g. '000.00.00.H53');
 *  2. the date the agency received the dossier, YYMMDD (20YY);
 *  3. the dossier's sequence number within that agency and day, 4 digits from 0001.
 *
 * Agencies' portals are not all strict about group 1 (some print a shorter or differently nested
 * code), so parsing is tolerant there — any dot-separated alphanumeric code is accepted and
 * `standardAgency` says whether it matched the 13-character QCVN shape — while the date must be a
 * real calendar date and the sequence a positive number (4 to 6 digits accepted).
 */
import { fail, ok, type Check } from './errors';

export interface AgencyDossierCode {
  /** Normalised code: uppercase, no spaces, '-' as separator. */
  value: string;
  /** Group 1, the agency identifier. */
  agency: string;
  /** True when group 1 has the QCVN 102:2016 shape V1V2V3.Z1Z2.Y1Y2.MX1X2. */
  standardAgency: boolean;
  /** Group 2 as a local date, YYYY-MM-DD. */
  receivedDate: string;
  /** Group 3. */
  serial: number;
}

const STANDARD_AGENCY = /^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$/;
const LOOSE_AGENCY = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/;

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

export function parseAgencyDossierCode(input: string): Check<AgencyDossierCode> {
  const v = input
    .normalize('NFKC')
    .replace(/\s/gu, '')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .toUpperCase();
  if (v.length === 0) return fail('agency_code.empty', 'Chưa nhập mã hồ sơ của cơ quan.');
  const parts = v.split('-');
  if (parts.length !== 3) {
    return fail('agency_code.shape', 'Mã hồ sơ phải gồm 3 phần nối bằng dấu gạch ngang: mã cơ quan-YYMMDD-số thứ tự (ví dụ 000.00.00.H53-250315-0001).');
  }
  const [agency, date, seq] = parts as [string, string, string];
  // LOOSE_AGENCY refuses an empty agency part too.
  if (agency.length > 40 || !LOOSE_AGENCY.test(agency)) {
    return fail('agency_code.agency', 'Phần đầu của mã hồ sơ phải là mã định danh cơ quan (chữ và số, ngăn bằng dấu chấm).');
  }
  if (!/^\d{6}$/.test(date)) return fail('agency_code.date', 'Phần giữa của mã hồ sơ phải là ngày tiếp nhận dạng YYMMDD (6 chữ số).');
  const y = 2000 + Number(date.slice(0, 2));
  const m = Number(date.slice(2, 4));
  const d = Number(date.slice(4, 6));
  if (!isRealDate(y, m, d)) return fail('agency_code.date', `Ngày tiếp nhận trong mã hồ sơ (${date}) không phải ngày hợp lệ.`);
  if (!/^\d{4,6}$/.test(seq)) return fail('agency_code.serial', 'Phần cuối của mã hồ sơ phải là số thứ tự gồm 4 chữ số (ví dụ 0001).');
  const serial = Number(seq);
  if (serial === 0) return fail('agency_code.serial', 'Số thứ tự trong mã hồ sơ bắt đầu từ 0001.');
  const pad = (n: number): string => String(n).padStart(2, '0');
  return ok({
    value: v,
    agency,
    standardAgency: STANDARD_AGENCY.test(agency),
    receivedDate: `${y}-${pad(m)}-${pad(d)}`,
    serial,
  });
}
