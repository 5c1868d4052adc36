/**
 * One health for several snapshot stores that read the same shared store (revocations, kill switch):
 * each store reports its own changes through the callback `reporter(store)` returns; `onChange` hears
 * only when the combined health changes (the first store goes unhealthy, or the last one recovers),
 * so one outage is one warning, not one per store. Pure.
 */
export function combinedHealth<S extends string>(stores: readonly S[], onChange: (healthy: boolean) => void): (store: S) => (healthy: boolean) => void {
  const unhealthy = new Set<S>();
  let healthy = true;
  return (store) => {
    if (!stores.includes(store)) throw new TypeError(`unknown store ${store}`);
    return (h) => {
      if (h) unhealthy.delete(store);
      else unhealthy.add(store);
      const now = unhealthy.size === 0;
      if (now === healthy) return;
      healthy = now;
      onChange(now);
    };
  };
}
