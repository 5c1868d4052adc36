import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { opsRun, readAudit, send, waitForAudit } from '../helpers/ops.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

/**
 * Response scan (policy `response_scan: count`, the default): personal data in the answer that did not
 * come from the prompt is counted in the audit record, the answer is not changed. The scan shares the
 * request path's detect cache, so the next turn, which sends the answer back as history, finds it
 * detected: that history is still anonymized before it reaches the upstream.
 */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let token: string;
const auditFile = run.auditFile('response-scan');

const NEW_EMAIL = 'evelyn.hargreaves@clinic.example.net';
const NEW_PHONE = '+44 20 7946 0321';

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  gw = await startTestGateway(testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: auditFile }));
  token = await signToken(keys, { tenant: 'scanco', sub: 'agent-1' });
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await run.cleanup();
});

describe('response scan', () => {
  it('counts personal data the model added, leaves the answer as it is, and the answer sent back as history is anonymized', async () => {
    const answer = `Please write to ${NEW_EMAIL} or call ${NEW_PHONE} about the refund.`;
    mock.answer = answer;
    const first = await send(gw.url, 'POST', '/v1/chat/completions', token, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Who handles refunds for order 4471?' }] });
    mock.answer = undefined;
    expect(first.status).toBe(200);
    const content = first.json<{ choices: { message: { content: string } }[] }>().choices[0]?.message.content;
    expect(content).toBe(answer);
    const id = first.headers.get('x-request-id');
    const records = await waitForAudit(auditFile, (rs) => rs.some((r) => r.requestId === id));
    const rec = records.find((r) => r.requestId === id);
    expect(rec?.responseDetected).toMatchObject({ EMAIL: 1, PHONE: 1 });

    // turn 2: the answer comes back as an assistant message; its values must not reach the upstream
    mock.requests.length = 0;
    const second = await send(gw.url, 'POST', '/v1/chat/completions', token, {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'Who handles refunds for order 4471?' },
        { role: 'assistant', content: answer },
        { role: 'user', content: 'Thanks, what are their opening hours?' },
      ],
    });
    expect(second.status).toBe(200);
    const upstreamSaw = mock.requests.map((r) => r.bodyText).join('\n');
    expect(upstreamSaw).not.toContain(NEW_EMAIL);
    expect(upstreamSaw).not.toContain('7946 0321');
    expect(upstreamSaw).toMatch(/\[EMAIL_[a-z0-9]+\]/);
    expect(readAudit(auditFile).length).toBeGreaterThanOrEqual(1);
  });

  it('counts each choice of a stream with n > 1 whole, though their chunks interleave', async () => {
    mock.answer = `Please write to ${NEW_EMAIL} or call ${NEW_PHONE} about the refund.`;
    const r = await send(gw.url, 'POST', '/v1/chat/completions', token, { model: 'gpt-4o-mini', n: 2, stream: true, messages: [{ role: 'user', content: 'Who handles refunds for order 4471?' }] });
    mock.answer = undefined;
    expect(r.status).toBe(200);
    const id = r.headers.get('x-request-id');
    const records = await waitForAudit(auditFile, (rs) => rs.some((x) => x.requestId === id));
    expect(records.find((x) => x.requestId === id)?.responseDetected).toEqual({ EMAIL: 2, PHONE: 2 });
  });
});
