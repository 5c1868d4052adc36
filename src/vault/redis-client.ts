import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'node:tls';
import type { RedisConnection } from '../config/redis.js';

/**
 * The one ioredis client the gateway shares (vault, rate limits, revocations, kill switch).
 *
 * Built to fail fast and heal by itself:
 * - no offline queue: while disconnected a command fails at once instead of waiting;
 * - `commandTimeout` (default 1000 ms): a store that accepts the connection but does not answer
 *   becomes an error in under ~2 s;
 * - reconnects forever with capped, jittered backoff, so the gateway recovers when Redis is back;
 * - auto-pipelining: commands issued in the same tick go out as one write per node (in Cluster,
 *   one pipeline per node), which is how a request costs one round trip;
 * - no ioredis `keyPrefix` (it does not apply to SCAN patterns or script keys): callers prefix
 *   keys themselves with `conn.common.keyPrefix`.
 *
 * Errors are never thrown from the event emitter: they go to `onError`, reduced to name, code and
 * message (ioredis errors can carry the command's arguments, i.e. keys and values, which must not
 * reach a log).
 */

export const DEFAULT_COMMAND_TIMEOUT_MS = 1000;
/** Reconnect backoff: 50 ms doubling, capped here, with ±20 % jitter. */
export const MAX_RECONNECT_DELAY_MS = 2000;

export type RedisClient = Redis | Cluster;

export interface RedisErrorInfo {
  readonly name: string;
  readonly code: string | undefined;
  readonly message: string;
}

export interface RedisClientHooks {
  /** A connection-level error (refused, reset, timeout...). Repeats of the same message are folded until the next `ready`. */
  onError?: (info: RedisErrorInfo) => void;
  /** Status changes worth a log line: `ready` (again), `reconnecting`, `end`. */
  onStatus?: (status: 'ready' | 'reconnecting' | 'end') => void;
}

/** Capped exponential backoff with jitter; never gives up (returns a delay for every attempt). */
export function reconnectDelay(attempt: number): number {
  const base = Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.min(attempt, 16));
  const jitter = base * 0.2 * (Math.random() * 2 - 1);
  return Math.max(10, Math.round(base + jitter));
}

/** Reduces any error to non-sensitive facts (no command arguments). */
export function describeRedisError(err: unknown): RedisErrorInfo {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return { name: err.name, code: typeof code === 'string' ? code : undefined, message: err.message.slice(0, 300) };
  }
  return { name: 'Error', code: undefined, message: 'non-error thrown' };
}

export function createRedis(conn: RedisConnection, hooks: RedisClientHooks = {}): RedisClient {
  const { common } = conn;
  const commandTimeout = common.commandTimeoutMs > 0 ? common.commandTimeoutMs : DEFAULT_COMMAND_TIMEOUT_MS;
  const tls: ConnectionOptions | undefined = common.tls ? {} : undefined;

  // Options every connection (standalone, sentinel-resolved master, each cluster node) shares.
  const shared: RedisOptions = {
    commandTimeout,
    connectTimeout: Math.max(commandTimeout, 2000),
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    lazyConnect: false,
    // fail fast while a (re)connect is in progress instead of waiting for the ready check
    enableReadyCheck: true,
    ...(common.username !== undefined ? { username: common.username } : {}),
    ...(common.password !== undefined ? { password: common.password } : {}),
    ...(tls ? { tls } : {}),
  };

  let client: RedisClient;
  switch (conn.mode) {
    case 'standalone': {
      client = new Redis(conn.url, {
        ...shared,
        enableOfflineQueue: false,
        retryStrategy: reconnectDelay,
        // a failover turns the old master read-only: reconnect so we reach the new one
        reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      });
      break;
    }
    case 'sentinel': {
      client = new Redis({
        ...shared,
        sentinels: conn.sentinels.map((s) => ({ host: s.host, port: s.port })),
        name: conn.name,
        role: 'master',
        ...(common.password !== undefined ? { sentinelPassword: common.password } : {}),
        ...(tls ? { enableTLSForSentinelMode: true, sentinelTLS: tls } : {}),
        sentinelRetryStrategy: reconnectDelay,
        sentinelReconnectStrategy: reconnectDelay,
        sentinelCommandTimeout: commandTimeout,
        // subscribe to +switch-master so a failover is noticed without waiting for an error
        failoverDetector: true,
        enableOfflineQueue: false,
        retryStrategy: reconnectDelay,
        reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      });
      break;
    }
    case 'cluster': {
      const options: ClusterOptions = {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        lazyConnect: false,
        scaleReads: 'master',
        enableReadyCheck: true,
        maxRedirections: 16,
        slotsRefreshTimeout: commandTimeout,
        clusterRetryStrategy: (times: number) => reconnectDelay(times),
        redisOptions: shared,
      };
      client = new Cluster(
        conn.nodes.map((n) => ({ host: n.host, port: n.port })),
        options,
      );
      break;
    }
  }

  let lastMessage: string | undefined;
  client.on('error', (err: unknown) => {
    const info = describeRedisError(err);
    if (info.message === lastMessage) return;
    lastMessage = info.message;
    hooks.onError?.(info);
  });
  client.on('ready', () => {
    lastMessage = undefined;
    hooks.onStatus?.('ready');
  });
  client.on('reconnecting', () => hooks.onStatus?.('reconnecting'));
  client.on('end', () => hooks.onStatus?.('end'));
  // Cluster-only events; harmless on a standalone client
  client.on('node error', (err: unknown) => {
    const info = describeRedisError(err);
    if (info.message === lastMessage) return;
    lastMessage = info.message;
    hooks.onError?.(info);
  });
  return client;
}

/**
 * Resolves once the client is ready (at once if it is), or after `ms` (the store may be down: the
 * gateway starts anyway). Never rejects. A fresh client connects in the background and, without an
 * offline queue, fails every command until then.
 */
export function whenReady(client: RedisClient, ms: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
  });
}

/** The master nodes to SCAN: every master in a Cluster, the one server otherwise. */
export function masterNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** Escapes glob characters so a key prefix matches itself in SCAN MATCH. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
