import type { FastifyInstance } from 'fastify';

export interface Readiness {
  /** named checks; all must pass for /readyz to answer 200 */
  readonly checks: Readonly<Record<string, () => Promise<boolean> | boolean>>;
}

/** /healthz: the process is alive. /readyz: config and policy loaded, the shared store answers. */
export function registerHealth(app: FastifyInstance, readiness: Readiness): void {
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(readiness.checks).map(async ([name, check]) => {
        try {
          results[name] = await check();
        } catch {
          results[name] = false;
        }
      }),
    );
    const ready = Object.values(results).every(Boolean);
    return reply.code(ready ? 200 : 503).header('cache-control', 'no-store').send({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
}
