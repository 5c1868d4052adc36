import { BoundedMap } from '../bounded-map.js';
import type { Vault } from './vault.js';
import { EnvelopeVault, type EnvelopeVaultOptions, type VaultBackend } from './envelope-vault.js';
import { DEK_ID_LEN } from './seal.js';

/**
 * The embedded vault for a single instance (dev mode, no Redis configured). Same encryption, the
 * same code path (EnvelopeVault) and the same collision and erasure semantics as the Redis vault;
 * only the storage is a Map in this process.
 *
 * Bounded: at most `maxEntries` values (default 100 000), least recently used evicted first. An
 * evicted value simply no longer resolves, like an expired one. Data keys are kept apart and never
 * evicted (evicting one would shred a tenant). Expired values vanish on read and in a periodic
 * sweep (an unref'd timer, so it never keeps the process alive).
 */

interface Entry {
  blob: Buffer;
  /** epoch ms; Infinity for no expiry */
  expiresAt: number;
}

export const DEFAULT_MAX_ENTRIES = 100_000;
const SWEEP_INTERVAL_MS = 30_000;

export class MemoryBackend implements VaultBackend {
  /** values, in least-recently-used-first order */
  private readonly values: BoundedMap<string, Entry>;
  /** entries without expiry (data keys): never evicted */
  private readonly persistent = new Map<string, Buffer>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    maxEntries: number,
    private readonly now: () => number,
    sweepIntervalMs = SWEEP_INTERVAL_MS,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.values = new BoundedMap(maxEntries);
    this.timer = setInterval(() => this.sweepExpired(), sweepIntervalMs);
    this.timer.unref();
  }

  /** number of live value entries (for tests and metrics) */
  get size(): number {
    return this.values.size;
  }

  sweepExpired(): void {
    const t = this.now();
    for (const [k, e] of this.values) if (e.expiresAt <= t) this.values.delete(k);
  }

  private live(key: string): Entry | undefined {
    const e = this.values.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.now()) {
      this.values.delete(key);
      return undefined;
    }
    // touch: move to the most recently used end
    this.values.delete(key);
    this.values.set(key, e);
    return e;
  }

  private put(key: string, blob: Buffer, ttlSeconds: number): void {
    this.values.delete(key);
    this.values.set(key, { blob, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async get(key: string): Promise<Buffer | null> {
    return this.persistent.get(key) ?? this.live(key)?.blob ?? null;
  }

  async putIfAbsent(key: string, value: Buffer, ttlSeconds: number): Promise<Buffer | null> {
    const e = this.live(key);
    if (!e) {
      this.put(key, value, ttlSeconds);
      return null;
    }
    e.expiresAt = Math.max(e.expiresAt, this.now() + ttlSeconds * 1000);
    return e.blob;
  }

  async createIfAbsent(key: string, value: Buffer): Promise<boolean> {
    if (this.persistent.has(key)) return false;
    this.persistent.set(key, value);
    return true;
  }

  async compareAndSet(key: string, expected: Buffer, value: Buffer, ttlSeconds: number | undefined): Promise<boolean> {
    const p = this.persistent.get(key);
    if (p) {
      if (!p.equals(expected)) return false;
      this.persistent.set(key, value);
      return true;
    }
    const e = this.live(key);
    if (!e || !e.blob.equals(expected)) return false;
    if (ttlSeconds === undefined) e.blob = value;
    else this.put(key, value, ttlSeconds);
    return true;
  }

  async getDel(key: string): Promise<Buffer | null> {
    const p = this.persistent.get(key);
    if (p) {
      this.persistent.delete(key);
      return p;
    }
    const e = this.live(key);
    this.values.delete(key);
    return e?.blob ?? null;
  }

  async del(key: string): Promise<boolean> {
    if (this.persistent.delete(key)) return true;
    const existed = this.live(key) !== undefined;
    this.values.delete(key);
    return existed;
  }

  async sweep(prefix: string, dekId: Buffer): Promise<number> {
    let n = 0;
    for (const [k, e] of this.values) {
      if (k.startsWith(prefix) && e.blob.subarray(1, 1 + DEK_ID_LEN).equals(dekId)) {
        this.values.delete(k);
        n++;
      }
    }
    return n;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  /** Every stored key and raw blob (tests: proving nothing is stored in clear). */
  *entries(): IterableIterator<[string, Buffer]> {
    for (const [k, b] of this.persistent) yield [k, b];
    for (const [k, e] of this.values) yield [k, e.blob];
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.values.clear();
    this.persistent.clear();
  }
}

export interface MemoryVaultOptions extends EnvelopeVaultOptions {
  readonly maxEntries?: number;
  readonly sweepIntervalMs?: number;
  /** share storage with another MemoryVault (tests: a second "replica", other master keys) */
  readonly backend?: MemoryBackend;
}

export class MemoryVault extends EnvelopeVault implements Vault {
  readonly memory: MemoryBackend;

  constructor(opts: MemoryVaultOptions) {
    const backend = opts.backend ?? new MemoryBackend(opts.maxEntries ?? DEFAULT_MAX_ENTRIES, opts.now ?? Date.now, opts.sweepIntervalMs);
    super(backend, opts);
    this.memory = backend;
  }
}
