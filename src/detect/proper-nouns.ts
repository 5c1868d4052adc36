import { isSpaceCode } from './context-words.js';
import { lexicon, withoutDiacritics } from './lexicon/index.js';


/**
 * Capitalised-word runs, the cheap evidence behind the PERSON, LOCATION and ORGANIZATION recognizers.
 * One regex pass per text; the last result is memoised so the three recognizers share it.
 */

/** word class: G given name, g ambiguous given name (also a common word), S surname, P place, O org,
 *  C common word, I initial, U unknown */
export type WordClass = 'G' | 'g' | 'S' | 'P' | 'O' | 'C' | 'I' | 'U';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly lower: string;
  readonly cls: WordClass;
  /** first word of a sentence / line (capitalisation says nothing there) */
  readonly sentenceStart: boolean;
}

export interface Run {
  readonly tokens: readonly Token[];
}

// (a "'" before the word only as an opening quote, "'Obi'" in SQL or Python, not as an apostrophe: "l'Oréal")
const CAP_WORD =
  /(?<![\p{L}\p{N}_@’.\/\\-])(?<![\p{L}\p{N}_]')(?:\p{Lu}[\p{Ll}\p{M}]*(?:['’]?\p{Lu}[\p{Ll}\p{M}]+)?(?:['’]\p{Ll}+)?(?:-\p{Lu}?[\p{Ll}\p{M}]+)*)(?![\p{L}\p{N}@_\/\\]|\.[\p{L}\p{N}])/gu;
/** honorifics written after a name with a hyphen: "Yamamoto-san", "Tanaka-sensei", "Minji-ssi" */
export const HONORIFIC_AFTER = new Set(['san', 'sama', 'kun', 'chan', 'sensei', 'senpai', 'ssi', 'nim', 'ji']);
export const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'das', 'do', 'dos', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'binti', 'ibn', 'al', 'el', 'ter', 'ten', 'af', 'zu', 'y', 'e', 'st.', 'ben', 'bint', 'ap', 'mac', 'ní', 'ni', 'nic', 'ó', "o'", 'dela', 'delos', 'de los', 'de las']);

const PARTICLE_MAX = Math.max(...[...PARTICLES].map((p) => p.length));
let memoText: string | undefined;
let memoRuns: readonly Run[] = [];

const CAP_WORD_AT = new RegExp(CAP_WORD.source, 'uy');
const BEFORE_EXCLUDED = /[\p{L}\p{N}_@’.\/\\-]/u;
const BEFORE_QUOTE_EXCLUDED = /[\p{L}\p{N}_]/u;
const UPPER_AT = /\p{Lu}/u;

/** Classification of a word, memoised across texts (words repeat: a bounded cache is a big win). */
interface WordInfo {
  readonly word: string;
  readonly lower: string;
  readonly cls: WordClass;
}
// (direct-mapped by the hash's low bits: an array read, where a Map look-up cost more than the rest of the
// word's work; a word that collides replaces the other, which is only asked again when next seen)
const WORD_CACHE_MASK = 0xffff;
const wordCache: Array<WordInfo | undefined> = new Array<WordInfo | undefined>(WORD_CACHE_MASK + 1).fill(undefined);
/** text[start, end) is `word` (a loop: cheaper than startsWith for a word of a few letters) */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
/** set by capWordEnd: the word cache's hash of a word that is a capital then a-z only, else -1 */
let plainWordHash = -1;

/**
 * End of the CAP_WORD match starting at `p` (an upper-case letter preceded by an allowed character),
 * or -1. Plain ASCII words ("Maria ") are decided by a character loop; anything else (apostrophes,
 * hyphens, CamelCase, non-ASCII letters) falls back to the sticky form of the regex at `p`.
 */
