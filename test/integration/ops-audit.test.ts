import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordHash } from '../../src/audit/chain.js';
import type { AuditRecord } from '../../src/audit/record.js';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, mintedTokens, opsRun, opsToken, policyFile, readAudit, readLines, send, waitForAudit, type Sent } from '../helpers/ops.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

/**
 * Issue 5, audit trail: one well-formed record per request of every type, no personal data in any
 * log line or audit record, and `audit verify` / `audit report` over a real file from the gateway.
 */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let gw: TestGateway;
let auditFile: string;
const POLICY_VERSION = '2026-11-24.1';
const started = Date.now();

// personal data planted in requests (item 2)
const PLANTED = {
  name1: 'Johanna Vandermeer',
  email1: 'johanna.vandermeer@example.org',
  name2: 'Bartholomew Quigley',
  card: '4111 1111 1111 1111',
  cardDigits: '4111111111111111',
  name3: 'Priscilla Okonkwo',
  phone: '+1 415 555 0199',
  email2: 'priscilla.okonkwo@mailbox.example.com',
  name4: 'Margarethe Schoenfeld',
  iban: 'DE89 3704 0044 0532 0130 00',
  ibanCompact: 'DE89370400440532013000',
};

function cli(args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit.ts', ...args], { encoding: 'utf8', env: { PATH: process.env['PATH'], ...env } as NodeJS.ProcessEnv });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  keys = await createTestKeys();
  mock = await startMockUpstream();
  auditFile = run.auditFile('main');
  const policy = policyFile(run.dir, ['  blockco:', '    entities:', '      EMAIL: { action: block }', '  tinyco:', '    rate_limits: { tenant_per_minute: 1 }'].join('\n'));
  gw = await startTestGateway(
    testEnv(keys, mock.url, {
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: run.prefix,
      VAULT_KEY: run.vaultKey,
      AUDIT_LOG: auditFile,
      POLICY_FILE: policy,
      LOG_LEVEL: 'debug',
    }),
  );
});

afterAll(async () => {
  await gw?.close();
  await mock?.close();
  await run.cleanup();
});

interface Case {
  id: string;
  method: 'GET' | 'POST';
  path: string;
  token: string | undefined;
  body?: unknown;
  status: number;
  check: (r: AuditRecord, res: Sent) => void;
}

const forwarded = (r: AuditRecord): void => {
  expect(r.decision).toBe('forwarded');
  expect(r.latencyMs.upstream).toBeGreaterThan(0);
  expect(r.latencyMs.upstream).toBeLessThanOrEqual(r.latencyMs.total);
  expect(r.reidentification?.complete).toBe(true);
};

