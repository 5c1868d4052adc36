import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { ConfigError } from '../errors.js';
import type { HostPort, RedisConnection } from './redis.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The whole gateway configuration, parsed and validated once at start, then frozen. */
export interface Config {
  readonly dev: boolean;
  readonly port: number;
  readonly host: string;
  readonly upstream: {
    /** base URL with any path prefix, no trailing slash and no trailing /v1; undefined in dev = echo */
    readonly url: string | undefined;
    readonly apiKey: string | undefined;
    readonly timeoutMs: number;
    readonly connectTimeoutMs: number;
    /** HTTPS_PROXY (or https_proxy): an http, https or socks URL */
    readonly httpsProxy: string | undefined;
    /** NO_PROXY (or no_proxy): hosts and domains reached without the proxy */
    readonly noProxy: string | undefined;
    /** the PEM text of UPSTREAM_CA_FILE (one or more certificates), trusted besides the system's CAs */
    readonly ca: string | undefined;
  };
  readonly jwt: {
    readonly jwksUrl: string | undefined;
    readonly jwksFile: string | undefined;
    readonly issuers: readonly string[];
    readonly audiences: readonly string[];
    readonly algorithms: readonly string[];
    readonly hsSecret: Buffer | undefined;
    readonly tenantClaim: string;
    readonly clockToleranceS: number;
    readonly maxAgeS: number | undefined;
    readonly jwksCooldownS: number;
  };
  readonly redis: RedisConnection | undefined;
  readonly keyPrefix: string;
  readonly vault: {
    readonly key: Buffer;
    readonly keyId: string;
    readonly oldKeys: ReadonlyMap<string, Buffer>;
    /** true when the key was generated at start (embedded mode) */
    readonly ephemeral: boolean;
  };
  readonly tokenKey: Buffer;
  readonly policyFile: string;
  readonly auditLog: string;
  readonly auditKey: Buffer | undefined;
  readonly metricsRequireAuth: boolean;
  readonly bodyLimitBytes: number;
  /** how long a client may take to send its whole request (headers and body); then 408 and the connection closes */
  readonly requestTimeoutMs: number;
  readonly logLevel: string;
  readonly shutdownGraceMs: number;
}

const ASYMMETRIC = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519']);
const SYMMETRIC = new Set(['HS256', 'HS384', 'HS512']);

/** Reads VAR, or the file named by VAR_FILE (Docker/Kubernetes secrets). */
function secret(env: Env, name: string, readFile: (p: string) => string): string | undefined {
  const direct = env[name];
  const file = env[`${name}_FILE`];
  if (direct !== undefined && direct !== '' && file) throw new ConfigError(name, `set either ${name} or ${name}_FILE, not both`);
  if (file) {
    try {
      return readFile(file).trim();
    } catch {
      throw new ConfigError(`${name}_FILE`, `cannot read the file it names`);
    }
  }
  return direct === '' ? undefined : direct;
}

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const v = str(env, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v)) throw new ConfigError(name, `expected a whole number, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw new ConfigError(name, `expected a number from ${min} to ${max}, got ${n}`);
  return n;
}

function bool(env: Env, name: string): boolean {
  const v = str(env, name);
  if (v === undefined) return false;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(name, `expected 1 or 0, got "${v}"`);
}

function list(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function key32(name: string, b64: string): Buffer {
  const buf = Buffer.from(b64, 'base64');
  if (buf.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new ConfigError(name, 'expected base64 of 32 random bytes (e.g. `openssl rand -base64 32`)');
  return buf;
}

function hostPorts(name: string, v: string): HostPort[] {
  const out = list(v).map((hp) => {
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(hp);
    if (!m || !m[1] || !m[2]) throw new ConfigError(name, `expected host:port,host:port,... got "${hp}"`);
    return { host: m[1], port: Number(m[2]) };
  });
  if (out.length === 0) throw new ConfigError(name, 'expected at least one host:port');
  return out;
}

function httpUrl(name: string, v: string): URL {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, `expected an http(s) URL, got "${v}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError(name, `expected an http(s) URL, got "${v}"`);
  return u;
}

const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);

