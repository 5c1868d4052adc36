import type { Vault } from '../vault/vault.js';
import { findTokens, makeScanConfig, tokenKey, type TokenRef } from '../reidentify/token-scanner.js';

/** Looks up refs missing from `known` in the tenant's vault; result keyed `TYPE:id`. */
export async function resolveFromVault(vault: Vault, tenant: string, refs: readonly TokenRef[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (refs.length === 0) return out;
  const byId = await vault.resolve(tenant, refs);
  for (const r of refs) {
    const v = byId.get(r.id);
    if (v !== undefined) out.set(tokenKey(r.type, r.id), v);
  }
  return out;
}

const JSON_CFG = makeScanConfig(true);

/** Token refs in a raw response text that `known` does not hold (unique). */
export function missingRefs(raw: string, known: ReadonlyMap<string, string>): TokenRef[] {
  const seen = new Set<string>();
  const out: TokenRef[] = [];
  for (const r of findTokens(raw, JSON_CFG)) {
    const k = tokenKey(r.type, r.id);
    if (known.has(k) || seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
