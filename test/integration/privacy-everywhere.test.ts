/**
 * Leaks a black-box probe found, end to end (official openai SDK → gateway with the default policy and
 * the shared Redis vault → recording mock upstream):
 * - invariant 7: a value found in a message is replaced in every other field too: `stop`, a field the
 *   gateway does not know, the keys of tool-call argument JSON;
 * - invariant 2: JSON-schema text (tool parameters' description and enum, chat response_format.json_schema,
 *   Responses text.format) is scanned when the value appears nowhere else;
 * - a message `name` written with underscores (`Fiona_Fieldhouse`) is found and tokenized whole;
 * - an answer the caller asked to be JSON gets its originals JSON-escaped, so it still parses.
 */
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { NAME_TOKEN_RE, clientFor, expectNoneOf, tokensIn, upstreamDump, vaultModes, type VaultMode } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

type Obj = Record<string, unknown>;
type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

const EMAIL = 'fiona.field@acmecorp.io';
const SCHEMA_EMAIL = 'gustav.enumson@northwind-mail.com';
const CONST_EMAIL = 'hana.constable@contoso-clinic.org';
const PERSON = 'Fiona Fieldhouse';

describe('privacy of fields beside the message text (redis vault)', () => {
  const mode: VaultMode = vaultModes(inject('redisUrl')).find((m) => m.name === 'redis')!;
  let keys: TestKeys;
  let mock: MockUpstream;
  let gw: TestGateway;
  let ai: OpenAI;

  beforeAll(async () => {
    keys = await createTestKeys();
    mock = await startMockUpstream();
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', ...mode.env() }));
    ai = await clientFor(gw.url, keys, 'acme');
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
    await mode.cleanup();
  });
  beforeEach(() => mock.reset());

  const lastBody = (): Obj => {
    const b = mock.requests.at(-1)?.body;
    expect(b).toBeDefined();
    return b as Obj;
  };

  it('invariant 7: a value found in a message is replaced in stop, an unknown field and tool-argument keys, with its token', async () => {
    // fields the SDK types do not list are sent as given
    const params = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: `my mail is ${EMAIL}` },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'save', arguments: JSON.stringify({ [EMAIL]: 1 }) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
        { role: 'user', content: 'thanks' },
      ],
      stop: [EMAIL],
      extra: EMAIL,
    } as unknown as ChatParams;
    const r = await ai.chat.completions.create(params);
    expect(r.choices[0]?.message.content).toBe('You said: thanks');
    expectNoneOf(upstreamDump(mock), [EMAIL], 'upstream');

    const body = lastBody();
    const messages = body['messages'] as Obj[];
    const [token] = tokensIn(String(messages[0]?.['content']), 'EMAIL');
    expect(token).toBeDefined();
    expect(body['stop']).toEqual([token]);
    expect(body['extra']).toBe(token);
    const args = (((messages[1]?.['tool_calls'] as Obj[])[0]?.['function'] as Obj)['arguments']) as string;
    expect(JSON.parse(args)).toEqual({ [token!]: 1 });
  });

  it('invariant 2: tool parameter descriptions and enums, chat response_format.json_schema', async () => {
    const params = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'notify',
            parameters: { type: 'object', properties: { to: { type: 'object', properties: { email: { type: 'string', description: `e.g. ${EMAIL}`, enum: [SCHEMA_EMAIL] } } } } },
          },
        },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'reply', description: `A reply for ${PERSON}`, schema: { type: 'object', properties: { cc: { const: CONST_EMAIL } } } },
      },
    } as unknown as ChatParams;
    await ai.chat.completions.create(params);
    expectNoneOf(upstreamDump(mock), [EMAIL, SCHEMA_EMAIL, CONST_EMAIL, PERSON], 'upstream');
    const body = lastBody();
    const text = JSON.stringify(body);
    expect(tokensIn(text, 'EMAIL')).toHaveLength(3);
    expect(tokensIn(text, 'PERSON')).toHaveLength(1);
    // names of tools, schemas and properties are left alone
    expect((body['response_format'] as { json_schema: Obj }).json_schema['name']).toBe('reply');
  });

  it('invariant 2: Responses text.format description and schema', async () => {
    await ai.responses.create({
      model: 'gpt-4o-mini',
      input: 'hi',
      text: {
        format: { type: 'json_schema', name: 'reply', description: `For ${PERSON}`, schema: { type: 'object', properties: { to: { type: 'string', enum: [SCHEMA_EMAIL] } } } },
      },
    });
    expectNoneOf(upstreamDump(mock), [SCHEMA_EMAIL, PERSON], 'upstream');
    expect(tokensIn(JSON.stringify(lastBody()), 'EMAIL')).toHaveLength(1);
  });

  it('a message name joined with underscores is detected and tokenized whole, in the bare form', async () => {
    await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', name: 'Fiona_Fieldhouse', content: 'hi' }] });
    expectNoneOf(upstreamDump(mock), [PERSON, 'Fiona_Fieldhouse', 'Fieldhouse'], 'upstream');
    const name = (lastBody()['messages'] as Obj[])[0]?.['name'];
    expect(name).toMatch(NAME_TOKEN_RE);
    expect(String(name).startsWith('PERSON_')).toBe(true);
  });

  it('a JSON answer (response_format, text.format) stays valid JSON when an original with a line break or a quote is put back', async () => {
    const said = 'Ship to:\nPriya Raghunathan\n221B Baker Street\nLondon NW1 6XE\nNote: she goes by "Pri"';
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: said }];
    // non-streaming
    const r = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_object' } });
    expectNoneOf(upstreamDump(mock), ['Priya Raghunathan', '221B Baker Street'], 'upstream');
    expect(JSON.parse(r.choices[0]?.message.content ?? '')).toEqual({ said });
    // streaming, in small chunks
    const stream = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_object' }, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toEqual({ said });
    // Responses API with a JSON schema
    const resp = await ai.responses.create({ model: 'gpt-4o-mini', input: said, text: { format: { type: 'json_schema', name: 'shipping', schema: { type: 'object', properties: { said: { type: 'string' } } } } } });
    expect(JSON.parse(resp.output_text)).toEqual({ said });
    // a plain answer keeps the line breaks as they are
    const plain = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(plain.choices[0]?.message.content).toBe(`You said: ${said}`);
  });
});

