import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/bounded-map.js';

describe('BoundedMap', () => {
  it('drops the oldest entries beyond max, in insertion order', () => {
    const m = new BoundedMap<string, number>(3);
    for (const k of ['a', 'b', 'c', 'd', 'e']) m.set(k, 1);
    expect([...m.keys()]).toEqual(['c', 'd', 'e']);
  });

  it('treats a key deleted and set again as the newest, and an updated one as where it was', () => {
    const m = new BoundedMap<string, number>(3);
    m.set('a', 1).set('b', 2).set('c', 3);
    m.delete('a');
    m.set('a', 4); // newest now
    m.set('b', 5); // updated in place: still the oldest
    m.set('d', 6);
    expect([...m.entries()]).toEqual([
      ['c', 3],
      ['a', 4],
      ['d', 6],
    ]);
  });

  it('dropOldest returns the entry, and undefined when empty', () => {
    const m = new BoundedMap<string, number>(10);
    m.set('x', 1).set('y', 2);
    expect(m.dropOldest()).toEqual(['x', 1]);
    expect(m.dropOldest()).toEqual(['y', 2]);
    expect(m.dropOldest()).toBeUndefined();
    m.set('z', 3); // the cursor starts over after it ran dry
    expect(m.dropOldest()).toEqual(['z', 3]);
  });

  it('stays exact over many inserts, deletes and re-sets (checked against a plain model)', () => {
    const max = 50;
    const m = new BoundedMap<number, number>(max);
    const model: number[] = [];
    let seed = 7;
    const rnd = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let i = 0; i < 20_000; i++) {
      const k = rnd(200);
      const op = rnd(3);
      if (op === 0) {
        m.delete(k);
        const j = model.indexOf(k);
        if (j >= 0) model.splice(j, 1);
      } else if (op === 1) {
        m.delete(k);
        m.set(k, i);
        const j = model.indexOf(k);
        if (j >= 0) model.splice(j, 1);
        model.push(k);
      } else {
        m.set(k, i);
        if (!model.includes(k)) model.push(k);
      }
      while (model.length > max) model.shift();
      expect(m.size).toBe(model.length);
    }
    expect([...m.keys()]).toEqual(model);
  });
});
