import { Cues, isAsciiDigitCode, isAsciiLetterCode, isLetterCode, isSpaceCode, PHONE_NEGATIVE, PHONE_POSITIVE } from '../context-words.js';
import type { Finding } from '../types.js';
import { fieldKeyAt, ID_KEY } from '../fields.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

/**
 * A run of digits with phone-like separators (not a tab: it separates a table's cells, "07723 418 906\t18/03/2025"),
 * optionally starting with + or 00 or "(". Not right after a
 * ":" that follows a digit or another ":" (times, ratios, IPv6); after a key's ":" it may ("Tel:555-…").
 */
const CANDIDATE = /(?<![\w+@/.#$€£-])(?<![\d:]:)(?:\+|\(\+?)?\d[\d ().\/-]{5,24}\d(?![\w@%]|[.-]\d|,\d{1,3}(?!\d))/y;
const EXTENSION = /^\s*,?\s*(?:ext\.?|extension|x|#)\s*\d{1,6}\b/i;
/** cues that name a phone; "number is", "direct", "office" and the one-letter labels say less (see `score`) */
const GENERIC_POSITIVE = ['number is', 'direct', 'office', 'm', 't', 'p'];
const POSITIVE = new Cues(PHONE_POSITIVE.filter((c) => !GENERIC_POSITIVE.includes(c)));
const WEAK_POSITIVE = new Cues(GENERIC_POSITIVE);
const NEGATIVE = new Cues(PHONE_NEGATIVE);
const DATE_LIKE = /^\d{1,4}[./ -]\d{1,2}[./ -]\d{1,4}$/;
/** a Norwegian mobile's groups, "924 18 355", which DATE_LIKE takes for a date */
const NO_MOBILE = /^[49]\d{2} \d{2} \d{3}$/;
const US = /^(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)|[2-9]\d{2})[ .-]?\d{3}[ .-]\d{4}$/;
const US_LOCAL = /^\d{3}-\d{4}$/;
/** an Indian mobile number as it is written at home: ten digits from 6-9, in two groups of five ("98110 45372") */
const IN_MOBILE = /^[6-9]\d{4}[ -]\d{5}$/;
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
/** Brazil: the area code in brackets, then four or five digits, a dash and four: "(11) 98734-2210" */
const BR = /^\(\d{2}\)[ ]?\d{4,5}-\d{4}$/;
const NATIONAL_0 = /^\(?0\d{1,4}\)?(?:[ ./-]?\d{2,4}){2,4}$/;

/** Phone numbers: E.164 / international, US (NANP), UK and EU national formats, with extensions. */
export const phoneRecognizer: Recognizer = {
  name: 'phone',
  types: ['PHONE'],
  applies: (s) => s.digits >= 7,
  find(text, out, scan) {
    // a match starts at a digit run, or at the "+", "(" or "(+" right before one: those starts in order
    // (execAt inlined, without a list of the starts)
    let next = 0;
    for (const r of scan.digitRuns) {
      if (r < next || !phoneBodyAt(text, r)) continue;
      const c1 = codeAt(text, r - 1);
      if (c1 === 43 && codeAt(text, r - 2) === 40) next = phoneAt(text, r - 2, next, out);
      if (c1 === 43 || c1 === 40) next = phoneAt(text, r - 1, next, out);
      next = phoneAt(text, r, next, out);
    }
  },
};

/**
 * Every CANDIDATE match starting at or right before the digit run at `r` has the run's first digit at `r`, then
 * [\d ().\/-]{5,24}\d: the 6 characters after `r` must be in that class. Most runs ("at 10:31", "5 GB") fail
 * here, without a regex call.
 */
function phoneBodyAt(text: string, r: number): boolean {
  if (r + 6 >= text.length) return false;
  for (let k = r + 1; k <= r + 6; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || c === 32 || c === 40 || c === 41 || c === 46 || c === 47 || c === 45)) return false;
  }
  return true;
}

/**
 * A sticky CANDIDATE match at `p` (when `p` is not before `next`, the end of the previous match), scored and
 * pushed when it scores above 0. Returns the new `next`. (One call site for the regex keeps the JIT's inline
 * caches monomorphic.)
 */
