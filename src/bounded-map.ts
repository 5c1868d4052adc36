/**
 * A Map that keeps at most `max` entries, dropping the oldest first (insertion order; delete and set a
 * key again to make it the newest). Eviction goes through one long-lived iterator: V8 keeps deleted
 * slots at the front of a Map until it rehashes, and a fresh `keys().next()` walks all of them, which
 * made each insert into a full 100k-entry map cost 20-80 µs (and a burst of inserts stall the loop).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  #cursor: IterableIterator<[K, V]> | undefined;

  constructor(readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    while (this.size > this.max) this.dropOldest();
    return this;
  }

  /** Removes the oldest entry and returns it (undefined when empty). */
  dropOldest(): [K, V] | undefined {
    let next = this.#cursor?.next();
    if (next === undefined || next.done === true) {
      this.#cursor = this.entries();
      next = this.#cursor.next();
    }
    if (next.done === true) return undefined;
    this.delete(next.value[0]);
    return next.value;
  }
}
