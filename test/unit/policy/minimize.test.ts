import { describe, expect, it } from 'vitest';
import { minimize } from '../../../src/policy/minimize.js';

describe('minimize', () => {
  const policy = { drop: ['user', 'metadata'], force: { store: false, options: { a: 1 } } };

  it('drops listed top-level fields and forces others, leaving the input as it was', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], user: 'u-123', metadata: { k: 'v' }, store: true };
    const before = structuredClone(body);
    const out = minimize(body, policy);
    expect(out).toEqual({ model: 'gpt-4o', messages: body.messages, store: false, options: { a: 1 } });
    expect(body).toEqual(before);
    expect(out).not.toBe(body);
  });

  it('copies forced values so the policy cannot be changed through a body', () => {
    const out = minimize({}, policy);
    (out['options'] as { a: number }).a = 2;
    expect(policy.force.options.a).toBe(1);
  });

  it('keeps a __proto__ key a plain own property', () => {
    const body = JSON.parse('{"model":"m","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const out = minimize(body, { drop: [], force: {} });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['model', '__proto__']);
  });

  it('does nothing when the policy has nothing to drop or force', () => {
    expect(minimize({ a: 1 }, { drop: [], force: {} })).toEqual({ a: 1 });
  });
});