function phoneAt(text: string, p: number, next: number, out: Finding[]): number {
  // CANDIDATE's lookbehinds, [\w+@/.#$€£-] (\w is ASCII, there is no `u` flag) and [\d:]:, checked without a regex call
  const b = codeAt(text, p - 1);
  if (p < next || isAsciiLetterCode(b) || isAsciiDigitCode(b) || b === 95 || b === 43 || b === 64 || b === 47 || b === 46 || b === 35 || b === 36 || b === 0x20ac || b === 0xa3 || b === 45) {
    return next;
  }
  if (b === 58) {
    const b2 = codeAt(text, p - 2);
    if (isAsciiDigitCode(b2) || b2 === 58) return next;
  }
  CANDIDATE.lastIndex = p;
  const m = CANDIDATE.exec(text);
  if (m === null) return next;
  // a sentence ends inside it ("mob 0401 773 918. 45 Latrobe Tce", "after 4. 07458 302117") or two numbers are joined
  // by " / " ("020 8361 4729 / 07402 118 365"): the part before is scored alone, the rest tried after it
  const cut = breakIn(m[0]);
  if (cut > 0) {
    pushCandidate(text, m.index, m[0].slice(0, cut), out);
    return m.index + cut;
  }
  pushCandidate(text, m.index, m[0], out);
  return m.index + (m[0].length || 1);
}

/**
 * where ". " first occurs in a candidate, or " / " after a whole number (seven digits or more: "0711 / 78 22 904" is
 * an area code and its number), or -1
 */
function breakIn(m0: string): number {
  const dot = m0.indexOf('. ');
  let slash = m0.indexOf(' / ');
  if (slash !== -1 && digitCount(m0, slash) < 7) slash = -1;
  return dot === -1 ? slash : slash === -1 ? dot : Math.min(dot, slash);
}

function digitCount(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (isAsciiDigitCode(s.charCodeAt(i))) n++;
  return n;
}

/** Scores a CANDIDATE match `m0` at `index` and pushes it when it scores above 0 and is no other kind of number. */
function pushCandidate(text: string, index: number, m0: string, out: Finding[]): void {
  // trim a trailing separator group like " (" or unbalanced ")" (was raw.replace(/[\s(/-]+$/, ''))
  let len = m0.length;
  for (let c = m0.charCodeAt(len - 1); len > 0 && (c === 40 || c === 47 || c === 45 || isSpaceCode(c)); c = m0.charCodeAt(len - 1)) len--;
  let raw = len === m0.length ? m0 : m0.slice(0, len);
  let start = index;
  // a number in parentheses, "(559-301-7742)", "(+39 338 712 4409)": the '(' opens the prose's aside, not an area code
  if (raw.charCodeAt(0) === 40 && !raw.includes(')')) {
    raw = raw.slice(1);
    start++;
  }
  if (start > 0 && text.charCodeAt(start - 1) === 61 && !(raw.startsWith('+') || PHONE_KEY.test(text.slice(Math.max(0, start - 24), start)))) return;
  const conf = score(raw, text, start);
  if (conf <= 0 || notAPhone(raw, text, start)) return;
  let end = start + raw.length;
  if (extensionMayFollow(text, end)) {
    const ext = EXTENSION.exec(text.slice(end, end + 20));
    if (ext) end += ext[0].length;
  }
  out.push(finding('PHONE', start, end, conf, 'phone'));
}

/** shapes of other numbers: a US employer id ("84-2291077"; an Israeli landline's area code starts with 0), a time range ("09.30-17.30"), a Brazilian CEP, a date with dots and spaces, a year- or date-prefixed id */
const OTHER_SHAPE = /^(?:[1-9]\d-\d{7}|(?:[01]\d|2[0-3])[.:][0-5]\d ?- ?(?:[01]\d|2[0-4])[.:][0-5]\d|\d{5}-\d{3}|\d{1,2}\. \d{1,2}\. (?:19|20)\d\d|(?:19|20)\d\d\. ?\d{1,2}\. ?\d{1,2}.*|(?:19|20)\d\d-\d{4,6}|20\d{6}-\d+)$/;

