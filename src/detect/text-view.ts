/**
 * The text the recognizers read: the scanned text with look-alike characters folded to their ASCII
 * forms, one UTF-16 unit for one, so every offset into the view is the same offset into the original
 * (findings carry offsets only; values are always sliced from the original).
 *
 * Folded:
 * - decimal digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, Thai, ... any `\p{Nd}`
 *   in the BMP) → `0`-`9`: "০১৭১২-৩৪৫৬৭৮" is a phone number like "01712-345678";
 * - full-width ASCII (U+FF01-U+FF5E) → ASCII, the ideographic space → a space: "０９０－１２３４－５６７８",
 *   "ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ" as Japanese and Chinese input methods type them;
 * - no-break, figure, thin and narrow no-break spaces → a space (word processors put them inside
 *   phone numbers and between a title and a name);
 * - hyphen, non-breaking hyphen, figure dash and minus sign → `-`; an en dash only between two digits, where a word
 *   processor put it for a hyphen ("085–92–8663"; elsewhere en and em dashes separate clauses and ranges).
 */

/**
 * What each BMP code unit folds to (its replacement's code, 0 when it stays): one table, built once, that both
 * finds and folds. Each script's digits are a run of ten from zero in Unicode, so a digit's value is its place
 * in its run. Surrogates (astral characters, two units) are never folded: offsets must not move.
 */
const EN_DASH = 0x2013;
const FOLD_TO = ((): Uint16Array => {
  const to = new Uint16Array(0x10000);
  const nd = /\p{Nd}/u;
  for (let c = 0x80, run = -1; c <= 0xffff; c++) {
    if (!nd.test(String.fromCharCode(c))) {
      run = -1;
      continue;
    }
    if (run === -1) run = c;
    to[c] = 48 + ((c - run) % 10);
  }
  for (let c = 0xff01; c <= 0xff5e; c++) to[c] = c - 0xfee0;
  for (const c of [0x00a0, 0x2007, 0x2009, 0x202f, 0x3000]) to[c] = 32;
  for (const c of [0x2010, 0x2011, 0x2012, 0x2212]) to[c] = 45;
  to[EN_DASH] = EN_DASH;
  return to;
})();
const isDigitAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  const f = c > 127 ? (FOLD_TO[c] as number) : 0;
  return f >= 48 && f <= 57;
};

/**
 * The text as the recognizers read it; the same string when nothing needs folding (the usual case). `beyondAscii`:
 * the offsets of the characters beyond ASCII, when the caller has them (the prescan lists them with the
 * capitals): only those are looked at.
 */
export function detectionView(text: string, beyondAscii?: readonly number[]): string {
  let first = -1;
  if (beyondAscii !== undefined) {
    for (const i of beyondAscii) {
      if (FOLD_TO[text.charCodeAt(i)] !== 0) {
        first = i;
        break;
      }
    }
  } else {
    for (let i = 0; i < text.length && first === -1; i++) if (FOLD_TO[text.charCodeAt(i)] !== 0) first = i;
  }
  if (first === -1) return text;
  let out = '';
  let last = 0;
  for (let i = first; i < text.length; i++) {
    let to = FOLD_TO[text.charCodeAt(i)] as number;
    if (to === 0) continue;
    if (to === EN_DASH) {
      if (!(i > 0 && isDigitAt(text, i - 1) && isDigitAt(text, i + 1))) continue;
      to = 45;
    }
    out += text.slice(last, i) + String.fromCharCode(to);
    last = i + 1;
  }
  // (an en dash between words only: nothing folded)
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Characters that show nothing: C0 controls other than tab, line breaks and form feeds, DEL, the soft hyphen,
 * zero-width spaces and joiners, direction marks, bidi embeddings and isolates, the word joiner and the BOM.
 * Pasted from a web page or a PDF, or put there on purpose, they split a value for the recognizers while the
 * reader sees it whole: "maria.gonzalez\u200b@acme.io", "+44\u200e 20 7946 0958".
 */
export function isInvisibleCode(c: number): boolean {
  if (c < 128) return c < 32 ? c < 9 || (c > 13 && c < 32) : c === 127;
  return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff;
}

/**
 * The text without its invisible characters, and where each remaining character was: `at[k]` is the offset in
 * `text` of the view's k-th unit (a finding [s, e) in the view covers [at[s], at[e - 1] + 1) in the text, the
 * invisible characters inside it included).
 */
export function withoutInvisibles(text: string): { readonly view: string; readonly at: Int32Array } {
  const at = new Int32Array(text.length);
  let view = '';
  let n = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isInvisibleCode(text.charCodeAt(i))) {
      at[n++] = i;
      continue;
    }
    view += text.slice(last, i);
    last = i + 1;
  }
  view += text.slice(last);
  return { view, at: at.subarray(0, n) };
}
