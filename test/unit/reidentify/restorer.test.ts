import { describe, expect, it } from 'vitest';
import { TokenRestorer, restoreText } from '../../../src/reidentify/restorer.js';
import { CARD_ID, EMAIL, EMAIL_ID, PERSON, PERSON_ID, lookup, pick, randomChunks, rng } from './helpers.js';

function chunked(pieces: readonly string[], json = false): { out: string; emitted: string[]; r: TokenRestorer } {
  const r = new TokenRestorer(lookup, { json });
  const emitted = pieces.map((p) => r.push(p));
  const out = emitted.join('') + r.flush();
  return { out, emitted, r };
}

const FORMS = [
  `[EMAIL_${EMAIL_ID}]`,
  `[email_${EMAIL_ID.toUpperCase()}]`,
  `EMAIL_${EMAIL_ID}]`,
  `[EMAIL_${EMAIL_ID}`,
  `EMAIL_${EMAIL_ID}`,
  `[[PERSON_${PERSON_ID}]]`,
  `[ PERSON_${PERSON_ID} ]`,
  `[PERSON _ ${PERSON_ID}]`,
  `&#91;EMAIL_${EMAIL_ID}&#93;`,
  `&#x5b;CREDIT_CARD_${CARD_ID}&#x5D;`,
  `&lbrack;EMAIL_${EMAIL_ID}&rbrack;`,
  `\\u005bEMAIL_${EMAIL_ID}\\u005d`,
  `\\[EMAIL_${EMAIL_ID}\\]`,
  `[PHONE_${EMAIL_ID}]`, // not issued
  `[EMAIL_${PERSON_ID}]`, // not issued
  `[EMAIL_${EMAIL_ID}x]`, // wrong length
];

describe('TokenRestorer: any chunking gives the whole-string result', () => {
  for (const form of FORMS) {
    it(`every split position (and every pair of splits) of ${form}`, () => {
      for (const [pre, post] of [['Hi ', ' bye'], ['', ''], ['x', '.'], ['[', ']']] as const) {
        const input = `${pre}${form}${post}`;
        const whole = restoreText(input, lookup).text;
        for (let i = 0; i <= input.length; i++) {
          expect(chunked([input.slice(0, i), input.slice(i)]).out).toBe(whole);
          for (let j = i; j <= input.length; j += 3) {
            expect(chunked([input.slice(0, i), input.slice(i, j), input.slice(j)]).out).toBe(whole);
          }
        }
        expect(chunked([...input]).out).toBe(whole);
      }
    });
  }

  it('random texts, random chunkings (seeded, 4000 cases), text and JSON mode', () => {
    const r = rng(20240601);
    const bits = [
      ...FORMS,
      'hello ', 'world', ' ', '\n', '[', ']', '[[', '&', '&#9', '&#91;', '\\', '\\u00', '_', 'EMAIL', 'EM', 'email_',
      EMAIL_ID, EMAIL_ID.slice(0, 7), 'Ünïcödé ', '👋', '"', '\\"', '\\n', 'PERSON_', `PERSON_${PERSON_ID}`, 'x_', ', ',
    ];
    for (let k = 0; k < 4000; k++) {
      const json = k % 2 === 1;
      const n = 1 + Math.floor(r() * 12);
      let input = '';
      for (let i = 0; i < n; i++) input += pick(r, bits);
      const whole = restoreText(input, lookup, { json }).text;
      const pieces = randomChunks(r, input, 1 + Math.floor(r() * 10));
      const got = chunked(pieces, json).out;
      if (got !== whole) throw new Error(`mismatch for ${JSON.stringify(input)} split ${JSON.stringify(pieces)}: ${JSON.stringify(got)} vs ${JSON.stringify(whole)}`);
    }
  });

  it('counts the same stats however it is chunked', () => {
    const input = `a [EMAIL_${EMAIL_ID}] b [PHONE_${EMAIL_ID}] c PERSON_${PERSON_ID}`;
    const one = restoreText(input, lookup).stats;
    const { r } = chunked([...input]);
    expect(r.stats).toEqual(one);
    expect(one.restored).toEqual({ EMAIL: 1, PERSON: 1 });
    expect(one.unknown).toBe(1);
    expect([...one.seen].sort()).toEqual([`EMAIL:${EMAIL_ID}`, `PERSON:${PERSON_ID}`]);
  });
});

