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

const FOLDABLE = /[\u00a0\u2007\u2009\u202f\u2010-\u2012\u2212\u3000\uff01-\uff5e]|(?![0-9])\p{Nd}/u;
const FOLD_ALL = /[\u00a0\u2007\u2009\u202f\u2010-\u2012\u2212\u3000\uff01-\uff5e]|(?![0-9])\p{Nd}/gu;

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

/** The text as the recognizers read it; the same string when nothing needs folding (the usual case). */
export function detectionView(text: string): string {
  if (!FOLDABLE.test(text)) return text;
  return text.replace(FOLD_ALL, fold);
}
