/**
 * The composition root: builds every dependency from the Config (key source, upstream client, shared
 * store, vault, policy, detectors, audit sink, metrics, incident controls), then the app. main.ts calls
 * it for the process; tests call it in-process.
 */
import { BoundedMap } from './bounded-map.js';
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import { compiledDetectors } from './anonymize/compiled-detectors.js';
import { DetectCache } from './anonymize/detect-cache.js';
import { buildApp } from './app.js';
import { createAuditSink, type AuditSink } from './audit/sink.js';
import { createKeySource } from './auth/key-source.js';
import { DEV_AUDIENCE, DEV_ISSUER, createDevIdentity } from './auth/dev-mode.js';
import type { Config } from './config/load.js';
import { startEchoUpstream, type EchoUpstream } from './dev/echo-upstream.js';
import { ConfigError } from './errors.js';
import { Drain } from './http/drain.js';
import { combinedHealth } from './incident/health.js';
import { KillSwitch } from './incident/kill-switch.js';
import { RedisSharedState } from './incident/redis-shared-state.js';
import { Revocations } from './incident/revocations.js';
import { MemorySharedState, type SharedState } from './incident/shared-state.js';
import { TokenQuota } from './limits/token-quota.js';
import { createAnonymizePool } from './offload/anonymize-pool.js';
import { warmUp } from './offload/warm-up.js';
import { resolvePolicy } from './policy/resolve.js';
import { createMetrics, recordPolicyReload, recordSharedStateHealth, recordVaultOp } from './observe/metrics.js';
import { PolicyError, formatProblem } from './policy/load.js';
import { PolicyStore } from './policy/store.js';
import { deriveTenantTokenKey } from './tokenize/token.js';
import { createUpstream } from './upstream/client.js';
import { createVault } from './vault/create.js';
import { createRedis, whenReady, type RedisClient } from './vault/redis-client.js';

export interface Gateway {
  readonly app: FastifyInstance;
  /** dev mode: a ready-to-use token */
  readonly devToken: string | undefined;
  readonly echo: EchoUpstream | undefined;
  /** re-reads the policy file (SIGHUP) */
  reloadPolicy(): void;
  /**
   * Stops accepting, lets in-flight requests and streams finish for up to `graceMs`; then ends the ones
   * left with GW_ERR_SHUTTING_DOWN (an SSE error event for a stream, a 503 for a request that has sent
   * nothing), cuts what still remains, waits for every audit record, closes pools and stores, and
   * flushes the audit log.
   */
  close(graceMs?: number): Promise<void>;
}

/** A small bounded cache: insertion order, oldest dropped first. */
function bounded<V>(max: number, make: (key: string) => V): (key: string) => V {
  const m = new BoundedMap<string, V>(max);
  return (key) => {
    let v = m.get(key);
    if (v === undefined) {
      v = make(key);
      m.set(key, v);
    }
    return v;
  };
}

/** after the grace: how long in-flight requests get to write their error and end, per step */
const ABORT_SETTLE_MS = 1000;
/** how long the start waits for the shared store's first connection before loading revocations and kill switches */
const FIRST_CONNECT_WAIT_MS = 2000;
/** how long the shutdown waits for pending audit records */
const AUDIT_SETTLE_MS = 5000;

/** true if `p` settles within `ms`, false otherwise */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const r = await Promise.race([p.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)))]);
  clearTimeout(timer);
  return r;
}

