import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, opsRun, opsToken, policyFile, ready, send, within } from '../helpers/ops.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

/** Issue 5, /metrics: every series present after real traffic, no identities in labels, optional auth. */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;

const SERIES = [
  'gateway_requests_total',
  'gateway_request_duration_seconds',
  'gateway_overhead_duration_seconds',
  'gateway_detected_values_total',
  'gateway_auth_failures_total',
  'gateway_vault_operations_total',
  'gateway_rate_limited_total',
  'gateway_policy_reloads_total',
];

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  const policy = policyFile(run.dir, ['  metricsco-tiny:', '    rate_limits: { tenant_per_minute: 1 }', '  metricsco-subj:', '    rate_limits: { subject_per_minute: 1 }'].join('\n'));
  gw = await startTestGateway(testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: run.auditFile('m'), POLICY_FILE: policy }));
  await ready(gw.url);
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await run.cleanup();
});

/** Value of one sample line `name{labels} value`, labels given in any order. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const got = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[2]);
  }
  return undefined;
}

describe('/metrics', () => {
  it('exposes every series after real traffic, with no subject, tenant, client id or token in any label', async () => {
    const subject = 'metrics-subject-7f3a';
    const tenant = 'metrics-tenant-9c1e';
    const clientId = 'metrics-client-55aa';
    const jwt = await opsToken(keys, { sub: subject, tenant, clientId });
    expect((await send(gw.url, 'POST', '/v1/chat/completions', jwt, chatBody('My name is Johanna Vandermeer, johanna.vandermeer@example.org'))).status).toBe(200);
    expect((await send(gw.url, 'POST', '/v1/chat/completions', jwt, chatBody('stream', 'gpt-4o-mini', { stream: true }))).status).toBe(200);
    const bad = await signToken(keys, { iss: 'https://evil.example' });
    expect((await send(gw.url, 'GET', '/v1/models', bad)).status).toBe(401);
    expect((await send(gw.url, 'GET', '/v1/models', undefined)).status).toBe(401);
    const tiny = await opsToken(keys, { tenant: 'metricsco-tiny', sub: subject });
    await send(gw.url, 'GET', '/v1/models', tiny);
    expect((await send(gw.url, 'GET', '/v1/models', tiny)).status).toBe(429);
    const subj = await opsToken(keys, { tenant: 'metricsco-subj', sub: subject });
    await send(gw.url, 'GET', '/v1/models', subj);
    expect((await send(gw.url, 'GET', '/v1/models', subj)).status).toBe(429);
    gw.gateway.reloadPolicy();

    let text = '';
    await within(2000, async () => {
      const r = await send(gw.url, 'GET', '/metrics', undefined);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/plain');
      text = r.text;
      return (sample(text, 'gateway_policy_reloads_total', { result: 'ok' }) ?? 0) >= 1;
    });
    for (const s of SERIES) expect(text, s).toMatch(new RegExp(`^# TYPE ${s} `, 'm'));
    expect(sample(text, 'gateway_requests_total', { route: 'chat', status: '200', decision: 'forwarded' })).toBe(2);
    expect(sample(text, 'gateway_requests_total', { route: 'models', status: '401', decision: 'denied_by_auth' })).toBe(2);
    expect(sample(text, 'gateway_requests_total', { route: 'models', status: '429', decision: 'rate_limited' })).toBe(2);
    expect(sample(text, 'gateway_request_duration_seconds_count', { route: 'chat' })).toBe(2);
    expect(sample(text, 'gateway_overhead_duration_seconds_count', { route: 'chat' })).toBe(2);
    expect(sample(text, 'gateway_detected_values_total', { type: 'EMAIL', action: 'tokenize' })).toBe(1);
    expect(sample(text, 'gateway_detected_values_total', { type: 'PERSON', action: 'tokenize' })).toBe(1);
    expect(sample(text, 'gateway_auth_failures_total', { reason: 'wrong_issuer' })).toBe(1);
    expect(sample(text, 'gateway_auth_failures_total', { reason: 'missing_token' })).toBe(1);
    expect(sample(text, 'gateway_vault_operations_total', { op: 'store', result: 'ok' })).toBe(1);
    expect(sample(text, 'gateway_rate_limited_total', { scope: 'tenant' })).toBe(1);
    expect(sample(text, 'gateway_rate_limited_total', { scope: 'subject' })).toBe(1);
    expect(sample(text, 'gateway_policy_reloads_total', { result: 'ok' })).toBeGreaterThanOrEqual(1);

    const labelValues = [...text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => `${m[1]}=${m[2]}`);
    expect(labelValues.length).toBeGreaterThan(50);
    for (const secret of [subject, tenant, clientId, 'metricsco-tiny', 'metricsco-subj', 'Johanna', 'example.org', jwt, ...jwt.split('.'), 'gpt-4o-mini']) {
      expect(text, secret).not.toContain(secret);
    }
    // label names come from fixed lists
    const names = new Set(labelValues.map((l) => l.split('=')[0]));
    for (const n of names) expect(['route', 'status', 'decision', 'le', 'type', 'action', 'reason', 'op', 'result', 'scope', 'kind', 'store', 'version', 'major', 'minor', 'patch', 'space', 'kind'], n).toContain(n);
  });

  it('METRICS_REQUIRE_AUTH=1 requires a JWT with privacy:metrics', async () => {
    const locked = await startTestGateway(testEnv(keys, mock.url, { METRICS_REQUIRE_AUTH: '1', AUDIT_LOG: run.auditFile('locked') }));
    try {
      const none = await send(locked.url, 'GET', '/metrics', undefined);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      expect(none.json().error?.code).toBe('invalid_token');
      const chatOnly = await send(locked.url, 'GET', '/metrics', await opsToken(keys, { scope: 'llm:chat privacy:admin' }));
      expect(chatOnly.status).toBe(403);
      expect(chatOnly.json().error?.code).toBe('insufficient_scope');
      const ok = await send(locked.url, 'GET', '/metrics', await opsToken(keys, { scope: 'privacy:metrics' }));
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('gateway_requests_total');
    } finally {
      await locked.close();
    }
    // open by default
    expect((await send(gw.url, 'GET', '/metrics', undefined)).status).toBe(200);
  });
});
