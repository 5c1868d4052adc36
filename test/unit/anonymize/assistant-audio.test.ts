/**
 * Invariant 2: the gateway restores `choices[].message.audio.transcript` in answers; clients append the
 * answer's message to `messages` as it is on the next turn (the SDKs' documented pattern), so the
 * transcript, holding restored originals, comes back in the request and must be scanned too.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';

describe('anonymize: assistant audio transcript', () => {
  it('scans messages[].audio.transcript', () => {
    const body = {
      model: 'gpt-4o-audio-preview',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: null, audio: { id: 'audio_1', expires_at: 1, data: '', transcript: `Sure Jane Doe, I wrote to ${EMAIL}` } },
      ],
    };
    const r = anonymize({ body, route: 'chat', policy: makePolicy(), detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
    const out = JSON.stringify(r.body);
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain(EMAIL);
  });
});
