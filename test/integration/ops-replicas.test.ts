import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, mintedTokens, opsRun, opsToken, policyFile, readAudit, ready, send, sleep, waitForAudit, within, type Sent } from '../helpers/ops.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

/**
 * Issue 5 across TWO gateway instances sharing one Redis: rate limits and token quotas, revocations,
 * kill switch and erasures set through one instance hold on the other.
 */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let a: TestGateway;
let b: TestGateway;
let auditA: string;
let auditB: string;
let admin: string;
const ns = randomUUID().slice(0, 8); // tenant names unique per run

const T = { rl: `rl5-${ns}`, subj: `subj3-${ns}`, tq: `tq-${ns}`, tqs: `tqs-${ns}`, kill: `killco-${ns}`, other: `otherco-${ns}`, erase: `eraseco-${ns}`, acme: `acme-${ns}` };

type ErrorBody = { error: { message: string; type: string; code: string } };

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  const policy = policyFile(
    run.dir,
    [
      `  ${T.rl}:`,
      '    rate_limits: { tenant_per_minute: 5 }',
      `  ${T.subj}:`,
      '    rate_limits: { subject_per_minute: 3 }',
      `  ${T.tq}:`,
      '    rate_limits: { tokens_per_minute: 40 }',
      `  ${T.tqs}:`,
      '    rate_limits: { tokens_per_minute: 40 }',
      `  ${T.erase}:`,
      '    restore_scope: tenant',
    ].join('\n'),
  );
  auditA = run.auditFile('a');
  auditB = run.auditFile('b');
  const env = (audit: string) => testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: audit, POLICY_FILE: policy });
  [a, b] = await Promise.all([startTestGateway(env(auditA)), startTestGateway(env(auditB))]);
  // as behind a load balancer: traffic only once /readyz says the shared store is connected (rate-limit
  // counters are skipped, fail-open, while the store cannot be reached)
  await Promise.all([ready(a.url), ready(b.url)]);
  admin = await opsToken(keys, { sub: 'oncall', tenant: 'ops', scope: 'privacy:admin' });
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await mock?.close();
  await run.cleanup();
});

const chat = (gw: TestGateway, token: string, text = 'hello', model = 'gpt-4o-mini'): Promise<Sent> => send(gw.url, 'POST', '/v1/chat/completions', token, chatBody(text, model));

