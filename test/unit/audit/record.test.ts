import { describe, expect, it } from 'vitest';
import { buildRecord, routeLabel, sanitizeModel, sanitizeRequestId, type RequestFacts } from '../../../src/audit/record.js';

const base: RequestFacts = { endedAt: Date.UTC(2026, 0, 1), route: 'chat', status: 200, totalMs: 12.34567 };

describe('buildRecord', () => {
  it('builds a forwarded record from minimal facts', () => {
    const r = buildRecord(base);
    expect(r).toMatchObject({
      time: '2026-01-01T00:00:00.000Z',
      route: 'chat',
      decision: 'forwarded',
      status: 200,
      latencyMs: { total: 12.346 },
      detected: {},
      responseDetected: {},
      shadow: false,
      stream: false,
    });
    expect(r.reason).toBeUndefined();
  });

  it('derives failed from an error status when no decision was set', () => {
    expect(buildRecord({ ...base, status: 502 }).decision).toBe('failed');
  });

  it('keeps caller identities, counts and usage', () => {
    const r = buildRecord({
      ...base,
      principal: { subject: 'alice', tenant: 'acme', clientId: 'web' },
      decision: 'denied_by_auth',
      reason: 'expired',
      upstreamMs: 10,
      detected: { EMAIL: { tokenize: 2, mask: 0 }, EMPLOYEE_ID: { block: 1 } },
      responseDetected: { PHONE: 1 },
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      reidentify: { complete: true, restored: 2, unresolved: 0, unknown: 1 },
      stream: true,
    });
    expect(r).toMatchObject({
      subject: 'alice',
      tenant: 'acme',
      clientId: 'web',
      reason: 'expired',
      latencyMs: { total: 12.346, upstream: 10 },
      detected: { EMAIL: { tokenize: 2 }, EMPLOYEE_ID: { block: 1 } },
      responseDetected: { PHONE: 1 },
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      reidentification: { complete: true, restored: 2, unresolved: 0, unknown: 1 },
      stream: true,
    });
  });

  it('keeps no planted text in any field', () => {
    const planted = 'john.doe@example.com said hello';
    const r = buildRecord({
      ...base,
      route: planted,
      requestId: planted,
      model: planted,
      policyVersion: planted,
      reason: planted,
      upstreamError: planted,
      detected: { [planted]: { tokenize: 1 }, EMAIL: { [planted]: 3 } },
      responseDetected: { [planted]: 2 },
      admin: { action: planted, target: planted },
    });
    const text = JSON.stringify(r);
    expect(text).not.toContain('john');
    expect(text).not.toContain('hello');
    expect(r).toMatchObject({ route: 'other', reason: 'other', adminAction: 'other', adminTarget: 'other', detected: {}, responseDetected: {} });
    expect(r.requestId).toBeUndefined();
    expect(r.model).toBeUndefined();
    expect(r.policyVersion).toBeUndefined();
  });

  it('accepts public error codes and admin enums', () => {
    const r = buildRecord({ ...base, decision: 'admin', reason: 'pii_blocked', admin: { action: 'erase_tenant', target: 'tenant' } });
    expect(r).toMatchObject({ reason: 'pii_blocked', adminAction: 'erase_tenant', adminTarget: 'tenant' });
  });

  it('bounds identities and strips control characters', () => {
    const r = buildRecord({ ...base, principal: { subject: `a\nb${'x'.repeat(400)}`, tenant: 't' } });
    expect(r.subject?.length).toBe(256);
    expect(r.subject?.startsWith('a?b')).toBe(true);
  });

  it('drops non-finite and negative numbers', () => {
    const r = buildRecord({ ...base, totalMs: Number.NaN, status: 42, usage: { prompt_tokens: -1, total_tokens: Infinity } });
    expect(r.latencyMs.total).toBe(0);
    expect(r.status).toBe(0);
    expect(r.usage).toBeUndefined();
  });
});

describe('sanitizers', () => {
  it('keeps safe request ids and drops others', () => {
    expect(sanitizeRequestId('req_01HX:abc-1.2')).toBe('req_01HX:abc-1.2');
    expect(sanitizeRequestId('x'.repeat(128))).toBe('x'.repeat(128));
    expect(sanitizeRequestId('x'.repeat(129))).toBeUndefined();
    expect(sanitizeRequestId('has space')).toBeUndefined();
    expect(sanitizeRequestId('a@b.com')).toBeUndefined();
    expect(sanitizeRequestId('')).toBeUndefined();
    expect(sanitizeRequestId(42)).toBeUndefined();
  });

  it('keeps model names and drops others', () => {
    expect(sanitizeModel('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(sanitizeModel('accounts/fireworks/models/llama-v3p1-8b:latest')).toBe('accounts/fireworks/models/llama-v3p1-8b:latest');
    expect(sanitizeModel('m'.repeat(101))).toBeUndefined();
    expect(sanitizeModel('gpt 4')).toBeUndefined();
    expect(sanitizeModel('x@y')).toBeUndefined();
  });

  it('maps route paths and kinds to fixed labels', () => {
    expect(routeLabel('/v1/chat/completions')).toBe('chat');
    expect(routeLabel('/v1/responses/:id')).toBe('responses');
    expect(routeLabel('embeddings')).toBe('embeddings');
    expect(routeLabel('/v1/secret/path')).toBe('other');
  });
});
