import { describe, expect, it } from 'vitest';
import { createMetrics, recordPolicyReload, recordRequest, recordVaultOp, statusClass, upstreamErrorLabel } from '../../../src/observe/metrics.js';

describe('createMetrics', () => {
  it('exposes the named series on its own registry', async () => {
    const m = createMetrics({ defaultMetrics: false });
    recordRequest(m, {
      endedAt: 0,
      route: '/v1/chat/completions',
      status: 200,
      totalMs: 120,
      upstreamMs: 119.5,
      principal: { subject: 'alice-subject', tenant: 'acme-tenant' },
      model: 'gpt-4o',
      detected: { EMAIL: { tokenize: 2 }, EMPLOYEE_ID: { block: 1 } },
      responseDetected: { PHONE: 1 },
      reidentify: { complete: true, restored: 2, unresolved: 1, unknown: 0 },
      upstreamError: 'UND_ERR_HEADERS_TIMEOUT',
    });
    recordRequest(m, { endedAt: 0, route: 'embeddings', status: 401, totalMs: 1, decision: 'denied_by_auth', reason: 'expired' });
    recordRequest(m, { endedAt: 0, route: 'chat', status: 429, totalMs: 1, decision: 'rate_limited', reason: 'rate_limit_exceeded', rateLimitScope: 'tokens' });
    recordVaultOp(m, 'store', 'error');
    recordPolicyReload(m, 'ok');
    const text = await m.registry.metrics();
    for (const name of [
      'gateway_requests_total{route="chat",status="200",decision="forwarded"} 1',
      'gateway_requests_total{route="embeddings",status="401",decision="denied_by_auth"} 1',
      'gateway_request_duration_seconds_bucket',
      'gateway_overhead_duration_seconds_bucket{le="0.0001",route="chat"}',
      'gateway_detected_values_total{type="EMAIL",action="tokenize"} 2',
      'gateway_detected_values_total{type="EMPLOYEE_ID",action="block"} 1',
      'gateway_auth_failures_total{reason="expired"} 1',
      'gateway_vault_operations_total{op="store",result="error"} 1',
      'gateway_vault_errors_total{op="store"} 1',
      'gateway_rate_limited_total{scope="tokens"} 1',
      'gateway_policy_reloads_total{result="ok"} 1',
      'gateway_reidentify_total{result="restored"} 2',
      'gateway_reidentify_total{result="unresolved"} 1',
      'gateway_upstream_errors_total{kind="timeout"} 1',
    ]) {
      expect(text).toContain(name);
    }
    // no caller identity, model or text in any label
    for (const secret of ['alice', 'acme', 'gpt-4o']) expect(text).not.toContain(secret);
    expect(text).not.toContain('process_cpu'); // default metrics off
  });

  it('records the gateway overhead as total minus upstream', async () => {
    const m = createMetrics({ defaultMetrics: false });
    recordRequest(m, { endedAt: 0, route: 'chat', status: 200, totalMs: 100.2, upstreamMs: 100 });
    const text = await m.registry.metrics();
    expect(text).toContain('gateway_overhead_duration_seconds_bucket{le="0.00025",route="chat"} 1');
    expect(text).toContain('gateway_overhead_duration_seconds_bucket{le="0.0001",route="chat"} 0');
  });

  it('drops label values outside the fixed sets', async () => {
    const m = createMetrics({ defaultMetrics: false });
    recordRequest(m, {
      endedAt: 0,
      route: '/v1/some/user/path',
      status: 200,
      totalMs: 1,
      detected: { 'john@example.com': { tokenize: 1 }, EMAIL: { 'free text': 1 } },
    });
    const text = await m.registry.metrics();
    expect(text).toContain('route="other"');
    expect(text).not.toContain('john');
    expect(text).not.toContain('free text');
  });

  it('keeps registries separate', async () => {
    const a = createMetrics({ defaultMetrics: false });
    const b = createMetrics();
    recordPolicyReload(a, 'invalid');
    expect(await b.registry.metrics()).not.toContain('result="invalid"');
    expect(await b.registry.metrics()).toContain('process_cpu');
  });

  it('maps labels', () => {
    expect(statusClass(503)).toBe('5xx');
    expect(statusClass(0)).toBe('other');
    expect(upstreamErrorLabel('ECONNREFUSED')).toBe('connect');
    expect(upstreamErrorLabel('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('tls');
    expect(upstreamErrorLabel('whatever')).toBe('other');
  });
});
