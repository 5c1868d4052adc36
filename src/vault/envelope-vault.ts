import { BoundedMap } from '../bounded-map.js';
import { GatewayError, isGatewayError } from '../errors.js';
import { normalizeValue } from '../tokenize/token.js';
import type { EntityType } from '../detect/types.js';
import { VaultCollisionError, isVaultCollision, type Mapping, type Vault } from './vault.js';
import {
  SealError,
  dataKeyIdOfDekBlob,
  newDataKey,
  openDataKey,
  openValue,
  sealDataKey,
  sealValue,
  tenantHash,
  type DataKey,
  type MasterKeys,
} from './seal.js';

/**
 * The vault's logic, shared by the Redis and the in-memory backends (same encryption, same
 * collision and erasure semantics; only the storage differs).
 *
 * Key layout (prefix = REDIS_KEY_PREFIX, th = tenantHash(tenant), 12 chars):
 *   `${prefix}dk:${th}`               the tenant's sealed data key; no expiry (see below)
 *   `${prefix}v:${th}:${type}:${id}`  one sealed value; expires after the policy's retention
 * No hash tags: values of one tenant spread over every Cluster slot. Every operation is single-key,
 * so nothing ever crosses a slot; concurrent commands are auto-pipelined, one round trip per node.
 *
 * The DEK key has no TTL on purpose: it holds no personal data (a random key, sealed), a TTL would
 * cost one more command per store to keep it ahead of the values, and keys without a TTL are never
 * chosen by the `volatile-*` eviction policies. Its lifetime ends with eraseTenant().
 *
 * DEK cache: a replica trusts its in-memory copy of a tenant's DEK for `dekCacheMs` (1 s) after it
 * last saw it in the store. After that it re-reads the DEK key in the SAME round trip as the value
 * commands (no extra latency) and, if the DEK was erased or replaced meanwhile, discards what it
 * read or retries the store under the new DEK. So crypto-shredding by another replica is honoured
 * within a second, and a steady-state store or resolve is one round trip.
 */

