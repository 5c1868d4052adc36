import { describe, expect, it } from 'vitest';
import { findTokens, makeScanConfig, restoreAll, type Lookup } from '../../../src/reidentify/token-scanner.js';
import { newStats } from '../../../src/reidentify/stats.js';
import { CARD, CARD_ID, EMAIL, EMAIL_ID, PERSON, PERSON_ID, lookup } from './helpers.js';

const text = makeScanConfig(false);
const json = makeScanConfig(true);

function restore(s: string, cfg = text, l: Lookup = lookup): { out: string; unknown: number; restored: Record<string, number> } {
  const stats = newStats();
  const out = restoreAll(s, l, cfg, stats);
  return { out, unknown: stats.unknown, restored: stats.restored };
}

describe('token scanner: drift the model introduces', () => {
  const drifted: [string, string][] = [
    ['strict', `[EMAIL_${EMAIL_ID}]`],
    ['lower-case type', `[email_${EMAIL_ID}]`],
    ['upper-case id', `[EMAIL_${EMAIL_ID.toUpperCase()}]`],
    ['mixed case', `[Email_${EMAIL_ID.slice(0, 5).toUpperCase()}${EMAIL_ID.slice(5)}]`],
    ['lost opening bracket', `EMAIL_${EMAIL_ID}]`],
    ['lost closing bracket', `[EMAIL_${EMAIL_ID}`],
    ['no brackets (name form)', `EMAIL_${EMAIL_ID}`],
    ['doubled brackets', `[[EMAIL_${EMAIL_ID}]]`],
    ['spaces inside brackets', `[ EMAIL_${EMAIL_ID} ]`],
    ['two spaces inside brackets', `[  EMAIL_${EMAIL_ID}  ]`],
    ['space before underscore', `[EMAIL _${EMAIL_ID}]`],
    ['space after underscore', `[EMAIL_ ${EMAIL_ID}]`],
    ['spaces around underscore', `[EMAIL _ ${EMAIL_ID}]`],
    ['HTML decimal entities', `&#91;EMAIL_${EMAIL_ID}&#93;`],
    ['HTML hex entities', `&#x5B;EMAIL_${EMAIL_ID}&#x5d;`],
    ['HTML named entities', `&lbrack;EMAIL_${EMAIL_ID}&rbrack;`],
    ['HTML lsqb entities', `&lsqb;EMAIL_${EMAIL_ID}&rsqb;`],
    ['JSON unicode escapes', `\\u005bEMAIL_${EMAIL_ID}\\u005D`],
    ['markdown-escaped brackets', `\\[EMAIL_${EMAIL_ID}\\]`],
  ];
  for (const [name, form] of drifted) {
    it(`restores ${name}: ${form}`, () => {
      const r = restore(`Write to ${form}, please.`);
      expect(r.out).toBe(`Write to ${EMAIL}, please.`);
      expect(r.restored).toEqual({ EMAIL: 1 });
      expect(r.unknown).toBe(0);
    });
  }

  it('restores types with underscores and several tokens in a row', () => {
    expect(restore(`[CREDIT_CARD_${CARD_ID}][EMAIL_${EMAIL_ID}] PERSON_${PERSON_ID}`).out).toBe(`${CARD}${EMAIL} ${PERSON}`);
  });

  it('keeps outer brackets of a list of tokens', () => {
    expect(restore(`[[EMAIL_${EMAIL_ID}], [CREDIT_CARD_${CARD_ID}]]`).out).toBe(`[${EMAIL}, ${CARD}]`);
  });

  it('consumes only paired brackets when they are unbalanced', () => {
    expect(restore(`[[EMAIL_${EMAIL_ID}]`).out).toBe(`[${EMAIL}`);
    expect(restore(`[EMAIL_${EMAIL_ID}]]`).out).toBe(`${EMAIL}]`);
    expect(restore(`[[[EMAIL_${EMAIL_ID}]]]`).out).toBe(`[${EMAIL}]`);
  });

  it('keeps text around tokens byte for byte, including non-ASCII', () => {
    const s = `Grüße 👋 an [EMAIL_${EMAIL_ID}] — danke!`;
    expect(restore(s).out).toBe(`Grüße 👋 an ${EMAIL} — danke!`);
  });
});

