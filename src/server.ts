/**
 * The composition root: builds every dependency from the Config (key source, upstream client, stores,
 * policy, audit sink), then the app. main.ts calls it for the process; tests call it in-process.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { createKeySource } from './auth/key-source.js';
import { DEV_AUDIENCE, DEV_ISSUER, createDevIdentity } from './auth/dev-mode.js';
import type { Config } from './config/load.js';
import { startEchoUpstream, type EchoUpstream } from './dev/echo-upstream.js';
import { ConfigError } from './errors.js';
import { createUpstream } from './upstream/client.js';

export interface Gateway {
  readonly app: FastifyInstance;
  /** dev mode: a ready-to-use token */
  readonly devToken: string | undefined;
  readonly echo: EchoUpstream | undefined;
  /** re-reads the policy file (SIGHUP) */
  reloadPolicy?(): void;
  /**
   * Stops accepting, lets in-flight requests and streams finish for up to `graceMs`, then cuts the
   * remaining connections, closes pools and stores, and flushes the audit log.
   */
  close(graceMs?: number): Promise<void>;
}

export async function createGateway(config: Config, logger: Logger): Promise<Gateway> {
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
  let getKey;
  try {
    getKey = createKeySource({ jwksUrl: config.jwt.jwksUrl, jwksFile: config.jwt.jwksFile, jwks, hsSecret: config.jwt.hsSecret, readFile: (p) => readFileSync(p, 'utf8') });
  } catch {
    throw new ConfigError('JWT_JWKS_FILE', 'expected a readable JWKS file ({"keys":[...]})');
  }

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
    ca: config.upstream.caFile === undefined ? undefined : readFileSync(config.upstream.caFile, 'utf8'),
  });

  if (!config.redis) logger.info('no REDIS_URL / REDIS_CLUSTER_NODES / REDIS_SENTINELS: using the embedded in-memory store (one instance only)');
  if (config.vault.ephemeral) logger.warn('VAULT_KEY not set: generated an ephemeral vault key; tokens do not survive a restart');

  const app = await buildApp({
    config,
    logger,
    getKey,
    issuers,
    audiences,
    upstream,
    isRevoked: () => false,
    readiness: { config: () => true },
  });

  return {
    app,
    devToken,
    echo,
    async close(graceMs = config.shutdownGraceMs) {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        app.close().then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) {
        logger.warn('drain deadline passed: closing the remaining connections');
        app.server.closeAllConnections();
      }
      await upstream.close();
      await echo?.close();
    },
  };
}
