/**
 * Invariant 2 on Responses API input items the gateway itself restores in answers: an `mcp_call`
 * item's arguments and output come back to the caller with originals, and clients send output items
 * back as input on the next turn. Also reusable prompts' `prompt.variables`.
 */
import { describe, expect, it } from 'vitest';
import { anonymize } from '../../../src/anonymize/anonymize.js';
import { GatewayError } from '../../../src/errors.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';
const PHONE = '+1 555 010 0199';

function run(body: Record<string, unknown>, policy = makePolicy()) {
  return anonymize({ body, route: 'responses', policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
}

describe('anonymize: Responses input items', () => {
  it('scans mcp_call arguments and output, and mcp_approval_request arguments', () => {
    const body = {
      model: 'gpt-4o',
      input: [
        { type: 'mcp_call', id: 'mcp_1', server_label: 'crm', name: 'find', arguments: JSON.stringify({ email: EMAIL }), output: `Found Jane Doe, phone ${PHONE}` },
        { type: 'mcp_approval_request', id: 'mcpr_1', server_label: 'crm', name: 'send', arguments: JSON.stringify({ to: 'John Smith' }) },
        { type: 'local_shell_call_output', id: 'ls_1', output: `mail sent to ${EMAIL}` },
        { role: 'user', content: 'thanks' },
      ],
    };
    const r = run(body);
    const out = JSON.stringify(r.body);
    for (const v of [EMAIL, 'Jane Doe', PHONE, 'John Smith']) expect(out).not.toContain(v);
    const call = (r.body['input'] as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(() => JSON.parse(call['arguments'] as string)).not.toThrow();
  });

  it('scans the reason of an mcp_approval_response (written by the user)', () => {
    const r = run({ model: 'gpt-4o', input: [{ type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: false, reason: `Do not write to ${EMAIL}` }] });
    expect(JSON.stringify(r.body)).not.toContain(EMAIL);
  });

  it('scans prompt.variables (strings and input_text parts); refuses unreadable ones by default', () => {
    const r = run({ model: 'gpt-4o', prompt: { id: 'pmpt_1', variables: { customer: 'Jane Doe', contact: { type: 'input_text', text: `mail ${EMAIL}` } } } });
    const out = JSON.stringify(r.body);
    expect(out).not.toContain('Jane Doe');
    expect(out).not.toContain(EMAIL);
    expect(() => run({ model: 'gpt-4o', prompt: { id: 'pmpt_1', variables: { pic: { type: 'input_image', image_url: 'https://x/y.png' } } } })).toThrow(GatewayError);
  });
});
