/**
 * The floor: a bare Fastify + undici pass-through with the gateway's upstream pool settings. It parses
 * the JSON body (as any Fastify app does), re-serialises it, forwards it, and streams or copies the
 * answer back unchanged. No auth, no policy, no detection, no vault, no audit, no logging.
 * Usage: node --import tsx test/bench/passthrough.ts <upstream-url>; prints `READY <port>`.
 */
import Fastify from 'fastify';
import { Agent } from 'undici';

const upstream = new URL(process.argv[2] ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256, pipelining: 1 });
const app = Fastify({ logger: false, bodyLimit: 4_194_304 });

for (const url of ['/v1/chat/completions', '/v1/embeddings']) {
  app.post(url, async (req, reply) => {
    const res = await agent.request({
      origin: upstream.origin,
      path: url,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body: JSON.stringify(req.body),
    });
    const type = String(res.headers['content-type'] ?? 'application/json');
    if (type.startsWith('text/event-stream')) return reply.code(res.statusCode).header('content-type', type).header('cache-control', 'no-cache').send(res.body);
    const text = await res.body.text();
    return reply.code(res.statusCode).header('content-type', type).send(text);
  });
}

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${new URL(address).port}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
