/**
 * The recovery code: the store key written for people, to restore a counter's data on another
 * machine (store-key.ts). 32 key bytes and 3 check bytes (SHA-256 of the key) in Crockford's base32
 * (digits and capitals without I, L, O, U, so that nothing reads as something else), 56 characters
 * in 14 groups of 4. Read back forgivingly: lower case, spaces, dashes, O for 0 and I/L for 1.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../shared/errors';
import { KEY_BYTES, type StoreKey } from './cipher';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BYTES = 3;

const check = (key: Buffer): Buffer => createHash('sha256').update(key).digest().subarray(0, CHECK_BYTES);

export function toRecoveryCode(key: StoreKey): string {
  const bytes = Buffer.concat([key, check(key)]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

export const RECOVERY_CODE_BAD = 'Mã khôi phục không đúng: hãy kiểm tra lại từng nhóm 4 ký tự (56 ký tự, chữ và số).';

/** The key a recovery code stands for; DomainError RECOVERY_CODE_BAD when it is mistyped. */
export function fromRecoveryCode(code: string): StoreKey {
  const clean = code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const bad = () => new DomainError('RECOVERY_CODE_BAD', RECOVERY_CODE_BAD);
  if (clean.length !== 56) throw bad();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw bad();
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  const all = Buffer.from(bytes.slice(0, KEY_BYTES + CHECK_BYTES));
  const key = all.subarray(0, KEY_BYTES);
  if (!check(key).equals(all.subarray(KEY_BYTES))) throw bad();
  return Buffer.from(key);
}
