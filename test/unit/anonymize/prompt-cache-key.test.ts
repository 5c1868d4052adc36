/**
 * Invariant 2: `prompt_cache_key` replaces the deprecated `user` field in OpenAI's API (a stable
 * per-end-user identifier); like `user` and `safety_identifier` it is an identity field and is scanned.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';

describe('anonymize: prompt_cache_key', () => {
  it.each(['chat', 'responses'] as const)('is scanned on %s', (route) => {
    const body = { model: 'gpt-4o', prompt_cache_key: EMAIL, ...(route === 'chat' ? { messages: [{ role: 'user', content: 'hi' }] } : { input: 'hi' }) };
    const r = anonymize({ body, route, policy: makePolicy(), detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
    expect(JSON.stringify(r.body)).not.toContain(EMAIL);
  });
});
