import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../src/errors.js';
import { idField, messageOf, revocationTarget, untilOf } from '../../../src/routes/admin-input.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const DAY = 86_400_000;
const TEN_YEARS_S = 10 * 365 * 86_400;

/** the 400 a bad field gets: invalid_request, its message naming the field */
function refusal(run: () => unknown): { code: string; status: number; message: string } {
  try {
    run();
  } catch (err) {
    if (isGatewayError(err)) return { code: err.publicCode, status: err.status, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('admin input: expiry (ttl_seconds, until)', () => {
  it('takes ttl_seconds or until within ten years, and the default when neither is given', () => {
    expect(untilOf({ ttl_seconds: 60 }, NOW, 30 * DAY)).toBe(NOW + 60_000);
    expect(untilOf({ ttl_seconds: TEN_YEARS_S }, NOW, 30 * DAY)).toBe(NOW + TEN_YEARS_S * 1000);
    expect(untilOf({ until: '2026-12-01T00:00:00Z' }, NOW, 30 * DAY)).toBe(Date.parse('2026-12-01T00:00:00Z'));
    expect(untilOf({ until: NOW + DAY }, NOW, undefined)).toBe(NOW + DAY);
    expect(untilOf({}, NOW, 30 * DAY)).toBe(NOW + 30 * DAY);
    expect(untilOf({}, NOW, undefined)).toBeUndefined();
  });

  it.each([
    ['a huge ttl (1e20)', { ttl_seconds: 1e20 }],
    ['a negative ttl', { ttl_seconds: -1 }],
    ['a zero ttl', { ttl_seconds: 0 }],
    ['a ttl over ten years', { ttl_seconds: TEN_YEARS_S + 1 }],
    ['a ttl as a string', { ttl_seconds: '60' }],
    ['a ttl of null', { ttl_seconds: null }],
  ])('refuses %s with a 400 naming ttl_seconds (never the 30-day default)', (_name, body) => {
    expect(refusal(() => untilOf(body, NOW, 30 * DAY))).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('"ttl_seconds"') });
  });

  it.each([
    ['a past time', { until: '2020-01-01T00:00:00Z' }],
    ['past epoch ms', { until: NOW - 1 }],
    ['a time past ten years', { until: '2040-01-01T00:00:00Z' }],
    ['epoch ms far ahead', { until: 1e20 }],
    ['not a time', { until: 'tomorrow' }],
    ['a boolean', { until: true }],
  ])('refuses %s with a 400 naming until', (_name, body) => {
    expect(refusal(() => untilOf(body, NOW, 30 * DAY))).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('"until"') });
  });

  it('refuses both at once', () => {
    expect(refusal(() => untilOf({ ttl_seconds: 60, until: NOW + DAY }, NOW, undefined)).status).toBe(400);
  });
});

describe('admin input: kill switch message', () => {
  it('takes up to 500 characters, and the default when absent', () => {
    expect(messageOf({ message: 'Paused (INC-1234)' })).toBe('Paused (INC-1234)');
    expect(messageOf({ message: 'x'.repeat(500) })).toHaveLength(500);
    expect(messageOf({})).toBe('The gateway is disabled for this tenant');
  });

  it.each([
    ['over 500 characters', 'x'.repeat(501)],
    ['empty', ''],
    ['blank', '   '],
    ['a number', 42],
    ['null', null],
  ])('refuses a message %s with a 400 naming message (never replaced silently)', (_name, message) => {
    expect(refusal(() => messageOf({ message }))).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('"message"') });
  });
});

describe('admin input: identifiers', () => {
  it('refuses a tenant, subject or jti that is not well-formed Unicode: stored as UTF-8 it would name another tenant', () => {
    // "x\ud800" reaches Redis as "x\ufffd": a kill switch or an erasure would hit that tenant instead
    for (const v of ['x\ud800', '\udfffy', 'a\ud83d']) {
      const r = refusal(() => idField({ tenant: v }, 'tenant'));
      expect(r.status).toBe(400);
      expect(r.code).toBe('invalid_request');
      expect(r.message).toContain('"tenant"');
    }
    expect(refusal(() => revocationTarget({ jti: 'j\udc00' })).code).toBe('invalid_request');
    expect(refusal(() => revocationTarget({ tenant: 'acme', subject: 's\ud800' })).code).toBe('invalid_request');
    expect(idField({ tenant: 'x\ufffd-😀' }, 'tenant')).toBe('x\ufffd-😀');
  });
});
