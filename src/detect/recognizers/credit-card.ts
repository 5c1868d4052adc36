import { creditCardValid, digitsOf, luhnValid } from '../checksums.js';
import { Cues, CARD_POSITIVE, isAsciiDigitCode, isAsciiLetterCode, NUMBER_NEGATIVE } from '../context-words.js';
import { fieldKeyAt, ID_KEY } from '../fields.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

/**
 * sticky: tried only at the start of each digit run. Not inside a longer number: no digit, letter, '.', '+' or
 * '-' before it, nor a comma after a digit ("1,234…"); no decimals after it ("….50", "…,50"). A comma between
 * fields of a CSV row is a delimiter ("Trang,4068415979827319,129.00"), also before an expiry date or a month
 * ("…,4068415979827319,09/27", "…,12,2027") or a price ("…,2221089401681558,89.99 USD").
 */
const CANDIDATE = /(?<![\w.+-]|\d,)\d(?:[ -]?\d){11,18}(?![\w-]|\.\d|,\d{1,2}(?![\d/,;.]))/y;
/** sixteen digits in four groups of four, as cards are printed */
const FOUR_BY_FOUR = /^\d{4}([ -])\d{4}\1\d{4}\1\d{4}$/;
/** a CSV column or a field whose key names a card */
const CARD_KEY = /(?:^|_)(?:card|cc|pan|kart[ae]?|carte|tarjeta|cart[aã]o)(?:_|$)/;
const POSITIVE = new Cues(CARD_POSITIVE);
const NEGATIVE = new Cues(NUMBER_NEGATIVE);

/** Payment card numbers: 13-19 digits, plain or grouped by spaces/dashes, issuer prefix + Luhn. */
export const creditCardRecognizer: Recognizer = {
  name: 'credit_card',
  types: ['CREDIT_CARD'],
  applies: (s) => s.digits >= 13,
  find(text, out, scan) {
    // execAt inlined (one call site per regex keeps the JIT's inline caches monomorphic)
    const starts = scan.digitRuns;
    let next = 0;
    for (const p of starts) {
      if (p < next || !cardMayStartAt(text, p)) continue;
      CANDIDATE.lastIndex = p;
      const m = CANDIDATE.exec(text);
      if (m === null) continue;
      next = m.index + (m[0].length || 1);
      let raw = m[0];
      // (a number written after the card may have joined it: "6011818044640620 09/27" — drop trailing groups)
      while (!(consistentGrouping(raw) && luhnValid(raw))) {
        const cut = Math.max(raw.lastIndexOf(' '), raw.lastIndexOf('-'));
        if (cut < 12) break;
        raw = raw.slice(0, cut);
      }
      if (!consistentGrouping(raw) || !luhnValid(raw) || /^(\d)\1+$/.test(digitsOf(raw))) continue;
      // (a card of an issuer the list lacks (RuPay, Mir, Verve, Troy, a test card): Luhn-valid, sixteen digits written
      // in fours, or named a card by its field or the words before it)
      const known = creditCardValid(raw);
      const key = fieldKeyAt(text, m.index);
      const named = CARD_KEY.test(key) || POSITIVE.near(text, m.index - 32, m.index);
      // (not the front of a longer number, "9400 9909 6534 6629 9413 06", a tracking number, nor after a word that names
      // another number)
      if (!known && ((!named && !FOUR_BY_FOUR.test(raw)) || raw !== m[0] || NEGATIVE.near(text, m.index - 32, m.index))) continue;
      let conf = known ? 0.93 : 0.8;
      // (a CSV or form field says what its value is: a card column, or an id column whose numbers may pass Luhn)
      if (named) conf = known ? 0.98 : 0.9;
      else if (!/[ -]/.test(raw) && (ID_KEY.test(key) || NEGATIVE.near(text, m.index - 32, m.index))) conf = 0.45;
      out.push(finding('CREDIT_CARD', m.index, m.index + raw.length, conf, 'credit_card'));
    }
  },
};

/**
 * Can CANDIDATE match at the digit run starting at `p`? Its lookbehind (no [\w.,+-] before; \w is ASCII, there
 * is no `u` flag) and its 12 digits at least, each after at most one space or dash: checked without a regex
 * call (most runs are too short; the walk stops at the 12th digit).
 */
function cardMayStartAt(text: string, p: number): boolean {
  const b = codeAt(text, p - 1);
  if (b === 46 || b === 43 || b === 45 || b === 95 || isAsciiLetterCode(b) || isAsciiDigitCode(b)) return false;
  if (b === 44 && isAsciiDigitCode(codeAt(text, p - 2))) return false;
  let k = p + 1; // text[p] is a digit
  for (let n = 1; n < 12; n++) {
    let c = codeAt(text, k);
    if (c === 32 || c === 45) c = codeAt(text, ++k);
    if (!isAsciiDigitCode(c)) return false;
    k++;
  }
  return true;
}

/** Either no separators, or one kind of separator between groups of 4 (Amex/Diners: 4-6-5 / 4-6-4). */
function consistentGrouping(raw: string): boolean {
  const hasSpace = raw.includes(' ');
  const hasDash = raw.includes('-');
  if (!hasSpace && !hasDash) return true;
  if (hasSpace && hasDash) return false;
  // group lengths in one pass (was split/map/join): every group but the last of 4 and the last of 1-4, or 4-6-5 / 4-6-4
  const sep = hasSpace ? 32 : 45;
  let groups = 0;
  let len = 0;
  let allFour = true; // every group before the current one has 4 digits
  let first = 0;
  let second = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw.charCodeAt(i) !== sep) {
      len++;
      continue;
    }
    groups++;
    if (groups === 1) first = len;
    else if (groups === 2) second = len;
    if (i < raw.length) {
      if (len !== 4) allFour = false;
      len = 0;
    }
  }
  if (groups === 3 && first === 4 && second === 6 && (len === 5 || len === 4)) return true;
  return allFour && len >= 1 && len <= 4;
}

