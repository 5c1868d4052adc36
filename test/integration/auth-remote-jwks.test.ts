import { createServer, type Server } from 'node:http';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, es256KeyPair, signEs256 } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/start-gateway.js';

// A remote JWKS (an identity provider's endpoint, here on loopback): cached, refetched on an unknown
// kid no more often than the cooldown, so keys rotate without a restart and attackers cannot make
// the gateway hammer the provider.
let jwksServer: Server;
let jwksUrl: string;
let fetches = 0;
const published: JWK[] = [];
let mock: MockUpstream;
let gw: TestGateway;

const keyPair = es256KeyPair;
const sign = signEs256;

async function models(token: string): Promise<number> {
  return (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })).status;
}

let first: { privateKey: CryptoKey; jwk: JWK };

beforeAll(async () => {
  first = await keyPair('k-1');
  published.push(first.jwk);
  jwksServer = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
  const addr = jwksServer.address();
  jwksUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/.well-known/jwks.json`;
  mock = await startMockUpstream();
  gw = await startTestGateway({ JWT_JWKS_URL: jwksUrl, JWT_JWKS_COOLDOWN_S: '1', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, UPSTREAM_URL: mock.url, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await new Promise<void>((r) => jwksServer.close(() => r()));
});

describe('remote JWKS', () => {
  it('verifies against the fetched keys and caches them', async () => {
    for (let i = 0; i < 5; i++) expect(await models(await sign(first.privateKey, 'k-1'))).toBe(200);
    expect(fetches).toBe(1);
  });

  it('refetches on an unknown kid once the cooldown has passed (key rotation), not before', async () => {
    const second = await keyPair('k-2');
    published.push(second.jwk);
    const before = fetches;
    // within the cooldown of the last fetch? wait it out, then the new kid triggers one refetch
    await new Promise((r) => setTimeout(r, 1100));
    expect(await models(await sign(second.privateKey, 'k-2'))).toBe(200);
    expect(fetches).toBe(before + 1);
  });

  it('a flood of unknown kids costs at most one fetch per cooldown', async () => {
    const stranger = await keyPair('nope');
    await new Promise((r) => setTimeout(r, 1100));
    const before = fetches;
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => models(await sign(stranger.privateKey, 'nope'))));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(fetches - before).toBeLessThanOrEqual(1);
    expect(mock.requests).toHaveLength(6);
  });

  it('a key the provider no longer publishes is refused once the set is refetched, also for tokens verified before', async () => {
    const cached = await sign(first.privateKey, 'k-1');
    expect(await models(cached)).toBe(200);
    // k-1 is retired: the provider publishes only a new key, whose first token makes the gateway refetch
    const third = await keyPair('k-3');
    published.splice(0, published.length, third.jwk);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await models(await sign(third.privateKey, 'k-3'))).toBe(200);
    expect(await models(cached)).toBe(401);
  });
});
