import { Cues, isSpaceCode, PHONE_NEGATIVE, PHONE_POSITIVE } from '../context-words.js';
import { finding, type Recognizer } from './recognizer.js';

/** A run of digits with phone-like separators, optionally starting with + or 00 or "(". */
const CANDIDATE = /(?<![\w+@/.:#$€£-])(?:\+|\(\+?)?\d[\d \t().\/-]{5,24}\d(?![\w@%]|[.,-]\d)/y;
const EXTENSION = /^\s*,?\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\b/i;
const POSITIVE = new Cues(PHONE_POSITIVE);
const NEGATIVE = new Cues(PHONE_NEGATIVE);
const DATE_LIKE = /^\d{1,4}[./ -]\d{1,2}[./ -]\d{1,4}$/;
const US = /^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?\d{3}[ .-]\d{4}$/;
const US_LOCAL = /^\d{3}-\d{4}$/;
// after "=" (log fields, query strings) only a phone-named key or a "+" number: "phone=+81-3-1234-5678", not "id=12345678"
const PHONE_KEY = /(?:phone|tel|telephone|mobile|mob|cell|msisdn|fax|whatsapp|sms|contact|number|num)[\w-]*["']?[ \t]*=[ \t]*["']?$/i;
/**
 * `/[A-Za-z]$/.test(before.trimEnd()) && /(?:#|no\.?|num(?:ber)?)\s*$/i.test(before)` for the 36 characters
 * `before` ending at `start`. The first test wants a letter as the last non-space character, so of the second
 * only "no", "num" and "number" (any case) can end there, right before the trailing spaces: compared in place.
 */
function numberWordBefore(text: string, start: number): boolean {
  const lo = Math.max(0, start - 36);
  let k = start;
  while (k > lo && isSpaceCode(text.charCodeAt(k - 1))) k--;
  return endsWithWord(text, lo, k, 'no') || endsWithWord(text, lo, k, 'num') || endsWithWord(text, lo, k, 'number');
}

/** Does text[lo, k) end with the lower-case ASCII `word`, in any case? */
function endsWithWord(text: string, lo: number, k: number, word: string): boolean {
  const from = k - word.length;
  if (from < lo) return false;
  // for ASCII letters, c | 32 is the lower-case letter exactly when c is that letter in either case
  for (let j = 0; j < word.length; j++) if ((text.charCodeAt(from + j) | 32) !== word.charCodeAt(j)) return false;
  return true;
}
const NATIONAL_0 = /^\(?0\d{1,4}\)?(?:[ ./-]?\d{2,4}){2,4}$/;

/** Phone numbers: E.164 / international, US (NANP), UK and EU national formats, with extensions. */
export const phoneRecognizer: Recognizer = {
  name: 'phone',
  types: ['PHONE'],
  applies: (s) => s.digits >= 7,
  find(text, out, scan) {
    // a match starts at a digit run, or at the "+", "(" or "(+" right before one
    const starts: number[] = [];
    for (const r of scan.digitRuns) {
      const c1 = text.charCodeAt(r - 1);
      if (c1 === 43 && text.charCodeAt(r - 2) === 40) starts.push(r - 2);
      if (c1 === 43 || c1 === 40) starts.push(r - 1);
      starts.push(r);
    }
    // execAt inlined (one call site per regex keeps the JIT's inline caches monomorphic)
    let next = 0;
    for (const p of starts) {
      if (p < next || p < 0) continue;
      CANDIDATE.lastIndex = p;
      const m = CANDIDATE.exec(text);
      if (m === null) continue;
      next = m.index + (m[0].length || 1);
      // trim a trailing separator group like " (" or unbalanced ")" (was raw.replace(/[\s(/-]+$/, ''))
      const m0 = m[0];
      let len = m0.length;
      for (let c = m0.charCodeAt(len - 1); len > 0 && (c === 40 || c === 47 || c === 45 || isSpaceCode(c)); c = m0.charCodeAt(len - 1)) len--;
      const raw = len === m0.length ? m0 : m0.slice(0, len);
      const start = m.index;
      if (start > 0 && text.charCodeAt(start - 1) === 61 && !(raw.startsWith('+') || PHONE_KEY.test(text.slice(Math.max(0, start - 24), start)))) continue;
      const conf = score(raw, text, start);
      if (conf <= 0) continue;
      let end = start + raw.length;
      if (extensionMayFollow(text, end)) {
        const ext = EXTENSION.exec(text.slice(end, end + 20));
        if (ext) end += ext[0].length;
      }
      out.push(finding('PHONE', start, end, conf, 'phone'));
    }
  },
};

/**
 * Could EXTENSION match text.slice(end, end + 20)? It needs ext / extension / x / # after optional spaces
 * and one comma (a cheap necessary condition before the slice and the regex).
 */
function extensionMayFollow(text: string, end: number): boolean {
  const hi = Math.min(text.length, end + 20);
  let k = end;
  while (k < hi && isSpaceCode(text.charCodeAt(k))) k++;
  if (k < hi && text.charCodeAt(k) === 44) k++;
  while (k < hi && isSpaceCode(text.charCodeAt(k))) k++;
  if (k >= hi) return false;
  const c = text.charCodeAt(k) | 32;
  return c === 101 || c === 120 || text.charCodeAt(k) === 35;
}

function score(raw: string, text: string, start: number): number {
  // one pass for the counts the regex checks below depend on (each regex runs only when it can match)
  let n = 0;
  let open = 0;
  let close = 0;
  let dots = 0;
  let dashes = 0;
  let slashes = 0;
  let seps = 0; // [ .()/-]
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if (c === 40) {
      open++;
      seps++;
    } else if (c === 41) {
      close++;
      seps++;
    } else if (c === 46) {
      dots++;
      seps++;
    } else if (c === 45) {
      dashes++;
      seps++;
    } else if (c === 47) {
      slashes++;
      seps++;
    } else if (c === 32) seps++;
  }
  if (n < 7 || n > 15) return 0;
  if (open !== close) return 0;
  if (dots === 3 && /\d\.\d{1,3}\.\d{1,3}\.\d/.test(raw)) return 0; // IPv4 (split('.') gives 4 parts)
  if (n <= 10 && DATE_LIKE.test(raw) && !/^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(raw)) return 0;
  if (dashes >= 2 && /\d{4}-\d{2}-\d{2}/.test(raw)) return 0; // ISO date
  if (slashes >= 2 && /\d\/\d{1,2}\/\d/.test(raw)) return 0;
  const positive = POSITIVE.near(text, start - 36, start);
  const negative = !positive && NEGATIVE.near(text, start - 36, start);
  const separated = seps > 0;
  let conf: number;
  if (raw.startsWith('+') || raw.startsWith('(+')) {
    conf = n >= 8 ? 0.92 : 0.6;
  } else if (raw.startsWith('00') && n >= 10 && separated) {
    conf = 0.8;
  } else if (US.test(raw)) {
    conf = 0.88;
  } else if (NATIONAL_0.test(raw) && n >= 9 && n <= 12) {
    conf = separated ? 0.82 : 0.55;
  } else if (US_LOCAL.test(raw)) {
    conf = 0.5;
  } else if (!separated) {
    conf = n === 10 || n === 11 ? 0.4 : 0.25;
  } else {
    const groups = raw.split(/[ .()/-]+/).filter((g) => g.length > 0);
    conf = groups.length >= 2 && groups.length <= 5 && groups.every((g) => g.length >= 2) ? 0.55 : 0.3;
  }
  if (positive) conf += 0.3;
  if (negative) conf -= 0.45;
  if (numberWordBefore(text, start)) conf -= 0.2;
  return Math.min(conf, 0.97);
}
