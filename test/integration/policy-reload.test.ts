import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// The security team edits the policy; the running gateway picks it up, and a broken edit never
// replaces a working policy.
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let file: string;
const base = readFileSync('config/policy.yaml', 'utf8');

async function chatVersion(content: string): Promise<{ status: number; version: string | null; code?: string }> {
  const r = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await signToken(keys)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  const body = (await r.json()) as { error?: { code: string } };
  return { status: r.status, version: r.headers.get('x-privacy-policy-version'), ...(body.error ? { code: body.error.code } : {}) };
}

async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'pgw-policy-'));
  file = join(dir, 'policy.yaml');
  copyFileSync('config/policy.yaml', file);
  gw = await startTestGateway(testEnv(keys, mock.url, { POLICY_FILE: file, LOG_LEVEL: 'silent' }));
});
afterAll(async () => {
  await gw?.close();
  await mock?.close();
});

describe('policy hot reload', () => {
  it('applies an edited policy without a restart', async () => {
    expect((await chatVersion('mail me at a.b@example.com')).version).toBe('2026-11-24.1');
    writeFileSync(file, base.replace('version: "2026-11-24.1"', 'version: "v2-block-email"').replace('EMAIL: { action: tokenize }', 'EMAIL: { action: block }'));
    expect(await eventually(async () => (await chatVersion('mail me at a.b@example.com')).code === 'pii_blocked')).toBe(true);
  });

  it('keeps the policy in force when the new file is invalid', async () => {
    writeFileSync(file, base.replace('version: "2026-11-24.1"', 'version: "v3-broken"').replace('EMAIL: { action: tokenize }', 'EMAIL: { action: obliterate }'));
    await new Promise((r) => setTimeout(r, 500));
    const r = await chatVersion('hello there');
    expect(r.status).toBe(200);
    expect(r.version).toBe('v2-block-email');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_policy_reloads_total\{result="invalid"\} [1-9]/);
  });
});
