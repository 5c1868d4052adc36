import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID_ALPHABET, TOKEN_REGEX, deriveTenantTokenKey, formatNameToken, formatToken, normalizeValue, tokenId } from '../../../src/tokenize/token.js';

/** The reference: a plain HMAC-SHA256, first 65 bits in lower-case Crockford base32. */
function reference(key: Buffer, type: string, value: string, nonce?: string): string {
  const h = createHmac('sha256', key).update(type).update('\0').update(normalizeValue(type, value));
  if (nonce !== undefined) h.update('\0').update(nonce);
  const d = h.digest();
  let bits = '';
  for (const b of d.subarray(0, 9)) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < 13; i++) out += ID_ALPHABET[parseInt(bits.slice(i * 5, i * 5 + 5), 2)];
  return out;
}

describe('token ids', () => {
  it('equal a plain HMAC-SHA256 of type and normalized value (65 bits, base32)', () => {
    for (let i = 0; i < 200; i++) {
      const key = deriveTenantTokenKey(randomBytes(32), `tenant-${i}`);
      const value = `person.${i}@Example.com`;
      expect(tokenId(key, 'EMAIL', value)).toBe(reference(key, 'EMAIL', value));
      expect(tokenId(key, 'EMAIL', value, 'nonce')).toBe(reference(key, 'EMAIL', value, 'nonce'));
    }
    const long = randomBytes(100); // keys longer than a SHA-256 block are hashed first, as in RFC 2104
    expect(tokenId(long, 'PERSON', 'Ana')).toBe(reference(long, 'PERSON', 'Ana'));
  });

  it('are stable per tenant, differ across tenants, types and request nonces', () => {
    const root = randomBytes(32);
    const a = deriveTenantTokenKey(root, 'a');
    const b = deriveTenantTokenKey(root, 'b');
    expect(tokenId(a, 'EMAIL', 'Jane@X.org')).toBe(tokenId(a, 'EMAIL', 'jane@x.org'));
    expect(tokenId(a, 'EMAIL', 'jane@x.org')).not.toBe(tokenId(b, 'EMAIL', 'jane@x.org'));
    expect(tokenId(a, 'EMAIL', 'jane@x.org')).not.toBe(tokenId(a, 'PERSON', 'jane@x.org'));
    expect(tokenId(a, 'EMAIL', 'jane@x.org', 'r1')).not.toBe(tokenId(a, 'EMAIL', 'jane@x.org', 'r2'));
  });

  it('format as [TYPE_id] found by TOKEN_REGEX, and as a bare name token', () => {
    const id = tokenId(randomBytes(32), 'CREDIT_CARD', '4111 1111 1111 1111');
    const t = formatToken('CREDIT_CARD', id);
    expect([...`see ${t}.`.matchAll(TOKEN_REGEX)].map((m) => [m[1], m[2]])).toEqual([['CREDIT_CARD', id]]);
    expect(formatNameToken('PERSON', id)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });
});