export interface VaultBackend {
  get(key: string): Promise<Buffer | null>;
  /**
   * Creates key=value with the TTL if the key is absent (returns null); if present, leaves the value,
   * extends its TTL to at least `ttlSeconds`, and returns the existing value. One round trip.
   */
  putIfAbsent(key: string, value: Buffer, ttlSeconds: number): Promise<Buffer | null>;
  /** Creates key=value without expiry if absent; true if created. */
  createIfAbsent(key: string, value: Buffer): Promise<boolean>;
  /** Replaces the value only if it still equals `expected`; `ttlSeconds` undefined keeps the TTL. */
  compareAndSet(key: string, expected: Buffer, value: Buffer, ttlSeconds: number | undefined): Promise<boolean>;
  /** Deletes and returns the value. */
  getDel(key: string): Promise<Buffer | null>;
  del(key: string): Promise<boolean>;
  /** Deletes every key starting with `prefix` whose value blob names DEK id `dekId` (bytes 1..5). */
  sweep(prefix: string, dekId: Buffer): Promise<number>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface EnvelopeVaultOptions {
  readonly keyPrefix: string;
  readonly masterKeys: MasterKeys;
  readonly now?: () => number;
  /** how long a DEK read from the store is trusted without re-reading it; default 1000 ms */
  readonly dekCacheMs?: number;
  /** a background task (erasure sweep, DEK re-seal) failed; facts only, no keys or values */
  readonly onBackgroundError?: (what: 'sweep' | 'reseal', err: Error) => void;
}

interface DekEntry {
  blob: Buffer;
  dk: DataKey;
  checkedAt: number;
}

const TYPE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;
/**
 * A 64-bit fingerprint (two 32-bit FNV-style hashes) of a value as written: with the 65-bit token id it
 * tells a remembered value from a colliding one (both would have to collide), at a fraction of a
 * SHA-256's cost. Not a secret: it never leaves the process.
 */
function fingerprint(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  // the 64 bits as four UTF-16 units: a base-36 text of each half cost ~13 times the hashing of a short value
  return String.fromCharCode(h1 >>> 16, h1 & 0xffff, h2 >>> 16, h2 & 0xffff);
}

/** how long (at most) a replica trusts that a value it stored is still in the store */
const RECENT_MS = 60_000;
const RECENT_MAX = 100_000;
/** values keyed, sealed and sent per event-loop turn */
const STORE_SLICE = 128;
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
const EMPTY: Buffer = Buffer.alloc(0);

/** `${prefix}v:${tenantHash}:` (valuePrefix) + `${type}:${id}`: one value's key */
function valueKeyIn(valuePrefix: string, type: string, id: string): string {
  return `${valuePrefix}${type}:${id}`;
}

const validTypes = new Set<string>();
/** a type matching TYPE_PATTERN (checked once per type and remembered) and an id of 1-64 of [0-9a-z] */
function validRef(type: string, id: string): boolean {
  if (!validTypes.has(type)) {
    if (!TYPE_PATTERN.test(type)) return false;
    if (validTypes.size < 1000) validTypes.add(type);
  }
  if (id.length === 0 || id.length > 64) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** An error without the library's extras (ioredis errors can carry command arguments: keys and values). */
export function safeCause(e: unknown): Error {
  if (e instanceof SealError) return e;
  const src = e instanceof Error ? e : undefined;
  const out = new Error(src ? src.message.slice(0, 300) : 'non-error thrown');
  out.name = src?.name ?? 'Error';
  const code = (src as (Error & { code?: unknown }) | undefined)?.code;
  if (typeof code === 'string') (out as Error & { code?: string }).code = code;
  return out;
}

function unavailable(e: unknown): Error {
  if (isGatewayError(e) || isVaultCollision(e)) return e;
  return new GatewayError('GW_ERR_VAULT_UNAVAILABLE', { cause: safeCause(e) });
}

export class EnvelopeVault implements Vault {
  private readonly prefix: string;
  private readonly master: MasterKeys;
  private readonly now: () => number;
  private readonly dekCacheMs: number;
  private readonly onBackgroundError: (what: 'sweep' | 'reseal', err: Error) => void;
  private readonly deks = new Map<string, DekEntry>();
  private readonly loading = new Map<string, Promise<DekEntry>>();
  private readonly background = new Set<Promise<unknown>>();
  /**
   * Values this replica stored recently: key → digest of the value as written and until when to trust
   * it (another spelling of the same value simply goes to the store again). A conversation re-sends its whole history on every turn; values already stored are not sent to
   * the store again for a while (at most a minute, at most half the retention). Holds digests, never
   * values. A different value under the same key still goes to the store (collision check).
   */
  private readonly recent = new BoundedMap<string, { digest: string; until: number }>(RECENT_MAX);

  constructor(
    protected readonly backend: VaultBackend,
    opts: EnvelopeVaultOptions,
  ) {
    this.prefix = opts.keyPrefix;
    this.master = opts.masterKeys;
    this.now = opts.now ?? Date.now;
    this.dekCacheMs = opts.dekCacheMs ?? 1000;
    this.onBackgroundError = opts.onBackgroundError ?? (() => {});
  }

  // ---- key layout --------------------------------------------------------------------------

  dekKey(tenant: string): string {
    return `${this.prefix}dk:${tenantHash(tenant)}`;
  }

  valueKey(tenant: string, type: EntityType, id: string): string {
    return valueKeyIn(this.valuePrefix(tenant), type, id);
  }

  valuePrefix(tenant: string): string {
    return `${this.prefix}v:${tenantHash(tenant)}:`;
  }

  // ---- Vault -------------------------------------------------------------------------------

  async store(tenant: string, mappings: readonly Mapping[], ttlSeconds: number): Promise<void> {
    if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('ttlSeconds must be a positive number');
    const ttl = Math.ceil(ttlSeconds);
    // Thousands of values (a huge body) are keyed, sealed and sent in slices, yielding to the event
    // loop in between, so other requests' streams are not held up. A request's values of one slice go
    // out in the same tick: auto-pipelined into one round trip per node.
    // (`digest` is a fingerprint of the value as written, for the `recent` check; two values of one key in one request
    // are compared by their normalized forms, which differ only in a collision)
    const unique = new Map<string, { m: Mapping; digest: string }>();
    const collided: string[] = [];
    const base = this.valuePrefix(tenant);
    for (let i = 0; i < mappings.length; i++) {
      if (i > 0 && i % STORE_SLICE === 0) await nextTurn();
      const m = mappings[i] as Mapping;
      if (!validRef(m.type, m.id)) throw new RangeError('vault mapping with a malformed type or id');
      const key = valueKeyIn(base, m.type, m.id);
      const seen = unique.get(key);
      if (!seen) unique.set(key, { m, digest: fingerprint(m.value) });
      else if (seen.m.value !== m.value && normalizeValue(seen.m.type, seen.m.value) !== normalizeValue(m.type, m.value)) collided.push(m.type);
    }
    if (collided.length > 0) throw new VaultCollisionError(collided);

    try {
      for (let attempt = 0; ; attempt++) {
        const entry = this.deks.get(tenant) ?? (await this.loadOrCreateDek(tenant));
        const now = this.now();
        const items: { key: string; m: Mapping; digest: string; sealed: Buffer }[] = [];
        for (const [key, u] of unique) {
          const r = this.recent.get(key);
          if (r === undefined || r.until <= now || r.digest !== u.digest) items.push({ key, m: u.m, digest: u.digest, sealed: EMPTY });
        }
        // with nothing new to write, the DEK is still read: one command that proves the store answers,
        // so a request is never forwarded on the strength of this replica's memory alone
        const revalidate = items.length === 0 || now - entry.checkedAt >= this.dekCacheMs;
        const dekRead = revalidate ? this.backend.get(this.dekKey(tenant)) : Promise.resolve(undefined);
        const puts: Promise<Buffer | null>[] = [];
        for (let i = 0; i < items.length; i++) {
          if (i > 0 && i % STORE_SLICE === 0) await nextTurn();
          const it = items[i] as (typeof items)[number];
          it.sealed = sealValue(entry.dk, tenant, it.m.type, it.m.id, it.m.value);
          puts.push(this.backend.putIfAbsent(it.key, it.sealed, ttl));
        }
        const [prevs, dekNow] = await Promise.all([Promise.all(puts), dekRead]);
        if (dekNow !== undefined && !this.stillCurrent(tenant, entry, dekNow)) {
          // the DEK was erased or replaced meanwhile: what we just wrote is unreadable garbage that
          // the retry replaces (it shows up as a stale entry there)
          if (attempt >= 2) throw new Error('tenant data key keeps changing');
          this.forgetTenant(tenant);
          continue;
        }
        // values already in the store: the same value (fine) or a colliding one
        const settling: Promise<void>[] = [];
        const collisions: string[] = [];
        for (let i = 0; i < items.length; i++) {
          const prev = prevs[i];
          if (!prev) continue;
          if (settling.length > 0 && settling.length % STORE_SLICE === 0) await nextTurn();
          const it = items[i] as (typeof items)[number];
          settling.push(this.settleExisting(tenant, entry.dk, it.key, it.m, prev, it.sealed, ttl).then((o) => void (o === 'collision' && collisions.push(it.m.type))));
        }
        await Promise.all(settling);
        if (collisions.length > 0) throw new VaultCollisionError(collisions);
        this.remember(
          items.map((it) => [it.key, it.digest] as const),
          Math.min(RECENT_MS, (ttl * 1000) / 2),
        );
        return;
      }
    } catch (e) {
      throw unavailable(e);
    }
  }

  async resolve(tenant: string, refs: readonly { type: EntityType; id: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const wanted = new Map<string, { type: EntityType; id: string }>();
    for (const r of refs) if (validRef(r.type, r.id)) wanted.set(this.valueKey(tenant, r.type, r.id), r);
    if (wanted.size === 0) return out;
    const cached = this.deks.get(tenant);
    const fresh = cached !== undefined && this.now() - cached.checkedAt < this.dekCacheMs;
    const keys = [...wanted.keys()];
    let blobs: (Buffer | null)[];
    let dekNow: Buffer | null | undefined;
    try {
      [blobs, dekNow] = await Promise.all([
        Promise.all(keys.map((k) => this.backend.get(k))),
        fresh ? Promise.resolve(undefined) : this.backend.get(this.dekKey(tenant)),
      ]);
    } catch (e) {
      throw unavailable(e);
    }
    let dk: DataKey | undefined;
    if (fresh) dk = cached.dk;
    else if (dekNow === null || dekNow === undefined) this.deks.delete(tenant);
    else if (cached && this.stillCurrent(tenant, cached, dekNow)) dk = cached.dk;
    else {
      try {
        dk = this.adopt(tenant, dekNow).dk;
      } catch {
        dk = undefined; // sealed under a key we do not have, or damaged: nothing resolves
      }
    }
    if (!dk) return out;
    keys.forEach((key, i) => {
      const blob = blobs[i];
      const ref = wanted.get(key);
      if (!blob || !ref) return;
      const value = openValue(dk, tenant, ref.type, ref.id, blob);
      if (value !== undefined) out.set(ref.id, value);
    });
    return out;
  }

  private remember(digests: Iterable<readonly [string, string]>, forMs: number): void {
    const until = this.now() + forMs;
    for (const [key, digest] of digests) {
      this.recent.delete(key);
      this.recent.set(key, { digest, until });
    }
  }

  private forgetTenant(tenant: string): void {
    const prefix = this.valuePrefix(tenant);
    for (const key of this.recent.keys()) if (key.startsWith(prefix)) this.recent.delete(key);
  }

  async eraseTenant(tenant: string): Promise<void> {
    this.forgetTenant(tenant);
    this.deks.delete(tenant);
    this.loading.delete(tenant);
    let blob: Buffer | null;
    try {
      blob = await this.backend.getDel(this.dekKey(tenant));
    } catch (e) {
      throw unavailable(e);
    }
    this.deks.delete(tenant);
    const dekId = blob ? dataKeyIdOfDekBlob(blob) : undefined;
    // Values are unreadable from here on; removing them is best-effort background work (they also
    // expire on their own). Only entries sealed under the erased DEK are removed, so values a new
    // DEK protects (the tenant came back meanwhile) are left alone.
    if (dekId) this.track(this.backend.sweep(this.valuePrefix(tenant), dekId), 'sweep');
  }

  async eraseValue(tenant: string, type: EntityType, id: string): Promise<boolean> {
    if (!validRef(type, id)) return false;
    this.recent.delete(this.valueKey(tenant, type, id));
    try {
      return await this.backend.del(this.valueKey(tenant, type, id));
    } catch (e) {
      throw unavailable(e);
    }
  }

  async ping(): Promise<boolean> {
    try {
      return await this.backend.ping();
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.whenIdle();
    this.deks.clear();
    await this.backend.close();
  }

  /** Resolves when background work (erasure sweeps, DEK re-seals) started so far has finished. */
  async whenIdle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  // ---- internals ---------------------------------------------------------------------------

  private track(p: Promise<unknown>, what: 'sweep' | 'reseal'): void {
    const t = p.catch((e: unknown) => this.onBackgroundError(what, safeCause(e)));
    this.background.add(t);
    void t.finally(() => this.background.delete(t));
  }

  /** True when the DEK read from the store is still the one cached (possibly re-sealed); refreshes the cache. */
  private stillCurrent(tenant: string, entry: DekEntry, blob: Buffer | null): boolean {
    if (blob === null) {
      this.deks.delete(tenant);
      return false;
    }
    if (blob.equals(entry.blob) || dataKeyIdOfDekBlob(blob)?.equals(entry.dk.id) === true) {
      entry.blob = blob;
      entry.checkedAt = this.now();
      return true;
    }
    this.deks.delete(tenant);
    return false;
  }

  /** Opens a DEK blob read from the store and caches it; re-seals it lazily if under a retired key. */
  private adopt(tenant: string, blob: Buffer): DekEntry {
    const opened = openDataKey(this.master, tenant, blob);
    const entry: DekEntry = { blob, dk: opened.dk, checkedAt: this.now() };
    this.deks.set(tenant, entry);
    if (opened.stale) {
      const resealed = sealDataKey(this.master, tenant, opened.dk);
      // compare-and-set: never overwrite a DEK created after an erasure with the erased one
      this.track(
        this.backend.compareAndSet(this.dekKey(tenant), blob, resealed, undefined).then((ok) => {
          if (ok && this.deks.get(tenant) === entry) entry.blob = resealed;
        }),
        'reseal',
      );
    }
    return entry;
  }

  private loadOrCreateDek(tenant: string): Promise<DekEntry> {
    const pending = this.loading.get(tenant);
    if (pending) return pending;
    const p = this.fetchOrCreateDek(tenant).finally(() => {
      if (this.loading.get(tenant) === p) this.loading.delete(tenant);
    });
    this.loading.set(tenant, p);
    return p;
  }

  private async fetchOrCreateDek(tenant: string): Promise<DekEntry> {
    const key = this.dekKey(tenant);
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.backend.get(key);
      // A DEK we cannot open (its master key is not configured, or it does not authenticate) is
      // never replaced: that would destroy data a corrected configuration could still read.
      // The store fails (503) until the key is configured again or the tenant is erased.
      if (existing) return this.adopt(tenant, existing);
      const dk = newDataKey();
      const blob = sealDataKey(this.master, tenant, dk);
      if (await this.backend.createIfAbsent(key, blob)) {
        const entry: DekEntry = { blob, dk, checkedAt: this.now() };
        this.deks.set(tenant, entry);
        return entry;
      }
      // lost a race with another replica: read theirs
    }
    throw new Error('could not create the tenant data key');
  }

  /** An entry already existed under this id: same value (ok), another value (collision), or stale. */
  private async settleExisting(tenant: string, dk: DataKey, key: string, m: Mapping, prev: Buffer, sealed: Buffer, ttl: number): Promise<'ok' | 'collision'> {
    let current: Buffer | null = prev;
    for (let i = 0; i < 3 && current; i++) {
      const old = openValue(dk, tenant, m.type, m.id, current);
      if (old !== undefined) return normalizeValue(m.type, old) === normalizeValue(m.type, m.value) ? 'ok' : 'collision';
      // sealed under an erased DEK (or damaged): unreadable for everyone, so replace it, but only
      // if it is still those bytes (another replica may have just written a live entry)
      if (await this.backend.compareAndSet(key, current, sealed, ttl)) return 'ok';
      current = await this.backend.putIfAbsent(key, sealed, ttl);
    }
    if (current === null) return 'ok';
    throw new Error('vault entry keeps changing');
  }
}
