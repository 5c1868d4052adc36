import { randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { loadConfig, normalizeUpstreamUrl } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const base = { JWT_JWKS_URL: 'https://idp.example.com/jwks.json', JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'gw' };
const gen = (): Buffer => randomBytes(32);
const noFiles = (): string => {
  throw new Error('no files');
};

function failsOn(env: Record<string, string>, variable: string, argv: string[] = []): void {
  try {
    loadConfig(env, argv, noFiles, gen);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).variable).toBe(variable);
    expect((e as Error).message).toContain(variable);
    return;
  }
  throw new Error(`expected a ConfigError naming ${variable}`);
}

describe('loadConfig', () => {
  it('has the contract defaults', () => {
    const c = loadConfig(base, [], noFiles, gen);
    expect(c.port).toBe(8080);
    expect(c.host).toBe('0.0.0.0');
    expect(c.upstream.url).toBe('https://api.openai.com');
    expect(c.upstream.timeoutMs).toBe(600000);
    expect(c.upstream.connectTimeoutMs).toBe(10000);
    expect(c.jwt.algorithms).toEqual(['RS256', 'ES256', 'EdDSA']);
    expect(c.jwt.tenantClaim).toBe('tenant');
    expect(c.jwt.clockToleranceS).toBe(30);
    expect(c.jwt.maxAgeS).toBeUndefined();
    expect(c.keyPrefix).toBe('pgw:');
    expect(c.vault.keyId).toBe('k1');
    expect(c.vault.ephemeral).toBe(true);
    expect(c.policyFile).toBe('config/policy.yaml');
    expect(c.auditLog).toBe('stdout');
    expect(c.metricsRequireAuth).toBe(false);
    expect(c.bodyLimitBytes).toBe(4194304);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('refuses to start without a key source outside dev mode', () => {
    failsOn({ JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' }, 'JWT_JWKS_URL');
  });

  it('needs JWT_ISSUER and JWT_AUDIENCE outside dev mode; dev mode needs nothing', () => {
    failsOn({ JWT_JWKS_URL: base.JWT_JWKS_URL, JWT_AUDIENCE: 'y' }, 'JWT_ISSUER');
    failsOn({ JWT_JWKS_URL: base.JWT_JWKS_URL, JWT_ISSUER: 'y' }, 'JWT_AUDIENCE');
    const dev = loadConfig({}, ['--dev'], noFiles, gen);
    expect(dev.dev).toBe(true);
    expect(dev.upstream.url).toBeUndefined();
    expect(loadConfig({ DEV_AUTH: '1' }, [], noFiles, gen).dev).toBe(true);
  });

  it('never allows alg none, and HS* only with a secret', () => {
    failsOn({ ...base, JWT_ALGORITHMS: 'RS256,none' }, 'JWT_ALGORITHMS');
    failsOn({ ...base, JWT_ALGORITHMS: 'HS256' }, 'JWT_ALGORITHMS');
    failsOn({ ...base, JWT_ALGORITHMS: 'XX999' }, 'JWT_ALGORITHMS');
    const c = loadConfig({ ...base, JWT_ALGORITHMS: 'HS256', JWT_HS_SECRET: 'x'.repeat(32) }, [], noFiles, gen);
    expect(c.jwt.algorithms).toEqual(['HS256']);
  });

  it('requires https for a remote JWKS except on loopback', () => {
    failsOn({ ...base, JWT_JWKS_URL: 'http://idp.example.com/jwks' }, 'JWT_JWKS_URL');
    expect(loadConfig({ ...base, JWT_JWKS_URL: 'http://127.0.0.1:9999/jwks' }, [], noFiles, gen).jwt.jwksUrl).toBe('http://127.0.0.1:9999/jwks');
    for (const loopback of ['http://localhost:9999/jwks', 'http://[::1]:9999/jwks', 'http://127.1.2.3/jwks']) expect(loadConfig({ ...base, JWT_JWKS_URL: loopback }, [], noFiles, gen).jwt.jwksUrl).toBe(loopback);
    // host names that merely start like a loopback address are anyone's hosts: plain http there is refused
    for (const lookalike of ['http://127.0.0.1.nip.io/jwks', 'http://127.attacker.example/jwks', 'http://localhost.attacker.example/jwks']) failsOn({ ...base, JWT_JWKS_URL: lookalike }, 'JWT_JWKS_URL');
  });

  it('names the variable for bad numbers and booleans', () => {
    failsOn({ ...base, PORT: 'eighty' }, 'PORT');
    failsOn({ ...base, UPSTREAM_TIMEOUT_MS: '-1' }, 'UPSTREAM_TIMEOUT_MS');
    failsOn({ ...base, METRICS_REQUIRE_AUTH: 'maybe' }, 'METRICS_REQUIRE_AUTH');
    failsOn({ ...base, UPSTREAM_URL: 'ftp://x' }, 'UPSTREAM_URL');
  });

  it('requires VAULT_KEY with a shared store, and checks its shape', () => {
    failsOn({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }, 'VAULT_KEY');
    failsOn({ ...base, VAULT_KEY: 'too-short' }, 'VAULT_KEY');
    const key = randomBytes(32).toString('base64');
    const c = loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379', VAULT_KEY: key, VAULT_OLD_KEYS: `k0:${randomBytes(32).toString('base64')}` }, [], noFiles, gen);
    expect(c.vault.ephemeral).toBe(false);
    expect(c.vault.oldKeys.has('k0')).toBe(true);
    expect(c.redis?.mode).toBe('standalone');
  });

  it('parses Cluster and Sentinel forms and refuses two at once', () => {
    const key = randomBytes(32).toString('base64');
    const cl = loadConfig({ ...base, VAULT_KEY: key, REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001' }, [], noFiles, gen);
    expect(cl.redis).toMatchObject({ mode: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }] });
    failsOn({ ...base, VAULT_KEY: key, REDIS_SENTINELS: 'a:26379' }, 'REDIS_SENTINEL_NAME');
    failsOn({ ...base, VAULT_KEY: key, REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'a:1' }, 'REDIS_URL');
  });

  it('reads *_FILE twins for secrets', () => {
    const key = randomBytes(32).toString('base64');
    const c = loadConfig({ ...base, VAULT_KEY_FILE: '/run/secrets/vault_key' }, [], (p) => (p === '/run/secrets/vault_key' ? `${key}\n` : ''), gen);
    expect(c.vault.key.toString('base64')).toBe(key);
    failsOn({ ...base, UPSTREAM_API_KEY_FILE: '/nope' }, 'UPSTREAM_API_KEY_FILE');
  });

  it('normalizes the upstream base URL: path prefix kept, trailing /v1 not doubled', () => {
    expect(normalizeUpstreamUrl('https://api.openai.com/')).toBe('https://api.openai.com');
    expect(normalizeUpstreamUrl('https://host/api')).toBe('https://host/api');
    expect(normalizeUpstreamUrl('https://host/api/v1/')).toBe('https://host/api');
    expect(normalizeUpstreamUrl('https://r.openai.azure.com/openai/v1/?api-version=preview')).toBe('https://r.openai.azure.com/openai?api-version=preview');
  });

  it('checks HTTPS_PROXY, naming the variable and never echoing the value (it may hold credentials)', () => {
    failsOn({ ...base, HTTPS_PROXY: '::::' }, 'HTTPS_PROXY');
    failsOn({ ...base, HTTPS_PROXY: 'ftp://proxy:21' }, 'HTTPS_PROXY');
    failsOn({ ...base, https_proxy: 'not a url' }, 'https_proxy');
    try {
      loadConfig({ ...base, HTTPS_PROXY: 'http//user:s3cret@proxy' }, [], noFiles, gen);
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
    expect(loadConfig({ ...base, HTTPS_PROXY: 'http://user:pw@proxy.internal:3128' }, [], noFiles, gen).upstream.httpsProxy).toBe('http://user:pw@proxy.internal:3128');
    expect(loadConfig({ ...base, https_proxy: 'socks5://127.0.0.1:1080' }, [], noFiles, gen).upstream.httpsProxy).toBe('socks5://127.0.0.1:1080');
  });

  it('checks NO_PROXY: hosts, domains and addresses with optional ports; no CIDR ranges', () => {
    const ok = 'localhost, .example.com,*.corp.internal 10.0.0.5:8443,[::1],api_host';
    expect(loadConfig({ ...base, NO_PROXY: ok }, [], noFiles, gen).upstream.noProxy).toBe(ok);
    expect(loadConfig({ ...base, NO_PROXY: '*' }, [], noFiles, gen).upstream.noProxy).toBe('*');
    failsOn({ ...base, NO_PROXY: 'localhost,10.0.0.0/8' }, 'NO_PROXY');
    failsOn({ ...base, NO_PROXY: 'host!' }, 'NO_PROXY');
    failsOn({ ...base, NO_PROXY: 'example.com:99999' }, 'NO_PROXY');
    failsOn({ ...base, no_proxy: '::::' }, 'no_proxy');
  });

  it('checks UPSTREAM_CA_FILE: readable PEM certificates, kept as text', () => {
    const pem = `${rootCertificates[0]}\n${rootCertificates[1]}\n`;
    const c = loadConfig({ ...base, UPSTREAM_CA_FILE: '/etc/ca.pem' }, [], (p) => (p === '/etc/ca.pem' ? pem : ''), gen);
    expect(c.upstream.ca).toBe(pem);
    failsOn({ ...base, UPSTREAM_CA_FILE: '/nope.pem' }, 'UPSTREAM_CA_FILE');
    const file = (text: string) => () => text;
    for (const text of ['not a certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n']) {
      expect(() => loadConfig({ ...base, UPSTREAM_CA_FILE: '/etc/ca.pem' }, [], file(text), gen)).toThrow(/UPSTREAM_CA_FILE/);
    }
  });
});
