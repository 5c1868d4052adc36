import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, opsRun, opsToken, ready, send } from '../helpers/ops.js';
import type { Env } from '../../src/config/load.js';
import { startTestGateway, testEnv } from '../helpers/start-gateway.js';

/**
 * A replica that has just started (a rolling restart during an incident) enforces the revocations and
 * kill switches already in the shared store from its very first request, and its admin API answers:
 * it does not serve on an empty local copy while its first Redis connection is still being made.
 */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let env: Env;

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  env = testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: run.auditFile('startup') });
  const first = await startTestGateway(env);
  try {
    await ready(first.url);
    const admin = await opsToken(keys, { sub: 'oncall', tenant: 'ops', scope: 'privacy:admin' });
    expect((await send(first.url, 'POST', '/admin/revocations', admin, { jti: 'leaked-jti' })).status).toBe(201);
    expect((await send(first.url, 'POST', '/admin/kill-switch', admin, { tenant: 'paused-co', message: 'Paused by security' })).status).toBe(201);
  } finally {
    await first.close();
  }
});

afterAll(async () => {
  await mock?.close();
  await run.cleanup();
});

describe('a freshly started replica', () => {
  it('refuses a revoked token and a killed tenant from its first request, and its admin API answers', async () => {
    const leaked = await opsToken(keys, { jti: 'leaked-jti', sub: 'mallory' });
    const paused = await opsToken(keys, { tenant: 'paused-co' });
    const admin = await opsToken(keys, { sub: 'oncall', tenant: 'ops', scope: 'privacy:admin' });
    for (let i = 0; i < 2; i++) {
      mock.reset();
      const gw = await startTestGateway(env);
      try {
        // no wait for /readyz: the first requests a load balancer might already send
        const [revoked, killed, listed] = await Promise.all([
          send(gw.url, 'POST', '/v1/chat/completions', leaked, chatBody('hello')),
          send(gw.url, 'POST', '/v1/chat/completions', paused, chatBody('hello')),
          send(gw.url, 'GET', '/admin/revocations', admin),
        ]);
        expect(revoked.status, revoked.text).toBe(401);
        expect(revoked.json().error?.code).toBe('token_revoked');
        expect(killed.status, killed.text).toBe(503);
        expect(killed.json().error?.code).toBe('service_disabled');
        expect(listed.status, listed.text).toBe(200);
        expect(mock.requests).toHaveLength(0);
      } finally {
        await gw.close();
      }
    }
  });
});
