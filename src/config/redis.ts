/** How to reach the shared store, as parsed from REDIS_URL / REDIS_CLUSTER_NODES / REDIS_SENTINELS. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export type RedisConnection =
  | { readonly mode: 'standalone'; readonly url: string; readonly common: RedisCommon }
  | { readonly mode: 'cluster'; readonly nodes: readonly HostPort[]; readonly common: RedisCommon }
  | { readonly mode: 'sentinel'; readonly sentinels: readonly HostPort[]; readonly name: string; readonly common: RedisCommon };

export interface RedisCommon {
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  /** prefix of every key the gateway writes, e.g. `pgw:` */
  readonly keyPrefix: string;
  /** per-command timeout; a store that does not answer becomes an error within this time */
  readonly commandTimeoutMs: number;
}
