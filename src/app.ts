import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Cluster, Redis } from 'ioredis';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { buildRecord } from './audit/record.js';
import type { AuditSink } from './audit/sink.js';
import { createAuthHook } from './auth/plugin.js';
import type { Principal } from './auth/principal.js';
import { SCOPES } from './auth/scopes.js';
import type { Config } from './config/load.js';
import { GatewayError } from './errors.js';
import type { Drain } from './http/drain.js';
import { handleClientError, handleFrameworkError, installErrorHandlers } from './http/error-handler.js';
import { registerHealth } from './http/health.js';
import { MAX_BODY_DEPTH, nestedDeeperThan } from './http/json-depth.js';
import { requestIdOf } from './http/request-id.js';
import { FactsCollector } from './http/request-facts.js';
import { recordRequest, type GatewayMetrics } from './observe/metrics.js';
import type { Policy } from './policy/load.js';
import { resolvePolicy } from './policy/resolve.js';
import { registerAdminRoutes, type AdminDeps } from './routes/admin.js';
import { registerModelRoutes, type ModelRouteDeps } from './routes/model-routes.js';
import { MODEL_ROUTES } from './routes/table.js';
import { describeRedisError } from './vault/redis-client.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly getKey: JWTVerifyGetKey;
  /** moves when the trusted keys change (a rotated JWKS): tokens verified before are verified again */
  readonly keysGeneration?: () => number;
  /** trusted issuers and audiences (config, plus dev mode's own) */
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  readonly isRevoked: (p: Principal) => boolean;
  readonly readiness: Readonly<Record<string, () => Promise<boolean> | boolean>>;
  readonly audit: AuditSink;
  readonly metrics: GatewayMetrics;
  /** the shared store for rate-limit counters; undefined → in memory */
  readonly redis: Redis | Cluster | undefined;
  readonly model: ModelRouteDeps;
  readonly admin: AdminDeps;
  /** in-flight requests and pending audit writes, for the shutdown path */
  readonly drain: Drain;
}

function routeScopes(req: FastifyRequest): readonly string[] {
  const scopes = (req.routeOptions.config as { scopes?: readonly string[] } | undefined)?.scopes;
  return scopes ?? [];
}

/** a rate-limit store error faster than this is retried once, after RETRY_AFTER_MS */
const QUICK_ERROR_MS = 50;
const RETRY_AFTER_MS = 25;

/**
 * A store call; an error that comes back at once (a connection being re-established, a Cluster redirection that
 * ran out) gets one more try a moment later, a store that timed out does not.
 */
async function withQuickRetry<T>(call: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    return await call();
  } catch (err) {
    if (Date.now() - t0 >= QUICK_ERROR_MS) throw err;
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    return call();
  }
}

const NOT_AUDITED = new Set(['/healthz', '/readyz', '/metrics']);
const ROUTE_KIND = new Map(MODEL_ROUTES.map((r) => [r.url, r.kind]));