export async function createGateway(config: Config, logger: Logger): Promise<Gateway> {
  // auth: trusted keys, issuers, audiences (dev mode adds its ephemeral key)
  let issuers = config.jwt.issuers;
  let audiences = config.jwt.audiences;
  let devToken: string | undefined;
  let jwks: JSONWebKeySet | undefined;
  if (config.dev) {
    const dev = await createDevIdentity(config.jwt.tenantClaim);
    jwks = dev.jwks;
    devToken = dev.token;
    issuers = [...issuers, DEV_ISSUER];
    audiences = [...audiences, DEV_AUDIENCE];
  }
  let keySource;
  try {
    keySource = createKeySource({
      jwksUrl: config.jwt.jwksUrl,
      jwksFile: config.jwt.jwksFile,
      jwks,
      hsSecret: config.jwt.hsSecret,
      cooldownMs: config.jwt.jwksCooldownS * 1000,
      readFile: (p) => readFileSync(p, 'utf8'),
      statFile: (p) => {
        const st = statSync(p);
        return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
      },
    });
  } catch {
    throw new ConfigError('JWT_JWKS_FILE', 'expected a readable JWKS file ({"keys":[...]})');
  }

  // policy: validated at start (an invalid file stops the start), hot-reloaded on SIGHUP and file change
  let policies: PolicyStore;
  try {
    policies = PolicyStore.open({ file: config.policyFile, log: logger });
  } catch (err) {
    if (err instanceof PolicyError) throw new ConfigError('POLICY_FILE', `the policy is invalid:\n${err.problems.map(formatProblem).join('\n')}`);
    throw new ConfigError('POLICY_FILE', `cannot read ${config.policyFile}`);
  }
  // the audit trail: a file that cannot be appended to stops the start (before anything else is built)
  let audit: AuditSink;
  try {
    audit = createAuditSink(config.auditLog, { key: config.auditKey, onError: (err) => logger.error({ err }, 'audit log write failed') });
  } catch (err) {
    policies.close();
    throw new ConfigError('AUDIT_LOG', `cannot open ${config.auditLog} for appending (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const metrics = createMetrics();
  policies.onReload((r) => recordPolicyReload(metrics, r.ok ? 'ok' : 'invalid'));

  // upstream
  let echo: EchoUpstream | undefined;
  let upstreamUrl = config.upstream.url;
  if (upstreamUrl === undefined) {
    echo = await startEchoUpstream();
    upstreamUrl = echo.url;
    logger.info('no UPSTREAM_URL: using the built-in echo upstream');
  }
  const upstream = createUpstream({
    baseUrl: upstreamUrl,
    timeoutMs: config.upstream.timeoutMs,
    connectTimeoutMs: config.upstream.connectTimeoutMs,
    httpsProxy: config.upstream.httpsProxy,
    noProxy: config.upstream.noProxy,
    ca: config.upstream.ca,
  });

  // the shared store: vault, rate limits, token quotas, revocations, kill switch
  let redis: RedisClient | undefined;
  if (config.redis) {
    redis = createRedis(config.redis, {
      onError: (info) => logger.warn({ redisError: info.name, code: info.code }, 'shared store error'),
      onStatus: (status) => logger.info({ status }, 'shared store connection'),
    });
  } else {
    logger.info('no REDIS_URL / REDIS_CLUSTER_NODES / REDIS_SENTINELS: using the embedded in-memory store (one instance only)');
  }
  if (config.vault.ephemeral) logger.warn('VAULT_KEY not set: generated an ephemeral vault key (embedded mode); tokens do not survive a restart');
  const vault = createVault({
    redis,
    keyPrefix: config.keyPrefix,
    masterKeys: { current: { id: config.vault.keyId, key: config.vault.key }, old: config.vault.oldKeys },
    closeClient: false,
    onBackgroundError: (what, err) => logger.warn({ what, err }, 'vault background task failed'),
  });
  const shared: SharedState = redis ? new RedisSharedState(redis, config.keyPrefix) : new MemorySharedState();
  // both snapshots read the same store: one warning per change of the store's health, not one per snapshot
  const health = combinedHealth(['revocations', 'kill_switch'] as const, (healthy) => logger.warn({ healthy }, 'shared state health changed'));
  const healthOf = (store: 'revocations' | 'kill_switch') => {
    const report = health(store);
    return (healthy: boolean) => {
      recordSharedStateHealth(metrics, store, healthy);
      report(healthy);
    };
  };
  const revocations = new Revocations(shared, { onHealthChange: healthOf('revocations') });
  const killSwitch = new KillSwitch(shared, { onHealthChange: healthOf('kill_switch') });
  // the first load waits for the first connection (a request right after start must not meet an empty
  // revocation list or kill switch, nor the admin API a 503); it may still fail when the store is down:
  // the gateway starts anyway and /readyz says so
  if (redis) await whenReady(redis, FIRST_CONNECT_WAIT_MS);
  await Promise.all([revocations.start().catch(() => undefined), killSwitch.start().catch(() => undefined)]);
  recordSharedStateHealth(metrics, 'revocations', revocations.healthy);
  recordSharedStateHealth(metrics, 'kill_switch', killSwitch.healthy);
  const tokenQuota = new TokenQuota(redis, config.keyPrefix, () => metrics.rateLimited.inc({ scope: 'tokens' }));

  const tenantKey = bounded(10_000, (tenant) => deriveTenantTokenKey(config.tokenKey, tenant));
  const detectorFor = compiledDetectors(256);
  const initial = policies.current();
  if (initial) warmUp(detectorFor(resolvePolicy(initial, '', 'chat', undefined)));

  const anonymizePool = createAnonymizePool(Math.max(1, Math.min(4, availableParallelism() - 1)));
  const drain = new Drain();

  const app = await buildApp({
    config,
    logger,
    getKey: keySource.getKey,
    keysGeneration: keySource.generation,
    issuers,
    audiences,
    isRevoked: (p) => revocations.isRevoked(p),
    readiness: {
      policy: () => policies.current() !== undefined,
      store: () => (redis ? vault.ping() : true),
    },
    audit,
    metrics,
    redis,
    drain,
    model: {
      upstream,
      upstreamApiKey: config.upstream.apiKey,
      policy: () => policies.current(),
      detectorFor,
      tenantKey,
      detectCache: new DetectCache(),
      anonymizePool,
      vault,
      onVaultOp: (op, result) => recordVaultOp(metrics, op, result),
      isKilled: (tenant) => killSwitch.isKilled(tenant),
      tokenQuota,
      shutdown: drain.signal,
    },
    admin: { revocations, killSwitch, vault, tenantKey, onVaultOp: (op, result) => recordVaultOp(metrics, op, result) },
  });

  return {
    app,
    devToken,
    echo,
    reloadPolicy() {
      void policies.reload('signal');
    },
    async close(graceMs = config.shutdownGraceMs) {
      const closed = app.close().then(
        () => true,
        (err: unknown) => {
          logger.error({ err }, 'error while closing the server');
          return true;
        },
      );
      if (!(await within(closed, graceMs))) {
        // the grace has run out: in-flight upstream calls end with GW_ERR_SHUTTING_DOWN (a stream gets one
        // SSE error event and ends, a request waiting for its answer a 503), each with its audit record
        logger.warn({ inFlight: drain.inFlight }, 'drain deadline passed: ending in-flight requests with a shutdown error');
        drain.abort();
        if (!(await within(closed, ABORT_SETTLE_MS))) {
          // still in the gateway's own stages (anonymizing, the vault): a 503 if nothing was sent yet
          drain.refuseUnsent();
          if (!(await within(closed, ABORT_SETTLE_MS))) {
            logger.warn({ inFlight: drain.inFlight }, 'closing the remaining connections');
            app.server.closeAllConnections();
          }
        }
      }
      // every audit record queued (a cut response's record is written after its connection closed)
      if (!(await drain.settled(AUDIT_SETTLE_MS))) logger.warn('audit records still pending at shutdown');
      policies.close();
      revocations.stop();
      killSwitch.stop();
      await upstream.close().catch(() => undefined);
      await anonymizePool.close();
      await echo?.close();
      await vault.close().catch(() => undefined);
      if (redis) redis.disconnect();
      await audit.close();
    },
  };
}