function capWordEnd(text: string, p: number): number {
  let i = p + 1;
  const n = text.length;
  let c = 0;
  // (the word cache's hash of the characters read, for the caller when the word is just these letters)
  let h = text.charCodeAt(p);
  plainWordHash = -1;
  while (i < n) {
    c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      h = (Math.imul(h, 31) + c) & 0x3fffffff;
      i++;
    } else break;
  }
  if (i === n) {
    plainWordHash = h;
    return i;
  }
  // simple terminators: space, tab, newline, ,;:!?)"( etc. (not . @ _ / \ ' - or letters/digits/non-ASCII)
  if (c < 128 && !((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 64 || c === 95 || c === 47 || c === 92 || c === 39 || c === 45)) {
    plainWordHash = h;
    return i;
  }
  if (c === 46) {
    const d = i + 1 < n ? text.charCodeAt(i + 1) : 32;
    if (d < 128 && !((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57))) {
      plainWordHash = h;
      return i;
    }
  }
  // a capital after the capital and a-z ("NASA", "ID"), with no lower-case letter or mark after it (an ASCII
  // character other than a-z): CAP_WORD's optional parts all fail there and its lookahead fails at that
  // capital (as at any of the letters before it, when the regex backtracks): no match
  if (c >= 65 && c <= 90) {
    const d = text.charCodeAt(i + 1);
    if (!((d >= 97 && d <= 122) || d >= 128)) return -1;
  }
  CAP_WORD_AT.lastIndex = p;
  const m = CAP_WORD_AT.exec(text);
  return m === null ? -1 : p + m[0].length;
}

