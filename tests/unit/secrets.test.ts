import { describe, expect, it } from 'vitest';
import { osSecretBox, plainSecretBox } from '../../src/main/sync/secrets';

describe('hub token at rest', () => {
  it('plain: marked, and reads tokens written before sealing existed', () => {
    expect(plainSecretBox.seal('abc')).toBe('plain:abc');
    expect(plainSecretBox.open('plain:abc')).toBe('abc');
    expect(plainSecretBox.open('legacy-token')).toBe('legacy-token');
    // A sealed token cannot be read without the OS protection.
    expect(plainSecretBox.open('os:AAAA')).toBeNull();
  });

  it('os: round-trips, reads plain and legacy tokens, and gives null when the OS cannot unseal', () => {
    const box = osSecretBox({
      encrypt: (s) => Buffer.from(`[${s}]`, 'utf8'),
      decrypt: (b) => {
        const s = b.toString('utf8');
        if (!s.startsWith('[')) throw new Error('foreign');
        return s.slice(1, -1);
      },
    });
    const sealed = box.seal('tok-123');
    expect(sealed).toMatch(/^os:/);
    expect(sealed).not.toContain('tok-123');
    expect(box.open(sealed)).toBe('tok-123');
    expect(box.open('plain:p')).toBe('p');
    expect(box.open('legacy')).toBe('legacy');
    expect(box.open(`os:${Buffer.from('garbage').toString('base64')}`)).toBeNull();
  });
});
