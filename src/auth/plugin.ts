import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JWTVerifyGetKey } from 'jose';
import { GatewayError } from '../errors.js';
import type { Principal } from './principal.js';
import { hasAnyScope } from './scopes.js';
import { AuthFailure, verifyToken, type VerifyRules } from './verify.js';
import { VerifyCache } from './verify-cache.js';

export interface AuthDeps {
  readonly getKey: JWTVerifyGetKey;
  /** moves when the trusted keys change (see KeySource.generation): cached verifications are dropped */
  readonly keysGeneration?: () => number;
  readonly rules: VerifyRules;
  /** synchronous check against the shared revocation list (every request, cache hit or not) */
  readonly isRevoked: (p: Principal) => boolean;
  readonly now?: () => number;
}

const REALM = 'privacy-gateway';

function challenge(error?: string, description?: string, scope?: string): Record<string, string> {
  const parts = [`realm="${REALM}"`];
  if (error) parts.push(`error="${error}"`);
  if (description) parts.push(`error_description="${description}"`);
  if (scope) parts.push(`scope="${scope}"`);
  return { 'www-authenticate': `Bearer ${parts.join(', ')}` };
}

const DESCRIPTIONS: Record<string, string> = {
  malformed: 'The token is malformed',
  bad_signature: 'The token signature is invalid',
  expired: 'The token has expired',
  not_yet_valid: 'The token is not yet valid',
  wrong_issuer: 'The token issuer is not trusted',
  wrong_audience: 'The token audience is wrong',
  unknown_key: 'The token was signed by an unknown key',
  alg_not_allowed: 'The token algorithm is not allowed',
  missing_claim: 'The token lacks a required claim',
  missing_tenant: 'The token lacks the tenant claim',
  too_old: 'The token is too old',
  key_source_unavailable: 'The verification keys could not be fetched',
};

/**
 * Builds the onRequest hook that verifies the bearer JWT and sets `request.principal`, refusing with
 * 401 (invalid_token / token_revoked) or 403 (insufficient_scope) and a WWW-Authenticate header.
 * `scopesFor(request)` names the scopes of which the route needs at least one.
 */
export function createAuthHook(deps: AuthDeps, scopesFor: (req: FastifyRequest) => readonly string[]) {
  const cache = new VerifyCache();
  const now = deps.now ?? (() => Date.now());
  let keysGeneration = deps.keysGeneration?.();
  return async function authenticate(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    // (Node keeps the first of several Authorization headers; a proxy in front may read the last: refuse the ambiguity)
    const m = typeof header === 'string' && !repeatedAuthorization(req.raw.rawHeaders) ? /^Bearer[ ]+([^\s]+)\s*$/i.exec(header) : null;
    if (!m || !m[1]) {
      req.facts.authFailed('missing_token');
      throw new GatewayError('GW_ERR_AUTH_INVALID_TOKEN', { headers: challenge() });
    }
    const token = m[1];
    const nowS = Math.floor(now() / 1000);
    const gen = deps.keysGeneration?.();
    if (gen !== keysGeneration) {
      // a key taken out of the set no longer vouches for the tokens it signed
      cache.clear();
      keysGeneration = gen;
    }
    let principal = cache.get(token, nowS);
    if (principal === undefined) {
      try {
        principal = await verifyToken(token, deps.getKey, deps.rules);
      } catch (err) {
        const reason = err instanceof AuthFailure ? err.reason : 'malformed';
        req.facts.authFailed(reason);
        throw new GatewayError('GW_ERR_AUTH_INVALID_TOKEN', { headers: challenge('invalid_token', DESCRIPTIONS[reason] ?? 'The token is invalid') });
      }
      // cache until exp, or until the maximum age runs out
      const maxAge = deps.rules.maxAgeS;
      if (maxAge === undefined || principal.iat === undefined || principal.iat + maxAge >= principal.exp) cache.set(token, principal);
      else cache.set(token, { ...principal, exp: principal.iat + maxAge });
    }
    req.facts.principal = principal;
    if (deps.isRevoked(principal)) {
      req.facts.authFailed('revoked');
      throw new GatewayError('GW_ERR_AUTH_REVOKED', { headers: challenge('invalid_token', 'The token has been revoked') });
    }
    const needed = scopesFor(req);
    if (needed.length > 0 && !hasAnyScope(principal, needed)) {
      req.facts.authFailed('insufficient_scope');
      throw new GatewayError('GW_ERR_AUTH_SCOPE', { detail: needed.join(' or '), headers: challenge('insufficient_scope', 'The token lacks the required scope', needed.join(' ')) });
    }
    req.principal = principal;
  };
}

/** true when the request carries more than one Authorization header (rawHeaders: name, value, name, value…) */
function repeatedAuthorization(raw: readonly string[]): boolean {
  let seen = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 13 && name.toLowerCase() === 'authorization') {
      if (seen) return true;
      seen = true;
    }
  }
  return false;
}
