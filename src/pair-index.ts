/**
 * Items keyed by the first two UTF-16 units of a string ("Ma", "+4"), with a 65,536-bit filter on the low
 * bytes of those units: a scan over a long text rejects almost every offset with one bit test. For looking
 * for many strings in one pass over a text instead of one search per string.
 */
export class PairIndex<T> {
  readonly #lists = new Map<number, T[]>();
  readonly #filter = new Int32Array(0x800);

  /** `key` must hold at least two UTF-16 units */
  add(key: string, item: T): void {
    const c0 = key.charCodeAt(0);
    const c1 = key.charCodeAt(1);
    const pair = c0 * 0x10000 + c1;
    const list = this.#lists.get(pair);
    if (list) list.push(item);
    else this.#lists.set(pair, [item]);
    const bit = ((c0 & 0xff) << 8) | (c1 & 0xff);
    this.#filter[bit >>> 5] = (this.#filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
  }

  /** The items whose key starts with the two units at `text[i]` (they may differ after those), or undefined. */
  at(text: string, i: number): readonly T[] | undefined {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const bit = ((c0 & 0xff) << 8) | (c1 & 0xff);
    if (((this.#filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return undefined;
    return this.#lists.get(c0 * 0x10000 + c1);
  }

  /** the items, one list per pair */
  lists(): IterableIterator<readonly T[]> {
    return this.#lists.values();
  }
}
