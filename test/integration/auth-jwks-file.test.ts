import { renameSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// A local JWKS file (a mounted Kubernetes Secret or ConfigMap) is rotated without a restart: a key
// added to the file is trusted, a key taken out of it is not, tokens already verified with it included.
let keys: TestKeys;
let next: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;

async function models(token: string): Promise<number> {
  return (await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } })).status;
}

/** Replaces the file as a writer of secrets does: a new file renamed over the old one. */
function publish(...set: TestKeys[]): void {
  writeFileSync(`${keys.jwksFile}.new`, JSON.stringify({ keys: set.map((k) => k.publicJwk) }));
  renameSync(`${keys.jwksFile}.new`, keys.jwksFile);
}

async function eventually(check: () => Promise<boolean>, limitMs = 3000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  keys = await createTestKeys();
  next = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, mock.url, { LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

describe('JWT_JWKS_FILE rotation', () => {
  it('a key added to the file is trusted without a restart', async () => {
    const oldToken = await signToken(keys, { expiresIn: '1h' });
    expect(await models(oldToken)).toBe(200);
    const newToken = await signToken(next);
    expect(await models(newToken)).toBe(401);
    publish(keys, next);
    await eventually(async () => (await models(newToken)) === 200);
    expect(await models(oldToken)).toBe(200);
  });

  it('a key taken out of the file is refused, also for a token verified (and cached) before', async () => {
    const cached = await signToken(keys, { expiresIn: '1h' });
    expect(await models(cached)).toBe(200);
    publish(next);
    await eventually(async () => (await models(cached)) === 401);
    expect(await models(await signToken(keys))).toBe(401);
    expect(await models(await signToken(next))).toBe(200);
  });

  it('a file that is not a JWKS for a moment (half written) keeps the last good keys', async () => {
    writeFileSync(keys.jwksFile, '{"keys": [');
    await new Promise((r) => setTimeout(r, 1200));
    expect(await models(await signToken(next))).toBe(200);
    publish(next);
  });
});
