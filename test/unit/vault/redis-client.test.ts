import { describe, expect, it } from 'vitest';
import { Cluster, Redis } from 'ioredis';
import type { RedisCommon } from '../../../src/config/redis.js';
import { createRedis, escapeGlob, reconnectDelay, MAX_RECONNECT_DELAY_MS } from '../../../src/vault/redis-client.js';

// Port 1 on loopback: nothing listens, so the clients only keep retrying; each is disconnected at once.
const common: RedisCommon = { username: 'gw', password: 'secret', tls: true, keyPrefix: 'pgw:', commandTimeoutMs: 0 };

describe('createRedis', () => {
  it('standalone: fail-fast options, auth, TLS, no ioredis keyPrefix', () => {
    const c = createRedis({ mode: 'standalone', url: 'redis://127.0.0.1:1', common });
    try {
      expect(c).toBeInstanceOf(Redis);
      const o = (c as Redis).options;
      expect(o).toMatchObject({ enableOfflineQueue: false, commandTimeout: 1000, enableAutoPipelining: true, maxRetriesPerRequest: 1, lazyConnect: false, username: 'gw', password: 'secret' });
      expect(o.tls).toBeDefined();
      expect(o.keyPrefix ?? '').toBe('');
    } finally {
      c.disconnect();
    }
  });

  it('sentinel: sentinels, name, sentinelPassword, failover detector', () => {
    const c = createRedis({ mode: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 1 }], name: 'mymaster', common: { ...common, tls: false, commandTimeoutMs: 800 } });
    try {
      const o = (c as Redis).options;
      expect(o).toMatchObject({ name: 'mymaster', sentinelPassword: 'secret', failoverDetector: true, enableOfflineQueue: false, commandTimeout: 800 });
      expect(o.sentinels).toEqual([{ host: '127.0.0.1', port: 1 }]);
    } finally {
      c.disconnect();
    }
  });

  it('cluster: masters only, common options on every node connection', () => {
    const c = createRedis({ mode: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }], common });
    try {
      expect(c).toBeInstanceOf(Cluster);
      const o = (c as Cluster).options;
      expect(o).toMatchObject({ scaleReads: 'master', enableOfflineQueue: false, enableAutoPipelining: true });
      expect(o.redisOptions).toMatchObject({ username: 'gw', password: 'secret', commandTimeout: 1000, maxRetriesPerRequest: 1 });
      expect(typeof o.clusterRetryStrategy).toBe('function');
    } finally {
      c.disconnect();
    }
  });

  it('reconnects forever with capped backoff', () => {
    for (const n of [1, 2, 5, 10, 100, 10_000]) {
      const d = reconnectDelay(n);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(MAX_RECONNECT_DELAY_MS * 1.2);
    }
  });

  it('escapes glob characters of a prefix', () => {
    expect(escapeGlob('a*b?[c]\\')).toBe('a\\*b\\?\\[c\\]\\\\');
  });
});
