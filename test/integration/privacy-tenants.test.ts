/**
 * Tokens across requests and tenants, end to end (official openai SDK → gateway → recording mock),
 * on both vault backends:
 * - invariant 7: the same value gets the same token across requests of one tenant; other tenants get
 *   other tokens; `linkability: request` gives a fresh token per request;
 * - invariant 4: a token of tenant A never resolves for tenant B (even with restore_scope: tenant), and
 *   a token the caller pasted in stays a token under the default restore scope (also via
 *   GET /v1/responses/{id});
 * - restore_scope: tenant restores a token minted in an earlier request (JSON and SSE), and only the
 *   type it was minted under;
 * - invariant 5: the raw Redis content under the run's prefix holds no planted original.
 */
import { readFileSync } from 'node:fs';
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { PII, clientFor, expectNoneOf, rawDump, tokensIn, upstreamDump, vaultModes, writePolicy, type VaultMode } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

const POLICY = readFileSync('config/policy.yaml', 'utf8').replace(
  /^tenants: \{\}$/m,
  `tenants:
  stateful:
    restore_scope: tenant
  unlinkable:
    linkability: request
`,
);

describe.each(vaultModes(inject('redisUrl')))('tokens across requests and tenants ($name vault)', (mode: VaultMode) => {
  let keys: TestKeys;
  let mock: MockUpstream;
  let gw: TestGateway;
  let acme: OpenAI;
  let globex: OpenAI;
  let stateful: OpenAI;
  let unlinkable: OpenAI;

  beforeAll(async () => {
    keys = await createTestKeys();
    mock = await startMockUpstream();
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', POLICY_FILE: writePolicy(POLICY), ...mode.env() }));
    acme = await clientFor(gw.url, keys, 'acme');
    globex = await clientFor(gw.url, keys, 'globex');
    stateful = await clientFor(gw.url, keys, 'stateful');
    unlinkable = await clientFor(gw.url, keys, 'unlinkable');
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
    await mode.cleanup();
  });
  beforeEach(() => mock.reset());

  /** Sends `text` as tenant `ai` and returns the tokens of `type` the upstream received. */
  async function mint(ai: OpenAI, text: string, type: string): Promise<string[]> {
    const before = mock.requests.length;
    await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    const sent = JSON.stringify(mock.requests.slice(before).map((r) => r.body));
    return tokensIn(sent, type);
  }

  async function chat(ai: OpenAI, text: string): Promise<string> {
    const r = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] });
    return r.choices[0]?.message.content ?? '';
  }

  async function chatStream(ai: OpenAI, text: string): Promise<string> {
    const s = await ai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: text }] });
    let out = '';
    for await (const c of s) out += c.choices[0]?.delta?.content ?? '';
    return out;
  }

  describe('invariant 7: linkability', () => {
    it('same value, same tenant: the same token across requests (also written differently); other tenants: other tokens', async () => {
      const [a1] = await mint(acme, `Write to ${PII.email1} today.`, 'EMAIL');
      const [a2] = await mint(acme, `Did ${PII.email1.toUpperCase()} answer?`, 'EMAIL');
      const [e1] = await mint(acme, `Embed ${PII.email1}`, 'EMAIL');
      const [g1] = await mint(globex, `Write to ${PII.email1} today.`, 'EMAIL');
      expect(a1).toMatch(/^\[EMAIL_[0-9a-hjkmnp-tv-z]{13}\]$/);
      expect(a2).toBe(a1);
      expect(e1).toBe(a1);
      expect(g1).toMatch(/^\[EMAIL_/);
      expect(g1).not.toBe(a1);
      // embeddings of the same tenant carry the same token as chat (consistent similarity)
      await acme.embeddings.create({ model: 'text-embedding-3-small', input: `profile of ${PII.email1}` });
      expect(tokensIn(JSON.stringify(mock.requests.at(-1)?.body), 'EMAIL')).toEqual([a1]);
      expectNoneOf(upstreamDump(mock), [PII.email1], 'upstream');
    });

    it('linkability: request: a fresh token in every request, still restored to the caller', async () => {
      const [u1] = await mint(unlinkable, `Write to ${PII.email1} today.`, 'EMAIL');
      const [u2] = await mint(unlinkable, `Write to ${PII.email1} today.`, 'EMAIL');
      expect(u1).toBeDefined();
      expect(u2).toBeDefined();
      expect(u2).not.toBe(u1);
      expect(await chat(unlinkable, `Write to ${PII.email1} today.`)).toBe(`You said: Write to ${PII.email1} today.`);
    });
  });

  describe('invariant 4: tokens restore only within the caller scope', () => {
    it("tenant A's token pasted by tenant B comes back as the token (default and tenant-wide restore scope, JSON and SSE)", async () => {
      const [ta] = await mint(acme, `My email is ${PII.email2}.`, 'EMAIL');
      expect(ta).toBeDefined();
      mock.answer = `The contact is ${ta}.`;
      expect(await chat(globex, 'Who is the contact?')).toBe(`The contact is ${ta}.`);
      expect(await chat(stateful, 'Who is the contact?')).toBe(`The contact is ${ta}.`);
      expect(await chatStream(stateful, 'Who is the contact?')).toBe(`The contact is ${ta}.`);
      // and B pasting it into its own prompt does not make it B's
      mock.answer = undefined;
      expect(await chat(stateful, `Mail ${ta} please`)).toBe(`You said: Mail ${ta} please`);
    });

    it('a token the caller pasted in (not minted in this request) stays a token by default', async () => {
      const [ta] = await mint(acme, `Reach me at ${PII.phone1}.`, 'PHONE');
      expect(ta).toBeDefined();
      // same tenant, same subject, a later request: the token is in the prompt, not the value
      expect(await chat(acme, `Call ${ta} back`)).toBe(`You said: Call ${ta} back`);
      expect(await chatStream(acme, `Call ${ta} back`)).toBe(`You said: Call ${ta} back`);
      mock.answer = `Number: ${ta}`;
      expect(await chat(acme, 'What was the number?')).toBe(`Number: ${ta}`);
    });

    it('GET /v1/responses/{id} does not widen the default restore scope; with restore_scope: tenant it restores', async () => {
      const [ta] = await mint(acme, `Ship to ${PII.email3}.`, 'EMAIL');
      const [ts] = await mint(stateful, `Ship to ${PII.email3}.`, 'EMAIL');
      mock.answer = `Stored: ${ta}`;
      expect((await acme.responses.retrieve('resp_1')).output_text).toBe(`Stored: ${ta}`);
      mock.answer = `Stored: ${ts}`;
      expect((await stateful.responses.retrieve('resp_2')).output_text).toBe(`Stored: ${PII.email3}`);
    });
  });

  describe('restore_scope: tenant', () => {
    it('a token minted in request 1 is restored in request 2 that did not send the value (JSON and SSE)', async () => {
      const [ts] = await mint(stateful, `My card is ${PII.card2}.`, 'CREDIT_CARD');
      expect(ts).toBeDefined();
      mock.answer = `Charged ${ts} successfully.`;
      expect(await chat(stateful, 'Did the payment go through?')).toBe(`Charged ${PII.card2} successfully.`);
      mock.chunkSize = 5;
      expect(await chatStream(stateful, 'Did the payment go through?')).toBe(`Charged ${PII.card2} successfully.`);
      const r = await stateful.responses.create({ model: 'gpt-4o-mini', input: 'status?' });
      expect(r.output_text).toBe(`Charged ${PII.card2} successfully.`);
    });

    it('a token id under another type (never minted) is not resolved, even next to the real one', async () => {
      const [ts] = await mint(stateful, `Mail ${PII.email1}.`, 'EMAIL');
      expect(ts).toBeDefined();
      const id = /_([0-9a-z]{13})\]$/.exec(ts ?? '')?.[1] ?? '';
      const forged = `[PERSON_${id}]`;
      mock.answer = `To ${ts}, alias ${forged}.`;
      expect(await chat(stateful, 'To whom?')).toBe(`To ${PII.email1}, alias ${forged}.`);
      expect(await chatStream(stateful, 'To whom?')).toBe(`To ${PII.email1}, alias ${forged}.`);
      mock.answer = `Alias ${forged}.`;
      expect(await chat(stateful, 'Alias?')).toBe(`Alias ${forged}.`);
    });
  });

  it.skipIf(mode.name !== 'redis')('invariant 5: raw Redis keys and values hold no planted original', async () => {
    const planted = Object.values(PII);
    await acme.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: planted.join(' ; ') }] });
    await stateful.embeddings.create({ model: 'text-embedding-3-small', input: planted.map((p) => `value: ${p}`) });
    const dump = await rawDump(mode.redisUrl ?? '', mode.prefix ?? '');
    const values = dump.filter((d) => d.key.startsWith(`${mode.prefix}v:`));
    // something was stored: every planted value's sealed entry, and the sealed data keys
    expect(values.length).toBeGreaterThanOrEqual(planted.length);
    expect(dump.some((d) => d.key.startsWith(`${mode.prefix}dk:`))).toBe(true);
    expectNoneOf(dump.map((d) => d.key).join('\n'), planted, 'Redis keys');
    expectNoneOf(dump.map((d) => d.content).join('\n'), planted, 'Redis values');
    // and no token text either: keys hold type and id only, values are sealed blobs
    for (const d of values) expect(d.content).not.toMatch(/\[[A-Z_]+_[0-9a-z]{13}\]/);
  });
});
