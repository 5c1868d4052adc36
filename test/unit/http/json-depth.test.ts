import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, nestedDeeperThan } from '../../../src/http/json-depth.js';

const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('nestedDeeperThan', () => {
  it('counts the value itself as level 1, arrays and objects alike', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan({}, 1)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(nestedDeeperThan([1, 'x', null, [true]], 1)).toBe(true);
  });

  it('accepts the maximum and refuses one level more', () => {
    expect(nestedDeeperThan(nested(MAX_BODY_DEPTH), MAX_BODY_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_BODY_DEPTH + 1), MAX_BODY_DEPTH)).toBe(true);
    expect(nestedDeeperThan({ model: 'm', messages: [{ role: 'user', content: 'hi' }], x: nested(MAX_BODY_DEPTH) }, MAX_BODY_DEPTH)).toBe(true);
  });

  it('measures any depth JSON.parse accepts without exhausting the stack', () => {
    for (const levels of [30_000, 50_000, 200_000]) expect(nestedDeeperThan({ x: nested(levels) }, MAX_BODY_DEPTH)).toBe(true);
    const wide = Array.from({ length: 100_000 }, (_, i) => ({ i, s: [i] }));
    expect(nestedDeeperThan(wide, MAX_BODY_DEPTH)).toBe(false);
  });
});