function capStartAt(text: string, i: number, c: number): boolean {
  if (c >= 65 && c <= 90) {
    // fall through to the check of the character before
  } else if (c > 127) {
    if ((caseBits(c) & (CHANGES | UPPER)) !== (CHANGES | UPPER)) return false;
  } else return false;
  if (i === 0) return true;
  const b = text.charCodeAt(i - 1);
  if (b === 39) return i === 1 || !BEFORE_QUOTE_EXCLUDED.test(text[i - 2] ?? '');
  if (b < 128) return !((b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95 || b === 64 || b === 46 || b === 47 || b === 92 || b === 45);
  return !BEFORE_EXCLUDED.test(text[i - 1] ?? '');
}

/** `capitals`: the prescan's offsets of A-Z and non-ASCII characters (the only places a word can start) */
export function capitalisedRuns(text: string, capitals: readonly number[]): readonly Run[] {
  if (text === memoText) return memoRuns;
  const lex = lexicon();
  const runs: Run[] = [];
  let cur: Token[] = [];
  let lastEnd = -1;
  let next = 0;
  for (const p of capitals) {
    if (p < next) continue;
    const c = text.charCodeAt(p);
    if (!capStartAt(text, p, c)) continue;
    const mEnd = capWordEnd(text, p);
    if (mEnd === -1) continue;
    const start = p;
    let end = mEnd;
    next = mEnd;
    // (a capital then a-z only: no hyphen or apostrophe to cut at, and the hash is known)
    const plainHash = plainWordHash;
    if (plainHash === -1) {
      // a trailing "'s" / "’s" is not part of the word, nor a Japanese or Korean honorific ("Yamamoto-san")
      // (the honorifics have 2 to 6 letters: look for the hyphen among the word's last 7 characters only)
      let dash = end - 3;
      while (dash > start && dash >= end - 7 && text.charCodeAt(dash) !== 45) dash--;
      if (dash > start && text.charCodeAt(dash) === 45 && HONORIFIC_AFTER.has(text.slice(dash + 1, end))) end = dash;
      if (end - start >= 2 && text.charCodeAt(end - 1) === 115) {
        const q = text.charCodeAt(end - 2);
        if (q === 39 || q === 0x2019) end -= 2;
      }
    }
    let lower: string;
    let cls: WordClass;
    if (end - start === 1) {
      lower = text.slice(start, end).toLowerCase();
      // (an initial, or the Irish particle "Ó" of "Niamh Ó Súilleabháin")
      cls = text[end] === '.' || lower === 'ó' ? 'I' : 'C';
    } else {
      // the cache is indexed by a hash of the word's characters, checked against the cached word in place:
      // no substring is made for a word seen before
      let h = plainHash;
      if (h === -1) {
        h = 0;
        for (let k = start; k < end; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) & 0x3fffffff;
      }
      let info = wordCache[h & WORD_CACHE_MASK];
      if (info === undefined || !sameWord(info.word, text, start, end)) {
        const word = text.slice(start, end);
        info = wordInfo(word, lex);
        wordCache[h & WORD_CACHE_MASK] = info;
      }
      lower = info.lower;
      cls = info.cls;
    }
    const sentenceStart = isSentenceStart(text, start);
    const tok: Token = { start, end, lower, cls, sentenceStart };
    // (a tab separates a table's cells: "Rusty\tDog\tGareth Llewellyn" is three cells; "Jonas\tBecker", a given name
    // and a surname, may be one name in two cells)
    if (cur.length > 0 && joinable(text, lastEnd, start) && (text.charCodeAt(lastEnd) !== 9 || (isNameClassOf(cur[cur.length - 1]?.cls) && isNameClassOf(cls)))) {
      cur.push(tok);
    } else {
      if (cur.length > 0) runs.push({ tokens: cur });
      cur = [tok];
    }
    lastEnd = cls === 'I' && text.charCodeAt(end) === 46 ? end + 1 : end;
  }
  if (cur.length > 0) runs.push({ tokens: cur });
  memoText = text;
  memoRuns = runs;
  return runs;
}

/**
 * A word's lower-case form and class. A word with diacritics that no list knows is looked up without them
 * ("Lucía" -> lucia, "José" -> jose): the name lists are mostly written in plain ASCII.
 */
const IBERIAN_ACCENTS = /[íóúáãõ]/;
function wordInfo(word: string, lex: ReturnType<typeof lexicon>): WordInfo {
  const lower = word.toLowerCase();
  const cls = classify(lower, word, lex);
  if (cls === 'U' && !/^[\x00-\x7f]*$/.test(lower)) {
    const plain = withoutDiacritics(lower);
    if (plain !== lower) {
      const plainCls = classify(plain, word, lex);
      // (an English word borrows é, è, ç, ï — "café", "naïve" — not the í, ó, ú, á, ã, õ of Iberian names:
      // "Thaís" is no "thais")
      if (plainCls !== 'U' && !(plainCls === 'C' && IBERIAN_ACCENTS.test(lower))) return { word, lower: plain, cls: plainCls };
    }
  }
  return { word, lower, cls };
}

/**
 * Runs of words written in capitals ("BERLIN", "NEW YORK", "O'BRIEN"), which capitalisedRuns does not read:
 * [start, end] of each word, grouped by run (words joined by one space or tab). Memoised for the last text.
 */
export function capitalWordRuns(text: string, capitals: readonly number[]): ReadonlyArray<ReadonlyArray<readonly [number, number]>> {
  if (text === capsMemoText) return capsMemoRuns;
  const runs: Array<Array<readonly [number, number]>> = [];
  let cur: Array<readonly [number, number]> = [];
  let next = 0;
  for (const p of capitals) {
    if (p < next) continue;
    // two capitals in a row, at a word start
    if (!isUpperAt(text, p + 1) || (p > 0 && !capStartAt(text, p, text.charCodeAt(p)))) continue;
    const end = capsWordEnd(text, p);
    if (end === -1) continue;
    next = end;
    const prev = cur[cur.length - 1];
    if (prev !== undefined && p === prev[1] + 1 && (text.charCodeAt(prev[1]) === 32 || text.charCodeAt(prev[1]) === 9)) cur.push([p, end]);
    else {
      if (cur.length > 0) runs.push(cur);
      cur = [[p, end]];
    }
  }
  if (cur.length > 0) runs.push(cur);
  capsMemoText = text;
  capsMemoRuns = runs;
  return runs;
}
/**
 * End of the CAPS_WORD_AT match at `p` (two capitals there), or -1. A run of A-Z that ends at a plain ASCII
 * character is decided without the regex: at a space or punctuation other than - / . ' _ @ the run is the
 * match (the lookahead holds); at a lower-case letter, digit, '_' or '@' there is none (the lookahead fails at
 * the run's end, and at each capital inside it when the regex backtracks). Anything else goes to the regex.
 */
function capsWordEnd(text: string, p: number): number {
  let i = p;
  let c = 0;
  while (i < text.length && (c = text.charCodeAt(i)) >= 65 && c <= 90) i++;
  if (i === text.length) c = 32;
  if (i - p >= 2 && c < 128 && c !== 45 && c !== 47 && c !== 46 && c !== 39) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 64) return -1;
    return i;
  }
  CAPS_WORD_AT.lastIndex = p;
  const m = CAPS_WORD_AT.exec(text);
  return m === null ? -1 : p + m[0].length;
}
// (a '/' may follow when a capital follows it: a booking's "ADEBAYO/TEMI"; not a path's "/api")
const CAPS_WORD_AT = /\p{Lu}[\p{Lu}'’]*\p{Lu}(?:-\p{Lu}{2,})?(?![\p{L}\p{N}_@-]|\/(?!\p{Lu})|\.[\p{L}\p{N}])/uy;
let capsMemoText: string | undefined;
let capsMemoRuns: ReadonlyArray<ReadonlyArray<readonly [number, number]>> = [];
/** an upper-case letter at `i`: A-Z, or beyond ASCII a character that lower-cases to another */
export function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c <= 127 || Number.isNaN(c)) return false;
  return (caseBits(c) & CHANGES) !== 0;
}

