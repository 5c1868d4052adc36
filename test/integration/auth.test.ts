import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackTokens, createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, mock.url));
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

async function chat(token: string | undefined): Promise<Response> {
  return fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
  });
}

describe('zero-trust auth on every model route', () => {
  it('accepts a valid token and forwards', async () => {
    mock.reset();
    const r = await chat(await signToken(keys));
    expect(r.status).toBe(200);
    expect(mock.requests).toHaveLength(1);
  });

  it('refuses a request without a token with 401, WWW-Authenticate and OpenAI error shape', async () => {
    mock.reset();
    const r = await chat(undefined);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const body = (await r.json()) as { error: { code: string; type: string; message: string } };
    expect(body.error.code).toBe('invalid_token');
    expect(body.error.type).toBe('authentication_error');
    expect(mock.requests).toHaveLength(0);
  });

  const attacks = ['garbage', 'algNone', 'algConfusionHs256', 'expired', 'notYetValid', 'issuedInTheFuture', 'wrongIssuer', 'wrongAudience', 'unknownKid', 'tamperedPayload', 'keyNotInJwks', 'embeddedJwk', 'missingTenant'];
  for (const name of attacks) {
    it(`refuses the attack token "${name}" with 401 and forwards nothing`, async () => {
      const tokens = await attackTokens(keys);
      mock.reset();
      const token = tokens[name];
      expect(token).toBeDefined();
      const r = await chat(token);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
      const body = (await r.json()) as { error: { code: string } };
      expect(body.error.code).toBe('invalid_token');
      expect(mock.requests).toHaveLength(0);
    });
  }

  it('refuses a request with two Authorization headers, whichever comes first', async () => {
    const valid = await signToken(keys);
    for (const pair of [[`Bearer ${valid}`, 'Bearer garbage'], ['Bearer garbage', `Bearer ${valid}`], [`Bearer ${valid}`, `Bearer ${valid}`]]) {
      mock.reset();
      const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
      // (written on a raw socket: fetch and http.request join or refuse repeated headers)
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(gw.url);
        const sock = net.connect(Number(u.port), u.hostname, () => {
          sock.end(
            `POST /v1/chat/completions HTTP/1.1\r\nhost: ${u.host}\r\nauthorization: ${pair[0]}\r\nauthorization: ${pair[1]}\r\n` +
              `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
          );
        });
        let text = '';
        sock.setEncoding('utf8');
        sock.on('data', (c: string) => (text += c));
        sock.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) }));
        sock.on('error', reject);
      });
      expect(res.body).toContain('invalid_token');
      expect(res.status).toBe(401);
      expect(mock.requests).toHaveLength(0);
    }
  });

  it('refuses a token without the route scope with 403 insufficient_scope', async () => {
    mock.reset();
    const r = await chat(await signToken(keys, { scope: 'llm:embed' }));
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('insufficient_scope');
    expect(mock.requests).toHaveLength(0);
  });

  it('accepts scopes from the scp array claim', async () => {
    mock.reset();
    const r = await chat(await signToken(keys, { scope: null, scp: ['llm:chat'] }));
    expect(r.status).toBe(200);
  });

  it('refuses embeddings with only llm:chat, accepts GET /v1/models with either scope', async () => {
    const token = await signToken(keys, { scope: 'llm:chat' });
    const e = await fetch(`${gw.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }) });
    expect(e.status).toBe(403);
    const m = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${await signToken(keys, { scope: 'llm:embed' })}` } });
    expect(m.status).toBe(200);
  });

  it('never forwards the caller Authorization header; sends the gateway key instead', async () => {
    mock.reset();
    const token = await signToken(keys);
    await chat(token);
    const seen = mock.requests[0];
    expect(seen?.headers['authorization']).toBe('Bearer sk-gateway-own-key');
    expect(JSON.stringify(seen?.headers)).not.toContain(token);
  });

  it('keeps /healthz and /readyz open', async () => {
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });
});
