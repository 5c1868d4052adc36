import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, `${mock.url}/v1`, { UPSTREAM_TIMEOUT_MS: '1000' }));
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: await signToken(keys), maxRetries: 0 });
});
afterAll(async () => {
  await gw?.gateway.close(500);
  await mock?.close();
});

describe('OpenAI-compatible forwarding with the official SDK', () => {
  it('chat completion (non-streaming)', async () => {
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello there' }] });
    expect(r.object).toBe('chat.completion');
    expect(r.choices[0]?.message.content).toContain('hello there');
    expect(r.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('chat completion streaming, with the usage chunk', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream me please' }] });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('You said: stream me please');
    expect(usage).toBeDefined();
  });

  it('embeddings and models', async () => {
    const e = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(e.data).toHaveLength(2);
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });

  it('takes the upstream path prefix from UPSTREAM_URL without doubling /v1', async () => {
    mock.reset();
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
    expect(mock.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('takes x-request-id from the caller and returns it; generates one otherwise', async () => {
    const token = await signToken(keys);
    const r = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'abc-123' } });
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    const r2 = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${token}` } });
    expect(r2.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('drops hop-by-hop headers', async () => {
    mock.reset();
    const token = await signToken(keys);
    await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'proxy-authorization': 'Basic x', te: 'trailers', 'x-custom-secret': 'zzz' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }) });
    const h = mock.requests[0]?.headers ?? {};
    expect(h['proxy-authorization']).toBeUndefined();
    expect(h['x-custom-secret']).toBeUndefined();
  });
});

describe('errors in OpenAI shape', () => {
  async function post(path: string, body: string, contentType = 'application/json'): Promise<Response> {
    return fetch(`${gw.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${await signToken(keys)}`, 'content-type': contentType }, body });
  }

  it('GET /v1/responses/{id} forwards a plain id and refuses one an upstream could read as another path', async () => {
    const jwt = await signToken(keys);
    mock.reset();
    for (const id of ['..%2F..%2Fadmin', 'a%2Fb', 'x%40y.com', 'a..b']) {
      const r = await fetch(`${gw.url}/v1/responses/${id}`, { headers: { authorization: `Bearer ${jwt}` } });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(mock.requests).toHaveLength(0);
    const ok = await fetch(`${gw.url}/v1/responses/resp_67cb71b351908190a308f3859487620d`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(ok.status).not.toBe(400);
  });

  it('GET /v1/responses/{id} passes on the query of OpenAI\'s retrieve (include[], stream) and nothing else', async () => {
    const jwt = await signToken(keys);
    const sdk = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: jwt, maxRetries: 0 });
    mock.reset();
    const got = await sdk.responses.retrieve('resp_67cb71b3', { include: ['message.output_text.logprobs', 'reasoning.encrypted_content'] });
    expect(got.id).toBe('resp_67cb71b3');
    expect(new URLSearchParams(mock.requests[0]?.query).getAll('include[]')).toEqual(['message.output_text.logprobs', 'reasoning.encrypted_content']);

    // stream=true: the upstream replays the stored response as events, and the SDK reads them as a stream
    mock.reset();
    const stream = await sdk.responses.retrieve('resp_67cb71b3', { stream: true, starting_after: 0 });
    const types: string[] = [];
    for await (const e of stream) types.push(e.type);
    expect(types).toContain('response.completed');
    expect(new URLSearchParams(mock.requests[0]?.query).get('stream')).toBe('true');
    expect(new URLSearchParams(mock.requests[0]?.query).get('starting_after')).toBe('0');

    // a parameter the retrieve call does not know is not sent on (its value was never scanned); a known one
    // with a value of the wrong form is refused
    mock.reset();
    const r = await fetch(`${gw.url}/v1/responses/resp_1?note=jane.doe%40example.com&include_obfuscation=false`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(r.status).toBe(200);
    expect(mock.requests[0]?.query).toBe('include_obfuscation=false');
    mock.reset();
    const bad = await fetch(`${gw.url}/v1/responses/resp_1?include[]=jane.doe%40example.com`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).not.toContain('jane');
    expect(mock.requests).toHaveLength(0);
  });

  it('400 invalid_request for a request that names no model', async () => {
    mock.reset();
    for (const body of ['{"messages":[{"role":"user","content":"hi"}]}', '{"model":42,"messages":[]}', '{"model":"","input":"x"}']) {
      const r = await post('/v1/chat/completions', body);
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(mock.requests).toHaveLength(0);
  });

  it('404 for unknown paths', async () => {
    const r = await fetch(`${gw.url}/v2/whatever`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('400 invalid_request for bad JSON and wrong content type', async () => {
    const a = await post('/v1/chat/completions', '{"model": ');
    expect(a.status).toBe(400);
    expect(((await a.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const b = await post('/v1/chat/completions', 'hello', 'text/plain');
    expect(b.status).toBe(400);
    expect(((await b.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('413 request_too_large over BODY_LIMIT_BYTES', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'a'.repeat(4_300_000) }] }));
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });

  it('passes upstream errors through with status and body; 429 keeps Retry-After', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-error-400', messages: [{ role: 'user', content: 'x' }] }));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('mock 400');
    const l = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-error-429', messages: [{ role: 'user', content: 'x' }] }));
    expect(l.status).toBe(429);
    expect(l.headers.get('retry-after')).toBe('7');
  });

  it('502 upstream_auth_failed when the upstream refuses the gateway key', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-unauthorized', messages: [{ role: 'user', content: 'x' }] }));
    expect(r.status).toBe(502);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('upstream_auth_failed');
  });

  it('504 upstream_timeout when the upstream hangs', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-hang', messages: [{ role: 'user', content: 'x' }] }));
    expect(r.status).toBe(504);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('upstream_timeout');
  });

  it('a stream broken mid-way ends with one SSE error event', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ model: 'mock-broken-stream', stream: true, messages: [{ role: 'user', content: 'a fairly long message to stream' }] }));
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toMatch(/data: \{"error":\{"message":"[^"]+","type":"server_error","code":"upstream_unavailable"\}\}\n\n$/);
  });

  it('a client disconnecting mid-stream aborts the upstream request', async () => {
    mock.reset();
    const ac = new AbortController();
    const r = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', signal: ac.signal, headers: { authorization: `Bearer ${await signToken(keys)}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'mock-slow-stream', stream: true, messages: [{ role: 'user', content: 'x'.repeat(200) }] }) });
    const reader = r.body!.getReader();
    await reader.read();
    ac.abort();
    await new Promise((res) => setTimeout(res, 300));
    expect(mock.aborted).toBe(1);
  });
});

describe('upstream down', () => {
  it('502 upstream_unavailable, and the gateway stays up', async () => {
    const down = await startTestGateway(testEnv(keys, 'http://127.0.0.1:1'));
    try {
      const r = await fetch(`${down.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${await signToken(keys)}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'x', messages: [{ role: 'user', content: 'x' }] }) });
      expect(r.status).toBe(502);
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('upstream_unavailable');
      expect(body.error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
