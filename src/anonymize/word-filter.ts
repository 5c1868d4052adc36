/**
 * Which words a text may hold, as a small Bloom filter of its word runs (no text kept: bits only), so that
 * replace-everywhere searches a text only for the values that can occur in it. A conversation resends its
 * history on every turn: each history text is searched for every value of the request (~80 in the bench's
 * 20 turns), while it can hold only the few whose words it has.
 *
 * Exact by construction: a word run is a maximal run of word characters (as anonymize's whole-word checks
 * read them, one UTF-16 unit at a time, the character's code point at each). A value matched as a whole
 * word has every run of its own as a whole run of the text: a run inside the value is bounded by the
 * value's own non-word characters, and a run at the value's start (end) is a word character the match
 * requires no word character before (after). So when one of the value's runs is not in the filter, the value
 * does not occur in the text as a match. False positives only cost a search. Values with UTF-16 surrogates
 * are always searched (their runs may be read differently at a value's edge).
 */

const WORD_CHAR = /^[\p{L}\p{N}_]$/u;
/** BMP code units: 0 not known yet, 1 word character, 2 not */
const BMP = new Uint8Array(65536);
for (let c = 0; c < 128; c++) BMP[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 ? 1 : 2;

/** As anonymize's isWordCharAt(t, i): the code point at i is a letter, a number or '_'. */
function wordAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) {
    let k = BMP[c] as number;
    if (k === 0) BMP[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1;
  }
  const cp = t.codePointAt(i) as number;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

export interface WordFilter {
  readonly bits: Uint32Array;
  /** bit count - 1 (a power of two) */
  readonly mask: number;
}

/** about 10 bits per word of the text, within 512..65536 bits (64 bytes to 8 KiB) */
function sizeFor(length: number): number {
  let bits = 512;
  while (bits < 65536 && bits < length * 2) bits *= 2;
  return bits;
}

function add(bits: Uint32Array, mask: number, h: number): void {
  const a = h & mask;
  const b = ((h >>> 16) | (h << 16)) & mask;
  bits[a >>> 5] = (bits[a >>> 5] as number) | (1 << (a & 31));
  bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
}

function has(f: WordFilter, h: number): boolean {
  const a = h & f.mask;
  const b = ((h >>> 16) | (h << 16)) & f.mask;
  return (((f.bits[a >>> 5] as number) >>> (a & 31)) & 1) === 1 && (((f.bits[b >>> 5] as number) >>> (b & 31)) & 1) === 1;
}

/** The filter of a text's word runs. */
export function wordFilter(text: string): WordFilter {
  const size = sizeFor(text.length);
  const bits = new Uint32Array(size >>> 5);
  const mask = size - 1;
  let h = FNV_OFFSET;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    if (wordAt(text, i)) {
      h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
      inRun = true;
    } else if (inRun) {
      add(bits, mask, h);
      h = FNV_OFFSET;
      inRun = false;
    }
  }
  if (inRun) add(bits, mask, h);
  return { bits, mask };
}

/** Hashes of a value's word runs (empty: it has none), or undefined when it holds a surrogate (always searched). */
export function runHashes(value: string): readonly number[] | undefined {
  const out: number[] = [];
  let h = FNV_OFFSET;
  let inRun = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return undefined;
    if (wordAt(value, i)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inRun = true;
    } else if (inRun) {
      out.push(h);
      h = FNV_OFFSET;
      inRun = false;
    }
  }
  if (inRun) out.push(h);
  return out;
}

/** false when a value with these run hashes cannot occur in the filter's text as a whole-word match */
export function mayHold(f: WordFilter, runs: readonly number[] | undefined): boolean {
  if (runs === undefined) return true;
  for (const h of runs) if (!has(f, h)) return false;
  return true;
}

/** bytes a filter holds (for a cache's budget) */
export function filterBytes(f: WordFilter): number {
  return f.bits.byteLength + 32;
}
