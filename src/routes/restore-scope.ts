import type { Vault } from '../vault/vault.js';
import { findTokens, makeScanConfig, tokenKey, type TokenRef } from '../reidentify/token-scanner.js';

/**
 * Looks up refs missing from `known` in the tenant's vault; result keyed `TYPE:id`.
 * vault.resolve() answers keyed by id alone, so refs are resolved one type per call: otherwise a
 * never-minted `[PERSON_x]` next to a real `[EMAIL_x]` would take the e-mail's original. The calls
 * are issued in the same tick (auto-pipelined: still one round trip).
 */
export async function resolveFromVault(vault: Vault, tenant: string, refs: readonly TokenRef[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (refs.length === 0) return out;
  const byType = new Map<string, TokenRef[]>();
  for (const r of refs) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  const groups = [...byType.values()];
  const answers = await Promise.all(groups.map((g) => vault.resolve(tenant, g)));
  groups.forEach((group, i) => {
    const byId = answers[i];
    for (const r of group) {
      const v = byId?.get(r.id);
      if (v !== undefined) out.set(tokenKey(r.type, r.id), v);
    }
  });
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
