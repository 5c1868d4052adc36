/**
 * Privacy invariants end to end, with the official openai SDK against the real gateway and a
 * recording mock upstream, on both vault backends (embedded in-memory, shared Redis):
 * - no planted personal value reaches the upstream, in any field the gateway scans;
 * - the caller gets the originals back (JSON, SSE text, streamed and plain tool calls, completions,
 *   embeddings, Responses);
 * - a value is replaced everywhere it occurs in a request, with one token;
 * - transparency headers name counts by type, never values.
 */
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { PII, clientFor, expectNoneOf, tokensIn, upstreamDump, vaultModes, type VaultMode } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

const ALL = Object.values(PII);
type Obj = Record<string, unknown>;

describe.each(vaultModes(inject('redisUrl')))('privacy of every field ($name vault)', (mode: VaultMode) => {
  let keys: TestKeys;
  let mock: MockUpstream;
  let gw: TestGateway;
  let ai: OpenAI;

  beforeAll(async () => {
    keys = await createTestKeys();
    mock = await startMockUpstream();
    gw = await startTestGateway(testEnv(keys, mock.url, { AUDIT_LOG: '/dev/null', ...mode.env() }));
    ai = await clientFor(gw.url, keys, 'acme');
  });
  afterAll(async () => {
    await gw?.close();
    await mock?.close();
    await mode.cleanup();
  });
  beforeEach(() => mock.reset());

  const lastBody = (): Obj => {
    const b = mock.requests.at(-1)?.body;
    expect(b).toBeDefined();
    return b as Obj;
  };

  describe('invariant 2: no personal value reaches the upstream, in any field', () => {
    it('chat: system prompt, multi-turn history, content parts, name, tool_calls arguments, tool results, tool descriptions', async () => {
      const r = await ai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: `You assist Dr. ${PII.person2} (${PII.email2}). The clinic router is at ${PII.ip2}.` },
          {
            role: 'user',
            name: PII.person1.replace(' ', '_'),
            content: [
              { type: 'text', text: `Hello, my name is ${PII.person1} and my email is ${PII.email1}.` },
              { type: 'text', text: `You can call me on ${PII.phone1}.` },
            ],
          },
          {
            role: 'assistant',
            content: `Thank you ${PII.person1}, let me look up your card.`,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup_card', arguments: JSON.stringify({ card: PII.card1, holder: PII.person1, iban: PII.iban }) } }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: `Card found. SSN on file: ${PII.ssn}. Last login from ${PII.ip1}.` },
          { role: 'user', content: `Please also email ${PII.person3} at ${PII.email3} or call ${PII.phone3}.` },
        ],
        tools: [
          {
            type: 'function',
            function: {
              name: 'lookup_card',
              description: `Looks up a card. Escalations go to ${PII.email2}.`,
              parameters: { type: 'object', properties: { card: { type: 'string', description: `the card number, e.g. ${PII.card2}` } } },
            },
          },
        ],
      });
      expect(r.choices[0]?.message.content).toBeTruthy();
      expect(mock.requests).toHaveLength(1);
      expectNoneOf(upstreamDump(mock), ALL, 'upstream chat body');
      // the placeholders are there instead, typed
      const body = lastBody();
      const text = JSON.stringify(body);
      for (const type of ['PERSON', 'EMAIL', 'PHONE', 'CREDIT_CARD', 'IBAN', 'US_SSN', 'IP_ADDRESS']) expect(tokensIn(text, type).length, type).toBeGreaterThan(0);
      const messages = body['messages'] as Obj[];
      // the message name keeps its narrow syntax: a bare token
      expect(messages[1]?.['name']).toMatch(/^PERSON_[0-9a-hjkmnp-tv-z]{13}$/);
      // tool arguments are still valid JSON, with tokens as values
      const args = JSON.parse(((messages[2]?.['tool_calls'] as Obj[])[0]?.['function'] as Obj)['arguments'] as string) as Obj;
      expect(tokensIn(String(args['card']), 'CREDIT_CARD')).toHaveLength(1);
      expect(tokensIn(String(args['iban']), 'IBAN')).toHaveLength(1);
    });

    it('completions prompt (string and array)', async () => {
      await ai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: `Draft a letter to ${PII.person1} at ${PII.email1}, card ${PII.card1}.` });
      await ai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: [`Call ${PII.phone3} for ${PII.person3}.`, `IBAN ${PII.iban}`] });
      expect(mock.requests).toHaveLength(2);
      expectNoneOf(upstreamDump(mock), ALL, 'upstream completions body');
    });

    it('embeddings input (string and array)', async () => {
      const one = await ai.embeddings.create({ model: 'text-embedding-3-small', input: `${PII.person1} lives at ${PII.ip1}, email ${PII.email1}` });
      const many = await ai.embeddings.create({ model: 'text-embedding-3-small', input: [`Patient ${PII.person2}, SSN ${PII.ssn}`, `Contact ${PII.email3}`, 'no personal data here'] });
      expect(one.data).toHaveLength(1);
      expect(many.data).toHaveLength(3);
      for (const d of [...one.data, ...many.data]) expect(d.embedding.length).toBeGreaterThan(0);
      expect(mock.requests).toHaveLength(2);
      expectNoneOf(upstreamDump(mock), ALL, 'upstream embeddings body');
      expect(tokensIn(JSON.stringify(mock.requests[0]?.body), 'EMAIL')).toHaveLength(1);
      expect((mock.requests[1]?.body as Obj)['input']).toEqual([expect.stringMatching(/^Patient \[PERSON_\w+\], SSN \[US_SSN_\w+\]$/), expect.stringMatching(/^Contact \[EMAIL_\w+\]$/), 'no personal data here']);
    });

    it('responses: input string, input items (messages, function calls and outputs), instructions', async () => {
      await ai.responses.create({ model: 'gpt-4o-mini', instructions: `Reply to ${PII.person2} at ${PII.email2}.`, input: `My card is ${PII.card1} and my phone ${PII.phone1}.` });
      await ai.responses.create({
        model: 'gpt-4o-mini',
        instructions: `Escalate to ${PII.email3}.`,
        input: [
          { role: 'user', content: [{ type: 'input_text', text: `I am ${PII.person1}, SSN ${PII.ssn}.` }] },
          { type: 'function_call', call_id: 'call_9', name: 'lookup', arguments: JSON.stringify({ iban: PII.iban, ip: PII.ip1 }) },
          { type: 'function_call_output', call_id: 'call_9', output: `Account of ${PII.person1}, card ${PII.card2}` },
          { role: 'user', content: `Also my colleague ${PII.person3} (${PII.phone3}).` },
        ],
      });
      expect(mock.requests).toHaveLength(2);
      expectNoneOf(upstreamDump(mock), ALL, 'upstream responses body');
    });
  });

  describe('the caller gets the originals back', () => {
    const said = `I am ${PII.person1}, write to ${PII.email1} or call ${PII.phone1}.`;

    it('non-streaming chat', async () => {
      const r = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: said }] });
      expect(r.choices[0]?.message.content).toBe(`You said: ${said}`);
      expectNoneOf(upstreamDump(mock), [PII.person1, PII.email1, PII.phone1], 'upstream');
    });

    it('streaming chat (deltas reassembled)', async () => {
      mock.chunkSize = 3; // tokens split across many chunks
      const stream = await ai.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: said }] });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      expect(text).toBe(`You said: ${said}`);
      expectNoneOf(upstreamDump(mock), [PII.person1, PII.email1, PII.phone1], 'upstream');
    });

    it('streamed tool calls: reassembled arguments parse and hold the original', async () => {
      const stream = await ai.chat.completions.create({ model: 'mock-tools', stream: true, messages: [{ role: 'user', content: said }], tools: [{ type: 'function', function: { name: 'save_note', parameters: { type: 'object' } } }] });
      let args = '';
      let name = '';
      for await (const chunk of stream) {
        for (const tc of chunk.choices[0]?.delta?.tool_calls ?? []) {
          args += tc.function?.arguments ?? '';
          name += tc.function?.name ?? '';
        }
      }
      expect(name).toBe('save_note');
      expect(JSON.parse(args)).toEqual({ note: said });
      // the upstream produced the tool call from tokens only
      expect(upstreamDump(mock)).not.toContain(PII.email1);
    });

    it('non-streaming tool calls', async () => {
      const r = await ai.chat.completions.create({ model: 'mock-tools', messages: [{ role: 'user', content: said }], tools: [{ type: 'function', function: { name: 'save_note', parameters: { type: 'object' } } }] });
      const call = r.choices[0]?.message.tool_calls?.[0];
      expect(call?.type).toBe('function');
      const args = call?.type === 'function' ? call.function.arguments : '';
      expect(JSON.parse(args)).toEqual({ note: said });
    });

    it('completions (plain and streamed)', async () => {
      const r = await ai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: said });
      expect(r.choices[0]?.text).toBe(`You said: ${said}`);
      const s = await ai.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: said, stream: true });
      let text = '';
      for await (const c of s) text += c.choices[0]?.text ?? '';
      expect(text).toBe(`You said: ${said}`);
      expectNoneOf(upstreamDump(mock), [PII.person1, PII.email1, PII.phone1], 'upstream');
    });

    it('embeddings: vectors come back for a tokenized input', async () => {
      const r = await ai.embeddings.create({ model: 'text-embedding-3-small', input: [said, 'plain text'] });
      expect(r.data.map((d) => d.index)).toEqual([0, 1]);
      expect(r.data[0]?.embedding.length).toBeGreaterThan(0);
      const sent = (mock.requests[0]?.body as Obj)['input'] as string[];
      expect(tokensIn(sent[0] ?? '', 'EMAIL')).toHaveLength(1);
      expect(sent[1]).toBe('plain text');
    });

    it('responses: output_text, and streamed response.output_text.delta', async () => {
      const r = await ai.responses.create({ model: 'gpt-4o-mini', input: said });
      expect(r.output_text).toBe(`You said: ${said}`);
      const stream = await ai.responses.create({ model: 'gpt-4o-mini', input: said, stream: true });
      let text = '';
      let done = '';
      for await (const ev of stream) {
        if (ev.type === 'response.output_text.delta') text += ev.delta;
        if (ev.type === 'response.output_text.done') done = ev.text;
      }
      expect(text).toBe(`You said: ${said}`);
      expect(done).toBe(`You said: ${said}`);
      expectNoneOf(upstreamDump(mock), [PII.person1, PII.email1, PII.phone1], 'upstream');
    });
  });

  describe('invariant 7: replaced everywhere, with one token', () => {
    it('a value seen in turn 1 and repeated in turn 3 (and in a tool result) gets the same token in both', async () => {
      await ai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'user', content: `My email is ${PII.email1}, I am ${PII.person1}.` },
          { role: 'assistant', content: 'Noted.' },
          { role: 'user', content: `Send it to ${PII.email1.toUpperCase()} please, thanks ${PII.person1}` },
        ],
      });
      const messages = lastBody()['messages'] as { content: string }[];
      const t1 = tokensIn(messages[0]?.content ?? '', 'EMAIL');
      const t3 = tokensIn(messages[2]?.content ?? '', 'EMAIL');
      expect(t1).toHaveLength(1);
      expect(t3).toEqual(t1);
      expect(tokensIn(messages[2]?.content ?? '', 'PERSON')).toEqual(tokensIn(messages[0]?.content ?? '', 'PERSON'));
      expectNoneOf(upstreamDump(mock), [PII.email1, PII.person1], 'upstream');
    });
  });

  describe('transparency headers', () => {
    it('x-privacy-policy-version and x-privacy-replaced: counts by type, never values or tokens', async () => {
      const { data, response } = await ai.chat.completions
        .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `${PII.person1}: ${PII.email1}, ${PII.email3}, ${PII.card1}` }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toContain(PII.email3);
      expect(response.headers.get('x-privacy-policy-version')).toBe('2026-11-24.1');
      const replaced = response.headers.get('x-privacy-replaced') ?? '';
      const counts = Object.fromEntries(replaced.split(', ').map((p) => p.split('=') as [string, string]));
      expect(counts).toEqual({ PERSON: '1', EMAIL: '2', CREDIT_CARD: '1' });
      expectNoneOf(replaced, ALL, 'x-privacy-replaced');
      expect(replaced).not.toMatch(/\[|_[0-9a-z]{13}/);
    });

    it('no x-privacy-replaced header when nothing was replaced', async () => {
      const { response } = await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'What is two plus two?' }] }).withResponse();
      expect(response.headers.get('x-privacy-policy-version')).toBe('2026-11-24.1');
      expect(response.headers.get('x-privacy-replaced')).toBeNull();
    });
  });
});
