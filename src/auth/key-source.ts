import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface KeySourceOptions {
  readonly jwksUrl: string | undefined;
  readonly jwksFile: string | undefined;
  /** JWKS given directly (dev mode's ephemeral key) */
  readonly jwks?: JSONWebKeySet | undefined;
  readonly hsSecret: Buffer | undefined;
  /** a remote JWKS is refetched on an unknown `kid` at most this often */
  readonly cooldownMs?: number;
  readonly readFile: (path: string) => string;
  /** what identifies the file's current version (mtime, size, inode); a change makes it read again */
  readonly statFile?: (path: string) => string;
  readonly now?: () => number;
}

export interface KeySource {
  /** the key getter for jose */
  readonly getKey: JWTVerifyGetKey;
  /**
   * Changes whenever the trusted keys change (the JWKS file was rewritten, a refetched remote set
   * differs): tokens verified before must be verified again, a key taken out is no longer trusted.
   */
  generation(): number;
}

const HS = /^HS(256|384|512)$/;
/** a JWKS file is checked for a change at most this often (and at once on an unknown `kid`) */
const FILE_CHECK_MS = 1000;

function parseJwks(text: string): JSONWebKeySet {
  const jwks = JSON.parse(text) as JSONWebKeySet;
  if (!jwks || !Array.isArray(jwks.keys)) throw new Error('JWT_JWKS_FILE does not hold a JWKS ({"keys":[...]})');
  return jwks;
}

/**
 * A local JWKS file, read again when it changes (a rotated Kubernetes Secret or ConfigMap, a file
 * renamed over the old one): checked at most once a second, and at once on an unknown `kid`. A file
 * that is briefly missing or not a JWKS (half written) keeps the last good keys.
 */
function fileKeys(path: string, opts: KeySourceOptions): { get: JWTVerifyGetKey; generation: () => number } {
  const stat = opts.statFile ?? (() => '');
  const now = opts.now ?? Date.now;
  let stamp = stat(path);
  let local = createLocalJWKSet(parseJwks(opts.readFile(path)));
  let gen = 0;
  let checkedAt = now();
  const check = (force: boolean): boolean => {
    const t = now();
    if (!force && t - checkedAt < FILE_CHECK_MS) return false;
    checkedAt = t;
    try {
      const s = stat(path);
      if (s === stamp) return false;
      local = createLocalJWKSet(parseJwks(opts.readFile(path)));
      stamp = s;
      gen++;
      return true;
    } catch {
      return false; // the last good keys stay; the next check tries again
    }
  };
  return {
    get: async (header, token) => {
      check(false);
      try {
        return await local(header, token);
      } catch (err) {
        if (err instanceof errors.JWKSNoMatchingKey && check(true)) return local(header, token);
        throw err;
      }
    },
    generation: () => {
      check(false);
      return gen;
    },
  };
}

/** a remote JWKS is refetched after this long even when no unknown `kid` asks for it */
const REMOTE_MAX_AGE_MS = 10 * 60_000;
const REMOTE_TIMEOUT_MS = 5_000;
/** while no key was ever fetched, a failed fetch is retried after this long (or the cooldown, if shorter) */
const FIRST_KEYS_RETRY_MS = 1_000;

/**
 * A remote JWKS: fetched on first use, again after REMOTE_MAX_AGE_MS, and on an unknown `kid`; never
 * more often than once per cooldown, counted from the last attempt, failed ones included (jose's own
 * remote set counts only successful fetches, so an identity provider answering 5xx, or down, got a fetch
 * for every token anyone sent). A failed fetch keeps the last good keys. The generation moves when a
 * refetch brings other keys.
 */
function remoteKeys(url: string, opts: KeySourceOptions): { get: JWTVerifyGetKey; generation: () => number } {
  const cooldownMs = opts.cooldownMs ?? 10_000;
  const now = opts.now ?? Date.now;
  let local: JWTVerifyGetKey | undefined;
  let text: string | undefined;
  let fetchedAt = -Infinity;
  let attemptedAt = -Infinity;
  let pending: Promise<void> | undefined;
  let gen = 0;
  const load = async (): Promise<void> => {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS), headers: { accept: 'application/json, application/jwk-set+json' } });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      throw new Error(`JWKS fetch answered ${res.status}`);
    }
    const jwks = parseJwks(await res.text());
    const next = createLocalJWKSet(jwks);
    const canonical = JSON.stringify(jwks);
    if (text !== undefined && canonical !== text) gen++;
    text = canonical;
    local = next;
    fetchedAt = now();
  };
  /**
   * One fetch at a time, at most one per cooldown (before the first keys came, at most one a second: a
   * provider that starts after the gateway is picked up at once); resolves, never rejects, when it has ended.
   */
  const refresh = (): Promise<void> => {
    const gap = local === undefined ? Math.min(cooldownMs, FIRST_KEYS_RETRY_MS) : cooldownMs;
    if (pending === undefined && now() - attemptedAt >= gap) {
      attemptedAt = now();
      pending = load()
        .catch(() => undefined) // the last good keys stay; the next attempt waits for the cooldown
        .finally(() => {
          pending = undefined;
        });
    }
    return pending ?? Promise.resolve();
  };
  const current = (): JWTVerifyGetKey => {
    if (local === undefined) throw new errors.JWKSTimeout('the JSON Web Key Set could not be fetched');
    return local;
  };
  return {
    get: async (header, token) => {
      // the first keys are waited for; an aged set is refreshed in the background (requests do not wait on the provider)
      if (local === undefined) await refresh();
      else if (now() - fetchedAt >= REMOTE_MAX_AGE_MS) void refresh();
      try {
        return await current()(header, token);
      } catch (err) {
        if (!(err instanceof errors.JWKSNoMatchingKey)) throw err;
        // an unknown kid: a rotation, or made up; a fetch under way (started by another token) is waited for
        const before = local;
        await refresh();
        if (local === before) throw err;
        return current()(header, token);
      }
    },
    generation: () => gen,
  };
}

/**
 * The key getter for jose: a remote JWKS (cached; refetched on an unknown `kid`, at most once per
 * cooldown), a local JWKS file (read again when it changes), or the HS secret for HS* tokens when one
 * is configured. Keys come only from the configured source: `jku`, `x5u` and embedded `jwk` headers
 * are ignored.
 */
export function createKeySource(opts: KeySourceOptions): KeySource {
  let asymmetric: { get: JWTVerifyGetKey; generation: () => number } | undefined;
  if (opts.jwksUrl) {
    asymmetric = remoteKeys(opts.jwksUrl, opts);
  } else if (opts.jwksFile) {
    asymmetric = fileKeys(opts.jwksFile, opts);
  } else if (opts.jwks) {
    asymmetric = { get: createLocalJWKSet(opts.jwks), generation: () => 0 };
  }
  const secret = opts.hsSecret === undefined ? undefined : new Uint8Array(opts.hsSecret);
  const keys = asymmetric;
  return {
    getKey: async (header, token) => {
      if (HS.test(header.alg ?? '')) {
        if (secret === undefined) throw new Error('no HS secret');
        return secret;
      }
      if (!keys) throw new Error('no asymmetric key source');
      return keys.get(header, token);
    },
    generation: () => keys?.generation() ?? 0,
  };
}