function expectRateLimited(r: Sent, kind: 'requests' | 'tokens', limit: number): void {
  expect(r.status, r.text).toBe(429);
  const body = r.json<ErrorBody>();
  expect(body.error.code).toBe('rate_limit_exceeded');
  expect(body.error.type).toBe('rate_limit_error');
  expect(typeof body.error.message).toBe('string');
  const retry = Number(r.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
  expect(r.headers.get(`x-ratelimit-limit-${kind}`)).toBe(String(limit));
  expect(r.headers.get(`x-ratelimit-remaining-${kind}`)).toBe('0');
  expect(r.headers.get(`x-ratelimit-reset-${kind}`)).toMatch(/^\d+s$/);
}

describe('limits hold across two instances', () => {
  it('tenant_per_minute: 5 — requests alternated between A and B, the 6th gets 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      // a different subject each time: only the tenant limit can apply
      const t = await opsToken(keys, { tenant: T.rl, sub: `u${i}` });
      statuses.push((await chat(i % 2 === 0 ? a : b, t)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const sixth = await chat(b, await opsToken(keys, { tenant: T.rl, sub: 'u5' }));
    expectRateLimited(sixth, 'requests', 5);
    expectRateLimited(await chat(a, await opsToken(keys, { tenant: T.rl, sub: 'u6' })), 'requests', 5);
    // other tenants are not affected
    expect((await chat(a, await opsToken(keys, { tenant: T.acme }))).status).toBe(200);
  });

  it('subject_per_minute: 3 — the same subject on A and B gets 429 on its 4th request; another subject does not', async () => {
    const carol = await opsToken(keys, { tenant: T.subj, sub: 'carol' });
    const carolOnB = await opsToken(keys, { tenant: T.subj, sub: 'carol' }); // a second token of the same subject
    const statuses = [(await chat(a, carol)).status, (await chat(b, carolOnB)).status, (await chat(a, carol)).status];
    expect(statuses).toEqual([200, 200, 200]);
    expectRateLimited(await chat(b, carolOnB), 'requests', 3);
    expect((await chat(b, await opsToken(keys, { tenant: T.subj, sub: 'dave' }))).status).toBe(200);
    const recs = await waitForAudit(auditB, (rs) => rs.some((r) => r.tenant === T.subj && r.decision === 'rate_limited'));
    expect(recs.filter((r) => r.tenant === T.subj && r.decision === 'rate_limited')).toHaveLength(1);
  });

  it('tokens_per_minute: refused on the other instance once the usage is spent', async () => {
    const t = await opsToken(keys, { tenant: T.tq, sub: 'tq-user' });
    // the mock reports usage of about (body chars + answer chars) / 4: one long prompt spends the quota
    const first = await chat(a, t, 'x'.repeat(400));
    expect(first.status).toBe(200);
    expect(first.json<{ usage: { total_tokens: number } }>().usage.total_tokens).toBeGreaterThan(40);
    await within(1500, async () => (await chat(b, t)).status === 429);
    expectRateLimited(await chat(b, t), 'tokens', 40);
    expectRateLimited(await chat(a, t), 'tokens', 40);
    const recs = await waitForAudit(auditB, (rs) => rs.some((r) => r.tenant === T.tq && r.decision === 'rate_limited'));
    expect(recs.find((r) => r.tenant === T.tq && r.decision === 'rate_limited')?.reason).toBe('rate_limit_exceeded');
  });

  it('tokens_per_minute holds for streams that do not ask for usage: the gateway asks, counts and does not send it on', async () => {
    const t = await opsToken(keys, { tenant: T.tqs, sub: 'tqs-user' });
    mock.reset();
    const first = await send(a.url, 'POST', '/v1/chat/completions', t, chatBody('x'.repeat(400), 'gpt-4o-mini', { stream: true }));
    expect(first.status).toBe(200);
    expect((mock.requests.at(-1)?.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage).toBe(true);
    // the caller sees the stream it asked for: no usage chunk
    const events = first.text.split('\n').filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)) as { choices: unknown[]; usage?: unknown });
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.choices.length === 0)).toBe(false);
    expect(first.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    await within(1500, async () => (await chat(b, t)).status === 429);
  });

  it("an upstream 429 is passed on with its Retry-After", async () => {
    const r = await chat(b, await opsToken(keys, { tenant: T.acme }), 'hello', 'mock-error-429');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.json<ErrorBody>().error.code).toBe('rate_limit_exceeded');
    expect(r.json<ErrorBody>().error.message).toBe('Rate limit reached for requests');
  });
});

