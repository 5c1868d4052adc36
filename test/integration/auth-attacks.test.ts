import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUDIENCE, ISSUER } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/start-gateway.js';

// Attacks on auth, black box over HTTP against the real gateway (local JWKS file, real Redis under a
// per-run key prefix): each case names what an attacker or a tricky identity provider sends, and what
// the contract says must come back.

interface Signer {
  readonly kid: string | undefined;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function signer(kid: string | undefined, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Signer> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), alg, use: 'sig', ...(kid !== undefined ? { kid } : {}) };
  return { kid, privateKey, jwk };
}

/** A token of `s`; `claims` override the defaults (undefined removes one). */
function sign(s: Signer, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', tenant: 'acme', scope: 'llm:chat llm:embed', jti: randomUUID(), iat: now, exp: now + 600, ...claims };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: s.jwk.alg as string, ...(s.kid !== undefined ? { kid: s.kid } : {}), ...header }).sign(s.privateKey);
}

const prefix = `pgwtest:${randomUUID()}:`;
let mock: MockUpstream;
let gw: TestGateway;
let rotatedA: Signer; // two keys published under one kid (a rotation by an identity provider)
let rotatedB: Signer;
let plainRsa: Signer;
let outsider: Signer; // same kid as the rotated pair, not published

async function status(token: string, path = '/v1/models'): Promise<number> {
  return (await fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).status;
}

beforeAll(async () => {
  rotatedA = await signer('rotating');
  rotatedB = await signer('rotating');
  plainRsa = await signer('plain');
  outsider = await signer('rotating');
  const dir = mkdtempSync(join(tmpdir(), 'pgw-jwks-'));
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [rotatedA.jwk, rotatedB.jwk, plainRsa.jwk] }));
  mock = await startMockUpstream();
  gw = await startTestGateway({
    JWT_JWKS_FILE: jwksFile,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    UPSTREAM_URL: mock.url,
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: prefix,
    VAULT_KEY: Buffer.alloc(32, 7).toString('base64'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

describe('keys: several trusted keys match one token', () => {
  it('two published keys share a kid: a token signed by either one is accepted, a stranger under that kid is not', async () => {
    expect(await status(await sign(rotatedA))).toBe(200);
    expect(await status(await sign(rotatedB))).toBe(200);
    expect(await status(await sign(outsider))).toBe(401);
  });

  it('a token without a kid is verified against the keys of its type, and refused when none of them signed it', async () => {
    const noKid = (s: Signer): Signer => ({ ...s, kid: undefined });
    expect(await status(await sign(noKid(plainRsa)))).toBe(200);
    expect(await status(await sign(noKid(rotatedB)))).toBe(200);
    const r = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${await sign(noKid(outsider))}` } });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('a token whose signature holds under one of the candidates but whose claims do not is still refused', async () => {
    expect(await status(await sign(rotatedB, { aud: 'someone-else' }))).toBe(401);
    expect(await status(await sign(rotatedB, { tenant: undefined }))).toBe(401);
  });
});

describe('scopes', () => {
  it('a scope holding a Unicode space is one unknown scope: it opens neither the admin API nor a model route', async () => {
    const admin = await sign(plainRsa, { scope: 'llm:embed x\u00a0privacy:admin', scp: 'y\u3000llm:chat' });
    const r = await fetch(`${gw.url}/admin/revocations`, { headers: { authorization: `Bearer ${admin}` } });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
    mock.reset();
    const c = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(c.status).toBe(403);
    expect(mock.requests).toHaveLength(0);
    // ASCII whitespace of any kind between scopes is fine
    expect(await status(await sign(plainRsa, { scope: '\tllm:embed \n privacy:admin ' }), '/admin/revocations')).toBe(200);
  });
});

describe('tenant and subject claims', () => {
  it('a tenant or subject that is not well-formed Unicode (a lone surrogate) is refused: in UTF-8 it would share keys with other tenants', async () => {
    // "x\ud800", "x\udfff" and "x\ufffd" are three strings but one UTF-8 byte string (EF BF BD for each lone
    // surrogate): one vault namespace, one token key, one kill-switch field, one rate-limit counter
    for (const claims of [{ tenant: 'x\ud800' }, { tenant: 'x\udfff' }, { tenant: '\udc00acme' }, { sub: 'user-\ud83d' }]) {
      mock.reset();
      const r = await fetch(`${gw.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await sign(plainRsa, claims)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
      });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
      expect(mock.requests).toHaveLength(0);
    }
    // well-formed text of any script, an emoji (a surrogate pair) included, is fine
    for (const claims of [{ tenant: 'x\ufffd' }, { tenant: 'acme-😀' }, { sub: 'usér-😀', tenant: 'テナント' }]) expect(await status(await sign(plainRsa, claims))).toBe(200);
  });
});
