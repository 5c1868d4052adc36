import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, es256KeyPair, signEs256, startJwksServer } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/start-gateway.js';

// A remote JWKS (an identity provider's endpoint, here on loopback): cached, refetched on an unknown
// kid no more often than the cooldown, so keys rotate without a restart and attackers cannot make
// the gateway hammer the provider.
let jwksServer: { url: string; close: () => Promise<void> } | undefined;
let jwksUrl: string;
let fetches = 0;
const published: JWK[] = [];
let mock: MockUpstream;
let gw: TestGateway;


async function models(token: string): Promise<number> {
  return (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })).status;
}

let first: { privateKey: CryptoKey; jwk: JWK };

beforeAll(async () => {
  first = await es256KeyPair('k-1');
  published.push(first.jwk);
  jwksServer = await startJwksServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  jwksUrl = jwksServer.url;
  mock = await startMockUpstream();
  gw = await startTestGateway({ JWT_JWKS_URL: jwksUrl, JWT_JWKS_COOLDOWN_S: '1', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, UPSTREAM_URL: mock.url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await jwksServer?.close();
});

describe('remote JWKS', () => {
  it('verifies against the fetched keys and caches them', async () => {
    for (let i = 0; i < 5; i++) expect(await models(await signEs256(first.privateKey, 'k-1'))).toBe(200);
    expect(fetches).toBe(1);
  });

  it('refetches on an unknown kid once the cooldown has passed (key rotation), not before', async () => {
    const second = await es256KeyPair('k-2');
    published.push(second.jwk);
    const before = fetches;
    // within the cooldown of the last fetch? wait it out, then the new kid triggers one refetch
    await new Promise((r) => setTimeout(r, 1100));
    expect(await models(await signEs256(second.privateKey, 'k-2'))).toBe(200);
    expect(fetches).toBe(before + 1);
  });

  it('a flood of unknown kids costs at most one fetch per cooldown', async () => {
    const stranger = await es256KeyPair('nope');
    await new Promise((r) => setTimeout(r, 1100));
    const before = fetches;
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => models(await signEs256(stranger.privateKey, 'nope'))));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(fetches - before).toBeLessThanOrEqual(1);
    expect(mock.requests).toHaveLength(6);
  });

  it('a key the provider no longer publishes is refused once the set is refetched, also for tokens verified before', async () => {
    const cached = await signEs256(first.privateKey, 'k-1');
    expect(await models(cached)).toBe(200);
    // k-1 is retired: the provider publishes only a new key, whose first token makes the gateway refetch
    const third = await es256KeyPair('k-3');
    published.splice(0, published.length, third.jwk);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await models(await signEs256(third.privateKey, 'k-3'))).toBe(200);
    expect(await models(cached)).toBe(401);
  });
});
