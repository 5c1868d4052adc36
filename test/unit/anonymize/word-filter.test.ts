import { describe, expect, it } from 'vitest';
import { mayHold, runHashes, wordFilter } from '../../../src/anonymize/word-filter.js';

const WORD = /^[\p{L}\p{N}_]$/u;
const wordAt = (t: string, i: number): boolean => {
  const cp = t.codePointAt(i);
  return cp !== undefined && WORD.test(String.fromCodePoint(cp));
};
const wordBefore = (t: string, i: number): boolean => {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  return wordAt(t, c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1);
};
/** a whole-word occurrence as anonymize's replace-everywhere accepts it */
function occurs(text: string, lit: string): boolean {
  for (let i = text.indexOf(lit); i >= 0; i = text.indexOf(lit, i + 1)) {
    if (wordAt(lit, 0) && wordBefore(text, i)) continue;
    if (wordBefore(lit, lit.length) && wordAt(text, i + lit.length)) continue;
    return true;
  }
  return false;
}

describe('word filter', () => {
  it('never rules out a value that occurs as a whole word (fuzzed texts and values)', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const parts = ['Ann', 'Lee', 'ann', ' ', '-', '_', '+49', ' 30', '@', '.', 'é', 'Müller', '😀', '𝐀', 'x', '1', '(', ')', 'ß', '\n'];
    let found = 0;
    let ruledOut = 0;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      for (let i = Math.floor(rnd() * 40); i > 0; i--) text += parts[Math.floor(rnd() * parts.length)];
      const f = wordFilter(text);
      for (let j = 0; j < 10; j++) {
        const a = Math.floor(rnd() * (text.length + 1));
        const lit = rnd() < 0.7 ? text.slice(a, a + 1 + Math.floor(rnd() * 12)) : (parts[Math.floor(rnd() * parts.length)] ?? '') + (parts[Math.floor(rnd() * parts.length)] ?? '');
        if (lit.length === 0) continue;
        const o = occurs(text, lit);
        if (o) {
          found++;
          expect(mayHold(f, runHashes(lit)), `${JSON.stringify(lit)} in ${JSON.stringify(text)}`).toBe(true);
        } else if (!mayHold(f, runHashes(lit))) ruledOut++;
      }
    }
    expect(found).toBeGreaterThan(1000);
    expect(ruledOut).toBeGreaterThan(1000);
  });

  it('rules out values whose words the text lacks; values with surrogates are always searched', () => {
    const f = wordFilter('The customer is Alice Becker, who lives in Berlin. Call +49 30 1234 5678.');
    expect(mayHold(f, runHashes('Alice Becker'))).toBe(true);
    expect(mayHold(f, runHashes('+49 30 1234 5678'))).toBe(true);
    expect(mayHold(f, runHashes('Bruno Becker'))).toBe(false);
    expect(mayHold(f, runHashes('+49 30 9999 5678'))).toBe(false);
    expect(runHashes('Anna😀')).toBeUndefined();
    expect(mayHold(f, runHashes('--'))).toBe(true);
  });
});
