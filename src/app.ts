import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { JWTVerifyGetKey } from 'jose';
import type { Config } from './config/load.js';
import { createAuthHook } from './auth/plugin.js';
import type { Principal } from './auth/principal.js';
import { installErrorHandlers } from './http/error-handler.js';
import { registerHealth } from './http/health.js';
import { requestIdOf } from './http/request-id.js';
import { RequestFacts } from './http/request-facts.js';
import { registerModelRoutes } from './routes/model-routes.js';
import type { Upstream } from './upstream/client.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly getKey: JWTVerifyGetKey;
  /** overrides config.jwt issuers/audiences (dev mode) */
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  readonly upstream: Upstream;
  readonly isRevoked: (p: Principal) => boolean;
  readonly readiness: Readonly<Record<string, () => Promise<boolean> | boolean>>;
}

function routeScopes(req: FastifyRequest): readonly string[] {
  const scopes = (req.routeOptions.config as { scopes?: readonly string[] } | undefined)?.scopes;
  return scopes ?? [];
}

/** Builds the gateway: plugins and routes registered in pipeline order, explicitly. Does not listen. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorateRequest('facts', null as unknown as RequestFacts);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    req.facts = new RequestFacts();
    void reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ reqId: req.id, route: req.facts.route, method: req.method, status: reply.statusCode, ms: Math.round(req.facts.elapsedMs() * 10) / 10 }, 'request');
  });
  installErrorHandlers(app);
  registerHealth(app, { checks: deps.readiness });

  const authenticate = createAuthHook(
    {
      getKey: deps.getKey,
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
  await app.register(async (authed) => {
    authed.addHook('onRequest', authenticate);
    registerModelRoutes(authed, { upstream: deps.upstream, upstreamApiKey: config.upstream.apiKey });
  });
  return app;
}
