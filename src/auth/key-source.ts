import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface KeySourceOptions {
  readonly jwksUrl: string | undefined;
  readonly jwksFile: string | undefined;
  /** JWKS given directly (dev mode's ephemeral key) */
  readonly jwks?: JSONWebKeySet | undefined;
  readonly hsSecret: Buffer | undefined;
  /** a remote JWKS is refetched on an unknown `kid` at most this often */
  readonly cooldownMs?: number;
  readonly readFile: (path: string) => string;
}

const HS = /^HS(256|384|512)$/;

/**
 * The key getter for jose: a remote JWKS (cached; refetched on an unknown `kid`, at most once per
 * cooldown), a local JWKS file, or the HS secret for HS* tokens when one is configured.
 * Keys come only from the configured source: `jku`, `x5u` and embedded `jwk` headers are ignored.
 */
export function createKeySource(opts: KeySourceOptions): JWTVerifyGetKey {
  let asymmetric: JWTVerifyGetKey | undefined;
  if (opts.jwksUrl) {
    asymmetric = createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: opts.cooldownMs ?? 10_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5_000 });
  } else if (opts.jwksFile) {
    const jwks = JSON.parse(opts.readFile(opts.jwksFile)) as JSONWebKeySet;
    if (!jwks || !Array.isArray(jwks.keys)) throw new Error('JWT_JWKS_FILE does not hold a JWKS ({"keys":[...]})');
    asymmetric = createLocalJWKSet(jwks);
  } else if (opts.jwks) {
    asymmetric = createLocalJWKSet(opts.jwks);
  }
  const secret = opts.hsSecret === undefined ? undefined : new Uint8Array(opts.hsSecret);
  return async (header, token) => {
    if (HS.test(header.alg ?? '')) {
      if (secret === undefined) throw new Error('no HS secret');
      return secret;
    }
    if (!asymmetric) throw new Error('no asymmetric key source');
    return asymmetric(header, token);
  };
}
