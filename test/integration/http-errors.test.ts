/**
 * Errors raised before a request reaches the gateway's routes, at the HTTP parser (headers over
 * Node's limit, a malformed request line or Content-Length) or the router (a URL that cannot be
 * decoded), are in OpenAI's shape like every other error, and echo nothing of the request; so is
 * a body nested deeper than the stages after the parser could walk.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

let mock: MockUpstream;
let gw: TestGateway;
let port: number;
let token: string;

beforeAll(async () => {
  const keys = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null' }));
  port = Number(new URL(gw.url).port);
  token = await signToken(keys, {});
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

/** Sends raw bytes, returns everything the gateway answers until it closes the connection. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(out) : reject(err)));
    socket.on('close', () => resolve(out));
    socket.setTimeout(5000, () => socket.destroy());
    socket.write(request);
  });
}

function parse(response: string): { status: number; contentType: string | undefined; body: { error?: { message: string; type: string; code: string } } } {
  const [head = '', body = ''] = response.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const contentType = /\r\ncontent-type: ([^\r]+)/i.exec(head)?.[1];
  return { status, contentType, body: JSON.parse(body) as { error?: { message: string; type: string; code: string } } };
}

describe('errors before the routes, in OpenAI shape', () => {
  it('an Authorization header over Node\'s header limit: 431 request_too_large', async () => {
    const big = `Bearer ${'a'.repeat(20_000)}`;
    const r = await fetch(`${gw.url}/v1/models`, { headers: { authorization: big } });
    expect(r.status).toBe(431);
    expect(r.headers.get('content-type')).toContain('application/json');
    const body = (await r.json()) as { error: unknown };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'request_too_large', message: expect.any(String) });
  });

  it('Content-Length: abc: 400 invalid_request', async () => {
    const r = parse(await raw(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: abc\r\n\r\n`));
    expect(r.status).toBe(400);
    expect(r.contentType).toContain('application/json');
    expect(r.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_request' });
  });

  it('a malformed request line: 400 invalid_request', async () => {
    const r = parse(await raw('GARBAGE\r\n\r\n'));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_request' });
  });

  it('a URL that cannot be decoded: 400 invalid_request that does not echo the path', async () => {
    const r = await fetch(`${gw.url}/v1/responses/jane.doe%40example.com%E0%A4%A`, { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(400);
    const text = await r.text();
    expect(text).not.toContain('jane');
    expect((JSON.parse(text) as { error: unknown }).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_request' });
  });

  it('a body nested 30,000, 50,000 or 200,000 levels deep: 400 invalid_request, never a 500', async () => {
    for (const levels of [300, 30_000, 50_000, 200_000]) {
      const body = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(levels)}${']'.repeat(levels)}}`;
      const r = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
      expect({ levels, status: r.status }).toEqual({ levels, status: 400 });
      expect(((await r.json()) as { error: unknown }).error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_request', message: expect.stringContaining('nested too deeply') });
    }
    expect(mock.requests).toHaveLength(0);
  });

  it('the gateway keeps serving afterwards', async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });
});
