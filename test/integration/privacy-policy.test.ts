/**
 * Policy actions end to end (official openai SDK → gateway → recording mock), on both vault backends:
 * - block: 400 pii_blocked naming the type, never the value; nothing forwarded;
 * - restore_to: scope: only callers holding privacy:reidentify get the original back;
 * - shadow: forwarded unchanged, the audit record says shadow and counts what the policy would do;
 * - replace-everywhere reaches a field whose detection is switched off (scan.tool_results: false).
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { PII, client, clientFor, expectNoneOf, tempFile, tokensIn, upstreamDump, vaultModes, writePolicy, type VaultMode } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

const VERSION = 'privacy-e2e-1';
const POLICY = readFileSync('config/policy.yaml', 'utf8')
  .replace(/^version: .*$/m, `version: "${VERSION}"`)
  .replace(
    /^tenants: \{\}$/m,
    `tenants:
  blocker:
    entities:
      US_SSN: { action: block }
  restricted:
    entities:
      EMAIL: { action: tokenize, restore_to: scope }
  shadowed:
    shadow: true
    entities:
      US_SSN: { action: block }
  noscan:
    scan: { tool_results: false }
`,
  );

interface AuditLine {
  tenant: string;
  status: number;
  decision: string;
  shadow: boolean;
  detected: Record<string, Record<string, number>>;
  responseDetected?: Record<string, number>;
}

describe.each(vaultModes(inject('redisUrl')))('policy actions ($name vault)', (mode: VaultMode) => {
  let keys: TestKeys;
  let mock: MockUpstream;
  let gw: TestGateway;
  const auditFile = tempFile('audit.jsonl');

  beforeAll(async () => {
    keys = await createTestKeys();
    mock = await startMockUpstream();
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: auditFile, POLICY_FILE: writePolicy(POLICY), ...mode.env() }));
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
    await mode.cleanup();
  });
  beforeEach(() => mock.reset());

  async function auditLines(): Promise<AuditLine[]> {
    let text = '';
    try {
      text = readFileSync(auditFile, 'utf8');
    } catch {
      /* not written yet */
    }
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as AuditLine);
  }

  async function waitForAudit(pred: (l: AuditLine) => boolean): Promise<AuditLine> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const hit = (await auditLines()).find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error('audit record not written');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  describe('block', () => {
    it('400 pii_blocked naming the type, never the value; nothing forwarded (SDK and raw)', async () => {
      const ai = await clientFor(gw.url, keys, 'blocker');
      const text = `Patient ${PII.person1}, SSN ${PII.ssn}, mail ${PII.email1}`;
      const err = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      const api = err as InstanceType<typeof OpenAI.APIError>;
      expect(api.status).toBe(400);
      expect(api.code).toBe('pii_blocked');
      expect(api.message).toContain('US_SSN');

      const r = await fetch(`${gw.url}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await signToken(keys, { tenant: 'blocker' })}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: ['nothing here', text] }),
      });
      expect(r.status).toBe(400);
      const raw = await r.text();
      const body = JSON.parse(raw) as { error: { message: string; type: string; code: string } };
      expect(body.error.code).toBe('pii_blocked');
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error.message).toContain('US_SSN');
      expectNoneOf(raw, [PII.ssn, PII.person1, PII.email1], 'pii_blocked error');
      expect(raw).not.toMatch(/\[[A-Z_]+_[0-9a-z]{13}\]/);
      expect(mock.requests).toHaveLength(0);
      // the same request without the SSN goes through, tokenized
      await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Patient ${PII.person1}` }] });
      expect(mock.requests).toHaveLength(1);
      expectNoneOf(upstreamDump(mock), [PII.person1], 'upstream');
    });
  });

  describe('restore_to: scope', () => {
    const said = `I am ${PII.person1}, mail me at ${PII.email1}.`;

    it('without privacy:reidentify the caller gets the token back (JSON and SSE); other types still restored', async () => {
      const ai = await clientFor(gw.url, keys, 'restricted', 'llm:chat');
      const r = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: said }] });
      const text = r.choices[0]?.message.content ?? '';
      expect(text).not.toContain(PII.email1);
      expect(tokensIn(text, 'EMAIL')).toHaveLength(1);
      expect(text).toContain(PII.person1);
      const s = await ai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: said }] });
      let streamed = '';
      for await (const c of s) streamed += c.choices[0]?.delta?.content ?? '';
      expect(streamed).toBe(text);
    });

    it('with privacy:reidentify the caller gets the original', async () => {
      const ai = await clientFor(gw.url, keys, 'restricted', 'llm:chat privacy:reidentify');
      const r = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: said }] });
      expect(r.choices[0]?.message.content).toBe(`You said: ${said}`);
      expectNoneOf(upstreamDump(mock), [PII.email1, PII.person1], 'upstream');
    });
  });

  describe('shadow', () => {
    it('forwarded unchanged (even a blocked type), header and audit record say shadow, counts only', async () => {
      const ai = client(gw.url, await signToken(keys, { tenant: 'shadowed', sub: 'shadow-user' }));
      const said = `Mail ${PII.email1}, SSN ${PII.ssn}`;
      const { data, response } = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: said }], user: 'caller-42', metadata: { ticket: 'T-1' } }).withResponse();
      expect(data.choices[0]?.message.content).toBe(`You said: ${said}`);
      expect(((mock.requests[0]?.body?.['messages'] as { content: string }[])[0])?.content).toBe(said);
      // (no minimization either: shadow mode changes nothing)
      expect(mock.requests[0]?.body?.['user']).toBe('caller-42');
      expect(mock.requests[0]?.body?.['metadata']).toEqual({ ticket: 'T-1' });
      expect(response.headers.get('x-privacy-replaced')).toBe('shadow; EMAIL=1');
      expect(response.headers.get('x-privacy-policy-version')).toBe(VERSION);
      const rec = await waitForAudit((l) => l.tenant === 'shadowed');
      expect(rec.shadow).toBe(true);
      expect(rec.status).toBe(200);
      expect(rec.detected).toEqual({ EMAIL: { tokenize: 1 }, US_SSN: { block: 1 } });
      // the answer repeats the prompt's values: nothing new in it
      expect(rec.responseDetected).toEqual({});
      const all = readFileSync(auditFile, 'utf8');
      expectNoneOf(all, Object.values(PII), 'audit log');
      expect(all).not.toMatch(/\[[A-Z_]+_[0-9a-z]{13}\]/);
    });

    it('a non-shadow tenant is not marked shadow', async () => {
      const ai = await clientFor(gw.url, keys, 'restricted', 'llm:chat');
      await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Mail ${PII.email3}` }] });
      const rec = await waitForAudit((l) => l.tenant === 'restricted' && l.detected['EMAIL'] !== undefined);
      expect(rec.shadow).toBe(false);
    });
  });

  describe('replace-everywhere reaches fields that are not scanned', () => {
    it('scan.tool_results: false still replaces a value found in an earlier turn, with the same token', async () => {
      const ai = await clientFor(gw.url, keys, 'noscan');
      await ai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: `Look up the account of ${PII.email2}.` },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"account"}' } }] },
          // not scanned: only values found elsewhere are replaced here; the IBAN alone stays (policy)
          { role: 'tool', tool_call_id: 'c1', content: `owner=${PII.email2}; iban=${PII.iban}` },
          { role: 'user', content: 'Summarize.' },
        ],
      });
      const messages = mock.requests[0]?.body?.['messages'] as { content: string }[];
      const t1 = tokensIn(messages[0]?.content ?? '', 'EMAIL');
      expect(t1).toHaveLength(1);
      expect(tokensIn(messages[2]?.content ?? '', 'EMAIL')).toEqual(t1);
      expect(messages[2]?.content).toContain(PII.iban);
      expectNoneOf(upstreamDump(mock), [PII.email2], 'upstream');
    });
  });
});
