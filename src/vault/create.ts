import type { Cluster, Redis } from 'ioredis';
import type { Vault } from './vault.js';
import type { MasterKeys } from './seal.js';
import { MemoryVault } from './memory-vault.js';
import { RedisVault } from './redis-vault.js';

export interface CreateVaultOptions {
  /** the shared client (createRedis); undefined → the embedded in-memory vault (one instance only) */
  redis: Redis | Cluster | undefined;
  keyPrefix: string;
  masterKeys: MasterKeys;
  /** in-memory vault only: bound on stored values (LRU beyond it) */
  maxEntries?: number;
  now?: () => number;
  /** Redis vault: quit the shared client on vault.close() (default true) */
  closeClient?: boolean;
  /** background erasure sweep / DEK re-seal failures (facts only) */
  onBackgroundError?: (what: 'sweep' | 'reseal', err: Error) => void;
}

export function createVault(opts: CreateVaultOptions): Vault {
  const common = {
    keyPrefix: opts.keyPrefix,
    masterKeys: opts.masterKeys,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.onBackgroundError ? { onBackgroundError: opts.onBackgroundError } : {}),
  };
  if (opts.redis) return new RedisVault(opts.redis, { ...common, ...(opts.closeClient !== undefined ? { closeClient: opts.closeClient } : {}) });
  return new MemoryVault({ ...common, ...(opts.maxEntries !== undefined ? { maxEntries: opts.maxEntries } : {}) });
}