describe('revocation through A holds on B within a second', () => {
  const models = (gw: TestGateway, t: string): Promise<Sent> => send(gw.url, 'GET', '/v1/models', t);

  it('a revoked jti, also when B has the token verified in its cache', async () => {
    const jti = `jti-${randomUUID()}`;
    const t = await opsToken(keys, { tenant: T.acme, sub: 'leaky', jti });
    const sibling = await opsToken(keys, { tenant: T.acme, sub: 'leaky' }); // same subject, other jti
    expect((await models(b, t)).status).toBe(200); // now cached on B
    const r = await send(a.url, 'POST', '/admin/revocations', admin, { jti, ttl_seconds: 3600 });
    expect(r.status).toBe(201);
    expect((await models(a, t)).status).toBe(401); // at once on A
    const ms = await within(1000, async () => (await models(b, t)).status === 401);
    const refused = await models(b, t);
    expect(refused.json<ErrorBody>().error.code).toBe('token_revoked');
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    expect(ms).toBeLessThan(1000);
    expect((await models(b, sibling)).status).toBe(200); // only that token
    // listed on both, then lifted
    const listed = await send(b.url, 'GET', '/admin/revocations', admin);
    expect(listed.text).toContain(jti);
    expect((await send(b.url, 'DELETE', '/admin/revocations', admin, { jti })).status).toBe(200);
    await within(1000, async () => (await models(a, t)).status === 200);
  });

  it('a revoked subject: every token of that subject in that tenant, on both instances', async () => {
    const t1 = await opsToken(keys, { tenant: T.acme, sub: 'mallory' });
    expect((await models(b, t1)).status).toBe(200); // cached on B
    const r = await send(a.url, 'POST', '/admin/revocations', admin, { tenant: T.acme, subject: 'mallory', until: new Date(Date.now() + 3_600_000).toISOString() });
    expect(r.status).toBe(201);
    await within(1000, async () => (await models(b, t1)).status === 401);
    expect((await models(b, t1)).json<ErrorBody>().error.code).toBe('token_revoked');
    const fresh = await opsToken(keys, { tenant: T.acme, sub: 'mallory' });
    expect((await models(a, fresh)).status).toBe(401);
    expect((await models(b, fresh)).status).toBe(401);
    // the same subject name in another tenant, and another subject, are not affected
    expect((await models(b, await opsToken(keys, { tenant: T.other, sub: 'mallory' }))).status).toBe(200);
    expect((await models(b, await opsToken(keys, { tenant: T.acme, sub: 'trent' }))).status).toBe(200);

    const recsA = await waitForAudit(auditA, (rs) => rs.some((r) => r.adminAction === 'revoke_subject'));
    expect(recsA.find((r) => r.adminAction === 'revoke_subject')).toMatchObject({ decision: 'admin', adminTarget: 'subject', subject: 'oncall', status: 201 });
    const recsB = await waitForAudit(auditB, (rs) => rs.some((r) => r.subject === 'mallory' && r.reason === 'revoked'));
    expect(recsB.find((r) => r.subject === 'mallory' && r.reason === 'revoked')).toMatchObject({ decision: 'denied_by_auth', status: 401, tenant: T.acme });
  });

  it('admin routes need privacy:admin', async () => {
    const r = await send(a.url, 'POST', '/admin/revocations', await opsToken(keys, { tenant: T.acme }), { jti: 'x' });
    expect(r.status).toBe(403);
    expect(r.json<ErrorBody>().error.code).toBe('insufficient_scope');
  });
});

