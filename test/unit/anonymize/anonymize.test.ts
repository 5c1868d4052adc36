import { describe, expect, it } from 'vitest';
import { anonymize, type AnonymizeInput, type AnonymizeResult } from '../../../src/anonymize/anonymize.js';
import { DetectCache } from '../../../src/anonymize/detect-cache.js';
import { encodingNameForModel, getTokenizer } from '../../../src/anonymize/token-ids.js';
import { GatewayError } from '../../../src/errors.js';
import type { EffectivePolicy } from '../../../src/policy/types.js';
import { formatToken, tokenId } from '../../../src/tokenize/token.js';
import { ALL_SCAN, TENANT_KEY, TestDetector, makePolicy, rule, tokensIn } from './fixtures.js';

const EMAIL = 'jane.doe@example.com';
const PHONE = '+1 555 010 0199';

function run(
  body: Record<string, unknown>,
  route: AnonymizeInput['route'] = 'chat',
  policy: EffectivePolicy = makePolicy(),
  extra: Partial<AnonymizeInput> = {},
): AnonymizeResult {
  return anonymize({ body, route, policy, detector: new TestDetector(), tenantKey: TENANT_KEY, requestNonce: 'nonce-1', ...extra });
}

function tok(type: string, value: string, nonce?: string): string {
  return formatToken(type, tokenId(TENANT_KEY, type, value, nonce));
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

type Obj = Record<string, unknown>;
function at(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

describe('anonymize: chat', () => {
  it('tokenizes string content of every role and the whole history', () => {
    const body = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: `Support for ${EMAIL}` },
        { role: 'developer', content: `Call ${PHONE}` },
        { role: 'user', content: `I am Jane Doe, mail ${EMAIL}` },
        { role: 'assistant', content: 'Hello Jane Doe' },
      ],
    };
    const r = run(body);
    const out = json(r.body);
    expect(out).not.toContain(EMAIL);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain('Jane Doe');
    expect(at(r.body, 'messages', 0, 'content')).toBe(`Support for ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'messages', 2, 'content')).toBe(`I am ${tok('PERSON', 'Jane Doe')}, mail ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'messages', 3, 'content')).toBe(`Hello ${tok('PERSON', 'Jane Doe')}`);
    expect(r.counts['EMAIL']).toEqual({ tokenize: 1, mask: 0, block: 0, allow: 0 });
    expect(r.counts['PERSON']?.tokenize).toBe(1);
    expect(r.counts['PHONE']?.tokenize).toBe(1);
  });

  it('tokenizes text, input_text, output_text and refusal parts, and message refusal', () => {
    const body = {
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: `to ${EMAIL}` },
            { type: 'input_text', text: 'from John Smith' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'output_text', text: `ok ${PHONE}` },
            { type: 'refusal', refusal: 'I will not mail John Smith' },
          ],
          refusal: `Not for ${EMAIL}`,
        },
      ],
    };
    const r = run(body);
    const out = json(r.body);
    for (const v of [EMAIL, PHONE, 'John Smith']) expect(out).not.toContain(v);
    expect(at(r.body, 'messages', 0, 'content', 1, 'text')).toBe(`from ${tok('PERSON', 'John Smith')}`);
    expect(at(r.body, 'messages', 1, 'content', 1, 'refusal')).toBe(`I will not mail ${tok('PERSON', 'John Smith')}`);
    expect(at(r.body, 'messages', 1, 'refusal')).toBe(`Not for ${tok('EMAIL', EMAIL)}`);
  });

  it('tokenizes tool-call arguments as JSON values, replaces keys found elsewhere, and stays valid JSON', () => {
    const other = 'someone.else@example.com';
    const args = { to: EMAIL, 'jane.doe@example.com': 'key', [other]: 'never detected in a key', nested: { list: ['John Smith', 42], phone: PHONE }, n: 5550100199 };
    const body = {
      messages: [
        { role: 'user', content: 'send it' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'send_mail', arguments: JSON.stringify(args) } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: `sent to ${EMAIL}` },
      ],
    };
    const r = run(body);
    const rawArgs = at(r.body, 'messages', 1, 'tool_calls', 0, 'function', 'arguments');
    expect(typeof rawArgs).toBe('string');
    const parsed = JSON.parse(rawArgs as string) as Obj;
    // keys are not detected in, but a value found elsewhere is replaced in them too (invariant 7), in place
    expect(Object.keys(parsed)).toEqual(['to', tok('EMAIL', EMAIL), other, 'nested', 'n']);
    expect(parsed['to']).toBe(tok('EMAIL', EMAIL));
    expect(parsed[tok('EMAIL', EMAIL)]).toBe('key');
    expect(at(parsed, 'nested', 'list', 0)).toBe(tok('PERSON', 'John Smith'));
    expect(at(parsed, 'nested', 'list', 1)).toBe(42);
    expect(at(parsed, 'nested', 'phone')).toBe(tok('PHONE', PHONE));
    expect(parsed['n']).toBe(tok('PHONE', '5550100199'));
    expect(at(r.body, 'messages', 1, 'tool_calls', 0, 'function', 'name')).toBe('send_mail');
    expect(at(r.body, 'messages', 2, 'content')).toBe(`sent to ${tok('EMAIL', EMAIL)}`);
  });

  it('scans tool-call arguments sent as an object', () => {
    const body = { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { to: [EMAIL] } } }] }] };
    const r = run(body);
    expect(at(r.body, 'messages', 0, 'tool_calls', 0, 'function', 'arguments')).toEqual({ to: [tok('EMAIL', EMAIL)] });
  });

  it('leaves unchanged tool-call arguments byte for byte', () => {
    const raw = '{ "city" :  "Berlin" }';
    const body = { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: raw } }] }] };
    const r = run(body);
    expect(at(r.body, 'messages', 0, 'tool_calls', 0, 'function', 'arguments')).toBe(raw);
  });

  it('scans invalid-JSON arguments as text and keeps them as valid as they were', () => {
    // truncated (streamed) arguments
    const truncated = `{"to": "${EMAIL}", "cc": "John Smith`;
    // valid JSON whose value carries an escape right before the e-mail: still parses after replacement
    const escaped = `{"note": "line\\n${EMAIL}\\tend", "who": "Jane Doe"`;
    const body = {
      messages: [
        {
          role: 'assistant',
          tool_calls: [
            { id: 'a', type: 'function', function: { name: 'f', arguments: truncated } },
            { id: 'b', type: 'function', function: { name: 'g', arguments: escaped } },
          ],
        },
      ],
    };
    const r = run(body);
    const a = at(r.body, 'messages', 0, 'tool_calls', 0, 'function', 'arguments') as string;
    const b = at(r.body, 'messages', 0, 'tool_calls', 1, 'function', 'arguments') as string;
    expect(a).toBe(`{"to": "${tok('EMAIL', EMAIL)}", "cc": "${tok('PERSON', 'John Smith')}`);
    expect(b).not.toContain(EMAIL);
    expect(b).not.toContain('Jane Doe');
    // closing the truncated object makes it valid, as it would have before
    expect(() => JSON.parse(`${b}}`)).not.toThrow();
    expect(() => JSON.parse(`${a}"}`)).not.toThrow();
  });

  it('tokenizes legacy function_call arguments and role function content', () => {
    const body = {
      messages: [
        { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: JSON.stringify({ email: EMAIL }) } },
        { role: 'function', name: 'lookup', content: 'Found John Smith' },
      ],
    };
    const r = run(body);
    expect(JSON.parse(at(r.body, 'messages', 0, 'function_call', 'arguments') as string)).toEqual({ email: tok('EMAIL', EMAIL) });
    expect(at(r.body, 'messages', 1, 'content')).toBe(`Found ${tok('PERSON', 'John Smith')}`);
    expect(at(r.body, 'messages', 1, 'name')).toBe('lookup');
  });

  it('scans tool descriptions and parameter descriptions, never names or keys', () => {
    const body = {
      messages: [{ role: 'user', content: 'hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'notify',
            description: `Notifies ${EMAIL}`,
            parameters: {
              type: 'object',
              properties: { who: { type: 'string', description: 'e.g. John Smith' }, email: { type: 'string', enum: ['x'] } },
            },
          },
        },
      ],
    };
    const r = run(body);
    expect(at(r.body, 'tools', 0, 'function', 'description')).toBe(`Notifies ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'tools', 0, 'function', 'parameters', 'properties', 'who', 'description')).toBe(`e.g. ${tok('PERSON', 'John Smith')}`);
    expect(at(r.body, 'tools', 0, 'function', 'name')).toBe('notify');
    expect(Object.keys(at(r.body, 'tools', 0, 'function', 'parameters', 'properties') as Obj)).toEqual(['who', 'email']);
  });

  it('replaces a detected name with a bare token that fits the name syntax', () => {
    const body = {
      messages: [
        { role: 'user', name: 'Jane Doe', content: 'hello' },
        { role: 'user', name: 'jane_doe', content: `I am Jane Doe` },
        { role: 'user', name: 'bot-7', content: 'x' },
      ],
    };
    const r = run(body);
    const n0 = at(r.body, 'messages', 0, 'name') as string;
    const n1 = at(r.body, 'messages', 1, 'name') as string;
    expect(n0).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(n0).toBe(`PERSON_${tokenId(TENANT_KEY, 'PERSON', 'Jane Doe')}`);
    // not detected itself, but equal to a value found elsewhere
    expect(n1).toBe(n0);
    expect(at(r.body, 'messages', 2, 'name')).toBe('bot-7');
    expect(r.tokens.get(`PERSON:${tokenId(TENANT_KEY, 'PERSON', 'Jane Doe')}`)).toBe('Jane Doe');
  });

  it('scans prediction content', () => {
    const r = run({ messages: [{ role: 'user', content: 'x' }], prediction: { type: 'content', content: `Dear ${EMAIL}` } });
    expect(at(r.body, 'prediction', 'content')).toBe(`Dear ${tok('EMAIL', EMAIL)}`);
  });

  it('refuses a body whose messages are not an array', () => {
    expect(() => run({ messages: 'hi' })).toThrow(GatewayError);
  });
});

describe('anonymize: metadata kept by the policy', () => {
  it('is read for personal data like the identity fields', () => {
    const r = run({ messages: [{ role: 'user', content: 'hello' }], metadata: { customer_email: EMAIL, ticket: 'T-1' } });
    expect(at(r.body, 'metadata', 'customer_email')).toBe(tok('EMAIL', EMAIL));
    expect(at(r.body, 'metadata', 'ticket')).toBe('T-1');
  });
});

describe('anonymize: replace everywhere', () => {
  it('replaces a value everywhere it occurs, even where the detector missed it', () => {
    const body = {
      messages: [
        { role: 'user', content: `My mail is ${EMAIL}, I am Jane Doe` },
        { role: 'assistant', content: 'Noted.' },
        // the detector misses everything in this turn
        { role: 'user', content: `[[skip]] again: ${EMAIL.toUpperCase()} / Jane Doe` },
      ],
      metadata: { contact: EMAIL },
      user: 'Jane Doe',
    };
    const r = run(body);
    expect(at(r.body, 'messages', 2, 'content')).toBe(`[[skip]] again: ${tok('EMAIL', EMAIL)} / ${tok('PERSON', 'Jane Doe')}`);
    expect(at(r.body, 'metadata', 'contact')).toBe(tok('EMAIL', EMAIL));
    expect(at(r.body, 'user')).toBe(tok('PERSON', 'Jane Doe'));
  });

  it('replaces many values (the one-pass matcher) everywhere, whole words only', () => {
    const mails = Array.from({ length: 12 }, (_, i) => `person${i}@example.com`);
    const body = {
      messages: [
        { role: 'user', content: `Contacts: ${mails.join(', ')}` },
        // the detector misses this turn; values repeat, in another order, in other case, glued to words
        { role: 'user', content: `[[skip]] ${[...mails].reverse().join(' ; ')} ${mails[3]?.toUpperCase()} xperson1@example.com` },
      ],
    };
    const r = run(body);
    const second = String(at(r.body, 'messages', 1, 'content'));
    for (const m of mails) expect(second).toContain(tok('EMAIL', m));
    // glued to a word: not a whole-word occurrence, left as it is
    expect(second.endsWith(' xperson1@example.com')).toBe(true);
    const rest = second.slice(0, -' xperson1@example.com'.length);
    for (const m of mails) expect(rest.toLowerCase()).not.toContain(m);
  });

  it('replaces values in fields the policy does not detect in', () => {
    const policy = makePolicy({ scan: { ...ALL_SCAN, toolResults: false } });
    const body = {
      messages: [
        { role: 'tool', tool_call_id: 'c', content: `result for ${EMAIL} and John Smith` },
        { role: 'user', content: `ask ${EMAIL}` },
      ],
    };
    const r = run(body, 'chat', policy);
    // John Smith is found nowhere scanned: stays; the e-mail, found in the user turn, is replaced
    expect(at(r.body, 'messages', 0, 'content')).toBe(`result for ${tok('EMAIL', EMAIL)} and John Smith`);
  });

  it('gives the same value the same token in every turn and field', () => {
    const body = {
      messages: [
        { role: 'user', content: `${EMAIL}` },
        { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: JSON.stringify({ e: EMAIL }) } }] },
        { role: 'user', content: `again ${EMAIL}` },
      ],
    };
    const r = run(body);
    const all = tokensIn(json(r.body));
    expect(new Set(all).size).toBe(1);
    expect(all.length).toBe(3);
    expect(r.mappings).toEqual([{ type: 'EMAIL', id: tokenId(TENANT_KEY, 'EMAIL', EMAIL), value: EMAIL }]);
  });

  it('replaces whole words only', () => {
    const body = { messages: [{ role: 'user', content: 'Ann wrote the Annual report; ask Ann.' }] };
    const r = run(body);
    const t = tok('PERSON', 'Ann');
    expect(at(r.body, 'messages', 0, 'content')).toBe(`${t} wrote the Annual report; ask ${t}.`);
  });

  it('uses one token for the spellings of one e-mail address', () => {
    const body = { messages: [{ role: 'user', content: `${EMAIL} or ${EMAIL.toUpperCase()}` }] };
    const r = run(body);
    const t = tok('EMAIL', EMAIL);
    expect(at(r.body, 'messages', 0, 'content')).toBe(`${t} or ${t}`);
    expect(r.mappings).toHaveLength(1);
    expect(r.counts['EMAIL']?.tokenize).toBe(1);
  });
});

describe('anonymize: actions and policy', () => {
  it('per-request linkability gives different ids in two requests; tenant linkability the same', () => {
    const body = { messages: [{ role: 'user', content: EMAIL }] };
    const perRequest = makePolicy({ linkability: 'request' });
    const a = run(body, 'chat', perRequest, { requestNonce: 'n1' });
    const b = run(body, 'chat', perRequest, { requestNonce: 'n2' });
    expect(at(a.body, 'messages', 0, 'content')).toBe(tok('EMAIL', EMAIL, 'n1'));
    expect(at(a.body, 'messages', 0, 'content')).not.toBe(at(b.body, 'messages', 0, 'content'));
    const c = run(body, 'chat', makePolicy(), { requestNonce: 'n1' });
    const d = run(body, 'chat', makePolicy(), { requestNonce: 'n2' });
    expect(at(c.body, 'messages', 0, 'content')).toBe(at(d.body, 'messages', 0, 'content'));
  });

  it('shadow mode detects and counts, and returns the body unchanged with no mappings', () => {
    const body = {
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }, { type: 'text', text: EMAIL }] },
      ],
    };
    const before = structuredClone(body);
    const r = run(body, 'chat', makePolicy({ shadow: true, entities: { ...makePolicy().entities, EMAIL: rule('block') } }));
    expect(r.shadow).toBe(true);
    expect(r.body).toEqual(before);
    expect(r.mappings).toEqual([]);
    expect(r.tokens.size).toBe(0);
    expect(r.blocked).toEqual([]);
    expect(r.counts['EMAIL']?.block).toBe(1);
    expect(r.unreadable).toBe(1);
  });

  it('collects blocked types and still replaces their values', () => {
    const policy = makePolicy({ entities: { ...makePolicy().entities, PHONE: rule('block') } });
    const r = run({ messages: [{ role: 'user', content: `call ${PHONE} or ${EMAIL}` }] }, 'chat', policy);
    expect(r.blocked).toEqual(['PHONE']);
    expect(at(r.body, 'messages', 0, 'content')).toBe(`call [PHONE] or ${tok('EMAIL', EMAIL)}`);
    expect(r.mappings.map((m) => m.type)).toEqual(['EMAIL']);
  });

  it('masks keeping the last characters and separators', () => {
    const card = '4242 4242 4242 4242';
    const r = run({ messages: [{ role: 'user', content: `card ${card}` }] });
    expect(at(r.body, 'messages', 0, 'content')).toBe('card **** **** **** 4242');
    expect(r.counts['CREDIT_CARD']).toEqual({ tokenize: 0, mask: 1, block: 0, allow: 0 });
    expect(r.mappings).toEqual([]);
  });

  it('masks a name with name-safe characters', () => {
    const policy = makePolicy({ entities: { ...makePolicy().entities, PERSON: rule('mask', { maskKeepLast: 0 }) } });
    const r = run({ messages: [{ role: 'user', name: 'John Smith', content: 'John Smith here' }] }, 'chat', policy);
    expect(at(r.body, 'messages', 0, 'content')).toBe('**** ***** here');
    expect(at(r.body, 'messages', 0, 'name')).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(at(r.body, 'messages', 0, 'name')).not.toContain('John');
  });

  it('ignores findings below the rule confidence and types the policy does not list', () => {
    const entities = { ...makePolicy().entities };
    delete entities['PHONE'];
    const r = run({ messages: [{ role: 'user', content: `Paris, ${PHONE}` }] }, 'chat', makePolicy({ entities }));
    expect(at(r.body, 'messages', 0, 'content')).toBe(`Paris, ${PHONE}`);
    expect(r.counts).toEqual({});
  });

  it('counts allowed types without changing them', () => {
    const policy = makePolicy({ entities: { ...makePolicy().entities, EMAIL: rule('allow') } });
    const r = run({ messages: [{ role: 'user', content: EMAIL }] }, 'chat', policy);
    expect(at(r.body, 'messages', 0, 'content')).toBe(EMAIL);
    expect(r.counts['EMAIL']?.allow).toBe(1);
  });

  it('leaves tokens pasted by the caller untouched', () => {
    const pasted = '[EMAIL_0123456789abc]';
    const bare = 'PERSON_0123456789abc';
    const body = {
      messages: [
        { role: 'assistant', content: `I wrote to ${pasted}` },
        { role: 'user', name: bare, content: `Forward ${pasted} to ${EMAIL}` },
      ],
    };
    const r = run(body);
    expect(at(r.body, 'messages', 0, 'content')).toBe(`I wrote to ${pasted}`);
    expect(at(r.body, 'messages', 1, 'content')).toBe(`Forward ${pasted} to ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'messages', 1, 'name')).toBe(bare);
    expect(r.mappings).toHaveLength(1);
  });

  it('does not re-detect inside tokens even when a detector reports them', () => {
    const pasted = '[PHONE_0123456789abc]';
    const detector = {
      detect: (text: string) => {
        const i = text.indexOf('0123456789');
        return i < 0 ? [] : [{ type: 'PHONE', start: i, end: i + 10, confidence: 0.9, recognizer: 'x' }];
      },
    };
    const r = run({ messages: [{ role: 'user', content: `see ${pasted}` }] }, 'chat', makePolicy(), { detector });
    expect(at(r.body, 'messages', 0, 'content')).toBe(`see ${pasted}`);
    expect(r.mappings).toEqual([]);
  });

  it('does not mutate its input', () => {
    const body = {
      model: 'text-embedding-3-small',
      messages: [
        { role: 'user', name: 'Jane Doe', content: [{ type: 'text', text: EMAIL }, { type: 'image_url', image_url: { url: 'x' } }] },
        { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: JSON.stringify({ a: EMAIL }) } }] },
      ],
    };
    const before = structuredClone(body);
    const r = run(body, 'chat', makePolicy({ unreadableContent: 'drop' }));
    expect(body).toEqual(before);
    expect(r.body).not.toBe(body);
    expect(at(r.body, 'messages', 0, 'content')).toEqual([{ type: 'text', text: tok('EMAIL', EMAIL) }]);
  });
});

