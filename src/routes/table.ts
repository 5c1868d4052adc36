import { SCOPES } from '../auth/scopes.js';
import type { RouteKind } from '../policy/types.js';

export interface ModelRoute {
  readonly method: 'GET' | 'POST';
  /** Fastify path pattern */
  readonly url: string;
  readonly kind: RouteKind;
  /** at least one of these scopes is needed */
  readonly scopes: readonly string[];
}

/** The OpenAI-compatible routes the gateway serves, and the scopes they need (contract). */
export const MODEL_ROUTES: readonly ModelRoute[] = [
  { method: 'POST', url: '/v1/chat/completions', kind: 'chat', scopes: [SCOPES.chat] },
  { method: 'POST', url: '/v1/completions', kind: 'completions', scopes: [SCOPES.chat] },
  { method: 'POST', url: '/v1/embeddings', kind: 'embeddings', scopes: [SCOPES.embed] },
  { method: 'POST', url: '/v1/responses', kind: 'responses', scopes: [SCOPES.chat] },
  { method: 'GET', url: '/v1/responses/:id', kind: 'responses', scopes: [SCOPES.chat] },
  { method: 'GET', url: '/v1/models', kind: 'models', scopes: [SCOPES.chat, SCOPES.embed] },
];
