/**
 * Invariant 2 / 8: an embeddings `input` or completions `prompt` of a shape the walker does not read
 * (an object, or objects inside the array) used to be forwarded unscanned; it is refused as an
 * invalid request (OpenAI's shape) instead, like a `messages` that is not an array.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { GatewayError } from '../../../src/errors.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const run = (body: Record<string, unknown>, route: 'embeddings' | 'completions') =>
  anonymize({ body, route, policy: makePolicy(), detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });

describe('anonymize: input shapes', () => {
  it('refuses an object input / prompt, and objects inside the array', () => {
    expect(() => run({ model: 'text-embedding-3-small', input: { text: 'Jane Doe' } }, 'embeddings')).toThrow(GatewayError);
    expect(() => run({ model: 'text-embedding-3-small', input: ['ok', { text: 'Jane Doe' }] }, 'embeddings')).toThrow(GatewayError);
    expect(() => run({ model: 'gpt-3.5-turbo-instruct', prompt: { text: 'Jane Doe' } }, 'completions')).toThrow(GatewayError);
  });

  it('still accepts strings, string arrays and token arrays', () => {
    expect(JSON.stringify(run({ model: 'text-embedding-3-small', input: ['Jane Doe', 'x'] }, 'embeddings').body)).not.toContain('Jane Doe');
    expect(() => run({ model: 'text-embedding-3-small', input: [1, 2, 3] }, 'embeddings')).not.toThrow();
  });
});
