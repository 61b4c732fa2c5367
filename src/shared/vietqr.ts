/**
 * VietQR (NAPAS, EMVCo merchant-presented QR) payload for a bank transfer of a fixed amount.
 * Built by hand: TLV fields, then CRC-16/CCITT-FALSE over everything up to and including "6304".
 */
export interface VietQrInput {
  /** The bank's 6-digit NAPAS BIN. */
  bankBin: string;
  accountNumber: string;
  /** Whole đồng. */
  amount: number;
  /** Transfer description; folded to ASCII and cut to 25 characters. */
  purpose: string;
}

function tlv(id: string, value: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: unreachable from vietQrPayload, whose longest field (38, the merchant) is at most 63 characters; kept as the format's own limit
  if (value.length > 99) throw new Error(`VietQR field ${id} too long`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

export function crc16ccitt(s: string): string {
  let crc = 0xffff;
  for (let i = 0; i < s.length; i++) {
    crc ^= (s.charCodeAt(i) & 0xff) << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export function asciiPurpose(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 25);
}

export function vietQrPayload(q: VietQrInput): string {
  if (!/^\d{6}$/.test(q.bankBin)) throw new Error('bank BIN must be 6 digits');
  if (!/^[0-9A-Za-z]{1,19}$/.test(q.accountNumber)) throw new Error('bad account number');
  if (!Number.isSafeInteger(q.amount) || q.amount <= 0) throw new Error('amount must be a positive whole number of đồng');
  const beneficiary = tlv('00', q.bankBin) + tlv('01', q.accountNumber);
  const merchant = tlv('00', 'A000000727') + tlv('01', beneficiary) + tlv('02', 'QRIBFTTA');
  const purpose = asciiPurpose(q.purpose);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    tlv('54', String(q.amount)) +
    tlv('58', 'VN') +
    (purpose ? tlv('62', tlv('08', purpose)) : '') +
    '6304';
  return body + crc16ccitt(body);
}

/** Parses the top-level TLV fields (for tests and for showing what a code holds). */
export function parseTlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i + 4 <= s.length) {
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}