describe('anonymize: unreadable content', () => {
  const body = (): Obj => ({
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: `look ${EMAIL}` },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
          { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          { type: 'file', file: { file_id: 'file-1' } },
        ],
      },
    ],
  });

  it('refuses by policy', () => {
    try {
      run(body());
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GatewayError);
      expect((e as GatewayError).code).toBe('GW_ERR_UNSUPPORTED_CONTENT');
    }
  });

  it('drops parts by policy and counts them', () => {
    const r = run(body(), 'chat', makePolicy({ unreadableContent: 'drop' }));
    expect(at(r.body, 'messages', 0, 'content')).toEqual([{ type: 'text', text: `look ${tok('EMAIL', EMAIL)}` }]);
    expect(r.unreadable).toBe(3);
  });

  it('passes parts through by policy and counts them', () => {
    const r = run(body(), 'chat', makePolicy({ unreadableContent: 'allow' }));
    expect((at(r.body, 'messages', 0, 'content') as unknown[]).length).toBe(4);
    expect(at(r.body, 'messages', 0, 'content', 1)).toEqual(at(body(), 'messages', 0, 'content', 1));
    expect(r.unreadable).toBe(3);
  });

  it('treats long base64 blobs in text as unreadable', () => {
    const blob = Buffer.from(Array.from({ length: 900 }, (_, i) => (i * 37) % 256)).toString('base64');
    const msg = { messages: [{ role: 'user', content: `see data:image/png;base64,${blob} from ${EMAIL}` }] };
    expect(() => run(msg)).toThrow(GatewayError);
    const dropped = run(msg, 'chat', makePolicy({ unreadableContent: 'drop' }));
    expect(at(dropped.body, 'messages', 0, 'content')).toBe(`see  from ${tok('EMAIL', EMAIL)}`);
    expect(dropped.unreadable).toBe(1);
    const allowed = run(msg, 'chat', makePolicy({ unreadableContent: 'allow' }));
    expect(at(allowed.body, 'messages', 0, 'content')).toBe(`see data:image/png;base64,${blob} from ${tok('EMAIL', EMAIL)}`);
  });

  it('takes a run of 1024 base64 characters for a blob wherever it sits, and one of 1023 for text', () => {
    const run1024 = 'Ab1+/'.repeat(205).slice(0, 1024);
    const allow = makePolicy({ unreadableContent: 'allow' });
    for (const lead of ['', 'x ', 'see this: ', `${'word '.repeat(300)}`]) {
      expect(run({ messages: [{ role: 'user', content: `${lead}${run1024} end` }] }, 'chat', allow).unreadable).toBe(1);
      expect(run({ messages: [{ role: 'user', content: `${lead}${run1024.slice(1)} end` }] }, 'chat', allow).unreadable).toBe(0);
    }
  });

  it('takes base64 wrapped as MIME writes it, or split by spaces, for a blob too', () => {
    const b64 = Buffer.from('Customer Maria Gonzalez, card 4111 1111 1111 1111, maria.gonzalez@example.com. '.repeat(14)).toString('base64');
    expect(b64.length).toBeGreaterThan(1024);
    const lines = (n: number, sep: string): string => (b64.match(new RegExp(`.{1,${n}}`, 'g')) ?? []).join(sep);
    for (const wrapped of [lines(76, '\n'), lines(76, '\r\n'), lines(64, ' ')]) {
      const msg = { messages: [{ role: 'user', content: `attachment:\n${wrapped}\nthanks` }] };
      expect(() => run(msg)).toThrow(GatewayError);
      expect(run(msg, 'chat', makePolicy({ unreadableContent: 'allow' })).unreadable).toBe(1);
    }
    // prose with long lines is no blob
    const prose = { messages: [{ role: 'user', content: `${'The quick brown fox jumps over the lazy dog again and again. '.repeat(30)}` }] };
    expect(run(prose).unreadable).toBe(0);
  });

  it('takes a shorter base64 run that decodes to text for unreadable content, not one that decodes to bytes', () => {
    const encoded = Buffer.from('Customer Maria Gonzalez, card 4111 1111 1111 1111, maria.gonzalez@example.com').toString('base64');
    expect(encoded.length).toBeLessThan(1024);
    expect(() => run({ messages: [{ role: 'user', content: `decode this: ${encoded}` }] })).toThrow(GatewayError);
    const dropped = run({ messages: [{ role: 'user', content: `decode this: ${encoded} please` }] }, 'chat', makePolicy({ unreadableContent: 'drop' }));
    expect(at(dropped.body, 'messages', 0, 'content')).toBe('decode this:  please');
    // an ssh public key, a hash, a PEM body line and a JWT decode to bytes or are the secret recognizer's: text as ever
    const sshKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host';
    const bytes = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 97 + 13) % 256)).toString('base64');
    const jwt = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from('{"sub": "1234567890", "name": "John Doe", "admin": true, "iat": 1516239022}').toString('base64url')}.c2lnbmF0dXJl`;
    for (const t of [sshKey, `sha: ${bytes}`, `token ${jwt}`]) expect(run({ messages: [{ role: 'user', content: t }] }).unreadable).toBe(0);
  });

  it('does not take long words, digit runs or key-sized strings for blobs', () => {
    const long = 'a'.repeat(1100) + ' ' + '1'.repeat(1100) + ' ' + 'Ab1'.repeat(300);
    const r = run({ messages: [{ role: 'user', content: long }] });
    expect(r.unreadable).toBe(0);
  });
});

describe('anonymize: completions and embeddings', () => {
  it('scans completions prompt as string, string[] and suffix', () => {
    const a = run({ model: 'gpt-3.5-turbo-instruct', prompt: `Write to ${EMAIL}`, suffix: 'Regards, John Smith' }, 'completions');
    expect(at(a.body, 'prompt')).toBe(`Write to ${tok('EMAIL', EMAIL)}`);
    expect(at(a.body, 'suffix')).toBe(`Regards, ${tok('PERSON', 'John Smith')}`);
    const b = run({ model: 'gpt-3.5-turbo-instruct', prompt: [`a ${EMAIL}`, 'b Jane Doe', 'c'] }, 'completions');
    expect(at(b.body, 'prompt')).toEqual([`a ${tok('EMAIL', EMAIL)}`, `b ${tok('PERSON', 'Jane Doe')}`, 'c']);
  });

  it('scans embeddings input as string and string[]', () => {
    const a = run({ model: 'text-embedding-3-small', input: `about ${EMAIL}` }, 'embeddings');
    expect(at(a.body, 'input')).toBe(`about ${tok('EMAIL', EMAIL)}`);
    const b = run({ model: 'text-embedding-3-small', input: ['Jane Doe', 'nothing here', EMAIL] }, 'embeddings');
    expect(at(b.body, 'input')).toEqual([tok('PERSON', 'Jane Doe'), 'nothing here', tok('EMAIL', EMAIL)]);
  });

  it('decodes token-id input, and re-encodes it with the same encoding when data is found', () => {
    const enc = getTokenizer('cl100k_base');
    const ids = enc.encode(`contact ${EMAIL} today`);
    const clean = enc.encode('nothing personal');
    const idsBefore = [...ids];
    const r = run({ model: 'text-embedding-3-small', input: ids }, 'embeddings');
    expect(ids).toEqual(idsBefore);
    const out = at(r.body, 'input') as number[];
    expect(Array.isArray(out) && out.every((x) => Number.isInteger(x))).toBe(true);
    expect(enc.decode(out)).toBe(`contact ${tok('EMAIL', EMAIL)} today`);
    const many = run({ model: 'text-embedding-ada-002', input: [ids, clean] }, 'embeddings');
    const [first, second] = at(many.body, 'input') as number[][];
    expect(enc.decode(first ?? [])).toBe(`contact ${tok('EMAIL', EMAIL)} today`);
    expect(second).toEqual(clean);
  });

  it('decodes completions token-id prompts with o200k for gpt-4o', () => {
    expect(encodingNameForModel('gpt-4o-mini-2024-07-18')).toBe('o200k_base');
    expect(encodingNameForModel('openai/gpt-4.1-nano')).toBe('o200k_base');
    expect(encodingNameForModel('gpt-4-0613')).toBe('cl100k_base');
    const enc = getTokenizer('o200k_base');
    const prompt = [enc.encode('Dear Jane Doe,'), enc.encode('hi')];
    const r = run({ model: 'gpt-4o', prompt }, 'completions');
    const [first, second] = at(r.body, 'prompt') as number[][];
    expect(enc.decode(first ?? [])).toBe(`Dear ${tok('PERSON', 'Jane Doe')},`);
    expect(second).toEqual(prompt[1]);
  });

  it('treats token ids of an unknown model as unreadable', () => {
    const body = { model: 'my-local-llama', input: [1, 2, 3] };
    expect(() => run(body, 'embeddings')).toThrow(GatewayError);
    expect(() => run(body, 'embeddings', makePolicy({ unreadableContent: 'drop' }))).toThrow(GatewayError);
    const r = run(body, 'embeddings', makePolicy({ unreadableContent: 'allow' }));
    expect(at(r.body, 'input')).toEqual([1, 2, 3]);
    expect(r.unreadable).toBe(1);
  });
});

describe('anonymize: responses', () => {
  it('scans string input and instructions', () => {
    const r = run({ model: 'gpt-4o', instructions: `You help John Smith`, input: `Mail ${EMAIL}` }, 'responses');
    expect(at(r.body, 'instructions')).toBe(`You help ${tok('PERSON', 'John Smith')}`);
    expect(at(r.body, 'input')).toBe(`Mail ${tok('EMAIL', EMAIL)}`);
  });

  it('scans message items, function calls and their outputs', () => {
    const body = {
      model: 'gpt-4o',
      input: [
        { role: 'user', content: `I am Jane Doe` },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: `mail ${EMAIL}` }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `Calling ${PHONE}`, annotations: [] }] },
        { type: 'function_call', call_id: 'c1', name: 'dial', arguments: JSON.stringify({ number: PHONE }) },
        { type: 'function_call_output', call_id: 'c1', output: 'John Smith answered' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: `bounced ${EMAIL}` }] },
      ],
      tools: [{ type: 'function', name: 'dial', description: `Dials for ${EMAIL}`, parameters: { type: 'object', properties: {} } }],
    };
    const r = run(body, 'responses');
    const out = json(r.body);
    for (const v of [EMAIL, PHONE, 'John Smith', 'Jane Doe']) expect(out).not.toContain(v);
    expect(at(r.body, 'input', 0, 'content')).toBe(`I am ${tok('PERSON', 'Jane Doe')}`);
    expect(JSON.parse(at(r.body, 'input', 3, 'arguments') as string)).toEqual({ number: tok('PHONE', PHONE) });
    expect(at(r.body, 'input', 4, 'output')).toBe(`${tok('PERSON', 'John Smith')} answered`);
    expect(at(r.body, 'input', 5, 'output', 0, 'text')).toBe(`bounced ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'tools', 0, 'description')).toBe(`Dials for ${tok('EMAIL', EMAIL)}`);
    expect(at(r.body, 'input', 3, 'name')).toBe('dial');
  });

  it('refuses input_image parts by default and drops them by policy', () => {
    const body = { input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }, { type: 'input_image', image_url: 'https://x' }] }] };
    expect(() => run(body, 'responses')).toThrow(GatewayError);
    const r = run(body, 'responses', makePolicy({ unreadableContent: 'drop' }));
    expect(at(r.body, 'input', 0, 'content')).toEqual([{ type: 'input_text', text: 'hi' }]);
  });
});

