/**
 * The admin API's refusals: a field out of range or of the wrong type is a 400 naming it (never a 500,
 * never a silent default); a shared store that does not answer is a 503 `vault_unavailable` (never a
 * 500), in OpenAI's shape; the gateway recovers by itself and logs the outage once, not once per incident store. The store-down
 * part runs against a PRIVATE redis-server (never the shared one).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { opsRun, opsToken, ready, send, within } from '../helpers/ops.js';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

let keys: TestKeys;
let mock: MockUpstream;
let admin: string;

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  admin = await opsToken(keys, { sub: 'secops', scope: 'privacy:admin' });
});
afterAll(async () => {
  await mock?.close();
});

function expectOpenAIError(r: { status: number; json: () => { error?: { message: string; type: string; code: string } } }, status: number, code: string): string {
  expect(r.status).toBe(status);
  const e = r.json().error;
  expect(e).toMatchObject({ type: expect.any(String), code, message: expect.any(String) });
  return e?.message ?? '';
}

describe('admin input out of range (shared Redis)', () => {
  const run = opsRun(inject('redisUrl'));
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey }));
    await ready(gw.url);
  });
  afterAll(async () => {
    await gw?.close();
    await run.cleanup();
  });

  it('a revocation with ttl_seconds 1e20, -1 or "60" is a 400 naming ttl_seconds, and nothing is revoked', async () => {
    for (const ttl of [1e20, -1, 0, '60']) {
      const jti = `jti-${randomUUID()}`;
      const r = await send(gw.url, 'POST', '/admin/revocations', admin, { jti, ttl_seconds: ttl });
      expect(expectOpenAIError(r, 400, 'invalid_request')).toContain('ttl_seconds');
    }
    const until = await send(gw.url, 'POST', '/admin/revocations', admin, { jti: 'x', until: 1e20 });
    expect(expectOpenAIError(until, 400, 'invalid_request')).toContain('until');
    const list = await send(gw.url, 'GET', '/admin/revocations', admin);
    expect(list.status).toBe(200);
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it('a kill switch message over 500 characters is a 400 naming message, and no switch is set', async () => {
    const r = await send(gw.url, 'POST', '/admin/kill-switch', admin, { tenant: 'acme', message: 'x'.repeat(501) });
    expect(expectOpenAIError(r, 400, 'invalid_request')).toContain('message');
    const list = await send(gw.url, 'GET', '/admin/kill-switch', admin);
    expect(list.json<{ data: unknown[] }>().data).toEqual([]);
    // 500 characters are fine
    const ok = await send(gw.url, 'POST', '/admin/kill-switch', admin, { tenant: 'acme', message: 'y'.repeat(500), ttl_seconds: 5 });
    expect(ok.status).toBe(201);
    expect((await send(gw.url, 'DELETE', '/admin/kill-switch', admin, { tenant: 'acme' })).json()).toEqual({ removed: true });
  });
});

describe('admin API while the shared store is down (private Redis)', () => {
  let own: OwnRedis;
  let revived: OwnRedis | undefined;
  let gw: TestGateway;
  const healthLines = (healthy: boolean): number =>
    gw.logLines.filter((l) => {
      const j = JSON.parse(l) as { msg?: string; healthy?: boolean };
      return j.msg === 'shared state health changed' && j.healthy === healthy;
    }).length;

  beforeAll(async () => {
    own = await startOwnRedis();
    gw = await startTestGateway(
      testEnv(keys, mock.url, {
        AUDIT_LOG: '/dev/null',
        REDIS_URL: own.url,
        REDIS_KEY_PREFIX: `pgwtest:${randomUUID()}:`,
        VAULT_KEY: randomBytes(32).toString('base64'),
        REDIS_COMMAND_TIMEOUT_MS: '500',
      }),
    );
    await ready(gw.url);
  });
  afterAll(async () => {
    await gw?.close();
    await revived?.stop();
    await own?.stop();
  });

  it('every admin call answers 503 vault_unavailable in OpenAI shape (never 500), and recovers', async () => {
    expect((await send(gw.url, 'GET', '/admin/revocations', admin)).status).toBe(200);
    await own.stop();
    const calls: [string, string, unknown][] = [
      ['GET', '/admin/revocations', undefined],
      ['POST', '/admin/revocations', { jti: 'abc', ttl_seconds: 60 }],
      ['DELETE', '/admin/revocations', { jti: 'abc' }],
      ['GET', '/admin/kill-switch', undefined],
      ['POST', '/admin/kill-switch', { tenant: 'zzz', message: 'paused' }],
      ['DELETE', '/admin/kill-switch', { tenant: 'zzz' }],
      ['POST', '/admin/erasure/tenant', { tenant: 'zzz' }],
    ];
    for (const [method, path, body] of calls) {
      const r = await send(gw.url, method, path, admin, body);
      expect({ call: `${method} ${path}`, status: r.status }).toEqual({ call: `${method} ${path}`, status: 503 });
      const message = expectOpenAIError(r, 503, 'vault_unavailable');
      expect(message).not.toMatch(/redis|ECONNREFUSED|Error/i);
    }
    // the incident stores notice the outage: one warning for the store, not one per incident store
    await within(5000, async () => healthLines(false) > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(healthLines(false)).toBe(1);

    revived = await startOwnRedis([], own.port);
    await within(10_000, async () => (await send(gw.url, 'GET', '/admin/revocations', admin)).status === 200);
    await within(5000, async () => healthLines(true) > 0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(healthLines(true)).toBe(1);
  });
});