/** An egress proxy URL. The value is not echoed: it may hold the proxy's credentials. */
function proxyUrl(name: string, v: string): void {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, 'expected a proxy URL such as http://proxy.internal:3128 (the value is not shown: it may hold credentials)');
  }
  if (!PROXY_PROTOCOLS.has(u.protocol) || u.hostname === '') throw new ConfigError(name, 'expected an http, https or socks5 proxy URL such as http://proxy.internal:3128');
}

/**
 * NO_PROXY: host names, domains (`.example.com`, `*.example.com`), IP addresses, each with an optional
 * `:port`, separated by commas or spaces, or `*` alone. CIDR ranges are refused: the upstream client
 * compares host names only, so a range would silently never match.
 */
function noProxyList(name: string, v: string): void {
  const entries = v.split(/[,\s]+/).filter((e) => e !== '');
  if (entries.length === 1 && entries[0] === '*') return;
  for (const e of entries) {
    if (e.includes('/')) throw new ConfigError(name, `"${e}": CIDR ranges are not supported; list the hosts or domains`);
    const m = /^(?:\*?\.)?([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(e);
    if (!m || (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))) {
      throw new ConfigError(name, `"${e}": expected host names, domains (.example.com) or IP addresses, each with an optional :port, separated by commas`);
    }
  }
}

/** The PEM text of a CA file: readable, with at least one certificate, each one parseable. */
function caCertificates(file: string, readFile: (p: string) => string): string {
  let text: string;
  try {
    text = readFile(file);
  } catch {
    throw new ConfigError('UPSTREAM_CA_FILE', 'cannot read the file it names');
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError('UPSTREAM_CA_FILE', 'expected PEM certificates (-----BEGIN CERTIFICATE-----)');
  for (const [i, pem] of blocks.entries()) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new ConfigError('UPSTREAM_CA_FILE', `certificate ${i + 1} of the file cannot be parsed`);
    }
  }
  return text;
}

/** `localhost`, ::1 or an IPv4 address in 127/8; a host name that merely starts with "127." is anyone's host */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

/**
 * Normalizes an upstream base URL: no trailing slash, a trailing /v1 removed (the request path adds it). A query
 * (e.g. Azure's `?api-version=preview`) is kept: the upstream client adds it to every request.
 */
export function normalizeUpstreamUrl(v: string): string {
  const u = httpUrl('UPSTREAM_URL', v);
  let path = u.pathname.replace(/\/+$/, '');
  if (path.endsWith('/v1')) path = path.slice(0, -3);
  return `${u.protocol}//${u.host}${path}${u.search}`;
}

/**
 * Parses and validates the environment. Throws ConfigError naming the variable on the first bad value.
 * `argv` may carry `--dev`. Pure apart from reading `_FILE` secrets through `readFile`.
 */
