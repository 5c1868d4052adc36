import type { SharedState } from './shared-state.js';

export interface SnapshotOptions {
  /** how often the version is polled; default 300 ms (a change made anywhere is seen within ~0.5 s) */
  intervalMs?: number;
  /** reload the whole hash this often even when the version did not move (store flushed, restored); default 30 s */
  fullReloadMs?: number;
  /** a refresh that takes longer counts as failed; default 2 s */
  timeoutMs?: number;
  now?: () => number;
  /** told when `healthy` changes (for /readyz, logs, the gateway_shared_state_healthy gauge) */
  onHealthChange?: (healthy: boolean) => void;
}

/** One parsed entry with its expiry (epoch ms), kept alongside the raw value for pruning. */
export interface Expiring {
  readonly until: number;
}

/**
 * A local, synchronous copy of one shared hash, refreshed in the background: each tick polls the
 * hash's version and reloads the hash when it moved. Reads never wait on the network. When the
 * store does not answer, the last good copy stays in force and `healthy` turns false.
 */
export class HashSnapshot<E extends Expiring> {
  readonly #state: SharedState;
  readonly #hash: string;
  readonly #parse: (field: string, value: string) => E | undefined;
  readonly #intervalMs: number;
  readonly #fullReloadMs: number;
  readonly #timeoutMs: number;
  readonly #onHealthChange: ((healthy: boolean) => void) | undefined;
  readonly now: () => number;

  #entries: ReadonlyMap<string, { readonly raw: string; readonly entry: E }> = new Map();
  #version: string | null | undefined = undefined; // undefined: never loaded
  #loadedAt = 0;
  #healthy = true;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(state: SharedState, hash: string, parse: (field: string, value: string) => E | undefined, opts: SnapshotOptions = {}) {
    this.#state = state;
    this.#hash = hash;
    this.#parse = parse;
    this.#intervalMs = opts.intervalMs ?? 300;
    this.#fullReloadMs = opts.fullReloadMs ?? 30_000;
    this.#timeoutMs = opts.timeoutMs ?? 2_000;
    this.#onHealthChange = opts.onHealthChange;
    this.now = opts.now ?? (() => Date.now());
  }

  get healthy(): boolean {
    return this.#healthy;
  }

  /** Entries not yet expired, keyed by field. */
  get(field: string): E | undefined {
    const e = this.#entries.get(field)?.entry;
    return e !== undefined && e.until > this.now() ? e : undefined;
  }

  /** Loads once, then keeps refreshing on an unref'd timer. Never rejects. */
  async start(): Promise<void> {
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => void this.refresh(), this.#intervalMs);
      this.#timer.unref();
    }
    await this.refresh();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * One refresh: poll the version, reload on change (or when `force`, or when the last full load is
   * old). Concurrent calls share one refresh, except a forced one waits for the running one first.
   * Never rejects.
   */
  async refresh(force = false): Promise<void> {
    if (this.#inFlight) {
      if (!force) return this.#inFlight;
      await this.#inFlight;
    }
    const run = this.#refreshOnce(force).finally(() => {
      this.#inFlight = undefined;
    });
    this.#inFlight = run;
    return run;
  }

  async #refreshOnce(force: boolean): Promise<void> {
    try {
      await withTimeout(this.#load(force), this.#timeoutMs);
      this.#setHealthy(true);
    } catch {
      this.#setHealthy(false);
    }
  }

  async #load(force: boolean): Promise<void> {
    const now = this.now();
    if (!force && this.#version !== undefined && now - this.#loadedAt < this.#fullReloadMs) {
      const v = await this.#state.version(this.#hash);
      if (v === this.#version) return;
    }
    const snap = await this.#state.readAll(this.#hash);
    const entries = new Map<string, { raw: string; entry: E }>();
    const expired: [string, string][] = [];
    for (const [field, raw] of snap.entries) {
      const entry = this.#parse(field, raw);
      if (entry === undefined) continue;
      if (entry.until <= now) expired.push([field, raw]);
      else entries.set(field, { raw, entry });
    }
    this.#entries = entries;
    this.#version = snap.version;
    this.#loadedAt = now;
    // best effort: drop expired entries from the shared hash so it does not grow
    for (const [field, raw] of expired.slice(0, 100)) await this.#state.removeIfEquals(this.#hash, field, raw);
  }

  #setHealthy(h: boolean): void {
    if (h === this.#healthy) return;
    this.#healthy = h;
    this.#onHealthChange?.(h);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('shared state timeout')), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A shared-state store every replica reads from a local snapshot (revocations, kill switch): the
 * snapshot lifecycle in one place; subclasses add their typed reads and writes.
 */
export abstract class SnapshotStore<E extends Expiring & { readonly at: number }> {
  protected readonly snap: HashSnapshot<E>;
  readonly #state: SharedState;
  readonly #hash: string;
  readonly #parse: (field: string, value: string) => E | undefined;

  protected constructor(state: SharedState, hash: string, parse: (field: string, value: string) => E | undefined, opts: SnapshotOptions) {
    this.#state = state;
    this.#hash = hash;
    this.#parse = parse;
    this.snap = new HashSnapshot(state, hash, parse, opts);
  }

  /** Writes one entry to the shared store; this replica sees it at once. */
  protected async write(field: string, value: unknown): Promise<void> {
    await this.#state.put(this.#hash, field, JSON.stringify(value));
    await this.snap.refresh(true);
  }

  /** Removes one entry; true if it existed. This replica sees it at once. */
  protected async erase(field: string): Promise<boolean> {
    const n = await this.#state.remove(this.#hash, [field]);
    await this.snap.refresh(true);
    return n > 0;
  }

  /** Entries in force, read from the shared store (not the snapshot), oldest first. */
  async list(): Promise<E[]> {
    const now = this.snap.now();
    const { entries } = await this.#state.readAll(this.#hash);
    const out: E[] = [];
    for (const [field, raw] of entries) {
      const e = this.#parse(field, raw);
      if (e !== undefined && e.until > now) out.push(e);
    }
    return out.sort((a, b) => a.at - b.at);
  }

  /** false while the shared store does not answer (the last snapshot stays in force) */
  get healthy(): boolean {
    return this.snap.healthy;
  }

  start(): Promise<void> {
    return this.snap.start();
  }

  stop(): void {
    this.snap.stop();
  }

  /** Refreshes the local snapshot now (the timer does this every ~300 ms); never rejects. */
  refresh(force = false): Promise<void> {
    return this.snap.refresh(force);
  }
}
