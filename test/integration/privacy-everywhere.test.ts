/**
 * Leaks a black-box probe found, end to end (official openai SDK → gateway with the default policy and
 * the shared Redis vault → recording mock upstream):
 * - a message `name` written with underscores (`Fiona_Fieldhouse`) is found and tokenized whole.
 */
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { NAME_TOKEN_RE, clientFor, expectNoneOf, upstreamDump, vaultModes, type VaultMode } from '../helpers/privacy.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

type Obj = Record<string, unknown>;

const PERSON = 'Fiona Fieldhouse';

describe('privacy of fields beside the message text (redis vault)', () => {
  const mode: VaultMode = vaultModes(inject('redisUrl')).find((m) => m.name === 'redis')!;
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

  it('a message name joined with underscores is detected and tokenized whole, in the bare form', async () => {
    await ai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', name: 'Fiona_Fieldhouse', content: 'hi' }] });
    expectNoneOf(upstreamDump(mock), [PERSON, 'Fiona_Fieldhouse', 'Fieldhouse'], 'upstream');
    const name = (lastBody()['messages'] as Obj[])[0]?.['name'];
    expect(name).toMatch(NAME_TOKEN_RE);
    expect(String(name).startsWith('PERSON_')).toBe(true);
  });
});
