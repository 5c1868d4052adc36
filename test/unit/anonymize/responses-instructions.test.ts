/**
 * Invariant 2: Responses `instructions` given as an array of input items (the shape a stored
 * response's `instructions` takes, sent back by clients) used to reach the upstream unscanned.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';

describe('anonymize: Responses instructions', () => {
  it('scans instructions given as an array of message items', () => {
    const body = {
      model: 'gpt-4o',
      instructions: [{ type: 'message', role: 'developer', content: [{ type: 'input_text', text: `Assist Jane Doe (${EMAIL})` }] }, { role: 'system', content: `Never email ${EMAIL}` }],
      input: 'hello',
    };
    const r = anonymize({ body, route: 'responses', policy: makePolicy(), detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
    const out = JSON.stringify(r.body);
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain(EMAIL);
  });
});
