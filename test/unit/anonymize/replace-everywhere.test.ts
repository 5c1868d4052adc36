/**
 * Invariant 7: a value found anywhere in a request is replaced everywhere it occurs in it, in every
 * field: also in fields the walker does not know (`stop`, unknown ones, nested objects), in object keys,
 * and in the keys of tool-call argument JSON. Those strings are only searched, never detected in.
 */
import { describe, expect, it } from 'vitest';
import { anonymize, type AnonymizeResult } from '../../../src/anonymize/anonymize.js';
import type { EffectivePolicy } from '../../../src/policy/types.js';
import { formatToken, tokenId } from '../../../src/tokenize/token.js';
import { TENANT_KEY, TestDetector, makePolicy } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';
const OTHER = 'someone.else@example.com';
const said = [{ role: 'user', content: `my mail is ${EMAIL}` }];

function run(body: Record<string, unknown>, route: 'chat' | 'completions' | 'embeddings' | 'responses' = 'chat', policy: EffectivePolicy = makePolicy()): AnonymizeResult {
  return anonymize({ body, route, policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'n' });
}

const tok = (type: string, value: string): string => formatToken(type, tokenId(TENANT_KEY, type, value));
type Obj = Record<string, unknown>;

describe('anonymize: replace everywhere', () => {
  it('replaces a value found in a message in stop sequences, unknown fields and nested unknown objects', () => {
    const r = run({
      model: 'gpt-4o',
      messages: said,
      stop: [EMAIL, 'END'],
      extra: EMAIL,
      vendor_options: { notes: [`cc ${EMAIL.toUpperCase()}`], depth: { x: EMAIL } },
    });
    const b = r.body;
    expect(b['stop']).toEqual([tok('EMAIL', EMAIL), 'END']);
    expect(b['extra']).toBe(tok('EMAIL', EMAIL));
    expect(b['vendor_options']).toEqual({ notes: [`cc ${tok('EMAIL', EMAIL)}`], depth: { x: tok('EMAIL', EMAIL) } });
    expect(b['model']).toBe('gpt-4o');
    expect(JSON.stringify(b)).not.toContain(EMAIL);
  });

  it('never detects in those fields: a value found nowhere else stays (detection follows the policy)', () => {
    const r = run({ messages: said, stop: [OTHER], extra: `Jane Doe ${OTHER}` });
    expect(r.body['stop']).toEqual([OTHER]);
    expect(r.body['extra']).toBe(`Jane Doe ${OTHER}`);
    expect(r.counts['EMAIL']?.tokenize).toBe(1);
    expect(r.counts['PERSON']).toBeUndefined();
  });

  it('replaces keys: of the body, of unknown objects, of metadata', () => {
    const r = run({ messages: said, [EMAIL]: 1, extra: { [EMAIL]: { [`to ${EMAIL}`]: 'x' }, keep: 2 }, metadata: { [EMAIL]: 'v' } });
    const t = tok('EMAIL', EMAIL);
    expect(Object.keys(r.body)).toEqual(['messages', t, 'extra', 'metadata']);
    expect(r.body['extra']).toEqual({ [t]: { [`to ${t}`]: 'x' }, keep: 2 });
    expect(Object.keys(r.body['extra'] as Obj)).toEqual([t, 'keep']);
    expect(r.body['metadata']).toEqual({ [t]: 'v' });
  });

  it('replaces keys of tool-call argument JSON (and re-serializes it), of arguments sent as an object too', () => {
    const r = run({
      messages: [
        ...said,
        { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: JSON.stringify({ [EMAIL]: 1, nested: [{ [EMAIL]: true }] }) } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'd', type: 'function', function: { name: 'f', arguments: { [EMAIL]: 2 } } }] },
      ],
    });
    const t = tok('EMAIL', EMAIL);
    const msgs = r.body['messages'] as Obj[];
    const fn = (i: number): Obj => ((msgs[i]?.['tool_calls'] as Obj[])[0]?.['function'] as Obj) ?? {};
    expect(JSON.parse(fn(1)['arguments'] as string)).toEqual({ [t]: 1, nested: [{ [t]: true }] });
    expect(fn(2)['arguments']).toEqual({ [t]: 2 });
    expect(JSON.stringify(r.body)).not.toContain(EMAIL);
  });

  it('keeps a `__proto__` key an own key when its value is replaced', () => {
    const body = JSON.parse(`{"messages":[{"role":"user","content":"mail ${EMAIL}"}],"extra":{"__proto__":"${EMAIL}"}}`) as Obj;
    const r = run(body);
    const extra = r.body['extra'] as Obj;
    expect(Object.hasOwn(extra, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(extra, '__proto__')?.value).toBe(tok('EMAIL', EMAIL));
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
  });

  it('leaves base64 blobs in unknown fields as they are, without counting them as unreadable', () => {
    // a blob holding the value as a whole word between two '+': never rewritten (it would corrupt the file)
    const blob = `${'QUJD'.repeat(300)}+Ann+${'ZGVm0123'.repeat(150)}`;
    const r = run({ messages: [{ role: 'user', content: 'I am Ann' }], extra: { data: blob, note: 'Ann' } });
    expect(r.body['extra']).toEqual({ data: blob, note: tok('PERSON', 'Ann') });
    expect(r.unreadable).toBe(0);
  });

  it('completions, embeddings and responses: fields outside the scanned ones too', () => {
    expect(run({ prompt: `mail ${EMAIL}`, stop: EMAIL }, 'completions').body['stop']).toBe(tok('EMAIL', EMAIL));
    expect(run({ input: `mail ${EMAIL}`, extra: [EMAIL] }, 'embeddings').body['extra']).toEqual([tok('EMAIL', EMAIL)]);
    const resp = run({ input: `mail ${EMAIL}`, include: [EMAIL], reasoning: { note: EMAIL } }, 'responses').body;
    expect(resp['include']).toEqual([tok('EMAIL', EMAIL)]);
    expect(resp['reasoning']).toEqual({ note: tok('EMAIL', EMAIL) });
  });

  it('many e-mail addresses in one body: each replaced everywhere (any case), in time linear in the body', () => {
    // probe 5: every address was tried at every '@' of every text (addresses x '@'s): 40,000 addresses in one
    // ~1 MB message took 16 s in the anonymizer, 100,000 (2.4 MB, under BODY_LIMIT_BYTES) 113 s of a worker
    const n = 40_000;
    const emails = Array.from({ length: n }, (_, i) => `p${i}@corp.example.org`);
    const t0 = performance.now();
    const r = run({ model: 'gpt-4o', messages: [{ role: 'user', content: emails.join(' ') }], stop: [emails[123]?.toUpperCase(), emails[n - 1]] });
    const ms = performance.now() - t0;
    expect(r.mappings).toHaveLength(n);
    const out = JSON.stringify(r.body);
    expect(out).not.toMatch(/@corp\.example\.org/i);
    expect((r.body['stop'] as string[])[0]).toBe(tok('EMAIL', emails[123] as string));
    expect((r.body['stop'] as string[])[1]).toBe(tok('EMAIL', emails[n - 1] as string));
    expect(ms).toBeLessThan(8000);
  });

  it('changes nothing when nothing is found, and nothing in shadow mode', () => {
    const body = { messages: [{ role: 'user', content: 'hello' }], stop: [EMAIL], extra: { [EMAIL]: 1 } };
    expect(run(body).body).toEqual(body);
    const shadow = run({ messages: said, stop: [EMAIL] }, 'chat', makePolicy({ shadow: true }));
    expect(shadow.body['stop']).toEqual([EMAIL]);
  });
});
