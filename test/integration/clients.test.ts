import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { embedMany, generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// Drop-in compatibility: the usual frameworks, pointed at the gateway by base URL alone.
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let token: string;

const EMAIL = 'lena.fischer@example.org';
const PHONE = '+44 20 7946 0958';
const TEXT = `Hello, this is Lena Fischer. Reach me at ${EMAIL} or ${PHONE}.`;

function upstreamSaw(): string {
  return JSON.stringify(mock.requests.map((r) => r.body));
}

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, mock.url));
  token = await signToken(keys);
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

describe('Vercel AI SDK', () => {
  it('generateText over the Responses API', async () => {
    mock.reset();
    const openai = createOpenAI({ baseURL: `${gw.url}/v1`, apiKey: token });
    const r = await generateText({ model: openai('gpt-4o-mini'), prompt: TEXT, maxRetries: 0 });
    expect(r.text).toContain(EMAIL);
    expect(r.text).toContain(PHONE);
    expect(upstreamSaw()).not.toContain(EMAIL);
    expect(upstreamSaw()).not.toContain('Lena Fischer');
  });

  it('streamText over chat completions', async () => {
    mock.reset();
    const openai = createOpenAI({ baseURL: `${gw.url}/v1`, apiKey: token });
    const r = streamText({ model: openai.chat('gpt-4o-mini'), prompt: TEXT, maxRetries: 0 });
    let text = '';
    for await (const part of r.textStream) text += part;
    expect(text).toContain(EMAIL);
    expect(text).toContain(PHONE);
    expect(upstreamSaw()).not.toContain(EMAIL);
  });

  it('streamText over the Responses API', async () => {
    mock.reset();
    const openai = createOpenAI({ baseURL: `${gw.url}/v1`, apiKey: token });
    const r = streamText({ model: openai.responses('gpt-4o-mini'), prompt: TEXT, maxRetries: 0 });
    let text = '';
    for await (const part of r.textStream) text += part;
    expect(text).toContain(EMAIL);
    expect(upstreamSaw()).not.toContain(EMAIL);
  });

  it('embedMany', async () => {
    mock.reset();
    const openai = createOpenAI({ baseURL: `${gw.url}/v1`, apiKey: token });
    const r = await embedMany({ model: openai.textEmbeddingModel('text-embedding-3-small'), values: [TEXT, 'no personal data here'], maxRetries: 0 });
    expect(r.embeddings).toHaveLength(2);
    expect(upstreamSaw()).not.toContain(EMAIL);
  });
});

describe('LangChain', () => {
  it('ChatOpenAI invoke and stream', async () => {
    mock.reset();
    const llm = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: token, configuration: { baseURL: `${gw.url}/v1` }, maxRetries: 0 });
    const r = await llm.invoke(TEXT);
    expect(String(r.content)).toContain(EMAIL);
    let streamed = '';
    for await (const chunk of await llm.stream(TEXT)) streamed += String(chunk.content);
    expect(streamed).toContain(PHONE);
    expect(upstreamSaw()).not.toContain(EMAIL);
    expect(upstreamSaw()).not.toContain(PHONE);
  });

  it('ChatOpenAI tool calls come back with the originals in their arguments', async () => {
    mock.reset();
    const llm = new ChatOpenAI({ model: 'mock-tools', apiKey: token, configuration: { baseURL: `${gw.url}/v1` }, maxRetries: 0 }).bindTools([
      { type: 'function', function: { name: 'save_note', description: 'Save a note', parameters: { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] } } },
    ]);
    const r = await llm.invoke(TEXT);
    const args = r.tool_calls?.[0]?.args as { note?: string } | undefined;
    expect(args?.note).toContain(EMAIL);
    expect(upstreamSaw()).not.toContain(EMAIL);
  });

  it('OpenAIEmbeddings', async () => {
    mock.reset();
    const emb = new OpenAIEmbeddings({ model: 'text-embedding-3-small', apiKey: token, configuration: { baseURL: `${gw.url}/v1` }, maxRetries: 0 });
    const v = await emb.embedDocuments([TEXT]);
    expect(v).toHaveLength(1);
    expect(upstreamSaw()).not.toContain(EMAIL);
  });
});
