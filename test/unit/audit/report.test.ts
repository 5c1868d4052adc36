import { describe, expect, it } from 'vitest';
import { AuditChain } from '../../../src/audit/chain.js';
import { buildRecord, type RequestFacts } from '../../../src/audit/record.js';
import { buildReport, formatReport, percentile } from '../../../src/audit/report.js';

describe('buildReport', () => {
  const chain = new AuditChain('r');
  const f = (over: Partial<RequestFacts>): string =>
    JSON.stringify(chain.seal(buildRecord({ endedAt: 0, route: 'chat', status: 200, totalMs: 100, upstreamMs: 90, ...over })));
  const lines = [
    f({ principal: { subject: 's1', tenant: 't1' }, detected: { EMAIL: { tokenize: 2 }, SECRET: { mask: 1 } } }),
    f({ principal: { subject: 's2', tenant: 't2' }, totalMs: 200, upstreamMs: 150, detected: { EMAIL: { tokenize: 1 } } }),
    f({ status: 401, decision: 'denied_by_auth', reason: 'expired', totalMs: 1, upstreamMs: undefined }),
    f({ status: 400, decision: 'blocked_by_policy', reason: 'pii_blocked', principal: { subject: 's1', tenant: 't1' }, upstreamMs: undefined }),
    f({ status: 200, decision: 'admin', admin: { action: 'revoke_jti', target: 'jti' } }),
    'not json',
  ];

  it('counts requests, decisions, statuses, values, auth failures and tenants', () => {
    const r = buildReport(lines);
    expect(r.requests).toBe(4);
    expect(r.byDecision).toEqual({ forwarded: 2, denied_by_auth: 1, blocked_by_policy: 1, admin: 1 });
    expect(r.byStatusClass).toEqual({ '2xx': 2, '4xx': 2 });
    expect(r.valuesByType).toEqual({ EMAIL: { tokenize: 3 }, SECRET: { mask: 1 } });
    expect(r.authFailuresByReason).toEqual({ expired: 1 });
    expect(r.tenants).toBe(2);
    expect(r.runs).toBe(1);
    expect(r.skipped).toBe(1);
    expect(r.latencyMs).toEqual({ p50: 100, p95: 200 });
    expect(r.overheadMs).toEqual({ p50: 10, p95: 50 });
    expect(formatReport(r)).toContain('EMAIL tokenize');
  });

  it('computes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile([], 50)).toBeNull();
  });
});