describe('kill switch', () => {
  const message = 'Incident INC-42: paused by the security team';

  async function expectDisabled(r: Sent, msg: string): Promise<void> {
    expect(r.status, r.text).toBe(503);
    expect(r.headers.get('x-should-retry')).toBe('false');
    const e = r.json<ErrorBody>().error;
    expect(e.code).toBe('service_disabled');
    expect(e.message).toBe(msg);
  }

  it('for one tenant: 503 service_disabled on both instances, other tenants unaffected; clearing restores; audited', async () => {
    const k = await opsToken(keys, { tenant: T.kill, sub: 'k1' });
    const o = await opsToken(keys, { tenant: T.other, sub: 'o1' });
    expect((await send(a.url, 'POST', '/admin/kill-switch', admin, { tenant: T.kill, message })).status).toBe(201);
    await expectDisabled(await chat(a, k), message);
    await within(1000, async () => (await chat(b, k)).status === 503);
    mock.reset();
    await expectDisabled(await chat(b, k), message);
    await expectDisabled(await send(b.url, 'POST', '/v1/embeddings', k, { model: 'text-embedding-3-small', input: 'x' }), message);
    // nothing of the killed tenant reached the upstream
    expect(mock.requests).toHaveLength(0);
    expect((await chat(b, o)).status).toBe(200);
    const listed = await send(b.url, 'GET', '/admin/kill-switch', admin);
    expect(listed.text).toContain(T.kill);

    expect((await send(b.url, 'DELETE', '/admin/kill-switch', admin, { tenant: T.kill })).status).toBe(200);
    await within(1000, async () => (await chat(a, k)).status === 200);
    expect((await chat(b, k)).status).toBe(200);

    const recsA = await waitForAudit(auditA, (rs) => rs.some((r) => r.adminAction === 'kill_switch_on'));
    expect(recsA.find((r) => r.adminAction === 'kill_switch_on')).toMatchObject({ decision: 'admin', adminTarget: 'tenant', status: 201 });
    const recsB = await waitForAudit(auditB, (rs) => rs.some((r) => r.adminAction === 'kill_switch_off') && rs.some((r) => r.tenant === T.kill && r.reason === 'service_disabled'));
    expect(recsB.find((r) => r.adminAction === 'kill_switch_off')).toMatchObject({ decision: 'admin', adminTarget: 'tenant' });
    expect(recsB.find((r) => r.tenant === T.kill && r.reason === 'service_disabled')).toMatchObject({ decision: 'blocked_by_policy', status: 503 });
    expect(readFileSync(auditA, 'utf8')).not.toContain(message);
  });

  it('the kill switch also stops the GET routes that reach the upstream (models, stored responses)', async () => {
    const k = await opsToken(keys, { tenant: T.kill, sub: 'k2' });
    expect((await send(a.url, 'POST', '/admin/kill-switch', admin, { tenant: T.kill, message })).status).toBe(201);
    try {
      await within(1000, async () => (await chat(b, k)).status === 503);
      mock.reset();
      await expectDisabled(await send(b.url, 'GET', '/v1/models', k), message);
      await expectDisabled(await send(b.url, 'GET', '/v1/responses/resp_123', k), message);
      expect(mock.requests).toHaveLength(0);
    } finally {
      await send(a.url, 'DELETE', '/admin/kill-switch', admin, { tenant: T.kill });
    }
  });

  it('for all tenants, then cleared', async () => {
    const k = await opsToken(keys, { tenant: T.kill, sub: 'k3' });
    const o = await opsToken(keys, { tenant: T.other, sub: 'o3' });
    await within(1000, async () => (await chat(b, k)).status === 200);
    const allMsg = 'All traffic paused (INC-43)';
    expect((await send(b.url, 'POST', '/admin/kill-switch', admin, { all: true, message: allMsg })).status).toBe(201);
    await within(1000, async () => (await chat(a, o)).status === 503);
    await expectDisabled(await chat(a, o), allMsg);
    await expectDisabled(await chat(b, k), allMsg);
    // the admin API itself keeps working
    expect((await send(a.url, 'DELETE', '/admin/kill-switch', admin, { all: true })).status).toBe(200);
    await within(1000, async () => (await chat(b, o)).status === 200 && (await chat(a, k)).status === 200);
    const recs = await waitForAudit(auditB, (rs) => rs.some((r) => r.adminTarget === 'all_tenants'));
    expect(recs.find((r) => r.adminTarget === 'all_tenants')).toMatchObject({ adminAction: 'kill_switch_on', decision: 'admin' });
  });
});