/** Builds the gateway: plugins and routes registered in pipeline order, explicitly. Does not listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // a client must send its whole request (headers and body) within REQUEST_TIMEOUT_MS, or it gets a 408 and
    // the connection closes. Fastify's default (0) let a client trickling its body hold a connection, a file
    // descriptor and its request forever (slowloris). Only the request is timed, never the response (streams).
    // Node checks the timers every connectionsCheckingInterval (30 s by default), so it follows the timeout.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: Math.min(60_000, config.requestTimeoutMs), connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(config.requestTimeoutMs / 4))) },
    genReqId: requestIdOf,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    // while closing, a request on a kept-alive connection gets the onRequest hook's 503 in OpenAI's
    // shape (and its audit record), not Fastify's own body
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    clientErrorHandler: handleClientError,
    frameworkErrors: handleFrameworkError,
  });
  // Fastify's own JSON parser (same proto/constructor poisoning refusal), noting the body's size as
  // received: a chunked body has no Content-Length, and the policy limit and the worker offload need it
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (req.facts) req.facts.bodyBytes = Buffer.byteLength(body);
    parseJson(req, typeof body === 'string' ? body : body.toString('utf8'), (err, parsed) => {
      // JSON.parse takes any depth; the stages after it (the worker hand-off, cloning, JSON.stringify)
      // recurse, so a deeper body is refused here, at any depth, before any of them runs
      if (err === null && nestedDeeperThan(parsed, MAX_BODY_DEPTH)) done(new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'body nested too deeply' }), undefined);
      else done(err, parsed);
    });
  });
  app.decorateRequest('facts', null as unknown as FactsCollector);
  app.decorateRequest('principal', null);
  // drain: close() closes the connections idle at that moment only; a keep-alive connection whose last
  // response (e.g. a stream) ends later would stay open until keepAliveTimeout (72 s) and hold the
  // drain to its deadline. While closing, each finished response closes the connections now idle.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // audit: exactly one record per request, written when the response has ended, failed, or the
  // caller went away before it ended (Fastify's onResponse does not run for an aborted response)
  const writeRecord = async (req: FastifyRequest, status: number): Promise<void> => {
    const facts = req.facts;
    const totalMs = facts.elapsedMs();
    // reqId comes from the request's child logger
    req.log.info({ route: facts.route, method: req.method, status, ms: Math.round(totalMs * 10) / 10, ...(facts.aborted ? { aborted: true } : {}) }, 'request');
    if (NOT_AUDITED.has(req.routeOptions.url ?? '')) return;
    for (const work of facts.deferred) await work();
    const f = facts.toAuditFacts(status, req.id, totalMs);
    const record = buildRecord(f);
    deps.audit.write(record);
    recordRequest(deps.metrics, f, record);
  };
  // the shutdown path waits for the record (its deferred work may still run after the connection closed)
  const finalize = (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (req.facts.finalized) return Promise.resolve();
    req.facts.finalized = true;
    deps.drain.delete(reply);
    const work = writeRecord(req, reply.statusCode);
    deps.drain.track(work);
    return work;
  };
  // one onRequest hook for the request's facts, its id header and the abort watch
  app.addHook('onRequest', (req, reply, done) => {
    req.facts = new FactsCollector();
    const kind = ROUTE_KIND.get(req.routeOptions.url ?? '');
    if (kind) req.facts.route = kind;
    else if (req.url.startsWith('/admin/')) req.facts.route = 'admin';
    void reply.header('x-request-id', req.id);
    deps.drain.add(reply);
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished) return;
      req.facts.clientAborted();
      // after the other close listeners (the stream's re-identification facts)
      setImmediate(() => void finalize(req, reply));
    });
    if (closing) {
      done(new GatewayError('GW_ERR_SHUTTING_DOWN', { headers: { connection: 'close' } }));
      return;
    }
    done();
  });
  app.addHook('onResponse', async (req, reply) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    await finalize(req, reply);
  });
  installErrorHandlers(app);
  registerHealth(app, { checks: deps.readiness });

  const authenticate = createAuthHook(
    {
      getKey: deps.getKey,
      ...(deps.keysGeneration ? { keysGeneration: deps.keysGeneration } : {}),
      rules: {
        issuers: deps.issuers,
        audiences: deps.audiences,
        algorithms: config.jwt.algorithms,
        tenantClaim: config.jwt.tenantClaim,
        clockToleranceS: config.jwt.clockToleranceS,
        maxAgeS: config.jwt.maxAgeS,
      },
      isRevoked: deps.isRevoked,
    },
    routeScopes,
  );

  // /metrics: open (labels carry no personal data or identities) unless METRICS_REQUIRE_AUTH=1
  await app.register(async (scope) => {
    if (config.metricsRequireAuth) scope.addHook('onRequest', authenticate);
    scope.get('/metrics', { config: { scopes: [SCOPES.metrics] } }, async (_req, reply) => {
      const text = await deps.metrics.registry.metrics();
      return reply.type(deps.metrics.registry.contentType).send(text);
    });
  });

  // the authenticated context: auth → rate limits → routes
  await app.register(async (authed) => {
    authed.addHook('onRequest', authenticate);
    await authed.register(rateLimit, {
      global: false,
      ...(deps.redis ? { redis: deps.redis } : {}),
      nameSpace: `${config.keyPrefix}rl:`,
      // store errors reach the hook below, which counts and logs them (the plugin's own skip is silent)
      skipOnError: false,
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    });
    const policy = (): Policy => deps.model.policy();
    const limitsOf = (req: FastifyRequest) => {
      const p = req.principal as Principal;
      return resolvePolicy(policy(), p.tenant, ROUTE_KIND.get(req.routeOptions.url ?? '') ?? 'chat', undefined).rateLimits;
    };
    const limitOf = (req: FastifyRequest, scope: 'tenant' | 'subject'): number | undefined => {
      const limits = limitsOf(req);
      return scope === 'tenant' ? limits.tenantPerMinute : limits.subjectPerMinute;
    };
    // Two limits per request, tenant then subject. @fastify/rate-limit runs only the first of several
    // `rateLimit()` hooks on a request (one shared "ran" flag), so both counters are taken through
    // `createRateLimit()` and refused here.
    const limiter = (scope: 'tenant' | 'subject') =>
      authed.createRateLimit({
        timeWindow: 60_000,
        keyGenerator: (req) => {
          const p = req.principal as Principal;
          return scope === 'tenant' ? `t:${p.tenant}` : `s:${JSON.stringify([p.tenant, p.subject])}`;
        },
        max: async (req) => limitOf(req, scope) ?? Number.MAX_SAFE_INTEGER,
        // no limit in the policy for this scope: no counter (saves a shared-store round trip per request)
        allowList: (req) => req.principal === null || (req.routeOptions.url ?? '').startsWith('/admin/') || limitOf(req, scope) === undefined,
      });
    const limiters = [['tenant', limiter('tenant')], ['subject', limiter('subject')]] as const;
    // A store that cannot answer lets the request through (fail open: the limit protects capacity, not
    // data; the vault still refuses a request it cannot store); the lapse is counted and logged.
    let storeFailing = false;
    const storeError = (scope: 'tenant' | 'subject', err: unknown): void => {
      deps.metrics.rateLimitStoreErrors.inc({ scope });
      if (storeFailing) return;
      storeFailing = true;
      deps.logger.warn({ event: 'rate_limit_store_error', scope, err: describeRedisError(err) }, 'rate-limit store unavailable: limits are not enforced until it answers');
    };
    authed.addHook('onRequest', async (req) => {
      for (const [scope, check] of limiters) {
        let r: Awaited<ReturnType<typeof check>>;
        try {
          r = await withQuickRetry(() => check(req));
        } catch (err) {
          storeError(scope, err);
          continue;
        }
        if (storeFailing && !r.isAllowed) {
          storeFailing = false;
          deps.logger.info({ event: 'rate_limit_store_recovered' }, 'rate-limit store answers again');
        }
        if (r.isAllowed || !r.isExceeded) continue;
        req.facts.rateLimitScope = scope;
        const resetS = Math.max(1, Math.ceil(r.ttl / 1000));
        throw new GatewayError('GW_ERR_RATE_LIMITED', {
          message: `Rate limit exceeded for your ${scope}: retry in ${resetS}s`,
          headers: { 'retry-after': String(resetS), 'x-ratelimit-limit-requests': String(r.max), 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${resetS}s` },
        });
      }
    });
    // kill switch: every model route that reaches the upstream, GET ones included (the POST handlers
    // check it too); the admin API keeps working
    authed.addHook('preHandler', async (req) => {
      if (!ROUTE_KIND.has(req.routeOptions.url ?? '') || req.principal === null) return;
      const killed = deps.model.isKilled(req.principal.tenant);
      if (killed) throw new GatewayError('GW_ERR_SERVICE_DISABLED', { message: killed.message, headers: { 'x-should-retry': 'false' } });
    });
    registerModelRoutes(authed, deps.model);
    registerAdminRoutes(authed, deps.admin);
  });
  return app;
}