/**
 * Facts about a UTF-16 code unit beyond ASCII (`text[i]` is one code unit), worked out once per code unit:
 * KNOWN, CHANGES (its lower case differs: `ch !== ch.toLowerCase()`), UPPER (`/\p{Lu}/u`). A lookup instead of
 * a one-character string and its lower case at every such character of a text.
 */
const KNOWN = 1;
const CHANGES = 2;
const UPPER = 4;
const caseTable = new Uint8Array(65536);
function caseBits(c: number): number {
  let b = caseTable[c]!;
  if (b === 0) {
    const ch = String.fromCharCode(c);
    b = KNOWN | (ch !== ch.toLowerCase() ? CHANGES : 0) | (UPPER_AT.test(ch) ? UPPER : 0);
    caseTable[c] = b;
  }
  return b;
}

/**
 * Is the text German, where every noun is capitalised (so a capitalised word the lists do not know says little)?
 * Three or more of its commonest function words. Memoised for the last text.
 */
export function capitalisesNouns(text: string): boolean {
  if (text === nounsMemoText) return nounsMemo;
  const lower = text.toLowerCase();
  let hits = 0;
  for (const w of GERMAN_FUNCTION_WORDS) if (lower.includes(w) && ++hits >= 3) break;
  nounsMemoText = text;
  nounsMemo = hits >= 3;
  return nounsMemo;
}
const GERMAN_FUNCTION_WORDS = [' der ', ' die ', ' das ', ' und ', ' nicht ', ' ich ', ' ist ', ' mit ', ' sie ', ' wir ', ' ein ', ' eine ', ' für ', ' auf ', ' den ', ' dem ', ' ihre ', ' ihr ', ' können ', ' wurde ', ' werden ', ' bitte ', ' zum ', ' zur ', ' nach ', ' bei ', ' von ', ' oder ', ' auch ', ' noch '];
let nounsMemoText: string | undefined;
let nounsMemo = false;