describe('one well-formed audit record per request', () => {
  const tokens: Record<string, string> = {};
  const sent: { id: string; res: Sent }[] = [];

  it('every request type writes exactly one record with the expected fields', async () => {
    tokens['alice'] = await opsToken(keys, { sub: 'alice', tenant: 'acme', clientId: 'app-1', scope: 'llm:chat llm:embed' });
    tokens['embedOnly'] = await opsToken(keys, { sub: 'eve', tenant: 'acme', scope: 'llm:embed' });
    tokens['blockco'] = await opsToken(keys, { sub: 'bob', tenant: 'blockco' });
    tokens['tinyco'] = await opsToken(keys, { sub: 'tina', tenant: 'tinyco' });
    tokens['admin'] = await opsToken(keys, { sub: 'ops-admin', tenant: 'ops', scope: 'privacy:admin', clientId: 'console' });
    tokens['badIssuer'] = await signToken(keys, { iss: 'https://evil.example' });
    const adminJti = `jti-${randomUUID()}`;

    const cases: Case[] = [
      {
        id: 'ops-chat-json',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['alice'],
        body: chatBody(`My name is ${PLANTED.name1} and my email is ${PLANTED.email1}.`),
        status: 200,
        check: (r) => {
          forwarded(r);
          expect(r).toMatchObject({ subject: 'alice', tenant: 'acme', clientId: 'app-1', route: 'chat', model: 'gpt-4o-mini', policyVersion: POLICY_VERSION, status: 200, stream: false });
          expect(r.detected).toEqual({ PERSON: { tokenize: 1 }, EMAIL: { tokenize: 1 } });
          expect(r.usage?.total_tokens).toBeGreaterThan(0);
          expect(r.reidentification?.restored).toBeGreaterThanOrEqual(2);
        },
      },
      {
        id: 'ops-chat-stream',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['alice'],
        body: chatBody(`Please charge card ${PLANTED.card} for Mr. ${PLANTED.name2}.`, 'gpt-4o-mini', { stream: true, stream_options: { include_usage: true } }),
        status: 200,
        check: (r) => {
          forwarded(r);
          expect(r).toMatchObject({ route: 'chat', stream: true, model: 'gpt-4o-mini', status: 200, subject: 'alice' });
          expect(r.detected).toEqual({ CREDIT_CARD: { tokenize: 1 }, PERSON: { tokenize: 1 } });
          expect(r.usage?.total_tokens).toBeGreaterThan(0);
        },
      },
      {
        id: 'ops-completions',
        method: 'POST',
        path: '/v1/completions',
        token: tokens['alice'],
        body: { model: 'gpt-3.5-turbo-instruct', prompt: `Contact Ms. ${PLANTED.name3} at ${PLANTED.phone} or ${PLANTED.email2}` },
        status: 200,
        check: (r) => {
          forwarded(r);
          expect(r).toMatchObject({ route: 'completions', model: 'gpt-3.5-turbo-instruct', policyVersion: POLICY_VERSION });
          expect(r.detected).toEqual({ PERSON: { tokenize: 1 }, PHONE: { tokenize: 1 }, EMAIL: { tokenize: 1 } });
          expect(r.usage?.total_tokens).toBeGreaterThan(0);
        },
      },
      {
        id: 'ops-embeddings',
        method: 'POST',
        path: '/v1/embeddings',
        token: tokens['alice'],
        body: { model: 'text-embedding-3-small', input: [`Dear ${PLANTED.name4}, your IBAN ${PLANTED.iban} was updated.`] },
        status: 200,
        check: (r) => {
          expect(r.decision).toBe('forwarded');
          expect(r.latencyMs.upstream).toBeGreaterThan(0);
          expect(r).toMatchObject({ route: 'embeddings', model: 'text-embedding-3-small', policyVersion: POLICY_VERSION });
          expect(r.detected).toEqual({ PERSON: { tokenize: 1 }, IBAN: { tokenize: 1 } });
        },
      },
      {
        id: 'ops-responses',
        method: 'POST',
        path: '/v1/responses',
        token: tokens['alice'],
        body: { model: 'gpt-4o-mini', input: `My name is ${PLANTED.name1} and my email is ${PLANTED.email1}.` },
        status: 200,
        check: (r) => {
          forwarded(r);
          expect(r).toMatchObject({ route: 'responses', model: 'gpt-4o-mini', policyVersion: POLICY_VERSION });
          expect(r.detected).toEqual({ PERSON: { tokenize: 1 }, EMAIL: { tokenize: 1 } });
          expect(r.usage?.total_tokens).toBeGreaterThan(0);
        },
      },
      {
        id: 'ops-models',
        method: 'GET',
        path: '/v1/models',
        token: tokens['alice'],
        status: 200,
        check: (r) => {
          expect(r).toMatchObject({ route: 'models', decision: 'forwarded', subject: 'alice', tenant: 'acme' });
          expect(r.model).toBeUndefined();
          expect(r.latencyMs.upstream).toBeGreaterThan(0);
          expect(r.detected).toEqual({});
        },
      },
      {
        id: 'ops-auth-401',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['badIssuer'],
        body: chatBody('hello'),
        status: 401,
        check: (r) => {
          expect(r).toMatchObject({ route: 'chat', decision: 'denied_by_auth', reason: 'wrong_issuer', status: 401 });
          expect(r.subject).toBeUndefined();
          expect(r.tenant).toBeUndefined();
          expect(r.latencyMs.upstream).toBeUndefined();
          expect(JSON.stringify(r)).not.toContain(tokens['badIssuer'] as string);
          for (const part of (tokens['badIssuer'] as string).split('.')) expect(JSON.stringify(r)).not.toContain(part);
        },
      },
      {
        id: 'ops-scope-403',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['embedOnly'],
        body: chatBody('hello'),
        status: 403,
        check: (r) => {
          expect(r).toMatchObject({ route: 'chat', decision: 'denied_by_auth', reason: 'insufficient_scope', status: 403, subject: 'eve', tenant: 'acme' });
          expect(r.latencyMs.upstream).toBeUndefined();
        },
      },
      {
        id: 'ops-policy-block',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['blockco'],
        body: chatBody(`write to ${PLANTED.email1} today`),
        status: 400,
        check: (r, res) => {
          expect(res.json().error?.code).toBe('pii_blocked');
          expect(r).toMatchObject({ route: 'chat', decision: 'blocked_by_policy', reason: 'pii_blocked', status: 400, tenant: 'blockco', policyVersion: POLICY_VERSION });
          expect(r.detected).toEqual({ EMAIL: { block: 1 } });
          expect(r.latencyMs.upstream).toBeUndefined();
        },
      },
      {
        id: 'ops-rate-ok',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['tinyco'],
        body: chatBody('first'),
        status: 200,
        check: (r) => forwarded(r),
      },
      {
        id: 'ops-rate-limited',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['tinyco'],
        body: chatBody('second'),
        status: 429,
        check: (r, res) => {
          expect(res.json().error?.code).toBe('rate_limit_exceeded');
          expect(r).toMatchObject({ route: 'chat', decision: 'rate_limited', reason: 'rate_limit_exceeded', status: 429, tenant: 'tinyco', subject: 'tina' });
          expect(r.latencyMs.upstream).toBeUndefined();
        },
      },
      {
        id: 'ops-upstream-error',
        method: 'POST',
        path: '/v1/chat/completions',
        token: tokens['alice'],
        body: chatBody('hello', 'mock-error-500'),
        status: 500,
        check: (r) => {
          expect(r).toMatchObject({ route: 'chat', decision: 'failed', status: 500, model: 'mock-error-500' });
          expect(r.latencyMs.upstream).toBeGreaterThan(0);
        },
      },
      {
        id: 'ops-admin',
        method: 'POST',
        path: '/admin/revocations',
        token: tokens['admin'],
        body: { jti: adminJti, ttl_seconds: 60 },
        status: 201,
        check: (r) => {
          expect(r).toMatchObject({ route: 'admin', decision: 'admin', adminAction: 'revoke_jti', adminTarget: 'jti', status: 201, subject: 'ops-admin', tenant: 'ops', clientId: 'console' });
          expect(JSON.stringify(r)).not.toContain(adminJti);
        },
      },
    ];

    for (const c of cases) {
      const res = await send(gw.url, c.method, c.path, c.token, c.body, { 'x-request-id': c.id });
      expect(res.status, `${c.id}: ${res.text}`).toBe(c.status);
      expect(res.headers.get('x-request-id')).toBe(c.id);
      sent.push({ id: c.id, res });
    }
    const records = await waitForAudit(auditFile, (recs) => cases.every((c) => recs.some((r) => r.requestId === c.id)));
    // exactly one record per request, and no record that belongs to none
    expect(records).toHaveLength(cases.length);
    const runId = records[0]?.runId as string;
    records.forEach((r, i) => {
      expect(r.runId).toBe(runId);
      expect(r.seq).toBe(i + 1);
      expect(r.id).toBe(`${runId}-${r.seq}`);
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      const t = Date.parse(r.time);
      expect(t).toBeGreaterThanOrEqual(started - 1000);
      expect(t).toBeLessThanOrEqual(Date.now() + 1000);
      expect(r.latencyMs.total).toBeGreaterThan(0);
    });
    for (const c of cases) {
      const mine = records.filter((r) => r.requestId === c.id);
      expect(mine, c.id).toHaveLength(1);
      const res = sent.find((s) => s.id === c.id)?.res as Sent;
      expect(mine[0]?.status, c.id).toBe(c.status);
      c.check(mine[0] as AuditRecord, res);
    }
  });
});

