import { BoundedMap } from '../bounded-map.js';
import { hash } from 'node:crypto';
import type { Detector, Finding } from '../detect/types.js';
import { filterBytes, wordFilter, type WordFilter } from './word-filter.js';

/** Texts shorter than this are detected every time: cheaper than hashing and caching them. */
export const MIN_CACHED_TEXT_LENGTH = 24;

/** rough per-entry overhead (key string, Map slot, array) and per-finding size, for the byte budget */
const ENTRY_OVERHEAD_BYTES = 160;
const FINDING_BYTES = 96;

/** Cache key of one text under one detector configuration: no text is kept, only a SHA-256 digest. */
export function detectCacheKey(detectorKey: string, text: string): string {
  return `${detectorKey}\0${hash('sha256', text, 'base64')}`;
}

interface CacheEntry {
  readonly findings: readonly Finding[];
  bytes: number;
  used: number;
  words: WordFilter | undefined;
}

/**
 * Bounded LRU of detection results, keyed by (detectorKey, digest of the text).
 * A conversation resends its whole history on every turn; with this cache only the new turn is
 * detected again. Holds findings (offsets and types), never the text itself.
 * Bounded by entry count and by an approximate byte budget.
 */
export class DetectCache {
  readonly #entries: BoundedMap<string, CacheEntry>;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  /** counts inserts and moves: an entry whose `used` is within the last size/2 of them is in the newer half */
  #clock = 0;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 10_000, maxBytes = 16 * 1024 * 1024) {
    this.#maxEntries = Math.max(1, Math.floor(maxEntries));
    this.#entries = new BoundedMap(this.#maxEntries);
    this.#maxBytes = Math.max(1024, Math.floor(maxBytes));
  }

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): readonly Finding[] | undefined {
    return this.entry(key)?.findings;
  }

  /**
   * The findings of a text seen before, with its word filter (see word-filter.ts), built on this second
   * request for the text: a text sent once (a new prompt, most answers) is not indexed.
   */
  getIndexed(key: string, text: string): { findings: readonly Finding[]; words: WordFilter } | undefined {
    const entry = this.entry(key);
    if (entry === undefined) return undefined;
    if (entry.words === undefined) {
      entry.words = wordFilter(text);
      const extra = filterBytes(entry.words);
      entry.bytes += extra;
      this.#bytes += extra;
    }
    return { findings: entry.findings, words: entry.words };
  }

  private entry(key: string): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // move to the most recently used end, unless it is in the newer half of the order already. Deleting and
    // setting a key again leaves a deleted slot in its bucket's chain until V8 rehashes the Map, so a text
    // hit on every request (a conversation's history) made each set() walk hundreds of them: ~70 µs per
    // 20-turn request. Eviction stays least-recently-used but for hits in the newer half.
    if (this.#clock - entry.used >= this.#entries.size / 2) {
      this.#entries.delete(key);
      this.#entries.set(key, entry);
      entry.used = ++this.#clock;
    }
    return entry;
  }

  set(key: string, findings: readonly Finding[]): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#bytes -= old.bytes;
      this.#entries.delete(key);
    }
    const bytes = ENTRY_OVERHEAD_BYTES + key.length * 2 + findings.length * FINDING_BYTES;
    if (bytes > this.#maxBytes) return;
    this.#entries.set(key, { findings: Object.freeze([...findings]), bytes, used: ++this.#clock, words: undefined });
    this.#bytes += bytes;
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.dropOldest();
      if (oldest === undefined) break;
      this.#bytes -= oldest[1].bytes;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }
}

/**
 * `detector.detect(text)`, memoized in `cache` under `detectorKey` (the policy's detectorKey: the same
 * key must mean the same detector configuration). Short texts are not cached.
 */
export function cachedDetect(
  detector: Detector,
  detectorKey: string,
  text: string,
  cache: DetectCache | undefined,
): readonly Finding[] {
  if (cache === undefined || text.length < MIN_CACHED_TEXT_LENGTH) return detector.detect(text);
  const key = detectCacheKey(detectorKey, text);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const findings = detector.detect(text);
  cache.set(key, findings);
  return findings;
}

/**
 * cachedDetect, and for a text detected before its word filter (undefined for a text not cached: new, short,
 * or without a cache).
 */
export function cachedDetectIndexed(
  detector: Detector,
  detectorKey: string,
  text: string,
  cache: DetectCache | undefined,
): { findings: readonly Finding[]; words: WordFilter | undefined } {
  if (cache === undefined || text.length < MIN_CACHED_TEXT_LENGTH) return { findings: detector.detect(text), words: undefined };
  const key = detectCacheKey(detectorKey, text);
  const hit = cache.getIndexed(key, text);
  if (hit !== undefined) return hit;
  const findings = detector.detect(text);
  cache.set(key, findings);
  return { findings, words: undefined };
}
