import { describe, expect, it } from 'vitest';
import { PairIndex } from '../../src/pair-index.js';

describe('PairIndex', () => {
  it('gives the items whose key starts with the two units at an offset, and nothing elsewhere', () => {
    const index = new PairIndex<string>();
    for (const k of ['maria', 'mario', 'jan', '+49 30', '+44 20', 'ñu']) index.add(k, k);
    const text = 'call maria or jan at +49 30 1234; ñu';
    const seen: Array<[number, readonly string[]]> = [];
    for (let i = 0; i + 1 < text.length; i++) {
      const c = index.at(text, i);
      if (c !== undefined) seen.push([i, c]);
    }
    expect(seen).toEqual([
      [5, ['maria', 'mario']],
      [14, ['jan']],
      [21, ['+49 30', '+44 20']],
      [34, ['ñu']],
    ]);
  });

  it('tells pairs with the same low bytes apart ("ma" and U+016D U+0161 share them)', () => {
    const index = new PairIndex<string>();
    index.add('ma', 'ma');
    expect(index.at('\u016d\u0161', 0)).toBeUndefined();
    expect(index.at('ma', 0)).toEqual(['ma']);
    expect([...index.lists()]).toEqual([['ma']]);
  });
});