/**
 * Numbers that look like phones and are not: the shapes above, an HTTP status and size in an access log ('" 200
 * 48211'), a Japanese postcode ('〒150-0001'), the value of an id field or column.
 */
/** a placeholder's digits: one digit repeated after the country code ("+1-000-000-0000", "0000 000000") */
const PLACEHOLDER_DIGITS = /^\+?[\d]{0,3}?[ .()-]*(\d)(?:[ .()/-]*\1){6,}$/;
function notAPhone(raw: string, text: string, start: number): boolean {
  if (OTHER_SHAPE.test(raw) || PLACEHOLDER_DIGITS.test(raw)) return true;
  const b = codeAt(text, start - 1);
  if (b === 0x3012) return true;
  if (b === 32 && codeAt(text, start - 2) === 34 && /^[1-5]\d\d /.test(raw)) return true;
  return ID_KEY.test(fieldKeyAt(text, start));
}

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

/** the words whose dot is an abbreviation's (lower case) */
const ABBREVIATIONS = new Set(['no', 'nr', 'nº', 'n°', 'tel', 'tél', 'ph', 'mob', 'acct', 'ref', 'inv', 'st', 'dr', 'mr', 'mrs', 'ms', 'vs', 'etc', 'approx', 'dept', 'ext', 'fax', 'p', 'pp', 'vol', 'art', 'sec', 'co', 'inc', 'ltd', 'jr', 'sr', 'id', 'cell', 'alt', 'port', 'num', 'tlf', 'telf', 'n', 'kd', 'kdnr', 'bestell', 'rg', 'auftr', 'vertr', 'mitgl', 'pol']);
/** Is the '.' at `k` an abbreviation's (a short word of ABBREVIATIONS, or a single letter, before it)? */
function abbreviationDot(text: string, k: number): boolean {
  let w = k;
  while (w > 0 && w > k - 16 && isLetterCode(text.charCodeAt(w - 1))) w--;
  if (w === k) return false;
  // (German compounds shorten their "-nummer" to "-nr.": "Bestellnr.", "Kundennr.", "Telefonnr.")
  if (k - w >= 4 && (text.charCodeAt(k - 1) | 32) === 114 && (text.charCodeAt(k - 2) | 32) === 110) return true;
  return k - w <= 8 && ABBREVIATIONS.has(text.slice(w, k).toLowerCase());
}

/** A number written as phones are: with its "+", or a national number that starts with 0 and is grouped. */
function phoneShaped(raw: string, n: number): boolean {
  const first = raw.charCodeAt(0);
  return first === 43 || (first === 40 && raw.charCodeAt(1) === 43) || (n >= 9 && (first === 48 || first === 40) && /[ ./-]/.test(raw) && NATIONAL_0.test(raw)) || ((n === 10 || n === 11) && US.test(raw)) || (n === 10 && IN_MOBILE.test(raw));
}

/** The start of the clause that ends at `start`: after the last line break, comma, semicolon or sentence end, at most `n` back. */
function clauseStart(text: string, start: number, n: number): number {
  const lo = Math.max(0, start - n);
  for (let k = start - 1; k >= lo; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 44 || c === 59) return k + 1;
    // (a sentence's end: ". ", "? ", "! "; not the dot of an abbreviation, "Part no. 0041…", "Nr. 4410-2291")
    if ((c === 63 || c === 33 || (c === 46 && !abbreviationDot(text, k))) && isSpaceCode(text.charCodeAt(k + 1))) return k + 1;
  }
  return lo;
}

