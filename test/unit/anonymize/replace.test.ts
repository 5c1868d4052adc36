import { describe, expect, it } from 'vitest';
import { adjustSpanForJsonText, applyReplacements, existingTokenSpans, literalMatcher, maskValue } from '../../../src/anonymize/replace.js';

describe('maskValue', () => {
  it('keeps the last characters and the separators', () => {
    expect(maskValue('4242-4242-4242-4242', 4, '*')).toBe('****-****-****-4242');
    expect(maskValue('+1 (555) 010-0199', 2, '#')).toBe('+# (###) ###-##99');
    expect(maskValue('jane@example.com', 0, '*')).toBe('****@*******.***');
  });

  it('never reveals the whole value', () => {
    expect(maskValue('1234', 10, '*')).toBe('*234');
  });
});

describe('applyReplacements', () => {
  it('applies ranges, drops ranges inside accepted ones and replaces the rest of ranges that run past them', () => {
    const text = 'abcdefghij';
    expect(
      applyReplacements(text, [
        { start: 5, end: 7, text: 'Y' },
        { start: 0, end: 3, text: 'X' },
        { start: 2, end: 4, text: 'Z' },
        { start: 5, end: 9, text: 'W' },
      ]),
    ).toBe('XZeWj');
  });
});

describe('existingTokenSpans', () => {
  it('finds bracketed and bare tokens', () => {
    const t = 'see [EMAIL_0123456789abc] and PERSON_0123456789abc, not XPERSON_0123456789abcd';
    const spans = existingTokenSpans(t).map((s) => t.slice(s.start, s.end));
    expect(spans).toEqual(['[EMAIL_0123456789abc]', 'PERSON_0123456789abc']);
  });
});

describe('adjustSpanForJsonText', () => {
  it('never splits an escape sequence or swallows a delimiting quote', () => {
    const t = String.raw`{"a":"x\njane@x.com\t","b":"c`;
    // starts right after the backslash
    const i = t.indexOf('njane');
    expect(adjustSpanForJsonText(t, i, i + 11)).toEqual({ start: i - 1, end: i + 11 });
    // runs into the closing quote
    const j = t.indexOf('jane');
    const q = t.indexOf('","b');
    expect(adjustSpanForJsonText(t, j, q + 2)?.end).toBe(q);
    // ends between the backslash and the escaped character
    const k = t.indexOf('\\t');
    expect(adjustSpanForJsonText(t, j, k + 1)).toEqual({ start: j, end: k + 2 });
  });
});

describe('literalMatcher', () => {
  it('matches whole words, longest first', () => {
    const re = literalMatcher(['Ann', 'Ann Lee', '+1 555'], false);
    const t = 'Ann Lee, Annual, Ann, +1 5550';
    expect([...t.matchAll(re ?? /$^/g)].map((m) => m[0])).toEqual(['Ann Lee', 'Ann']);
  });

  it('escapes regex syntax and can fold case', () => {
    const re = literalMatcher(['a.b+c@x.io'], true);
    expect('A.B+C@X.IO axb+c@x.io'.match(re ?? /$^/g)).toEqual(['A.B+C@X.IO']);
  });
});
