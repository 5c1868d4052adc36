import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelList } from '../../src/dev/openai-shapes.js';
import { createTestKeys, signToken, type TestKeys } from '../helpers/jwt.js';
import { startTestGateway, testEnv, type TestGateway } from '../helpers/start-gateway.js';

// Egress as platform teams run it: an upstream on HTTPS signed by a private CA (UPSTREAM_CA_FILE),
// reached through an HTTP CONNECT proxy (HTTPS_PROXY), unless NO_PROXY names it.
let keys: TestKeys;
let caFile: string;
let upstream: HttpsServer;
let upstreamPort = 0;
let upstreamHits = 0;
let proxy: HttpServer;
let proxyPort = 0;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  keys = await createTestKeys();
  const dir = mkdtempSync(join(tmpdir(), 'pgw-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  caFile = cert;
  upstream = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    upstreamHits++;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(modelList()));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamPort = (upstream.address() as { port: number }).port;
  proxy = createHttpServer();
  proxy.on('connect', (req, client: Socket) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const target = connect(Number(port), host === 'localhost' ? '127.0.0.1' : (host ?? '127.0.0.1'), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.pipe(client);
      client.pipe(target);
    });
    for (const s of [client, target]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.once('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => upstream.close(() => r()));
  await new Promise<void>((r) => proxy.close(() => r()));
});

async function listModels(gw: TestGateway): Promise<number> {
  const r = await fetch(`${gw.url}/v1/models`, { headers: { authorization: `Bearer ${await signToken(keys)}` } });
  await r.text();
  return r.status;
}

describe('egress', () => {
  it('refuses an upstream whose certificate is not trusted (502), trusts it with UPSTREAM_CA_FILE', async () => {
    const untrusting = await startTestGateway(testEnv(keys, `https://localhost:${upstreamPort}`, { LOG_LEVEL: 'silent' }));
    try {
      expect(await listModels(untrusting)).toBe(502);
    } finally {
      await untrusting.close();
    }
    const trusting = await startTestGateway(testEnv(keys, `https://localhost:${upstreamPort}`, { UPSTREAM_CA_FILE: caFile, LOG_LEVEL: 'silent' }));
    try {
      const before = upstreamHits;
      expect(await listModels(trusting)).toBe(200);
      expect(upstreamHits).toBe(before + 1);
    } finally {
      await trusting.close();
    }
  });

  it('goes through HTTPS_PROXY (CONNECT), and direct for hosts in NO_PROXY', async () => {
    const viaProxy = await startTestGateway(testEnv(keys, `https://localhost:${upstreamPort}`, { UPSTREAM_CA_FILE: caFile, HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, LOG_LEVEL: 'silent' }));
    try {
      tunnels.length = 0;
      expect(await listModels(viaProxy)).toBe(200);
      expect(tunnels).toEqual([`localhost:${upstreamPort}`]);
    } finally {
      await viaProxy.close();
    }
    const bypass = await startTestGateway(testEnv(keys, `https://localhost:${upstreamPort}`, { UPSTREAM_CA_FILE: caFile, HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'localhost', LOG_LEVEL: 'silent' }));
    try {
      tunnels.length = 0;
      expect(await listModels(bypass)).toBe(200);
      expect(tunnels).toEqual([]);
    } finally {
      await bypass.close();
    }
  });
});
