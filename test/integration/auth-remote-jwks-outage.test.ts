import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIENCE, ISSUER, es256KeyPair, signEs256, startJwksServer } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/start-gateway.js';

// The identity provider's JWKS endpoint fails (500s, or it is down): anyone can send tokens with made-up
// kids, and each must not become a fetch. The cooldown holds for failed fetches too, and the keys
// fetched before stay in force.
let jwksServer: { url: string; close: () => Promise<void> } | undefined;
let jwksUrl: string;
let fetches = 0;
let mode: 'ok' | 'error' | 'reset' = 'error';
const published: JWK[] = [];
let mock: MockUpstream;
let gw: TestGateway;
let good: { privateKey: CryptoKey; jwk: JWK };


async function models(token: string): Promise<Response> {
  return fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  good = await es256KeyPair('good');
  published.push(good.jwk);
  jwksServer = await startJwksServer((req, res) => {
    fetches++;
    if (mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (mode === 'error') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('unavailable');
      return;
    }
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

describe('remote JWKS while the identity provider fails', () => {
  it('before any key was fetched: every token is a clean 401, and a flood costs at most one fetch per cooldown', async () => {
    const token = await signEs256(good.privateKey, 'good');
    const before = fetches;
    for (let i = 0; i < 15; i++) {
      const r = await models(token);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
    }
    expect(fetches - before).toBeLessThanOrEqual(1);
    expect(mock.requests).toHaveLength(0);
  });

  it('once the provider answers again, the next token after the cooldown is verified', async () => {
    mode = 'ok';
    await sleep(1100);
    expect((await models(await signEs256(good.privateKey, 'good'))).status).toBe(200);
  });

  it('keys fetched before stay in force during an outage, and a flood of unknown kids costs at most one fetch per cooldown', async () => {
    const stranger = await es256KeyPair('stranger');
    for (const failure of ['error', 'reset'] as const) {
      mode = failure;
      await sleep(1100);
      const before = fetches;
      const started = Date.now();
      for (let i = 0; i < 15; i++) {
        expect((await models(await signEs256(stranger.privateKey, `stranger-${i}`))).status).toBe(401);
        expect((await models(await signEs256(good.privateKey, 'good'))).status).toBe(200);
      }
      const cooldowns = Math.floor((Date.now() - started) / 1000) + 1;
      expect(fetches - before).toBeLessThanOrEqual(cooldowns);
    }
    mode = 'ok';
  });
});