describe('no personal data in any log line or audit record', () => {
  it('planted names, e-mails, cards, minted tokens and JWTs appear in no app log line and no audit line', async () => {
    mock.reset();
    const jwt = await opsToken(keys, { sub: 'alice', tenant: 'acme', clientId: 'app-1', scope: 'llm:chat llm:embed' });
    const blockJwt = await opsToken(keys, { sub: 'bob', tenant: 'blockco' });
    const expiredJwt = await signToken(keys, { iat: Math.floor(Date.now() / 1000) - 7200, expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    const all = `${PLANTED.name1} (${PLANTED.email1}), card ${PLANTED.card}, Mr. ${PLANTED.name2}, Ms. ${PLANTED.name3} ${PLANTED.phone} ${PLANTED.email2}; Dear ${PLANTED.name4}, IBAN ${PLANTED.iban}`;
    const hdr = { 'x-user-email': PLANTED.email1 };
    const results: Sent[] = [];
    const go = async (method: string, path: string, token: string | undefined, body?: unknown): Promise<void> => {
      results.push(await send(gw.url, method, path, token, body, hdr));
    };
    // every request type, PII in every field kind
    await go('POST', '/v1/chat/completions', jwt, { model: 'gpt-4o-mini', messages: [{ role: 'system', content: `Assistant for ${PLANTED.name1}` }, { role: 'user', name: 'Johanna', content: all }] });
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'gpt-4o-mini', { stream: true, stream_options: { include_usage: true } }));
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-tools'));
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-tools', { stream: true }));
    await go('POST', '/v1/completions', jwt, { model: 'gpt-3.5-turbo-instruct', prompt: all });
    await go('POST', '/v1/completions', jwt, { model: 'gpt-3.5-turbo-instruct', prompt: all, stream: true });
    await go('POST', '/v1/embeddings', jwt, { model: 'text-embedding-3-small', input: [all, PLANTED.email2] });
    await go('POST', '/v1/responses', jwt, { model: 'gpt-4o-mini', instructions: `Help ${PLANTED.name3}`, input: all });
    await go('POST', '/v1/responses', jwt, { model: 'gpt-4o-mini', input: all, stream: true });
    await go('GET', '/v1/models', jwt);
    // failures of every kind, with the same data in them
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-error-400'));
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-error-500'));
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-broken-stream', { stream: true }));
    await go('POST', '/v1/chat/completions', jwt, chatBody(all, 'mock-invalid-json'));
    await go('POST', '/v1/chat/completions', blockJwt, chatBody(all));
    await go('POST', '/v1/chat/completions', expiredJwt, chatBody(all));
    await go('POST', `/v1/chat/completions?email=${encodeURIComponent(PLANTED.email1)}`, jwt, chatBody(all));
    // a body that is not JSON, with the data in the part a parser error would quote
    results.push(
      await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"${PLANTED.name1} ${PLANTED.email1}"}]` }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text(), json: () => ({}) as never })),
    );
    await go('GET', `/v1/responses/${encodeURIComponent(PLANTED.email1)}`, jwt);
    // the JWT in an unknown route and as a garbage bearer
    await go('POST', `/v1/nope/${encodeURIComponent(PLANTED.name1)}`, jwt, chatBody(all));
    await go('POST', '/v1/chat/completions', `${PLANTED.email1}.${jwt}`, chatBody(all));
    // admin erasure with the value in it
    const admin = await opsToken(keys, { sub: 'ops-admin', tenant: 'ops', scope: 'privacy:admin' });
    await go('POST', '/admin/erasure/value', admin, { tenant: 'acme', type: 'EMAIL', value: PLANTED.email2 });

    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 400, 500, 200, 502, 400, 401, 200, 400, 400, 404, 401, 200]);

    // the tokens the gateway minted, read from what the upstream received
    const minted = new Set<string>();
    for (const r of mock.requests) for (const t of mintedTokens(r.bodyText)) minted.add(t);
    expect(minted.size).toBeGreaterThanOrEqual(8);
    // and nothing personal reached the upstream either
    for (const r of mock.requests) for (const v of Object.values(PLANTED)) expect(r.bodyText).not.toContain(v);

    await gw.gateway.app.inject({ method: 'GET', url: '/healthz' }); // let the last onResponse hooks run
    await new Promise((r) => setTimeout(r, 400)); // the audit sink flushes every 250 ms
    const auditLines = readLines(auditFile);
    const lines = [...gw.logLines, ...auditLines];
    expect(gw.logLines.length).toBeGreaterThan(results.length); // request lines at least
    const needles = [...Object.values(PLANTED), 'Johanna', 'Vandermeer', 'Quigley', 'Okonkwo', 'Schoenfeld', '555 0199', '4155550199', jwt, blockJwt, expiredJwt, ...jwt.split('.'), ...expiredJwt.split('.').slice(1), ...minted];
    const leaks: string[] = [];
    for (const line of lines) for (const n of needles) if (line.includes(n)) leaks.push(`${n} in ${line.slice(0, 300)}`);
    expect(leaks).toEqual([]);
  });
});

describe('audit verify and audit report over a real audit file', () => {
  const variant = (name: string, lines: string[]): string => {
    const f = join(run.dir, `${name}.jsonl`);
    writeFileSync(f, `${lines.join('\n')}\n`);
    return f;
  };

  it('passes the untouched file; catches an edited, a deleted and an inserted record', () => {
    const lines = readLines(auditFile);
    expect(lines.length).toBeGreaterThan(20);
    const ok = cli(['verify', auditFile]);
    expect(ok.out).toMatch(new RegExp(`^OK: ${lines.length} records in 1 run`));
    expect(ok.code).toBe(0);

    const edited = [...lines];
    edited[4] = (edited[4] as string).replace(/"status":\d+/, '"status":200').replace(/"decision":"[a-z_]+"/, '"decision":"forwarded"');
    if (edited[4] === lines[4]) edited[4] = (edited[4] as string).replace(/"tenant":"[^"]*"/, '"tenant":"someone-else"');
    expect(edited[4]).not.toBe(lines[4]);
    const e = cli(['verify', variant('edited', edited)]);
    expect(e.code).toBe(1);
    expect(e.out).toContain('BROKEN: line 5');
    expect(e.out).toContain('bad_hash');

    const deleted = lines.filter((_, i) => i !== 6);
    const d = cli(['verify', variant('deleted', deleted)]);
    expect(d.code).toBe(1);
    expect(d.out).toContain('BROKEN: line 7');
    expect(d.out).toContain('seq_gap');

    // inserted: a forged record with a correct SHA-256 hash of its own, linked after record 3
    const third = JSON.parse(lines[2] as string) as AuditRecord;
    const forged: Record<string, unknown> = { ...third, seq: 4, prev: third.hash, id: `${third.runId}-4`, subject: 'forged', requestId: 'forged' };
    forged['hash'] = recordHash(forged);
    const inserted = [...lines.slice(0, 3), JSON.stringify(forged), ...lines.slice(3)];
    const i = cli(['verify', variant('inserted', inserted)]);
    expect(i.code).toBe(1);
    expect(i.out).toContain('BROKEN: line 5');
    expect(i.out).toMatch(/duplicate|broken_link/);

    // a replayed copy of an earlier line
    const replayed = [...lines.slice(0, 5), lines[1] as string, ...lines.slice(5)];
    expect(cli(['verify', variant('replayed', replayed)]).code).toBe(1);
  });

  it('with AUDIT_KEY: the file verifies with the key only, and a chain recomputed without the key fails', async () => {
    const key = randomBytes(32).toString('base64');
    const keyedFile = run.auditFile('keyed');
    const m = await startTestGateway(testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: keyedFile, AUDIT_KEY: key }));
    try {
      const jwt = await opsToken(keys);
      for (let n = 0; n < 4; n++) expect((await send(m.url, 'POST', '/v1/chat/completions', jwt, chatBody(`note ${n}`))).status).toBe(200);
    } finally {
      await m.close(); // flushes the audit file
    }
    const lines = readLines(keyedFile);
    expect(lines).toHaveLength(4);
    expect(cli(['verify', keyedFile], { AUDIT_KEY: key }).code).toBe(0);
    const keyFile = join(run.dir, 'audit.key');
    writeFileSync(keyFile, key);
    expect(cli(['verify', keyedFile, '--key-file', keyFile]).code).toBe(0);
    const noKey = cli(['verify', keyedFile]);
    expect(noKey.code).toBe(1);
    expect(noKey.out).toContain('bad_hash');

    // an editor without the key changes record 2 and recomputes the whole chain with plain SHA-256
    const recs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    (recs[1] as Record<string, unknown>)['status'] = 418;
    let prev = '0'.repeat(64);
    for (const r of recs) {
      r['prev'] = prev;
      r['hash'] = recordHash(r);
      prev = r['hash'] as string;
    }
    const rewritten = variant('rewritten', recs.map((r) => JSON.stringify(r)));
    const withKey = cli(['verify', rewritten], { AUDIT_KEY: key });
    expect(withKey.code).toBe(1);
    expect(withKey.out).toContain('bad_hash');
    // and with a guessed key likewise
    const guessed = cli(['verify', keyedFile], { AUDIT_KEY: randomBytes(32).toString('base64') });
    expect(guessed.code).toBe(1);
  });

  it('audit report prints the KPIs', () => {
    const recs = readAudit(auditFile);
    const j = cli(['report', auditFile, '--json']);
    expect(j.code).toBe(0);
    const rep = JSON.parse(j.out) as { requests: number; byDecision: Record<string, number>; byStatusClass: Record<string, number>; valuesByType: Record<string, Record<string, number>>; authFailuresByReason: Record<string, number>; latencyMs: { p50: number | null; p95: number | null }; overheadMs: { p50: number | null }; tenants: number; runs: number };
    const admin = recs.filter((r) => r.decision === 'admin').length;
    expect(rep.requests).toBe(recs.length - admin);
    expect(rep.byDecision['admin']).toBe(admin);
    expect(rep.byDecision['rate_limited']).toBe(recs.filter((r) => r.decision === 'rate_limited').length);
    expect(rep.byDecision['blocked_by_policy']).toBeGreaterThanOrEqual(2);
    expect(rep.authFailuresByReason['wrong_issuer']).toBe(1);
    expect(rep.authFailuresByReason['insufficient_scope']).toBe(1);
    expect(rep.valuesByType['EMAIL']?.['tokenize']).toBeGreaterThan(0);
    expect(rep.valuesByType['EMAIL']?.['block']).toBeGreaterThan(0);
    expect(rep.latencyMs.p50).toBeGreaterThan(0);
    expect(rep.overheadMs.p50).not.toBeNull();
    expect(rep.runs).toBe(1);
    const text = cli(['report', auditFile]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/requests/i);
    expect(text.out).toMatch(/EMAIL/);
    expect(readFileSync(auditFile, 'utf8')).not.toContain(PLANTED.email1);
  });
});
