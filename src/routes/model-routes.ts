import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors.js';
import type { Upstream } from '../upstream/client.js';
import { forward } from './forward.js';
import { MODEL_ROUTES, type ModelRoute } from './table.js';

export interface ModelRouteDeps {
  readonly upstream: Upstream;
  readonly upstreamApiKey: string | undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function handle(req: FastifyRequest, reply: FastifyReply, deps: ModelRouteDeps, route: ModelRoute): Promise<FastifyReply> {
  req.facts.route = route.kind;
  if (route.method === 'GET') {
    const path = route.url.includes(':id') ? `/v1/responses/${encodeURIComponent((req.params as { id: string }).id)}` : route.url;
    return forward(req, reply, deps.upstream, deps.upstreamApiKey, { method: 'GET', path, body: undefined }, {});
  }
  if (!isObject(req.body)) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body must be a JSON object' });
  const body = req.body;
  if (typeof body['model'] === 'string') req.facts.model = body['model'];
  return forward(req, reply, deps.upstream, deps.upstreamApiKey, { method: 'POST', path: route.url, body: JSON.stringify(body) }, {});
}

/** Registers the OpenAI-compatible routes; the caller registers them inside the authenticated context. */
export function registerModelRoutes(app: FastifyInstance, deps: ModelRouteDeps): void {
  for (const route of MODEL_ROUTES) {
    app.route({ method: route.method, url: route.url, config: { scopes: route.scopes }, handler: (req, reply) => handle(req, reply, deps, route) });
  }
}