describe('anonymize: detect cache', () => {
  it('does not detect the repeated history again', () => {
    const cache = new DetectCache(100);
    const detector = new TestDetector();
    const history = Array.from({ length: 20 }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `Turn ${i}: a message long enough to be cached, from ${EMAIL}`,
    }));
    const policy = makePolicy();
    const first = anonymize({ body: { messages: history }, route: 'chat', policy, detector, tenantKey: TENANT_KEY, requestNonce: 'a', detectCache: cache });
    expect(detector.calls).toBe(20);
    const next = [...history, { role: 'user', content: 'A new turn that is long enough to be cached too' }];
    const second = anonymize({ body: { messages: next }, route: 'chat', policy, detector, tenantKey: TENANT_KEY, requestNonce: 'b', detectCache: cache });
    expect(detector.calls).toBe(21);
    expect(cache.hits).toBe(20);
    expect(at(second.body, 'messages', 5, 'content')).toBe(at(first.body, 'messages', 5, 'content'));
    // another detector configuration does not share entries
    anonymize({ body: { messages: history }, route: 'chat', policy: makePolicy({ detectorKey: 'other' }), detector, tenantKey: TENANT_KEY, requestNonce: 'c', detectCache: cache });
    expect(detector.calls).toBe(41);
  });
});

