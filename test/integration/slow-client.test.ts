/**
 * Slow clients (slowloris): a client must send its whole request within REQUEST_TIMEOUT_MS. One that
 * trickles its body gets a 408 in OpenAI's shape and its connection is closed, so it cannot hold a
 * connection and a file descriptor forever (Fastify's default request timeout is none at all: probe 5
 * held 200 trickling connections open for 120 s and more). Only the request is timed: a streamed answer
 * may last longer than the timeout.
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
  gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', REQUEST_TIMEOUT_MS: '1000' }));
  port = Number(new URL(gw.url).port);
  token = await signToken(keys, {});
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

describe('request timeout', () => {
  it('a body trickled byte by byte: 408 invalid_request in OpenAI shape, connection closed', async () => {
    const t0 = Date.now();
    const { out, closedAfterMs } = await new Promise<{ out: string; closedAfterMs: number }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let out = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => (out += d));
      socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
      const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
      socket.on('close', () => {
        clearInterval(trickle);
        resolve({ out, closedAfterMs: Date.now() - t0 });
      });
      setTimeout(() => socket.destroy(), 8000).unref();
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    });
    expect(closedAfterMs).toBeLessThan(5000);
    const [head = '', body = ''] = out.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(body)).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_request', message: expect.any(String) } });
    expect(mock.requests).toHaveLength(0);
  });

  it('a streamed answer longer than the request timeout is not cut', async () => {
    const r = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock-slow-stream', stream: true, messages: [{ role: 'user', content: 'hello there' }] }),
    });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('data: [DONE]');
    expect(text).not.toContain('"error"');
  });
});
