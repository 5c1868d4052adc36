import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuthFailure, verifyToken, type VerifyRules } from '../../../src/auth/verify.js';

const rules: VerifyRules = { issuers: ['https://idp'], audiences: ['gw'], algorithms: ['ES256'], tenantClaim: 'tenant', clockToleranceS: 5, maxAgeS: 300 };
let privateKey: CryptoKey;
let getKey: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  getKey = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k', alg: 'ES256' }] });
});

function token(iat: number, exp: number): Promise<string> {
  return new SignJWT({ tenant: 'acme', sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuer('https://idp').setAudience('gw').setIssuedAt(iat).setExpirationTime(exp).sign(privateKey);
}

async function reason(t: string): Promise<string> {
  try {
    await verifyToken(t, getKey, rules);
  } catch (err) {
    if (err instanceof AuthFailure) return err.reason;
    throw err;
  }
  return 'accepted';
}

describe('verifyToken: why a token is refused (audit reason, metrics label)', () => {
  it('older than JWT_MAX_AGE_S: too_old; past its exp: expired; issued in the future: not_yet_valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await reason(await token(now - 10, now + 600))).toBe('accepted');
    expect(await reason(await token(now - 400, now + 600))).toBe('too_old');
    expect(await reason(await token(now - 100, now - 60))).toBe('expired');
    expect(await reason(await token(now + 60, now + 600))).toBe('not_yet_valid');
  });
});

describe('verifyToken: several keys match the token', () => {
  it('an expired token signed by one of two keys under one kid is refused as expired (its signature held), not as a bad signature', async () => {
    const other = await generateKeyPair('ES256', { extractable: true });
    const mine = await generateKeyPair('ES256', { extractable: true });
    const set = createLocalJWKSet({
      keys: [
        { ...(await exportJWK(mine.publicKey)), kid: 'k', alg: 'ES256' },
        { ...(await exportJWK(other.publicKey)), kid: 'k', alg: 'ES256' },
      ],
    });
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number): Promise<string> =>
      new SignJWT({ tenant: 'acme', sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setIssuer('https://idp').setAudience('gw').setIssuedAt(now - 10).setExpirationTime(exp).sign(mine.privateKey);
    expect((await verifyToken(await sign(now + 600), set, rules)).tenant).toBe('acme');
    await expect(verifyToken(await sign(now - 60), set, rules)).rejects.toMatchObject({ reason: 'expired' });
  });
});
