import { lexicon } from './lexicon/index.js';

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

const CAP_WORD =
  /(?<![\p{L}\p{N}_@'’.\/\\-])(?:\p{Lu}[\p{Ll}\p{M}]*(?:['’]?\p{Lu}[\p{Ll}\p{M}]+)?(?:['’]\p{Ll}+)?(?:-\p{Lu}?[\p{Ll}\p{M}]+)*)(?![\p{L}\p{N}@_\/\\]|\.[\p{L}\p{N}])/gu;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'das', 'do', 'dos', 'del', 'della', 'di', 'du', 'la', 'le', 'bin', 'binti', 'ibn', 'al', 'el', 'ter', 'ten', 'af', 'zu', 'y', 'e', 'st.', 'ben', 'bint', 'ap', 'mac', 'ní', 'ni', 'nic', 'ó', "o'"]);

let memoText: string | undefined;
let memoRuns: readonly Run[] = [];

export function capitalisedRuns(text: string): readonly Run[] {
  if (text === memoText) return memoRuns;
  const lex = lexicon();
  const runs: Run[] = [];
  let cur: Token[] = [];
  let lastEnd = -1;
  CAP_WORD.lastIndex = 0;
  for (let m = CAP_WORD.exec(text); m; m = CAP_WORD.exec(text)) {
    const start = m.index;
    let end = start + m[0].length;
    let word = m[0];
    if (word.endsWith("'s") || word.endsWith('’s')) {
      word = word.slice(0, -2);
      end -= 2;
    }
    const lower = word.toLowerCase();
    let cls: WordClass;
    if (word.length === 1) {
      cls = text[end] === '.' ? 'I' : 'C';
    } else {
      cls = classify(lower, word, lex);
    }
    const sentenceStart = isSentenceStart(text, start);
    const tok: Token = { start, end, lower, cls, sentenceStart };
    if (cur.length > 0 && joinable(text, lastEnd, start)) {
      cur.push(tok);
    } else {
      if (cur.length > 0) runs.push({ tokens: cur });
      cur = [tok];
    }
    lastEnd = cls === 'I' ? end + 1 : end;
  }
  if (cur.length > 0) runs.push({ tokens: cur });
  memoText = text;
  memoRuns = runs;
  return runs;
}

function classify(lower: string, word: string, lex: ReturnType<typeof lexicon>): WordClass {
  if (/['’](?:m|re|ve|ll|d|t)$/.test(lower)) return 'C';
  if (lex.given.has(lower)) return lex.ambiguous.has(lower) || lex.common.has(lower) ? 'g' : 'G';
  if (lex.surname.has(lower)) return lex.ambiguous.has(lower) || lex.common.has(lower) ? 'g' : 'S';
  if (lex.place.has(lower)) return 'P';
  if (lex.org.has(lower)) return 'O';
  if (lex.common.has(lower)) return 'C';
  if (/(?:tion|sion|ment|ness|ity|ing|able|ible|ance|ence|ship|ware|ful|less|ings|ism|ize|ous|ical|ally|wards|ology|graphy|[^s]ers)$/.test(lower)) return 'C';
  // CamelCase brand words (PayPal, YouTube) are not names; Mc/Mac/O'/De prefixes are
  if (/^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) && !/^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz)/.test(word)) return 'C';
  return 'U';
}

function joinable(text: string, lastEnd: number, start: number): boolean {
  const gap = text.slice(lastEnd, start);
  if (gap === ' ' || gap === '\t') return true;
  if (gap.length > 14) return false;
  // "Ludwig van Beethoven", "Maria de la Cruz"
  const parts = gap.trim().split(/\s+/);
  if (!/^\s/.test(gap) || !/\s$/.test(gap)) return false;
  return parts.length <= 2 && parts.every((p) => PARTICLES.has(p));
}

function isSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === '“' || text[i] === '(' || text[i] === '*' || text[i] === '>')) i--;
  if (i < 0) return true;
  const c = text[i];
  if (c === '.' && /(?:^|[^\p{L}])(?:mr|mrs|ms|dr|prof|st|mt|jr|sr|no|vs|approx|e\.g|i\.e)$/iu.test(text.slice(Math.max(0, i - 6), i))) return false;
  return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':' || c === '-' || c === '•' || c === '|' || c === '#';
}
