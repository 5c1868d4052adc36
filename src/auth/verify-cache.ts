import { BoundedMap } from '../bounded-map.js';
import type { Principal } from './principal.js';

/**
 * Verified tokens by their exact string, until their `exp`. Bounded (oldest dropped first).
 * Revocation is checked on every request by the caller, cache hit or not.
 */
export class VerifyCache {
  private readonly entries: BoundedMap<string, Principal>;
  constructor(maxEntries = 10_000) {
    this.entries = new BoundedMap(maxEntries);
  }

  get(token: string, nowS: number): Principal | undefined {
    const p = this.entries.get(token);
    if (p === undefined) return undefined;
    if (p.exp <= nowS) {
      this.entries.delete(token);
      return undefined;
    }
    return p;
  }

  set(token: string, p: Principal): void {
    this.entries.set(token, p);
  }

  /** Forgets every token (the trusted keys changed). */
  clear(): void {
    this.entries.clear();
  }
}