export function loadConfig(env: Env, argv: readonly string[] = [], readFile: (p: string) => string = (p) => readFileSync(p, 'utf8'), randomKey: () => Buffer = () => Buffer.alloc(0)): Config {
  const dev = argv.includes('--dev') || bool(env, 'DEV_AUTH');

  const upstreamRaw = str(env, 'UPSTREAM_URL');
  const upstreamUrl = upstreamRaw !== undefined ? normalizeUpstreamUrl(upstreamRaw) : dev ? undefined : 'https://api.openai.com';

  const jwksUrl = str(env, 'JWT_JWKS_URL');
  const jwksFile = str(env, 'JWT_JWKS_FILE');
  if (jwksUrl && jwksFile) throw new ConfigError('JWT_JWKS_URL', 'set either JWT_JWKS_URL or JWT_JWKS_FILE, not both');
  if (jwksUrl) {
    const u = httpUrl('JWT_JWKS_URL', jwksUrl);
    if (u.protocol !== 'https:' && !isLoopback(u.hostname)) throw new ConfigError('JWT_JWKS_URL', 'must be an https URL (plain http only on a loopback host)');
  }
  const hsSecretText = secret(env, 'JWT_HS_SECRET', readFile);
  if (hsSecretText !== undefined && Buffer.byteLength(hsSecretText) < 32) throw new ConfigError('JWT_HS_SECRET', 'expected at least 32 bytes');
  const algorithms = list(str(env, 'JWT_ALGORITHMS') ?? 'RS256,ES256,EdDSA');
  for (const a of algorithms) {
    if (a.toLowerCase() === 'none') throw new ConfigError('JWT_ALGORITHMS', '`none` is never allowed');
    if (SYMMETRIC.has(a)) {
      if (hsSecretText === undefined) throw new ConfigError('JWT_ALGORITHMS', `${a} needs JWT_HS_SECRET`);
    } else if (!ASYMMETRIC.has(a)) throw new ConfigError('JWT_ALGORITHMS', `unknown algorithm "${a}"`);
  }
  if (algorithms.length === 0) throw new ConfigError('JWT_ALGORITHMS', 'expected at least one algorithm');
  const issuers = list(str(env, 'JWT_ISSUER'));
  const audiences = list(str(env, 'JWT_AUDIENCE'));
  if (!dev) {
    if (!jwksUrl && !jwksFile && hsSecretText === undefined) throw new ConfigError('JWT_JWKS_URL', 'a key source is required outside dev mode: set JWT_JWKS_URL or JWT_JWKS_FILE (or run with --dev)');
    if (issuers.length === 0) throw new ConfigError('JWT_ISSUER', 'required outside dev mode (the trusted issuer, or a comma-separated list)');
    if (audiences.length === 0) throw new ConfigError('JWT_AUDIENCE', 'required outside dev mode (this gateway\'s audience, or a comma-separated list)');
  }

  const keyPrefix = env['REDIS_KEY_PREFIX'] ?? 'pgw:';
  // a `{...}` in the prefix would be a Cluster hash tag: every key of the gateway in one slot, one node
  if (/[{}]/.test(keyPrefix)) throw new ConfigError('REDIS_KEY_PREFIX', 'must not contain "{" or "}" (a Redis Cluster hash tag would put every key in one slot)');
  const common = {
    username: str(env, 'REDIS_USERNAME'),
    password: secret(env, 'REDIS_PASSWORD', readFile),
    tls: bool(env, 'REDIS_TLS'),
    keyPrefix,
    commandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 1000, 50, 60_000),
  };
  const redisUrl = secret(env, 'REDIS_URL', readFile);
  const clusterNodes = str(env, 'REDIS_CLUSTER_NODES');
  const sentinels = str(env, 'REDIS_SENTINELS');
  const forms = [redisUrl, clusterNodes, sentinels].filter((x) => x !== undefined).length;
  if (forms > 1) throw new ConfigError('REDIS_URL', 'set only one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS');
  let redis: RedisConnection | undefined;
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL', 'expected redis://host:port or rediss://host:port');
    redis = { mode: 'standalone', url: redisUrl, common };
  } else if (clusterNodes) {
    redis = { mode: 'cluster', nodes: hostPorts('REDIS_CLUSTER_NODES', clusterNodes), common };
  } else if (sentinels) {
    const name = str(env, 'REDIS_SENTINEL_NAME');
    if (!name) throw new ConfigError('REDIS_SENTINEL_NAME', 'required with REDIS_SENTINELS (the master name)');
    redis = { mode: 'sentinel', sentinels: hostPorts('REDIS_SENTINELS', sentinels), name, common };
  }

  const vaultKeyText = secret(env, 'VAULT_KEY', readFile);
  let vaultKey: Buffer;
  let ephemeral = false;
  if (vaultKeyText !== undefined) vaultKey = key32('VAULT_KEY', vaultKeyText);
  else if (redis) throw new ConfigError('VAULT_KEY', 'required when a shared store is configured (all replicas must share it): base64 of 32 random bytes');
  else {
    vaultKey = randomKey();
    if (vaultKey.length !== 32) throw new ConfigError('VAULT_KEY', 'no key given and none could be generated');
    ephemeral = true;
  }
  const keyId = str(env, 'VAULT_KEY_ID') ?? 'k1';
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(keyId)) throw new ConfigError('VAULT_KEY_ID', 'expected 1-32 characters of [A-Za-z0-9_.-]');
  const oldKeys = new Map<string, Buffer>();
  for (const item of list(secret(env, 'VAULT_OLD_KEYS', readFile))) {
    const i = item.indexOf(':');
    const id = item.slice(0, i);
    if (i <= 0 || !/^[A-Za-z0-9_.-]{1,32}$/.test(id)) throw new ConfigError('VAULT_OLD_KEYS', 'expected id:base64,id:base64,...');
    if (id === keyId) throw new ConfigError('VAULT_OLD_KEYS', `key id "${id}" is also the current VAULT_KEY_ID`);
    oldKeys.set(id, key32('VAULT_OLD_KEYS', item.slice(i + 1)));
  }
  const tokenKeyText = secret(env, 'TOKEN_KEY', readFile);
  let tokenKey: Buffer;
  if (tokenKeyText !== undefined) {
    tokenKey = Buffer.from(tokenKeyText, 'base64');
    if (tokenKey.length < 16) throw new ConfigError('TOKEN_KEY', 'expected base64 of at least 16 random bytes');
  } else tokenKey = vaultKey;

  const auditKeyText = secret(env, 'AUDIT_KEY', readFile);
  let auditKey: Buffer | undefined;
  if (auditKeyText !== undefined) {
    auditKey = Buffer.from(auditKeyText, 'base64');
    if (auditKey.length < 16) throw new ConfigError('AUDIT_KEY', 'expected base64 of at least 16 random bytes');
  }

  const caFile = str(env, 'UPSTREAM_CA_FILE');
  const ca = caFile === undefined ? undefined : caCertificates(caFile, readFile);
  const proxyName = str(env, 'HTTPS_PROXY') !== undefined ? 'HTTPS_PROXY' : 'https_proxy';
  const httpsProxy = str(env, proxyName);
  if (httpsProxy !== undefined) proxyUrl(proxyName, httpsProxy);
  const noProxyName = str(env, 'NO_PROXY') !== undefined ? 'NO_PROXY' : 'no_proxy';
  const noProxy = str(env, noProxyName);
  if (noProxy !== undefined) noProxyList(noProxyName, noProxy);
  const logLevel = str(env, 'LOG_LEVEL') ?? 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) throw new ConfigError('LOG_LEVEL', 'expected one of fatal, error, warn, info, debug, trace, silent');

  const config: Config = {
    dev,
    port: int(env, 'PORT', 8080, 0, 65535),
    host: str(env, 'HOST') ?? '0.0.0.0',
    upstream: {
      url: upstreamUrl,
      apiKey: secret(env, 'UPSTREAM_API_KEY', readFile),
      timeoutMs: int(env, 'UPSTREAM_TIMEOUT_MS', 600_000, 100, 86_400_000),
      connectTimeoutMs: int(env, 'UPSTREAM_CONNECT_TIMEOUT_MS', 10_000, 50, 600_000),
      httpsProxy,
      noProxy,
      ca,
    },
    jwt: {
      jwksUrl,
      jwksFile,
      issuers,
      audiences,
      algorithms,
      hsSecret: hsSecretText === undefined ? undefined : Buffer.from(hsSecretText, 'utf8'),
      tenantClaim: str(env, 'JWT_TENANT_CLAIM') ?? 'tenant',
      clockToleranceS: int(env, 'JWT_CLOCK_TOLERANCE_S', 30, 0, 3600),
      maxAgeS: str(env, 'JWT_MAX_AGE_S') === undefined ? undefined : int(env, 'JWT_MAX_AGE_S', 0, 1, 31_536_000),
      jwksCooldownS: int(env, 'JWT_JWKS_COOLDOWN_S', 10, 0, 3600),
    },
    redis,
    keyPrefix: common.keyPrefix,
    vault: { key: vaultKey, keyId, oldKeys, ephemeral },
    tokenKey,
    policyFile: str(env, 'POLICY_FILE') ?? 'config/policy.yaml',
    auditLog: str(env, 'AUDIT_LOG') ?? 'stdout',
    auditKey,
    metricsRequireAuth: bool(env, 'METRICS_REQUIRE_AUTH'),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 4_194_304, 1024, 1_073_741_824),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
    logLevel,
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 25_000, 0, 3_600_000),
  };
  return deepFreeze(config);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Buffer.isBuffer(o) && !(o instanceof Map)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
