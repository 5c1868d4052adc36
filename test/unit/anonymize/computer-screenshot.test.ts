/**
 * Contract (default policy): content the gateway cannot read (images, audio, files) is refused.
 * A Responses `computer_call_output` carries a screenshot; it used to pass through uncounted.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { GatewayError } from '../../../src/errors.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const body = () => ({
  model: 'computer-use-preview',
  input: [{ type: 'computer_call_output', call_id: 'c1', output: { type: 'computer_screenshot', image_url: 'data:image/png;base64,iVBORw0KGgo=' } }],
});
const run = (policy = makePolicy()) => anonymize({ body: body(), route: 'responses', policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });

describe('anonymize: computer_call_output screenshots', () => {
  it('is unreadable content: refused by default, counted and kept under allow', () => {
    expect(() => run()).toThrow(GatewayError);
    const r = run(makePolicy({ unreadableContent: 'allow' }));
    expect(r.unreadable).toBe(1);
    expect(JSON.stringify(r.body)).toContain('computer_screenshot');
  });
});