describe('token scanner: never restores a token that was not issued', () => {
  const cases: [string, string][] = [
    ['right type, wrong id', `[EMAIL_${PERSON_ID}]`],
    ['right id, wrong type', `[PHONE_${EMAIL_ID}]`],
    ['right id, other issued type', `[PERSON_${EMAIL_ID}]`],
    ['unknown custom type', `[EMPLOYEE_ID_${EMAIL_ID}]`],
  ];
  for (const [name, form] of cases) {
    it(`${name} stays and counts as unknown`, () => {
      const r = restore(`x ${form} y`);
      expect(r.out).toBe(`x ${form} y`);
      expect(r.unknown).toBe(1);
      expect(r.restored).toEqual({});
    });
  }

  it('id of the wrong length is not a token at all', () => {
    for (const s of [`[EMAIL_${EMAIL_ID}x]`, `[EMAIL_${EMAIL_ID.slice(1)}]`, `EMAIL_${EMAIL_ID}9`, `EMAIL_${EMAIL_ID.slice(0, 12)}`]) {
      const r = restore(s);
      expect(r.out).toBe(s);
      expect(r.unknown).toBe(0);
    }
  });

  it('id characters outside the alphabet (i, l, o, u) do not match', () => {
    const bad = `[EMAIL_${EMAIL_ID.slice(0, 12)}u]`;
    expect(restore(bad).out).toBe(bad);
  });

  it('bare forms need a word boundary and a known type', () => {
    for (const s of [`xEMAIL_${EMAIL_ID}`, `user_EMAIL_${EMAIL_ID}`, `FOO_${EMAIL_ID}`, `_EMAIL_${EMAIL_ID}`]) {
      const r = restore(s);
      expect(r.out).toBe(s);
      expect(r.unknown).toBe(0);
    }
  });

  it('a lookup that refuses (out of scope) leaves the token', () => {
    const none: Lookup = () => undefined;
    expect(restore(`[EMAIL_${EMAIL_ID}]`, text, none)).toMatchObject({ out: `[EMAIL_${EMAIL_ID}]`, unknown: 1 });
  });

  it('ordinary text with brackets and underscores is untouched', () => {
    const s = 'See [1], [note] and snake_case_identifier_here; a &amp; b; C:\\path\\[x]; arr[i_j]';
    expect(restore(s)).toMatchObject({ out: s, unknown: 0 });
  });
});

describe('token scanner: JSON source mode', () => {
  it('JSON-escapes restored values so the JSON stays valid', () => {
    const src = JSON.stringify({ to: `[PERSON_${PERSON_ID}]`, cc: [`EMAIL_${EMAIL_ID}`], note: `Hi [PERSON_${PERSON_ID}]!` });
    const out = restore(src, json).out;
    expect(JSON.parse(out)).toEqual({ to: PERSON, cc: [EMAIL], note: `Hi ${PERSON}!` });
  });

  it('treats \\u005b as a bracket but an escaped backslash before [ as text', () => {
    const src = `{"a":"\\u005bEMAIL_${EMAIL_ID}\\u005d","b":"\\\\[EMAIL_${EMAIL_ID}]","c":"\\\\u005bEMAIL_${EMAIL_ID}"}`;
    const out = restore(src, json).out;
    expect(JSON.parse(out)).toEqual({ a: EMAIL, b: `\\${EMAIL}`, c: `\\u005bEMAIL_${EMAIL_ID}` }); // literal text, no word boundary before EMAIL
  });

  it('sees a word boundary after a JSON escape like \\n', () => {
    const src = `{"a":"line\\nEMAIL_${EMAIL_ID}"}`;
    expect(JSON.parse(restore(src, json).out)).toEqual({ a: `line\n${EMAIL}` });
  });
});

describe('findTokens', () => {
  it('lists every token-shaped match, issued or not', () => {
    expect(findTokens(`[EMAIL_${EMAIL_ID}] and [PHONE_${PERSON_ID}] and PERSON_${PERSON_ID}`)).toEqual([
      { type: 'EMAIL', id: EMAIL_ID },
      { type: 'PHONE', id: PERSON_ID },
      { type: 'PERSON', id: PERSON_ID },
    ]);
  });
});

describe('token scanner: no backtracking blow-up', () => {
  it('scans adversarial input in linear time', () => {
    const evil = '[['.repeat(50_000) + 'EMAIL_'.repeat(20_000) + '&#9'.repeat(20_000) + `${'a_'.repeat(50_000)}`;
    const t0 = performance.now();
    restore(evil);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
