import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeUpstreamUrl } from '../../../src/config/load.js';
import { createUpstream } from '../../../src/upstream/client.js';

describe('upstream client: the base URL', () => {
  let server: Server;
  let port = 0;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const call = async (base: string, path: string): Promise<string> => {
    const up = createUpstream({ baseUrl: normalizeUpstreamUrl(base), timeoutMs: 5000, connectTimeoutMs: 5000, httpsProxy: undefined, noProxy: undefined, ca: undefined });
    try {
      const res = await up.send({ method: 'GET', path, headers: {}, signal: new AbortController().signal });
      await res.body.text();
      return seen[seen.length - 1] ?? '';
    } finally {
      await up.close();
    }
  };

  it('puts the path prefix before the request path and keeps its query on every request (Azure api-version)', async () => {
    expect(await call(`http://127.0.0.1:${port}/api/v1`, '/v1/chat/completions')).toBe('/api/v1/chat/completions');
    expect(await call(`http://127.0.0.1:${port}/openai/v1?api-version=preview`, '/v1/chat/completions')).toBe('/openai/v1/chat/completions?api-version=preview');
    expect(await call(`http://127.0.0.1:${port}/openai?api-version=preview`, '/v1/responses/resp_1?include[]=x')).toBe('/openai/v1/responses/resp_1?include[]=x&api-version=preview');
  });
});
