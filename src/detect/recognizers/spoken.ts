import { creditCardValid, usSsnValid } from '../checksums.js';
import { Cues, DOB_POSITIVE, PHONE_NEGATIVE, PHONE_POSITIVE, SSN_POSITIVE } from '../context-words.js';
import type { Finding } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

/**
 * Numbers and dates as a speech-to-text transcript writes them: "nine eight two zero one four seven seven three six",
 * "plus three five one nine one two…", "fourteenth of february nineteen ninety". A call transcript pasted into a
 * prompt carries the caller's phone number, social security number and birth date this way.
 */

/** digit words of English, Spanish, Portuguese, French, German and Italian (a word may name the digit in several) */
const DIGIT_WORDS: Readonly<Record<string, number>> = {
  zero: 0, oh: 0, o: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
  um: 1, dois: 2, três: 3, quatro: 4, sete: 7, oito: 8, nove: 9,
  zéro: 0, un: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9,
  null: 0, eins: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
  due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8,
};
/** "double five" is two digits */
const REPEAT_WORDS: Readonly<Record<string, number>> = { double: 2, triple: 3, doble: 2 };
const NUMBER_WORD = [...Object.keys(DIGIT_WORDS), ...Object.keys(REPEAT_WORDS)].sort((a, b) => b.length - a.length).join('|');
/** seven number words or more in a row (spaces, commas or dashes between), maybe after "plus" */
// (a digit may stand among the words: "two eight one four four nine 7 3 1 2 0")
const SPOKEN_RUN = new RegExp(String.raw`(?<![\p{L}\d])(?:(?:plus|más|mais)[ ,]+)?(?:${NUMBER_WORD})(?:[ ,-]+(?:${NUMBER_WORD}|\d)){6,}(?![\p{L}\d])`, 'gu');
const WORD = /[\p{L}]+|\d/gu;

const PHONE_CUE = new Cues([...PHONE_POSITIVE, 'number', 'número', 'numero', 'nummer', 'numéro']);
/** the words that name a phone itself (not "number" or "contact") */
const PHONE_WORD = new Cues(PHONE_POSITIVE);
/** a number of something else: an order, a tracking number, a meter, an account */
const OTHER_NUMBER = new Cues([...PHONE_NEGATIVE, 'meter', 'meter number', 'tracking', 'account', 'card', 'reference', 'voucher', 'pin', 'otp', 'code']);
const SSN_CUE = new Cues(SSN_POSITIVE);
const DOB_CUE = new Cues(DOB_POSITIVE);

/** the digits a run of number words spells, or '' when a word is not one */
function digitsOf(words: readonly string[]): string {
  let out = '';
  let repeat = 1;
  for (const w of words) {
    const r = REPEAT_WORDS[w];
    if (r !== undefined) {
      repeat = r;
      continue;
    }
    const d = w.length === 1 && w >= '0' && w <= '9' ? Number(w) : DIGIT_WORDS[w];
    if (d === undefined) return '';
    out += String(d).repeat(repeat);
    repeat = 1;
  }
  return out;
}

