import type { Redis } from 'ioredis';
import type { Vault } from './vault.js';
import { EnvelopeVault, type EnvelopeVaultOptions, type VaultBackend } from './envelope-vault.js';
import { escapeGlob, masterNodes, type RedisClient } from './redis-client.js';

/**
 * The shared vault: sealed values in Redis (standalone, Sentinel or Cluster). Requires Redis >= 7.0
 * (`SET ... NX GET`, `EXPIRE ... GT`).
 *
 * Commands per stored mapping (one round trip for the whole request, pipelined per node):
 *   SET v:<th>:<type>:<id> <blob> EX <ttl> NX GET   creates the entry, or returns the existing one
 *   EXPIRE v:<th>:<type>:<id> <ttl> GT             only when it existed: refreshes its TTL (2nd round)
 * plus a GET of the DEK key in the same round (once a second, or when nothing new is written). Values
 * this replica stored in the last minute are not sent again (EnvelopeVault). Whether the id was new or
 * already stored is known from the SET reply alone: no read-before-write.
 * An existing entry is opened and compared (normalized value): same → done (TTL refreshed);
 * different → GW_VAULT_COLLISION, never overwritten; unreadable (left by an erased DEK) → replaced
 * with a compare-and-set script (rare path, a second round trip).
 *
 * Resolve: one GET per id (plus the DEK GET when the cached DEK is older than a second), same round.
 *
 * Erasure: eraseTenant() GETDELs the DEK (values unreadable at once), then SCANs every master for
 * `${prefix}v:<th>:*` in the background and deletes, by a one-key script, each entry that names the
 * erased DEK id. Entries the sweep misses (node down, resharding) are unreadable and expire anyway.
 */

const CAS_SCRIPT = `local v = redis.call('GET', KEYS[1])
if v ~= ARGV[1] then return 0 end
if ARGV[3] == '' then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1`;

/** Deletes the key if its value's bytes 2..5 (the value blob's DEK id) equal ARGV[1]. */
const SWEEP_SCRIPT = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 2, 5) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const PING_TIMEOUT_MS = 2000;
const SCAN_COUNT = 1000;
/** How long a command waits for the client's FIRST connection (a request right after start). */
const FIRST_CONNECT_WAIT_MS = 2000;

export class RedisBackend implements VaultBackend {
  private closed = false;
  /**
   * Until the client has been ready once: resolves when it is (or after FIRST_CONNECT_WAIT_MS).
   * Without it, a request arriving while the gateway's initial connection is still being made fails
   * at once (no offline queue) with 503 although the store is up. After the first `ready` this is
   * undefined and commands are issued synchronously (auto-pipelining, fail fast while disconnected).
   */
  private firstReady: Promise<void> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly closeClient: boolean,
  ) {
    if (client.status !== 'ready') {
      this.firstReady = new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          client.off('ready', done);
          this.firstReady = undefined;
          resolve();
        };
        const timer = setTimeout(done, FIRST_CONNECT_WAIT_MS);
        timer.unref();
        client.once('ready', done);
      });
    }
  }

  private run<T>(command: () => Promise<T>): Promise<T> {
    return this.firstReady ? this.firstReady.then(command) : command();
  }

  get(key: string): Promise<Buffer | null> {
    return this.run(() => this.client.getBuffer(key));
  }

  async putIfAbsent(key: string, value: Buffer, ttlSeconds: number): Promise<Buffer | null> {
    // one command for a new value (the common case); an existing one gets its TTL extended after
    const prev = await this.run(() => this.client.setBuffer(key, value, 'EX', ttlSeconds, 'NX', 'GET'));
    if (prev !== null) await this.client.expire(key, ttlSeconds, 'GT');
    return prev;
  }

  async createIfAbsent(key: string, value: Buffer): Promise<boolean> {
    return (await this.run(() => this.client.set(key, value, 'NX'))) === 'OK';
  }

  async compareAndSet(key: string, expected: Buffer, value: Buffer, ttlSeconds: number | undefined): Promise<boolean> {
    const r = await this.client.eval(CAS_SCRIPT, 1, key, expected, value, ttlSeconds === undefined ? '' : String(ttlSeconds));
    return r === 1;
  }

  getDel(key: string): Promise<Buffer | null> {
    return this.client.getdelBuffer(key);
  }

  async del(key: string): Promise<boolean> {
    return (await this.client.del(key)) > 0;
  }

  async sweep(prefix: string, dekId: Buffer): Promise<number> {
    const pattern = `${escapeGlob(prefix)}*`;
    const counts = await Promise.all(masterNodes(this.client).map((node) => sweepNode(node, pattern, dekId)));
    return counts.reduce((a, b) => a + b, 0);
  }

  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return await Promise.race([this.client.ping().then((r) => r === 'PONG'), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed || !this.closeClient) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

async function sweepNode(node: Redis, pattern: string, dekId: Buffer): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
    cursor = next;
    if (keys.length > 0) {
      const p = node.pipeline();
      for (const k of keys) p.eval(SWEEP_SCRIPT, 1, k, dekId);
      const results = (await p.exec()) ?? [];
      for (const [err, r] of results) if (!err && r === 1) deleted++;
    }
  } while (cursor !== '0');
  return deleted;
}

export interface RedisVaultOptions extends EnvelopeVaultOptions {
  /** quit the client on close() (default true); false when the client's owner closes it */
  readonly closeClient?: boolean;
}

export class RedisVault extends EnvelopeVault implements Vault {
  constructor(client: RedisClient, opts: RedisVaultOptions) {
    super(new RedisBackend(client, opts.closeClient ?? true), opts);
  }
}
