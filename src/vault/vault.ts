import type { EntityType } from '../detect/types.js';

/** One value to keep: the token id it was minted under (tenant-keyed HMAC) and the original text. */
export interface Mapping {
  readonly type: EntityType;
  /** the token id (not the full token text): e.g. `k3j9x2m4q8w1t` */
  readonly id: string;
  readonly value: string;
}

export interface Vault {
  /**
   * Stores originals, encrypted, for `ttlSeconds`. One round trip per node (pipelined).
   * Rejects with GatewayError GW_ERR_VAULT_UNAVAILABLE when it cannot store (the caller then refuses the
   * request), and detects a token-id collision (an id already bound to a different value) by rejecting
   * with an Error whose `code` is 'GW_VAULT_COLLISION'.
   */
  store(tenant: string, mappings: readonly Mapping[], ttlSeconds: number): Promise<void>;
  /**
   * Resolves ids to originals. Ids that are unknown, expired, erased or undecryptable are absent
   * from the result. Rejects with GW_ERR_VAULT_UNAVAILABLE when the store does not answer.
   */
  resolve(tenant: string, refs: readonly { type: EntityType; id: string }[]): Promise<Map<string, string>>;
  /** crypto-shredding: deletes the tenant's data key; entries become unreadable at once */
  eraseTenant(tenant: string): Promise<void>;
  /** deletes one value's entry (its id recomputed by the caller from the value); true if one existed */
  eraseValue(tenant: string, type: EntityType, id: string): Promise<boolean>;
  /** true when the backing store answers */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A token id already bound to a different value (a 65-bit HMAC collision, or tampering). The vault
 * never overwrites the entry and never resolves it to the wrong person; the caller refuses the request.
 * The message names entity types only, never ids (they are tokens) or values.
 */
export class VaultCollisionError extends Error {
  readonly code = 'GW_VAULT_COLLISION' as const;
  /** entity types of the colliding mappings */
  readonly types: readonly string[];
  constructor(types: readonly string[]) {
    super(`token id collision in the vault (types: ${[...new Set(types)].join(', ')})`);
    this.name = 'VaultCollisionError';
    this.types = types;
  }
}

export function isVaultCollision(e: unknown): e is VaultCollisionError {
  return e instanceof Error && (e as Error & { code?: unknown }).code === 'GW_VAULT_COLLISION';
}
