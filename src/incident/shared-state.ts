/**
 * The little storage the incident controls need, shared by every replica: a few hashes, each with a
 * version that changes on every update so replicas can poll one small value and reload the hash
 * only when it moved. One key per hash, so every operation is single-key (fine in Redis Cluster).
 */

export interface HashSnapshot {
  /** changes on every put/remove; null when the hash does not exist */
  readonly version: string | null;
  readonly entries: ReadonlyMap<string, string>;
}

export interface SharedState {
  readonly kind: 'redis' | 'memory';
  /** sets one field and bumps the hash's version, atomically */
  put(hash: string, field: string, value: string): Promise<void>;
  /** deletes fields and bumps the version, atomically; resolves to how many existed */
  remove(hash: string, fields: readonly string[]): Promise<number>;
  /**
   * Deletes a field only if it still holds `value` (pruning expired entries without racing a newer
   * write). Does not bump the version: readers already ignore expired entries.
   */
  removeIfEquals(hash: string, field: string, value: string): Promise<boolean>;
  version(hash: string): Promise<string | null>;
  readAll(hash: string): Promise<HashSnapshot>;
}

/** The embedded store: one process only (REDIS_* not configured). */
export class MemorySharedState implements SharedState {
  readonly kind = 'memory';
  readonly #hashes = new Map<string, Map<string, string>>();
  readonly #versions = new Map<string, number>();

  #bump(hash: string): void {
    this.#versions.set(hash, (this.#versions.get(hash) ?? 0) + 1);
  }

  async put(hash: string, field: string, value: string): Promise<void> {
    let h = this.#hashes.get(hash);
    if (!h) this.#hashes.set(hash, (h = new Map()));
    h.set(field, value);
    this.#bump(hash);
  }

  async remove(hash: string, fields: readonly string[]): Promise<number> {
    const h = this.#hashes.get(hash);
    let n = 0;
    for (const f of fields) if (h?.delete(f)) n++;
    this.#bump(hash);
    return n;
  }

  async removeIfEquals(hash: string, field: string, value: string): Promise<boolean> {
    const h = this.#hashes.get(hash);
    if (h?.get(field) !== value) return false;
    h.delete(field);
    return true;
  }

  async version(hash: string): Promise<string | null> {
    const v = this.#versions.get(hash);
    return v === undefined ? null : String(v);
  }

  async readAll(hash: string): Promise<HashSnapshot> {
    return { version: await this.version(hash), entries: new Map(this.#hashes.get(hash) ?? []) };
  }
}
