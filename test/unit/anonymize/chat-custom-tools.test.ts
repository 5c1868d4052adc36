/**
 * Invariant 2 (scan.tool_descriptions): Chat Completions custom tools nest their description and
 * grammar under `custom` ({type:'custom', custom:{name, description, format:{type:'grammar', grammar:{definition}}}});
 * only the Responses (flat) shape used to be scanned.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';

describe('anonymize: chat custom tools', () => {
  it('scans custom.description and the grammar definition', () => {
    const body = {
      model: 'gpt-5',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'custom', custom: { name: 'notify', description: `Notify Jane Doe`, format: { type: 'grammar', grammar: { syntax: 'lark', definition: `start: "${EMAIL}"` } } } }],
    };
    const r = anonymize({ body, route: 'chat', policy: makePolicy(), detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
    const out = JSON.stringify(r.body);
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain(EMAIL);
  });
});
