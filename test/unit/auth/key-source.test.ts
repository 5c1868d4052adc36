import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeySource } from '../../../src/auth/key-source.js';

// The remote key source on a controlled clock: the set ages, the provider fails, and the gateway neither
// refuses every token nor asks the provider more than once per cooldown.
let server: Server;
let url: string;
let fetches = 0;
let failing = false;
let jwk: JWK;
let token: string;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256', use: 'sig' };
  token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'k' }).setExpirationTime('1h').sign(privateKey);
  server = createServer((_req, res) => {
    fetches++;
    if (failing) {
      res.writeHead(500);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/jwks`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('remote key source', () => {
  it('an aged set whose refresh fails keeps its keys; refreshes are tried at most once per cooldown', async () => {
    let t = 1_000_000;
    const source = createKeySource({ jwksUrl: url, jwksFile: undefined, hsSecret: undefined, cooldownMs: 10_000, readFile: () => '', now: () => t });
    const verify = async (): Promise<boolean> => {
      try {
        await jwtVerify(token, source.getKey);
        return true;
      } catch {
        return false;
      }
    };
    expect(await verify()).toBe(true);
    expect(fetches).toBe(1);
    failing = true;
    t += 11 * 60_000; // past the set's maximum age
    for (let i = 0; i < 10; i++) expect(await verify()).toBe(true);
    await new Promise((r) => setTimeout(r, 50)); // the background refresh ends
    expect(fetches).toBe(2);
    t += 10_000;
    expect(await verify()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(fetches).toBe(3);
    failing = false;
    t += 10_000;
    expect(await verify()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(fetches).toBe(4);
    expect(source.generation()).toBe(0); // the same keys came back
  });

  it('a provider that is down when the first token comes is asked again a second later, not at every token, and not a whole cooldown later', async () => {
    let t = 5_000_000;
    failing = true;
    const before = fetches;
    const source = createKeySource({ jwksUrl: url, jwksFile: undefined, hsSecret: undefined, cooldownMs: 10_000, readFile: () => '', now: () => t });
    const verify = async (): Promise<boolean> => {
      try {
        await jwtVerify(token, source.getKey);
        return true;
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 10; i++) expect(await verify()).toBe(false);
    expect(fetches - before).toBe(1);
    failing = false;
    t += 500;
    expect(await verify()).toBe(false);
    expect(fetches - before).toBe(1);
    t += 500;
    expect(await verify()).toBe(true);
    expect(fetches - before).toBe(2);
  });
});
