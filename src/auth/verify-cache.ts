import type { Principal } from './principal.js';

/**
 * Verified tokens by their exact string, until their `exp`. Bounded (oldest dropped first).
 * Revocation is checked on every request by the caller, cache hit or not.
 */
export class VerifyCache {
  private readonly entries = new Map<string, Principal>();
  constructor(private readonly maxEntries = 10_000) {}

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
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, p);
  }
}
