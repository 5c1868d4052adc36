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
 * - hyphen, non-breaking hyphen, figure dash and minus sign → `-` (not the en and em dashes, which
 *   separate clauses and ranges).
 */

/** the decimal digits of the BMP beyond ASCII, as character-class ranges (built once from \p{Nd}) */
function otherDigitRanges(): string {
  const nd = /\p{Nd}/u;
  let out = '';
  for (let c = 0x80; c <= 0xffff; c++) {
    if (!nd.test(String.fromCharCode(c))) continue;
    let e = c;
    while (e + 1 <= 0xffff && nd.test(String.fromCharCode(e + 1))) e++;
    out += `\\u${c.toString(16).padStart(4, '0')}-\\u${e.toString(16).padStart(4, '0')}`;
    c = e;
  }
  return out;
}
// (one character class: an alternation with a \p{Nd} lookahead cost ~9 µs per KB, the class ~1)
const CLASS = `[\\u00a0\\u2007\\u2009\\u202f\\u2010-\\u2012\\u2212\\u3000\\uff01-\\uff5e${otherDigitRanges()}]`;
const FOLDABLE = new RegExp(CLASS);
const FOLD_ALL = new RegExp(CLASS, 'g');
/** any character beyond ASCII (every foldable one is): a text without one is read as it is */
const NON_ASCII = /[^\x00-\x7f]/;

const IS_DIGIT = /^\p{Nd}$/u;

/** The value of a decimal digit of any script: Unicode puts each script's digits in a run of ten from zero. */
function digitValue(code: number): number {
  let steps = 0;
  while (steps < 9 && IS_DIGIT.test(String.fromCharCode(code - steps - 1))) steps++;
  return steps;
}

const DIGIT_CACHE = new Map<number, string>();

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length !== 1) return ch; // astral digits (two units): left alone, offsets must not move
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0 || code === 0x2007 || code === 0x2009 || code === 0x202f) return ' ';
  if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2212) return '-';
  let d = DIGIT_CACHE.get(code);
  if (d === undefined) {
    d = String(digitValue(code));
    DIGIT_CACHE.set(code, d);
  }
  return d;
}

/** 1 for each BMP code unit the view folds */
const FOLDS = new Uint8Array(0x10000);
for (let c = 0x80; c <= 0xffff; c++) if (FOLDABLE.test(String.fromCharCode(c))) FOLDS[c] = 1;

/**
 * The text as the recognizers read it; the same string when nothing needs folding (the usual case). `beyondAscii`:
 * the offsets of the characters beyond ASCII, when the caller has them (the prescan lists them with the
 * capitals): only those are looked at.
 */
export function detectionView(text: string, beyondAscii?: readonly number[]): string {
  if (beyondAscii !== undefined) {
    let any = false;
    for (const i of beyondAscii) {
      if (FOLDS[text.charCodeAt(i)] === 1) {
        any = true;
        break;
      }
    }
    if (!any) return text;
  } else if (!NON_ASCII.test(text) || !FOLDABLE.test(text)) {
    return text;
  }
  return text.replace(FOLD_ALL, fold);
}
