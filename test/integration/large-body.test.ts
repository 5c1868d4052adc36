import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// Large bodies are anonymized on a worker thread (src/offload/): same result, event loop left free.
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

describe('a 1 MB request', () => {
  it('is anonymized everywhere and restored, while a concurrent stream keeps flowing', async () => {
    const filler = 'The router restarted twice overnight and the status light kept blinking amber. ';
    const parts: string[] = [];
    for (let i = 0; i < 13_000; i++) parts.push(filler);
    parts.splice(10, 0, 'Contact: priya.raman@example.com. ');
    parts.splice(6000, 0, 'Card on file 4539 1488 0343 6467. ');
    parts.push('Call me at +1 415 555 0132. Regards, Priya Raman');
    const content = parts.join('');
    expect(content.length).toBeGreaterThan(1_000_000);
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: await signToken(keys), maxRetries: 0 });

    mock.reset();
    // a stream running at the same time: its chunk gaps show whether the event loop was blocked
    const streaming = (async () => {
      const s = await client.chat.completions.create({ model: 'mock-slow-stream', stream: true, messages: [{ role: 'user', content: 'x'.repeat(120) }] });
      let last = performance.now();
      let maxGap = 0;
      for await (const _ of s) {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }
      return maxGap;
    })();
    await new Promise((r) => setTimeout(r, 150));
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    const maxGap = await streaming;

    const seen = mock.requests.find((q) => q.bodyText.length > 1_000_000)?.bodyText ?? '';
    expect(seen.length).toBeGreaterThan(1_000_000);
    for (const v of ['priya.raman@example.com', '4539 1488 0343 6467', '415 555 0132', 'Priya Raman']) expect(seen).not.toContain(v);
    const answer = r.choices[0]?.message.content ?? '';
    expect(answer).toContain('priya.raman@example.com');
    expect(answer).toContain('4539 1488 0343 6467');
    // the mock sends a chunk every 50 ms; a blocked loop would show a gap of the detection time
    expect(maxGap).toBeLessThan(1000);
    console.log(`max gap between stream chunks during 1 MB anonymization: ${maxGap.toFixed(1)} ms (mock interval 50 ms)`);
  });
});
