import type { EffectivePolicy } from './types.js';

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // defineProperty, not assignment, for a body key `__proto__`: it must stay a plain own property (for any
  // other key an assignment does the same, at a tenth of the cost)
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/**
 * Data minimization: a new body without the policy's `drop` fields and with its `force` fields set
 * (e.g. `store: false`). Top-level fields only; the input is not changed. Pure.
 */
export function minimize(body: Record<string, unknown>, p: Pick<EffectivePolicy, 'drop' | 'force'>): Record<string, unknown> {
  const drop = new Set(p.drop);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!drop.has(k)) setOwn(out, k, v);
  for (const [k, v] of Object.entries(p.force)) setOwn(out, k, typeof v === 'object' && v !== null ? structuredClone(v) : v);
  return out;
}