describe('TokenRestorer: holds back only a possible token prefix', () => {
  it('emits plain text at once', () => {
    const r = new TokenRestorer(lookup);
    expect(r.push('Hello there, ')).toBe('Hello there, ');
    expect(r.push('how are you?')).toBe('how are you?');
    expect(r.pending).toBe(0);
  });

  it('holds a trailing bracket, entity or bare-type prefix and nothing else', () => {
    const r = new TokenRestorer(lookup);
    expect(r.push('Mail [EM')).toBe('Mail ');
    expect(r.pending).toBe(3);
    expect(r.push(`AIL_${EMAIL_ID.slice(0, 4)}`)).toBe('');
    expect(r.push(`${EMAIL_ID.slice(4)}] now`)).toBe(`${EMAIL} now`);
    expect(r.push(' &#9')).toBe(' ');
    expect(r.push('1;2')).toBe('&#91;2'); // a digit cannot start a type
    expect(r.push(' Email')).toBe(' '); // could be EMAIL_<id>
    expect(r.push(' me')).toBe('Email me');
    expect(r.push(' Peter')).toBe(' Peter'); // no type starts with PETER
    expect(r.flush()).toBe('');
  });

  it('holds at most a bounded suffix even on a long bracketed run', () => {
    const r = new TokenRestorer(lookup);
    r.push('[' + 'A'.repeat(500));
    expect(r.pending).toBe(0);
  });

  it('flush emits held text as it stands', () => {
    const r = new TokenRestorer(lookup);
    expect(r.push(`see [EMAIL_${EMAIL_ID.slice(0, 5)}`)).toBe('see ');
    expect(r.flush()).toBe(`[EMAIL_${EMAIL_ID.slice(0, 5)}`);
    const r2 = new TokenRestorer(lookup);
    expect(r2.push(`see EMAIL_${EMAIL_ID}`)).toBe('see ');
    expect(r2.flush()).toBe(EMAIL);
  });
});

describe('TokenRestorer: JSON-string mode for tool-call arguments', () => {
  it('restored values with quotes, backslashes and newlines keep the arguments valid JSON', () => {
    const args = JSON.stringify({ name: `[PERSON_${PERSON_ID}]`, email: `[EMAIL_${EMAIL_ID}]`, list: [`PERSON_${PERSON_ID}`] });
    for (let i = 0; i <= args.length; i++) {
      const { out } = chunked([args.slice(0, i), args.slice(i)], true);
      expect(JSON.parse(out)).toEqual({ name: PERSON, email: EMAIL, list: [PERSON] });
    }
    const r = rng(7);
    for (let k = 0; k < 200; k++) expect(JSON.parse(chunked(randomChunks(r, args, 6), true).out)).toEqual({ name: PERSON, email: EMAIL, list: [PERSON] });
  });

  it('text mode inserts values verbatim', () => {
    expect(restoreText(`[PERSON_${PERSON_ID}]`, lookup).text).toBe(PERSON);
  });
});

describe('TokenRestorer.missingRefs', () => {
  it('reports complete refs the lookup does not know, without consuming anything', () => {
    const r = new TokenRestorer(lookup);
    expect(r.push('a [PHONE_')).toBe('a ');
    expect(r.missingRefs(`${EMAIL_ID}] [EMAIL_${EMAIL_ID}]`)).toEqual([{ type: 'PHONE', id: EMAIL_ID }]);
    expect(r.pending).toBe(7);
  });
});