function classify(lower: string, word: string, lex: ReturnType<typeof lexicon>): WordClass {
  if (/['’](?:m|re|ve|ll|d|t)$/.test(lower)) return 'C';
  if (lex.given.has(lower)) return lex.ambiguous.has(lower) || lex.common.has(lower) ? 'g' : 'G';
  if (lex.surname.has(lower)) return lex.ambiguous.has(lower) || lex.common.has(lower) ? 'g' : 'S';
  if (lex.place.has(lower)) return 'P';
  if (lex.org.has(lower)) return 'O';
  if (lex.common.has(lower)) return 'C';
  // "Klaus-Dieter", "Okonkwo-Adeyemi": a compound of given names, or of names
  if (lower.includes('-')) {
    const parts = lower.split('-');
    if (parts.every((p) => lex.given.has(p) && !lex.ambiguous.has(p))) return 'G';
    if (parts.every((p) => (lex.given.has(p) || lex.surname.has(p)) && !lex.ambiguous.has(p))) return 'S';
  }
  // an HTTP header's name ("Content-Type", "X-Forwarded-For"): ordinary words joined by hyphens, or an "X-" prefix
  if (lower.includes('-') && (lower.startsWith('x-') || lower.split('-').every((p) => lex.common.has(p)))) return 'C';
  if (/(?:tion|sion|ment|ness|ity|ing|able|ible|ance|ence|ship|ware|ful|less|ings|ism|ize|ous|ical|ally|wards|ology|graphy|[^s]ers)$/.test(lower)) return 'C';
  // a verb in the past tense opening a note ("Escalated Arjun's refund"); endings that names rarely have
  if (/(?:[aeiu]ted|sted|rted|nted|cted|pted|lled|ssed|ived|osed|ised|ized|ered)$/.test(lower)) return 'C';
  // CamelCase brand words (PayPal, YouTube) are not names; Mc/Mac/O'/De prefixes are
  if (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) && !/^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)/.test(word)) return 'C';
  // an everyday English word that no list names ("Payments", "Escrow")
  if (lex.english.has(lower)) return 'C';
  return 'U';
}

const isNameClassOf = (c: WordClass | undefined): boolean => c === 'G' || c === 'S' || c === 'U';

function joinable(text: string, lastEnd: number, start: number): boolean {
  if (start === lastEnd + 1) {
    const c = text.charCodeAt(lastEnd);
    if (c === 32 || c === 9) return true;
  }
  if (start - lastEnd > 14 || start - lastEnd < 3) return false;
  // "Ludwig van Beethoven", "Maria de la Cruz": the gap starts and ends with whitespace (3 to 14 characters)
  if (!isSpaceCode(text.charCodeAt(lastEnd)) || !isSpaceCode(text.charCodeAt(start - 1))) return false;
  // and holds one or two words, each a particle (was gap.trim().split(/\s+/): the same words, no arrays)
  let words = 0;
  let i = lastEnd;
  while (i < start) {
    while (i < start && isSpaceCode(text.charCodeAt(i))) i++;
    if (i === start) break;
    const ws = i;
    while (i < start && !isSpaceCode(text.charCodeAt(i))) i++;
    // (a word longer than every particle is none: no substring made for it)
    if (++words > 2 || i - ws > PARTICLE_MAX || !PARTICLES.has(text.slice(ws, i))) return false;
  }
  return words > 0;
}

const ABBREVIATION = /(?:^|[^\p{L}])(?:mr|mrs|ms|dr|prof|st|mt|jr|sr|no|vs|approx|e\.g|i\.e)$/iu;
/** the last letter of each abbreviation above, lower case: most words before a '.' end in another one */
const ABBREVIATION_LAST = new Set(['r', 's', 'f', 't', 'o', 'x', 'g', 'e'].map((ch) => ch.charCodeAt(0)));

/** "Mr." / "approx." / "e.g." just before the '.' at `dot`: that '.' ends no sentence */
function abbreviationBefore(text: string, dot: number): boolean {
  // (a cheap test first: the regex can only match when the '.' follows one of those letters; beyond ASCII,
  // case folding could make another letter one of them, so the regex decides)
  const c = text.charCodeAt(dot - 1);
  if (c < 128 && !ABBREVIATION_LAST.has(c | 32)) return false;
  return ABBREVIATION.test(text.slice(Math.max(0, dot - 6), dot));
}

function isSentenceStart(text: string, start: number): boolean {
  // (character codes, not one-character strings: ' ', tab, '"', '“', '(', '*', '>' are skipped)
  let i = start - 1;
  let b = 0;
  while (i >= 0 && ((b = text.charCodeAt(i)) === 32 || b === 9 || b === 34 || b === 0x201c || b === 40 || b === 42 || b === 62)) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (c === 46 && abbreviationBefore(text, i)) return false;
  // . ! ? newline : - • | #
  return c === 46 || c === 33 || c === 63 || c === 10 || c === 58 || c === 45 || c === 0x2022 || c === 124 || c === 35;
}