/** a phone word ending right before `start`, maybe followed by "is" / "it's" ("my number is", "her cell is") */
function phoneCueRightBefore(text: string, start: number): boolean {
  const tail = /(?:[ \t]+(?:is|it's|it is|es|é|est|ist))?[ \t:,]*$/i.exec(text.slice(Math.max(0, start - 12), start));
  return PHONE_CUE.endsAt(text, start - (tail?.[0].length ?? 0), 24);
}

function spokenNumbers(text: string, lower: string, out: Finding[]): void {
  SPOKEN_RUN.lastIndex = 0;
  for (let m = SPOKEN_RUN.exec(lower); m; m = SPOKEN_RUN.exec(lower)) {
    const words = m[0].match(WORD) ?? [];
    const plus = words[0] === 'plus' || words[0] === 'más' || words[0] === 'mais';
    const digits = digitsOf(plus ? words.slice(1) : words);
    const start = m.index;
    const end = start + m[0].length;
    const before = Math.max(0, start - 48);
    // a card read out: "the card is a discover six zero one one …" (13 to 19 digits, a card's issuer and Luhn)
    if (!plus && digits.length >= 13 && digits.length <= 19 && creditCardValid(digits)) {
      out.push(finding('CREDIT_CARD', start, end, 0.85, 'spoken.card'));
      continue;
    }
    // (a phone number has three different digits at least: "one one one one one one one" is a count, not a number)
    if (digits.length < 7 || digits.length > 15 || new Set(digits).size < 3) continue;
    if (!plus && digits.length === 9 && SSN_CUE.near(text, before, start) && usSsnValid(digits)) {
      out.push(finding('US_SSN', start, end, 0.85, 'spoken.ssn'));
      continue;
    }
    const cue = PHONE_CUE.near(text, before, start);
    // (the question is just before the answer: "what is the meter number\ncaller zero four one…"; a phone word
    // right before the number outweighs it: "claim um my number is oh eight three…")
    if (OTHER_NUMBER.near(text, before, start) && !phoneCueRightBefore(text, start)) {
      // ("the phone number on the account … two one four …": a phone's ten digits and a phone word, less sure)
      if (digits.length >= 10 && PHONE_WORD.near(text, before, start)) out.push(finding('PHONE', start, end, 0.6, 'spoken.phone'));
      continue;
    }
    // (seven or eight digits are a phone number only after a cue; nine or more also without one)
    if (digits.length < 9 && !cue) continue;
    out.push(finding('PHONE', start, end, plus || cue || digits.length >= 10 ? 0.85 : 0.7, 'spoken.phone'));
  }
}

const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const ORDINAL =
  String.raw`(?:(?:twenty|thirty)[ -])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth`;
const MONTH = 'january|february|march|april|may|june|july|august|september|october|november|december';
/** a year in words: "nineteen ninety", "nineteen oh five", "two thousand and three", "twenty twelve", "eighty seven" */
const YEAR = String.raw`(?:(?:nineteen|twenty)[ -](?:hundred|(?:oh|o)[ -](?:${UNITS})|${TEENS}|(?:${TENS})(?:[ -](?:${UNITS}))?)|two thousand(?:[ -]and)?(?:[ -](?:${TEENS}|${UNITS}|twenty(?:[ -](?:${UNITS}))?))?|(?:${TENS})(?:[ -](?:${UNITS}))?)`;
/** "april second nineteen fifty one", "fourteenth of february nineteen ninety", "third of the sixth eighty seven" */
const SPOKEN_DATE = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:${MONTH})[ ,]+(?:the[ ]+)?(?:${ORDINAL})|(?:the[ ]+)?(?:${ORDINAL})[ ]+of[ ]+(?:(?:${MONTH})|the[ ]+(?:${ORDINAL})))[ ,]+${YEAR}(?![\p{L}\d])`,
  'gu',
);

function spokenBirthDates(text: string, lower: string, out: Finding[]): void {
  // (the dates are English words, and so is their cue: no "birth", "born" or "dob" in the text, no search)
  if (!lower.includes('birth') && !lower.includes('born') && !lower.includes('dob')) return;
  SPOKEN_DATE.lastIndex = 0;
  for (let m = SPOKEN_DATE.exec(lower); m; m = SPOKEN_DATE.exec(lower)) {
    // a birth date only where the context says so (the question may be on the line before)
    if (DOB_CUE.near(text, Math.max(0, m.index - 64), m.index)) out.push(finding('DATE_OF_BIRTH', m.index, m.index + m[0].length, 0.85, 'spoken.dob'));
  }
}

/** Phone numbers, social security numbers and birth dates spelled out in words. */
export const spokenRecognizer: Recognizer = {
  name: 'spoken',
  types: ['PHONE', 'US_SSN', 'DATE_OF_BIRTH', 'CREDIT_CARD'],
  applies: (s) => s.length >= 30,
  find(text, out, scan) {
    // (offsets in scan.lower are the text's unless lower-casing changed a length: "İ" becomes two characters)
    if (scan.lower.length !== text.length) return;
    spokenNumbers(text, scan.lower, out);
    spokenBirthDates(text, scan.lower, out);
  },
};
