import type { Cluster, Redis } from 'ioredis';
import { GatewayError } from '../errors.js';

const WINDOW_MS = 60_000;
const CACHE_MS = 250;

/**
 * Tokens per minute per tenant, counted from the upstream's `usage`. A fixed one-minute window whose
 * counter lives in the shared store (so it holds across replicas), or in memory without one. The check
 * reads a counter cached for a quarter second; spending is fire-and-forget (INCRBY + EXPIRE).
 */
export class TokenQuota {
  private readonly local = new Map<string, { window: number; used: number }>();
  private readonly cached = new Map<string, { window: number; used: number; at: number }>();

  constructor(
    private readonly redis: Redis | Cluster | undefined,
    private readonly keyPrefix: string,
    private readonly onExceeded: () => void = () => {},
    private readonly now: () => number = () => Date.now(),
  ) {}

  private key(tenant: string, window: number): string {
    return `${this.keyPrefix}tq:${Buffer.from(tenant).toString('base64url')}:${window}`;
  }

  private async used(tenant: string, window: number): Promise<number> {
    if (!this.redis) {
      const e = this.local.get(tenant);
      return e && e.window === window ? e.used : 0;
    }
    const c = this.cached.get(tenant);
    const t = this.now();
    if (c && c.window === window && t - c.at < CACHE_MS) return c.used;
    let used = 0;
    try {
      used = Number((await this.redis.get(this.key(tenant, window))) ?? 0);
    } catch {
      used = c?.window === window ? c.used : 0; // store unreachable: the vault refuses the request anyway
    }
    this.cached.set(tenant, { window, used, at: t });
    return used;
  }

  /** Refuses with 429 when the tenant used up its tokens of the current minute. */
  async check(tenant: string, limit: number | undefined): Promise<void> {
    if (limit === undefined) return;
    const t = this.now();
    const window = Math.floor(t / WINDOW_MS);
    const used = await this.used(tenant, window);
    if (used < limit) return;
    this.onExceeded();
    const resetS = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - t) / 1000));
    throw new GatewayError('GW_ERR_RATE_LIMITED', {
      message: 'Token quota exceeded for your tenant',
      headers: { 'retry-after': String(resetS), 'x-ratelimit-limit-tokens': String(limit), 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': `${resetS}s` },
    });
  }

  spend(tenant: string, tokens: number): void {
    if (!(tokens > 0)) return;
    const window = Math.floor(this.now() / WINDOW_MS);
    if (!this.redis) {
      const e = this.local.get(tenant);
      if (e && e.window === window) e.used += tokens;
      else this.local.set(tenant, { window, used: tokens });
      return;
    }
    const key = this.key(tenant, window);
    const c = this.cached.get(tenant);
    if (c && c.window === window) c.used += tokens;
    this.redis
      .incrby(key, tokens)
      .then(() => this.redis?.expire(key, 120))
      .catch(() => undefined);
  }
}