function score(raw: string, text: string, start: number): number {
  // one pass for the counts the regex checks below depend on (each regex runs only when it can match), and the
  // groups that raw.split(/[ .()/-]+/) would give (the characters between separators: digits, a tab)
  let n = 0;
  let open = 0;
  let close = 0;
  let dots = 0;
  let dashes = 0;
  let slashes = 0;
  let seps = 0; // [ .()/-]
  let groups = 0;
  let group = 0; // length of the current group
  let shortGroup = false; // a group of 1
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 40) open++;
    else if (c === 41) close++;
    else if (c === 46) dots++;
    else if (c === 45) dashes++;
    else if (c === 47) slashes++;
    else if (c !== 32) {
      if (c >= 48 && c <= 57) n++;
      group++;
      continue;
    }
    seps++;
    if (group > 0) {
      groups++;
      if (group < 2) shortGroup = true;
      group = 0;
    }
  }
  if (group > 0) {
    groups++;
    if (group < 2) shortGroup = true;
  }
  if (n < 7 || n > 15) return 0;
  if (open !== close) return 0;
  if (dots === 3 && /\d\.\d{1,3}\.\d{1,3}\.\d/.test(raw)) return 0; // IPv4 (split('.') gives 4 parts)
  // (DATE_LIKE has exactly two non-digits, US 10 digits after an optional 1, NATIONAL_0 starts with "0" or "(0",
  // US_LOCAL is 7 digits and a dash: the count tests before each regex only spare calls that could not match)
  if (n <= 10 && raw.length - n === 2 && DATE_LIKE.test(raw) && !/^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(raw) && !NO_MOBILE.test(raw)) return 0;
  if (dashes >= 2 && /\d{4}-\d{2}-\d{2}/.test(raw)) return 0; // ISO date
  if (slashes >= 2 && /\d\/\d{1,2}\/\d/.test(raw)) return 0;
  // a date and the hour of a time stamp ("[10-04-2024 11:02]"): a time's ':' right after the number
  if (text.charCodeAt(start + raw.length) === 58 && /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}[ T]\d{1,2}$/.test(raw)) return 0;
  // ("case number is 04418227": a generic cue does not outweigh a word that names another kind of number)
  // (a word naming another number right before a number of no phone's shape outweighs a phone word further back:
  // "phone change for acct 00418832", but "her mobile on the order: 07821 447 306")
  const strongPositive = POSITIVE.near(text, start - 36, start) && !(!phoneShaped(raw, n) && NEGATIVE.endsAt(text, start, 24));
  // (a word that names another number counts in the number's own clause: not across a line break, a comma or a
  // semicolon — "…and your ID?\nDriver: Budi Santoso, 0812-3348-9912", "Maricel Dela Cruz po, 0917 482 3391")
  const negative = !strongPositive && NEGATIVE.near(text, clauseStart(text, start, 36), start);
  const positive = strongPositive || (!negative && WEAK_POSITIVE.near(text, start - 36, start));
  const separated = seps > 0;
  const first = raw.charCodeAt(0);
  let conf: number;
  if (raw.startsWith('+') || raw.startsWith('(+')) {
    conf = n >= 8 ? 0.92 : 0.6;
  } else if (raw.startsWith('00') && n >= 10 && separated) {
    conf = 0.8;
  } else if ((n === 10 || n === 11) && US.test(raw)) {
    conf = 0.88;
  } else if (n === 10 && raw.length === 11 && IN_MOBILE.test(raw)) {
    conf = 0.8;
  } else if ((n === 10 || n === 11) && first === 40 && BR.test(raw)) {
    conf = 0.82;
  } else if (n >= 9 && n <= 12 && (first === 48 || first === 40) && NATIONAL_0.test(raw)) {
    conf = separated ? 0.82 : 0.55;
  } else if (raw.length === 8 && US_LOCAL.test(raw)) {
    conf = 0.5;
  } else if (!separated) {
    conf = n === 10 || n === 11 ? 0.4 : 0.25;
  } else {
    conf = groups >= 2 && groups <= 5 && !shortGroup ? 0.55 : 0.3;
  }
  if (positive) conf += 0.3;
  // (an international number written with its '+', or a North American one with its area code in brackets, is
  // rarely anything else: a nearby "price", "code" or "port" weighs less — "one-time code to (917) 402-6618")
  if (negative) conf -= ((raw.startsWith('+') || raw.startsWith('(+')) && n >= 10) || (first === 40 && conf >= 0.88 && US.test(raw)) ? 0.3 : 0.45;
  if (numberWordBefore(text, start)) conf -= 0.2;
  return Math.min(conf, 0.97);
}