describe('erasure', () => {
  const email = `wilhelmina.ashgrove.${ns}@example.org`;
  const person = 'Cornelius Featherstonehaugh';

  /** Plants `text` through A; returns the tokens the upstream saw. */
  async function plant(t: string, text: string): Promise<string[]> {
    mock.reset();
    const r = await chat(a, t, text);
    expect(r.status).toBe(200);
    return mintedTokens(mock.requests[0]?.bodyText ?? '').filter((x) => x.startsWith('['));
  }

  /** Asks B for an answer that holds `token` (the mock's fixed answer); tenant-scope restore applies. */
  async function restoreOnB(t: string, token: string): Promise<string> {
    mock.answer = `Reply to ${token} now`;
    try {
      const r = await chat(b, t, 'nothing personal here');
      expect(r.status).toBe(200);
      return r.json<{ choices: { message: { content: string } }[] }>().choices[0]?.message.content ?? '';
    } finally {
      mock.answer = undefined;
    }
  }

  it('erase one value: its token no longer restores (tenant scope), other values still do; audited without the value', async () => {
    const t = await opsToken(keys, { tenant: T.erase, sub: 'dpo-test' });
    const tokens = await plant(t, `Write to ${email} about ${person}.`);
    const emailToken = tokens.find((x) => x.startsWith('[EMAIL_')) as string;
    const personToken = tokens.find((x) => x.startsWith('[PERSON_')) as string;
    expect(emailToken).toBeDefined();
    expect(personToken).toBeDefined();
    expect(await restoreOnB(t, emailToken)).toBe(`Reply to ${email} now`); // before: restored

    const r = await send(a.url, 'POST', '/admin/erasure/value', admin, { tenant: T.erase, type: 'EMAIL', value: email.toUpperCase() });
    expect(r.status).toBe(200);
    expect(r.json<{ erased: boolean }>().erased).toBe(true);
    await within(1500, async () => (await restoreOnB(t, emailToken)) === `Reply to ${emailToken} now`);
    expect(await restoreOnB(t, personToken)).toBe(`Reply to ${person} now`);
    // erasing again finds nothing
    expect((await send(b.url, 'POST', '/admin/erasure/value', admin, { tenant: T.erase, type: 'EMAIL', value: email })).json<{ erased: boolean }>().erased).toBe(false);

    const recs = await waitForAudit(auditA, (rs) => rs.some((x) => x.adminAction === 'erase_value'));
    expect(recs.find((x) => x.adminAction === 'erase_value')).toMatchObject({ decision: 'admin', adminTarget: 'value', status: 200 });
    // the answer that held the erased token: nothing restored. (It counts as `unknown`, not `unresolved`:
    // with tenant scope a token missing from the vault cannot be told from one never minted.)
    const recsB = await waitForAudit(auditB, (rs) => rs.some((x) => x.tenant === T.erase && x.reidentification !== undefined && x.reidentification.restored === 0 && x.reidentification.unknown + x.reidentification.unresolved > 0));
    expect(recsB.filter((x) => x.tenant === T.erase && x.reidentification?.restored === 0).length).toBeGreaterThan(0);
    for (const f of [auditA, auditB]) {
      const text = readFileSync(f, 'utf8');
      expect(text).not.toContain(email);
      expect(text).not.toContain(email.toUpperCase());
      expect(text).not.toContain(emailToken);
    }
  });

  it('erase a tenant: none of its values can be restored any more (crypto-shredding); audited', async () => {
    const t = await opsToken(keys, { tenant: T.erase, sub: 'dpo-test' });
    const tokens = await plant(t, `Call ${person} at +1 415 555 0142.`);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const personToken = tokens.find((x) => x.startsWith('[PERSON_')) as string;
    expect(await restoreOnB(t, personToken)).toBe(`Reply to ${person} now`);

    const r = await send(a.url, 'POST', '/admin/erasure/tenant', admin, { tenant: T.erase });
    expect(r.status).toBe(200);
    for (const tok of tokens) await within(1500, async () => (await restoreOnB(t, tok)) === `Reply to ${tok} now`);
    expect((await restoreOnB(t, personToken)).includes(person)).toBe(false);
    // the tenant keeps working afterwards (a new data key), and other tenants' values are untouched
    expect((await chat(a, t, `Hello ${person}`)).status).toBe(200);
    const recs = await waitForAudit(auditA, (rs) => rs.some((x) => x.adminAction === 'erase_tenant'));
    expect(recs.find((x) => x.adminAction === 'erase_tenant')).toMatchObject({ decision: 'admin', adminTarget: 'tenant', status: 200 });
    expect(readFileSync(auditA, 'utf8')).not.toContain(person);
  });

  it('every admin action wrote exactly one record, and the two instances wrote separate chains', async () => {
    await sleep(300);
    const ra = readAudit(auditA);
    const rb = readAudit(auditB);
    expect(new Set(ra.map((r) => r.runId)).size).toBe(1);
    expect(new Set(rb.map((r) => r.runId)).size).toBe(1);
    expect(ra[0]?.runId).not.toBe(rb[0]?.runId);
    for (const r of [...ra, ...rb].filter((x) => x.decision === 'admin')) expect(r.route).toBe('admin');
  });
});
