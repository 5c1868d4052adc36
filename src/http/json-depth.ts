/** How deeply a request body's arrays and objects may nest (the body itself is level 1). */
export const MAX_BODY_DEPTH = 256;

/**
 * True when a parsed JSON value nests arrays and objects deeper than `max` levels (the value itself is
 * level 1). Walks with an explicit stack, never recursion, so any depth JSON.parse accepts is measured
 * without exhausting the call stack; stops at the first container past `max`. Pure.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: { readonly v: object; readonly level: number }[] = [{ v: value, level: 1 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.level > max) return true;
    for (const child of Array.isArray(top.v) ? top.v : Object.values(top.v)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child as object, level: top.level + 1 });
    }
  }
  return false;
}
