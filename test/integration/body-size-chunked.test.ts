/**
 * The policy's body limit (limits.max_body_bytes) and the worker offload of large bodies were decided
 * from the Content-Length header alone: a chunked request (no Content-Length) passed the policy limit
 * and was anonymized on the event loop. The size is now the bytes actually received.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { writePolicy } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

const POLICY = readFileSync('config/policy.yaml', 'utf8').replace(
  /^tenants: \{\}$/m,
  `tenants:
  small:
    limits: { max_body_bytes: 2000 }
`,
);

function postChunked(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 500) req.write(body.slice(i, i + 500));
    req.end();
  });
}

describe('request size without Content-Length (chunked)', () => {
  let keys: TestKeys;
  let mock: MockUpstream;
  let gw: TestGateway;
  beforeAll(async () => {
    keys = await createTestKeys();
    mock = await startMockUpstream();
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', POLICY_FILE: writePolicy(POLICY) }));
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
  });
  beforeEach(() => mock.reset());

  it('the policy body limit holds for a chunked body: 413, nothing forwarded', async () => {
    const token = await signToken(keys, { tenant: 'small' });
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
    const r = await postChunked(gw.url, token, body);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.text)).toMatchObject({ error: { code: 'request_too_large' } });
    expect(mock.requests).toHaveLength(0);
  });

  it('a small chunked body is still forwarded', async () => {
    const token = await signToken(keys, { tenant: 'small' });
    const r = await postChunked(gw.url, token, JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }));
    expect(r.status).toBe(200);
    expect(mock.requests).toHaveLength(1);
  });

  it('a body over the gateway limit, still being uploaded when refused, gets its 413 (no reset)', async () => {
    const token = await signToken(keys);
    const size = 5 * 1024 * 1024;
    const result = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(size) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // written slowly, in pieces, as a client on a real network would: the refusal comes long before the end
      const piece = Buffer.alloc(256 * 1024, 0x78);
      let sent = 0;
      const next = (): void => {
        if (sent >= size) return void req.end();
        const n = Math.min(piece.length, size - sent);
        sent += n;
        req.write(piece.subarray(0, n), () => setTimeout(next, 5));
      };
      next();
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.text)).toMatchObject({ error: { code: 'request_too_large' } });
    expect(mock.requests).toHaveLength(0);
  });
});
