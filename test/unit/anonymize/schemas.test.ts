/**
 * Invariant 2 for JSON schemas: a tool's `parameters`, chat `response_format.json_schema` and Responses
 * `text.format` carry text people write (descriptions, titles, enum, const, default and example values),
 * scanned at any depth under scan.tool_descriptions and scan.response_format. Property names are keys:
 * not detected in.
 */
import { describe, expect, it } from 'vitest';
import { anonymize, type AnonymizeResult } from '../../../src/anonymize/anonymize.js';
import type { EffectivePolicy } from '../../../src/policy/types.js';
import { formatToken, tokenId } from '../../../src/tokenize/token.js';
import { ALL_SCAN, TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';
const hi = [{ role: 'user', content: 'hi' }];

function run(body: Record<string, unknown>, route: 'chat' | 'responses' = 'chat', policy: EffectivePolicy = makePolicy()): AnonymizeResult {
  return anonymize({ body, route, policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
}

const tok = (type: string, value: string): string => formatToken(type, tokenId(TENANT_KEY, type, value));

/** a schema with personal data in every text keyword, at several depths */
function schema(): Record<string, unknown> {
  return {
    type: 'object',
    title: 'Order of Jane Doe',
    properties: {
      to: { type: 'string', enum: [EMAIL, 'other'], description: `e.g. ${EMAIL}` },
      who: { type: 'array', items: { anyOf: [{ const: 'John Smith' }, { type: 'string', default: 'Ann' }] } },
      // a property named like a keyword is a subschema, not a value
      enum: { type: 'string', examples: ['call +1 555 010 0199'] },
      nested: { type: 'object', properties: { deep: { $comment: `owner ${EMAIL}`, default: { list: ['Jane Doe'] } } } },
    },
    $defs: { addr: { description: 'Ann lives here' } },
    required: ['to'],
  };
}

const LEAKS = [EMAIL, 'Jane Doe', 'John Smith', '555 010 0199', '"Ann"', 'Ann lives'];

function expectScanned(schemaOut: unknown): void {
  const out = JSON.stringify(schemaOut);
  for (const v of LEAKS) expect(out, v).not.toContain(v);
  const s = schemaOut as { properties: Record<string, { enum?: unknown[] }> };
  expect(s.properties['to']?.enum).toEqual([tok('EMAIL', EMAIL), 'other']);
  // keys (property names, keywords) stay
  expect(Object.keys(s.properties)).toEqual(['to', 'who', 'enum', 'nested']);
}

describe('anonymize: JSON schema text', () => {
  it('tool parameters: description, title, enum, const, default, examples, $comment at any depth', () => {
    const r = run({ messages: hi, tools: [{ type: 'function', function: { name: 'f', parameters: schema() } }] });
    const fn = ((r.body['tools'] as Record<string, unknown>[])[0]?.['function'] ?? {}) as Record<string, unknown>;
    expectScanned(fn['parameters']);
    expect(fn['name']).toBe('f');
  });

  it('chat response_format.json_schema: description and schema', () => {
    const r = run({ messages: hi, response_format: { type: 'json_schema', json_schema: { name: 'order', description: `for ${EMAIL}`, schema: schema(), strict: true } } });
    const js = (r.body['response_format'] as { json_schema: Record<string, unknown> }).json_schema;
    expect(js['description']).toBe(`for ${tok('EMAIL', EMAIL)}`);
    expect(js['name']).toBe('order');
    expectScanned(js['schema']);
  });

  it('responses text.format: description and schema', () => {
    const r = run({ input: 'hi', text: { format: { type: 'json_schema', name: 'order', description: `for ${EMAIL}`, schema: schema() } } }, 'responses');
    const f = (r.body['text'] as { format: Record<string, unknown> }).format;
    expect(f['description']).toBe(`for ${tok('EMAIL', EMAIL)}`);
    expectScanned(f['schema']);
  });

  it('scan.response_format: false leaves them undetected; values found elsewhere are still replaced', () => {
    const policy = makePolicy({ scan: { ...ALL_SCAN, responseFormat: false } });
    const alone = run({ messages: hi, response_format: { type: 'json_schema', json_schema: { name: 's', schema: { enum: [EMAIL] } } } }, 'chat', policy);
    expect(JSON.stringify(alone.body)).toContain(EMAIL);
    const elsewhere = run({ messages: [{ role: 'user', content: EMAIL }], response_format: { type: 'json_schema', json_schema: { name: 's', schema: { enum: [EMAIL] } } } }, 'chat', policy);
    expect(JSON.stringify(elsewhere.body)).not.toContain(EMAIL);
  });

  it('scan.tool_descriptions: false leaves tool schemas undetected', () => {
    const policy = makePolicy({ scan: { ...ALL_SCAN, toolDescriptions: false } });
    const r = run({ messages: hi, tools: [{ type: 'function', function: { name: 'f', parameters: { enum: [EMAIL] } } }] }, 'chat', policy);
    expect(JSON.stringify(r.body)).toContain(EMAIL);
  });
});
