import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestKeys, type TestKeys } from '../helpers/jwt.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, opsRun, opsToken, readAudit, ready } from '../helpers/ops.js';
import { startGatewayProcess, testEnv, type GatewayProcess } from '../helpers/start-gateway.js';

/**
 * Issue 5, shutdown: SIGTERM lets an in-flight stream finish, exits 0, and the audit record is on disk.
 * Past SHUTDOWN_GRACE_MS, what is still in flight ends in OpenAI's shape, with its audit record.
 */

const run = opsRun(inject('redisUrl'));
let keys: TestKeys;
let mock: MockUpstream;
let proc: GatewayProcess | undefined;

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

beforeAll(async () => {
  // the child process runs dist/main.js: (re)build when a source is newer than the build
  if (!existsSync('dist/main.js') || newestMtime('src') > statSync('dist/main.js').mtimeMs) {
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'ignore' });
    } catch {
      /* type errors elsewhere in the tree still emit JavaScript */
    }
  }
  expect(existsSync('dist/main.js')).toBe(true);
  keys = await createTestKeys();
  mock = await startMockUpstream();
}, 60_000);

afterAll(async () => {
  if (proc && proc.proc.exitCode === null) await proc.stop('SIGKILL');
  await mock?.close();
  await run.cleanup();
});

describe('SIGTERM drains', () => {
  it('a slow stream in flight completes, the process exits 0, and its audit record was flushed', async () => {
    const auditFile = run.auditFile('drain');
    proc = await startGatewayProcess(testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: auditFile }));
    await ready(proc.url);
    const jwt = await opsToken(keys, { sub: 'drainer', tenant: 'drainco' });
    const text = `Please summarise the following meeting notes for Johanna Vandermeer: ${'the quarterly numbers look fine, '.repeat(3)}`;
    const res = await fetch(`${proc.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', 'x-request-id': 'drain-stream-1' },
      body: JSON.stringify(chatBody(text, 'mock-slow-stream', { stream: true, stream_options: { include_usage: true } })),
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let body = '';
    const first = await reader.read();
    body += decoder.decode(first.value, { stream: true });
    expect(body).toContain('data: ');

    // SIGTERM while the stream is mid-way
    const t0 = Date.now();
    const exited = new Promise<number | null>((resolve) => (proc as GatewayProcess).proc.once('exit', (code) => resolve(code)));
    proc.proc.kill('SIGTERM');
    // new connections are no longer served
    await new Promise((r) => setTimeout(r, 100));
    const late = await fetch(`${proc.url}/v1/models`, { headers: { authorization: `Bearer ${jwt}` } }).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(late === 'refused' || late === 503).toBe(true);

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    const events = body.split('\n\n').filter((e) => e.startsWith('data: '));
    expect(events.at(-1)).toBe('data: [DONE]');
    let answer = '';
    for (const e of events.slice(0, -1)) {
      const chunk = JSON.parse(e.slice(6)) as { choices: { delta?: { content?: string } }[] };
      answer += chunk.choices[0]?.delta?.content ?? '';
    }
    expect(answer).toBe(`You said: ${text}`); // complete, and the name restored
    expect(Date.now() - t0).toBeGreaterThan(500); // it really was in flight

    expect(await exited).toBe(0);
    // it drained, rather than waiting out the grace period (SHUTDOWN_GRACE_MS, 25 s)
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(proc.stderr.join('')).not.toContain('drain deadline passed');
    const recs = readAudit(auditFile);
    const mine = recs.filter((r) => r.requestId === 'drain-stream-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ route: 'chat', status: 200, decision: 'forwarded', stream: true, model: 'mock-slow-stream', subject: 'drainer', tenant: 'drainco' });
    expect(mine[0]?.reidentification?.complete).toBe(true);
    expect(mine[0]?.usage?.total_tokens).toBeGreaterThan(0);
    // the application log went to stderr and says it drained
    expect(proc.stderr.join('')).toContain('shutting down');
    expect(proc.stdout.join('')).toBe('');
  });

  it('past SHUTDOWN_GRACE_MS a stream ends with one SSE error event, a waiting request gets a 503, and both are audited on stdout', async () => {
    proc = await startGatewayProcess(testEnv(keys, mock.url, { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: run.prefix, VAULT_KEY: run.vaultKey, AUDIT_LOG: 'stdout', SHUTDOWN_GRACE_MS: '600' }));
    await ready(proc.url);
    const jwt = await opsToken(keys, { sub: 'drainer', tenant: 'drainco' });
    const post = (model: string, requestId: string, stream: boolean): Promise<Response> =>
      fetch(`${(proc as GatewayProcess).url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify(chatBody(`Notes for Johanna Vandermeer: ${'the numbers look fine, '.repeat(4)}`, model, stream ? { stream: true } : {})),
      });
    // a stream of ~2 s, and a request whose upstream never answers
    const streaming = await post('mock-slow-stream', 'cut-stream-1', true);
    expect(streaming.status).toBe(200);
    const waiting = post('mock-hang', 'cut-plain-1', false);
    const reader = (streaming.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let body = decoder.decode((await reader.read()).value, { stream: true });
    await new Promise((r) => setTimeout(r, 100)); // the waiting request is in flight too

    const t0 = Date.now();
    const exited = new Promise<number | null>((resolve) => (proc as GatewayProcess).proc.once('exit', (code) => resolve(code)));
    proc.proc.kill('SIGTERM');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      body += decoder.decode(value, { stream: true });
    }
    const events = body.split('\n\n').filter((e) => e.startsWith('data: '));
    expect(events).not.toContain('data: [DONE]');
    const last = JSON.parse((events.at(-1) as string).slice(6)) as { error?: { message: string; type: string; code: string } };
    expect(last.error).toMatchObject({ type: 'server_error', code: 'service_unavailable', message: expect.stringContaining('shutting down') });
    expect(events.filter((e) => e.includes('"error"'))).toHaveLength(1);

    const plain = await waiting;
    expect(plain.status).toBe(503);
    expect(((await plain.json()) as { error: unknown }).error).toMatchObject({ type: 'server_error', code: 'service_unavailable' });

    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    // one audit record each, on stdout (a pipe), flushed before the exit
    const recs = proc.stdout
      .join('')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { requestId?: string; status?: number; decision?: string; reason?: string; stream?: boolean });
    expect(recs.filter((r) => r.requestId === 'cut-stream-1')).toEqual([expect.objectContaining({ status: 200, decision: 'failed', reason: 'service_unavailable', stream: true })]);
    expect(recs.filter((r) => r.requestId === 'cut-plain-1')).toEqual([expect.objectContaining({ status: 503, decision: 'failed', reason: 'service_unavailable' })]);
    const stderr = proc.stderr.join('');
    expect(stderr).toContain('drain deadline passed');
    // the audit sink's flush on a pipe reports no false error
    expect(stderr).not.toContain('audit log write failed');
  });
});
