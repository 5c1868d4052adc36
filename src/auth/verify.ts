import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions, type ProtectedHeaderParameters } from 'jose';
import type { AuthFailureReason, Principal } from './principal.js';
import { scopesOf } from './scopes.js';

export interface VerifyRules {
  readonly issuers: readonly string[];
  readonly audiences: readonly string[];
  readonly algorithms: readonly string[];
  readonly tenantClaim: string;
  readonly clockToleranceS: number;
  readonly maxAgeS: number | undefined;
}

/** A refused token, with a fixed reason (never the token or a library message). */
export class AuthFailure extends Error {
  readonly reason: AuthFailureReason;
  constructor(reason: AuthFailureReason) {
    super(reason);
    this.name = 'AuthFailure';
    this.reason = reason;
  }
}

function reasonOf(err: unknown): AuthFailureReason {
  // (jose's maximum-age check throws JWTExpired too, naming the `iat` claim: older than JWT_MAX_AGE_S)
  if (err instanceof errors.JWTExpired) return err.claim === 'iat' ? 'too_old' : 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    switch (err.claim) {
      case 'nbf':
        return 'not_yet_valid';
      case 'iss':
        return 'wrong_issuer';
      case 'aud':
        return 'wrong_audience';
      case 'iat':
        // (jose's maximum-age check also refuses an iat in the future: that token is not yet valid, not too old)
        if (err.reason !== 'check_failed') return 'malformed';
        return typeof err.payload.iat === 'number' && err.payload.iat * 1000 > Date.now() ? 'not_yet_valid' : 'too_old';
      default:
        return 'missing_claim';
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return 'alg_not_allowed';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JWKSTimeout) return 'key_source_unavailable';
  if (err instanceof errors.JOSEError) return 'malformed';
  if (err instanceof AuthFailure) return err.reason;
  return 'malformed';
}

const MAX_TOKEN_LENGTH = 16_384;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * No lone surrogate (JSON's "\ud800" escape allows one): in UTF-8 every lone surrogate becomes EF BF BD,
 * so "x\ud800", "x\udfff" and "x\ufffd" would be one tenant to the vault, the token keys and Redis. For
 * identifiers from tokens and from the admin API alike.
 */
export function wellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}
/** keys tried for one token when several trusted keys match its header (a shared `kid`, or no `kid`) */
const MAX_CANDIDATE_KEYS = 8;

/**
 * Several keys of the trusted set match the token's header: two keys published under one `kid` (a
 * rotation), or a token without a `kid` beside a set of several keys of its type. jose leaves the choice
 * to the caller: each candidate is tried (a few at most), and the token holds if one of them verifies it.
 */
async function verifyWithCandidates(token: string, multiple: errors.JWKSMultipleMatchingKeys, options: JWTVerifyOptions): Promise<JWTPayload> {
  let tried = 0;
  let last: unknown;
  for await (const key of multiple) {
    if (++tried > MAX_CANDIDATE_KEYS) break;
    try {
      return (await jwtVerify(token, key, options)).payload;
    } catch (err) {
      // the signature held but the claims did not: no other key changes that
      if (err instanceof errors.JWTClaimValidationFailed || err instanceof errors.JWTExpired || err instanceof errors.JWTInvalid) throw new AuthFailure(reasonOf(err));
      last = err; // this key does not verify it (or is unusable, e.g. an RSA key under 2048 bits): the next one
    }
  }
  throw new AuthFailure(last === undefined ? 'bad_signature' : reasonOf(last));
}

/**
 * Verifies a compact JWS access token against the key source and the rules, and returns the Principal.
 * `alg: none` can never pass: jose refuses unsecured tokens with a key, and the allowlist never holds it.
 */
export async function verifyToken(token: string, getKey: JWTVerifyGetKey, rules: VerifyRules): Promise<Principal> {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) throw new AuthFailure('malformed');
  const options = {
    issuer: [...rules.issuers],
    audience: [...rules.audiences],
    algorithms: [...rules.algorithms],
    clockTolerance: rules.clockToleranceS,
    requiredClaims: ['exp', 'iss', 'aud'],
    ...(rules.maxAgeS !== undefined ? { maxTokenAge: rules.maxAgeS } : {}),
  };
  let payload: JWTPayload;
  try {
    payload = (await jwtVerify(token, getKey, options)).payload;
  } catch (err) {
    if (!(err instanceof errors.JWKSMultipleMatchingKeys)) throw new AuthFailure(reasonOf(err));
    payload = await verifyWithCandidates(token, err, options);
  }
  // a token issued in the future (beyond the clock tolerance) is not yet valid, with or without a maximum age
  if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + rules.clockToleranceS) throw new AuthFailure('not_yet_valid');
  const tenant = payload[rules.tenantClaim];
  if (typeof tenant !== 'string' || tenant === '' || tenant.length > 256 || !wellFormed(tenant)) throw new AuthFailure('missing_tenant');
  const clientIdRaw = payload['client_id'] ?? payload['azp'];
  const clientId = typeof clientIdRaw === 'string' && clientIdRaw !== '' ? clientIdRaw : undefined;
  const subject = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : clientId;
  if (subject === undefined || subject.length > 256 || !wellFormed(subject)) throw new AuthFailure('missing_claim');
  if (typeof payload.exp !== 'number') throw new AuthFailure('missing_claim');
  return Object.freeze({
    subject,
    tenant,
    scopes: scopesOf(payload),
    clientId,
    jti: typeof payload.jti === 'string' && payload.jti !== '' ? payload.jti.slice(0, 256) : undefined,
    iat: typeof payload.iat === 'number' ? payload.iat : undefined,
    exp: payload.exp,
  });
}

export type { ProtectedHeaderParameters };
