#!/usr/bin/env node
/**
 * Process entry: the only reader of process.env and process.argv. Loads the configuration, builds the
 * gateway, listens, and drains on SIGTERM/SIGINT.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildApp } from './app.js';
import { createKeySource } from './auth/key-source.js';
import { DEV_AUDIENCE, DEV_ISSUER, createDevIdentity, devBanner } from './auth/dev-mode.js';
import { loadConfig, type Config } from './config/load.js';
import { startEchoUpstream, type EchoUpstream } from './dev/echo-upstream.js';
import { ConfigError } from './errors.js';
import { createLogger } from './observe/logger.js';
import { createUpstream } from './upstream/client.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, process.argv.slice(2), (p) => readFileSync(p, 'utf8'), () => randomBytes(32));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`privacy-gateway: configuration error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);

  let issuers = config.jwt.issuers;
  let audiences = config.jwt.audiences;
  let devToken: string | undefined;
  let jwks;
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
    process.stderr.write('privacy-gateway: configuration error: JWT_JWKS_FILE: expected a readable JWKS file ({"keys":[...]})\n');
    process.exit(1);
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

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const deadline = setTimeout(() => {
      logger.warn('drain deadline passed; exiting');
      process.exit(0);
    }, config.shutdownGraceMs);
    deadline.unref();
    try {
      await app.close();
      await upstream.close();
      await echo?.close();
    } finally {
      logger.flush();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'privacy-gateway listening');
  if (devToken !== undefined) {
    const port = app.server.address();
    const base = `http://localhost:${typeof port === 'object' && port ? port.port : config.port}`;
    process.stderr.write(devBanner(devToken, base, echo !== undefined));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`privacy-gateway: failed to start: ${err instanceof Error ? err.name : 'Error'}: ${err instanceof Error ? err.message : ''}\n`);
  process.exit(1);
});
