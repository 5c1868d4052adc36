#!/usr/bin/env node
/**
 * Process entry: the only reader of process.env and process.argv. Loads the configuration, builds the
 * gateway, listens, and drains on SIGTERM/SIGINT (exit 0).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { devBanner } from './auth/dev-mode.js';
import { loadConfig, type Config } from './config/load.js';
import { ConfigError } from './errors.js';
import { createLogger } from './observe/logger.js';
import { createGateway } from './server.js';

/** how long after SHUTDOWN_GRACE_MS the process exits even if closing has not finished */
const SHUTDOWN_BACKSTOP_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`privacy-gateway: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, process.argv.slice(2), (p) => readFileSync(p, 'utf8'), () => randomBytes(32));
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let gateway;
  try {
    gateway = await createGateway(config, logger);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration error: ${err.message}`);
    throw err;
  }

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    // gateway.close() ends what is left once SHUTDOWN_GRACE_MS has passed, and writes the audit records
    // of those requests; this is only a backstop should that itself hang
    const deadline = setTimeout(() => {
      logger.warn('shutdown did not finish in time; exiting');
      logger.flush();
      process.exit(0);
    }, config.shutdownGraceMs + SHUTDOWN_BACKSTOP_MS);
    deadline.unref();
    try {
      await gateway.close();
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
    } finally {
      logger.flush();
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => gateway.reloadPolicy());

  const address = await gateway.app.listen({ port: config.port, host: config.host });
  logger.info({ address }, 'privacy-gateway listening');
  // the log is buffered: the start-up lines go out now, before the dev banner and the first requests
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  if (gateway.devToken !== undefined) {
    const addr = gateway.app.server.address();
    const base = `http://localhost:${typeof addr === 'object' && addr ? addr.port : config.port}`;
    process.stderr.write(devBanner(gateway.devToken, base, gateway.echo !== undefined));
  }
}

main().catch((err: unknown) => fail(`failed to start: ${err instanceof Error ? err.name : 'Error'}`));