describe('anonymize: blobs passed through', () => {
  it('never replaces inside a blob the policy allows', () => {
    const blob = 'Ab1'.repeat(350) + '5550100199' + 'xY'.repeat(10);
    const body = { messages: [{ role: 'user', content: `${blob} call 5550100199` }] };
    const r = run(body, 'chat', makePolicy({ unreadableContent: 'allow' }));
    expect(at(r.body, 'messages', 0, 'content')).toBe(`${blob} call ${tok('PHONE', '5550100199')}`);
    expect(r.unreadable).toBe(1);
  });
});

describe('anonymize: case folding that changes length', () => {
  it('still finds an e-mail address in a text whose lower case is longer', () => {
    const body = {
      messages: [
        { role: 'user', content: `mail ${EMAIL}` },
        { role: 'user', content: `[[skip]] İstanbul: ${EMAIL.toUpperCase()}` },
      ],
    };
    const r = run(body);
    expect(at(r.body, 'messages', 1, 'content')).toBe(`[[skip]] İstanbul: ${tok('EMAIL', EMAIL)}`);
  });
});

describe('anonymize: hostile shapes', () => {
  it('keeps a `__proto__` key as data and still scans the body', () => {
    const body = JSON.parse(`{"__proto__": {"x": 1}, "messages": [{"role": "user", "content": "${EMAIL}"}], "metadata": {"__proto__": "${EMAIL}"}}`) as Obj;
    const r = run(body);
    expect(Object.getPrototypeOf(r.body)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(r.body))).toEqual({
      ['__proto__']: { x: 1 },
      messages: [{ role: 'user', content: tok('EMAIL', EMAIL) }],
      metadata: { ['__proto__']: tok('EMAIL', EMAIL) },
    });
  });

  it('refuses bodies nested too deeply instead of overflowing the stack', () => {
    const deep = JSON.parse(`{"messages": [], "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`) as Obj;
    expect(() => run(deep)).toThrow(GatewayError);
    const args = `${'['.repeat(5000)}"${EMAIL}"${']'.repeat(5000)}`;
    const nested = { messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }] };
    expect(() => run(nested)).toThrow(GatewayError);
  });
});
