/** What re-identification did, for the audit record. Holds token keys, never values. */
export interface RestoreStats {
  /** restored occurrences per entity type */
  restored: Record<string, number>;
  /** token-shaped strings that were not issued to (or may not be restored for) this caller */
  unknown: number;
  /** keys (`TYPE:id`) of issued tokens that appeared in the response */
  readonly seen: Set<string>;
}

export function newStats(): RestoreStats {
  return { restored: {}, unknown: 0, seen: new Set() };
}

/** Total restored occurrences. */
export function restoredCount(stats: RestoreStats): number {
  let n = 0;
  for (const v of Object.values(stats.restored)) n += v;
  return n;
}

/** Adds `from` into `into`. */
export function mergeStats(into: RestoreStats, from: RestoreStats): void {
  for (const [t, v] of Object.entries(from.restored)) into.restored[t] = (into.restored[t] ?? 0) + v;
  into.unknown += from.unknown;
  for (const k of from.seen) into.seen.add(k);
}
