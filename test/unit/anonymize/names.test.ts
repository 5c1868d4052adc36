/**
 * A message `name` must match ^[a-zA-Z0-9_-]{1,64}$, so people write `Jane_Doe` for "Jane Doe". The
 * detector reads `_` and `-` in it as spaces, and a name holding a value is replaced whole by the bare
 * token (`PERSON_id`), the same id as the value's bracketed token anywhere else in the request.
 */
import { describe, expect, it } from 'vitest';
import { anonymize, type AnonymizeResult } from '../../../src/anonymize/anonymize.js';
import type { EffectivePolicy } from '../../../src/policy/types.js';
import { formatNameToken, formatToken, tokenId } from '../../../src/tokenize/token.js';
import { ALL_SCAN, TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

function run(messages: Record<string, unknown>[], policy: EffectivePolicy = makePolicy()): AnonymizeResult {
  return anonymize({ body: { messages }, route: 'chat', policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
}

const nameOf = (r: AnonymizeResult, i: number): unknown => (r.body['messages'] as Record<string, unknown>[])[i]?.['name'];
const bare = formatNameToken('PERSON', tokenId(TENANT_KEY, 'PERSON', 'Jane Doe'));

describe('anonymize: message names', () => {
  it('detects a name joined with underscores or hyphens, found nowhere else, and tokenizes it whole', () => {
    const r = run([
      { role: 'user', name: 'Jane_Doe', content: 'hi' },
      { role: 'user', name: 'Jane-Doe', content: 'hi' },
    ]);
    expect(nameOf(r, 0)).toBe(bare);
    expect(nameOf(r, 1)).toBe(bare);
    // the original stored is the name as written in text
    expect(r.mappings).toEqual([{ type: 'PERSON', id: tokenId(TENANT_KEY, 'PERSON', 'Jane Doe'), value: 'Jane Doe' }]);
  });

  it('replaces the whole name when the value is only part of it', () => {
    const r = run([
      { role: 'user', name: 'Jane_Doe_2', content: 'hi' },
      { role: 'user', name: 'team-John_Smith', content: 'hi' },
    ]);
    expect(nameOf(r, 0)).toBe(bare);
    expect(nameOf(r, 1)).toBe(formatNameToken('PERSON', tokenId(TENANT_KEY, 'PERSON', 'John Smith')));
  });

  it('gives the same id as the value in the text, which is replaced there as well', () => {
    const r = run([
      { role: 'user', name: 'Jane_Doe', content: 'hi' },
      { role: 'assistant', content: 'Hello Jane Doe' },
    ]);
    expect(nameOf(r, 0)).toBe(bare);
    expect((r.body['messages'] as Record<string, unknown>[])[1]?.['content']).toBe(`Hello ${formatToken('PERSON', tokenId(TENANT_KEY, 'PERSON', 'Jane Doe'))}`);
  });

  it('leaves names without personal data, and tokens, as they are', () => {
    const r = run([
      { role: 'user', name: 'bot-7', content: 'hi' },
      { role: 'user', name: 'support_agent', content: 'hi' },
      { role: 'user', name: bare, content: 'hi' },
    ]);
    expect([nameOf(r, 0), nameOf(r, 1), nameOf(r, 2)]).toEqual(['bot-7', 'support_agent', bare]);
  });

  it('scan.names: false: not detected, but replaced when the value is found elsewhere', () => {
    const policy = makePolicy({ scan: { ...ALL_SCAN, names: false } });
    expect(nameOf(run([{ role: 'user', name: 'Jane_Doe', content: 'hi' }], policy), 0)).toBe('Jane_Doe');
    expect(nameOf(run([{ role: 'user', name: 'Jane_Doe', content: 'I am Jane Doe' }], policy), 0)).toBe(bare);
  });
});
