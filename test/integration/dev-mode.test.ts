import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../helpers/start-gateway.js';

// `npm test` builds dist/ first; these tests run the real entry point as a newcomer would.
let gw: GatewayProcess;
let token: string;

beforeAll(async () => {
  gw = await startGatewayProcess({ AUDIT_LOG: 'stdout' }, ['--dev']);
  const deadline = Date.now() + 5000;
  while (!/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/m.test(gw.stderr.join('')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  token = /^(eyJ[\w-]+\.[\w-]+\.[\w-]+)$/m.exec(gw.stderr.join(''))?.[1] ?? '';
});
afterAll(async () => {
  await gw?.stop();
});

describe('dev mode: the whole round trip with no API key and no Redis', () => {
  it('prints a token and ready-to-paste snippets, and says which store and upstream it uses', () => {
    const err = gw.stderr.join('');
    expect(token).not.toBe('');
    expect(err).toContain('curl -s http://localhost:');
    expect(err).toContain("new OpenAI({ baseURL: 'http://localhost:");
    expect(err).toContain('embedded in-memory store');
    expect(err).toContain('echo upstream');
  });

  it('shows what the model saw next to what the caller got back', async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: token, maxRetries: 0 });
    const content = 'Hi, I am Maria Gonzalez, my email is maria.gonzalez@example.com and my card is 4111 1111 1111 1111.';
    const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
    expect(r.choices[0]?.message.content).toContain(content);
    const seen = JSON.stringify((r as unknown as { upstream_received: unknown }).upstream_received);
    expect(seen).not.toContain('maria.gonzalez@example.com');
    expect(seen).not.toContain('4111 1111 1111 1111');
    expect(seen).not.toContain('Maria Gonzalez');
    expect(seen).toMatch(/\[EMAIL_[0-9a-z]{13}\]/);
  });

  it('shows what the model saw in a streamed answer too (chat, completions, responses)', async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: token, maxRetries: 0 });
    const content = 'Hi, I am Maria Gonzalez, my email is maria.gonzalez@example.com.';
    const seenIn = (events: unknown[]): string => JSON.stringify(events.map((e) => (e as { upstream_received?: unknown }).upstream_received).filter((x) => x !== undefined));
    const check = (text: string, events: unknown[]): void => {
      expect(text).toContain('maria.gonzalez@example.com');
      const seen = seenIn(events);
      expect(seen).toMatch(/\[EMAIL_[0-9a-z]{13}\]/);
      expect(seen).not.toContain('maria.gonzalez@example.com');
      expect(seen).not.toContain('Maria Gonzalez');
    };

    const chat: unknown[] = [];
    let text = '';
    for await (const c of await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content }] })) {
      chat.push(c);
      text += c.choices[0]?.delta?.content ?? '';
    }
    check(text, chat);

    const comp: unknown[] = [];
    text = '';
    for await (const c of await client.completions.create({ model: 'gpt-3.5-turbo-instruct', stream: true, prompt: content })) {
      comp.push(c);
      text += c.choices[0]?.text ?? '';
    }
    check(text, comp);

    const resp: unknown[] = [];
    text = '';
    for await (const e of await client.responses.create({ model: 'gpt-4o-mini', stream: true, input: content })) {
      resp.push(e);
      if (e.type === 'response.output_text.delta') text += e.delta;
    }
    check(text, resp);
  });

  it('still verifies every request', async () => {
    const r = await fetch(`${gw.url}/v1/models`);
    expect(r.status).toBe(401);
  });

  it('writes audit records alone on stdout', async () => {
    // the audit sink is buffered and flushes at least every 250 ms
    const deadline = Date.now() + 3000;
    while (gw.stdout.join('').trim() === '' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = gw.stdout.join('').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty('hash');
  });
});

describe('configuration errors stop the start with a message naming the variable', () => {
  it('no key source outside dev mode', () => {
    const r = spawnSync(process.execPath, ['dist/main.js'], { env: { PATH: process.env['PATH'], JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' }, encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('JWT_JWKS_URL');
  });

  it('a bad value', () => {
    const r = spawnSync(process.execPath, ['dist/main.js', '--dev'], { env: { PATH: process.env['PATH'], PORT: 'abc' }, encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
  });

  it('an AUDIT_LOG that cannot be opened for appending (a directory, a path under a file)', () => {
    for (const dest of [tmpdir(), 'package.json/audit.jsonl']) {
      const r = spawnSync(process.execPath, ['dist/main.js', '--dev'], { env: { PATH: process.env['PATH'], PORT: '0', AUDIT_LOG: dest }, encoding: 'utf8', timeout: 10_000 });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain('AUDIT_LOG');
    }
  });

  it('an invalid policy names the file, line and column', () => {
    const r = spawnSync(process.execPath, ['dist/main.js', '--dev'], { env: { PATH: process.env['PATH'], POLICY_FILE: 'package.json' }, encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('POLICY_FILE');
    expect(r.stderr).toMatch(/package\.json:\d+:\d+/);
  });
});
