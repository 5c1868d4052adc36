import { randomUUID, createHmac } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const ISSUER = 'https://idp.test.example';
export const AUDIENCE = 'privacy-gateway';

export interface TestKeys {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  /** a JWKS file with the public key, for JWT_JWKS_FILE */
  readonly jwksFile: string;
  /** another key pair that is NOT in the JWKS */
  readonly strangerKey: CryptoKey;
  readonly strangerJwk: JWK;
}

export async function createTestKeys(): Promise<TestKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const strangerJwk = { ...(await exportJWK(stranger.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const dir = mkdtempSync(join(tmpdir(), 'pgw-jwks-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [publicJwk] }));
  return { kid, privateKey, publicJwk, jwksFile, strangerKey: stranger.privateKey, strangerJwk };
}

export interface TokenOptions {
  tenant?: string | null;
  sub?: string;
  scope?: string | null;
  scp?: string[];
  iss?: string;
  aud?: string;
  expiresIn?: string | number;
  nbf?: number;
  iat?: number;
  jti?: string;
  kid?: string;
  key?: CryptoKey;
  extraHeader?: Record<string, unknown>;
}

/** A valid RS256 access token for the test gateway, adjustable claim by claim. */
export async function signToken(keys: TestKeys, o: TokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (o.tenant !== null) claims['tenant'] = o.tenant ?? 'acme';
  if (o.scope !== null) claims['scope'] = o.scope ?? 'llm:chat llm:embed';
  if (o.scp) claims['scp'] = o.scp;
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? keys.kid, typ: 'at+jwt', ...(o.extraHeader ?? {}) })
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setSubject(o.sub ?? 'user-1')
    .setJti(o.jti ?? randomUUID())
    .setIssuedAt(o.iat ?? Math.floor(Date.now() / 1000))
    .setExpirationTime(o.expiresIn ?? '10m');
  if (o.nbf !== undefined) jwt = jwt.setNotBefore(o.nbf);
  return jwt.sign(o.key ?? keys.privateKey);
}

const b64url = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

/** Attack tokens that must all be refused. */
export async function attackTokens(keys: TestKeys): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const payload = { tenant: 'acme', scope: 'llm:chat llm:embed', iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: now, exp: now + 600 };
  const valid = await signToken(keys);
  const [h, , s] = valid.split('.');
  const publicPem = JSON.stringify(keys.publicJwk);
  const hsHeader = b64url(JSON.stringify({ alg: 'HS256', kid: keys.kid, typ: 'JWT' }));
  const hsPayload = b64url(JSON.stringify(payload));
  const hsSig = createHmac('sha256', publicPem).update(`${hsHeader}.${hsPayload}`).digest('base64url');
  return {
    garbage: 'not-a-jwt',
    algNone: `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.`,
    algConfusionHs256: `${hsHeader}.${hsPayload}.${hsSig}`,
    expired: await signToken(keys, { iat: now - 7200, expiresIn: now - 3600 }),
    notYetValid: await signToken(keys, { nbf: now + 3600 }),
    issuedInTheFuture: await signToken(keys, { iat: now + 3600, expiresIn: now + 7200 }),
    wrongIssuer: await signToken(keys, { iss: 'https://evil.example' }),
    wrongAudience: await signToken(keys, { aud: 'someone-else' }),
    unknownKid: await signToken(keys, { kid: 'no-such-kid' }),
    tamperedPayload: `${h}.${b64url(JSON.stringify({ ...payload, tenant: 'other-tenant' }))}.${s}`,
    keyNotInJwks: await signToken(keys, { key: keys.strangerKey }),
    embeddedJwk: await signToken(keys, { key: keys.strangerKey, kid: 'attacker', extraHeader: { jwk: keys.strangerJwk } }),
    missingTenant: await signToken(keys, { tenant: null }),
  };
}

/** An ES256 key pair under `kid`, its public half as the JWK a remote JWKS publishes (for key-rotation tests). */
export async function es256KeyPair(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** A valid chat token of tenant "acme", subject "u1", signed with `privateKey` under `kid`. */
export function signEs256(privateKey: CryptoKey, kid: string): Promise<string> {
  return new SignJWT({ tenant: 'acme', scope: 'llm:chat' })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('u1')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

/** An identity provider's JWKS endpoint on loopback: `handle` answers each request. */
export async function startJwksServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
