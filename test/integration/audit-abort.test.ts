import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// A caller that goes away mid-stream still leaves exactly one audit record (Fastify's onResponse
// does not run for a response that never finished).
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let audit: string;

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  audit = join(mkdtempSync(join(tmpdir(), 'pgw-audit-')), 'audit.log');
  gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: audit, LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

function records(): Record<string, unknown>[] {
  return existsSync(audit) ? readFileSync(audit, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
}

describe('a caller that disconnects mid-stream', () => {
  it('is audited once, as failed / client_aborted, with re-identification marked incomplete', async () => {
    const ac = new AbortController();
    const r = await fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      signal: ac.signal,
      headers: { authorization: `Bearer ${await signToken(keys)}`, 'content-type': 'application/json', 'x-request-id': 'abort-1' },
      body: JSON.stringify({ model: 'mock-slow-stream', stream: true, messages: [{ role: 'user', content: 'write to jane.doe@example.com please' }] }),
    });
    await r.body?.getReader().read();
    ac.abort();
    const deadline = Date.now() + 3000;
    while (records().length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 300));
    const mine = records().filter((x) => x['requestId'] === 'abort-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ decision: 'failed', reason: 'client_aborted', stream: true, route: 'chat' });
    expect((mine[0]?.['reidentification'] as { complete?: boolean } | undefined)?.complete).toBe(false);
    expect(mock.aborted).toBe(1);
  });
});
