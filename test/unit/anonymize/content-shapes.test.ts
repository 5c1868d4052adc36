/**
 * Invariant 2 on content shapes the walker used to skip silently: a message `content` that is a single
 * part object instead of an array, and a text part whose text is not a string. Both used to reach the
 * upstream unscanned (an OpenAI-compatible upstream may accept or log them).
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { GatewayError } from '../../../src/errors.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';

function run(body: Record<string, unknown>, route: 'chat' | 'responses' = 'chat', policy = makePolicy()) {
  return anonymize({ body, route, policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
}

describe('anonymize: content shapes', () => {
  it('scans a message content given as one part object', () => {
    const r = run({ model: 'gpt-4o', messages: [{ role: 'user', content: { type: 'text', text: `I am Jane Doe, ${EMAIL}` } }] });
    const out = JSON.stringify(r.body);
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain(EMAIL);
  });

  it('scans a Responses function_call_output whose output is one part object', () => {
    const r = run({ model: 'gpt-4o', input: [{ type: 'function_call_output', call_id: 'c1', output: { type: 'input_text', text: `mail ${EMAIL}` } }] }, 'responses');
    expect(JSON.stringify(r.body)).not.toContain(EMAIL);
  });

  it('treats a text part whose text is not a string as unreadable (refused by default, dropped under drop)', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: { value: `I am Jane Doe, ${EMAIL}` } }] }] };
    expect(() => run(body)).toThrow(GatewayError);
    const r = run(body, 'chat', makePolicy({ unreadableContent: 'drop' }));
    expect(JSON.stringify(r.body)).not.toContain(EMAIL);
  });
});
