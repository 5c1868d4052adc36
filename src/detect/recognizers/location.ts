import { Cues, LOCATION_INTRO } from '../context-words.js';
import { lexicon } from '../lexicon/index.js';
import { companyFollows, fieldKeyAt, fieldEndsAt, isFieldStart, LOCATION_KEY, lowerFieldValues, productNamed } from '../fields.js';
import { capitalisedRuns, capitalisesNouns, capitalWordRuns, type Token } from '../proper-nouns.js';
import type { Finding } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

const INTRO = new Cues(LOCATION_INTRO);
const STRONG_INTRO = new Cues(['live in', 'living in', 'lives in', 'based in', 'located in', 'moved to', 'moving to', 'relocated to', 'resident of', 'hometown', 'city', 'town', 'born in', 'grew up in', 'address is in', "i'm from", 'i am from', "i’m from", 'originally from', 'come from', 'comes from', 'hail from', 'hails from']);

const PREP = new Cues(['in', 'near', 'visiting', 'moved from', 'moved to', 'flew to', 'flew from', 'flying to', 'traveling to', 'travelling to', 'relocating to', 'relocating from']);
const TITLED = new Cues(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'madam', 'mr.', 'mrs.', 'ms.', 'miss.', 'dr.', 'prof.', 'sir.', 'madam.']);

/**
 * Nationality / language adjectives are not places ("the invoice in Turkish", "in Bengali"): English forms
 * them with a few suffixes, and a place name almost never ends in these.
 */
const DEMONYM_ENDINGS = ['ish', 'ese', 'ian', 'ean', 'ic', 'ani'];
for (const e of DEMONYM_ENDINGS) if (!demonymEnding(`xxxxx${e}`)) throw new Error(`location: demonymEnding misses ${e}`);
const DEMONYM_WORDS = new Set(['dutch', 'french', 'greek', 'thai', 'swiss', 'hebrew', 'welsh', 'latin', 'english', 'czech', 'slovak', 'hindi', 'urdu', 'tagalog', 'swahili', 'esperanto', 'creole', 'basque', 'catalan', 'flemish', 'german', 'malay', 'bengali', 'nepali', 'somali', 'farsi', 'punjabi', 'gujarati', 'marathi', 'tamil', 'telugu', 'yoruba', 'igbo', 'hausa', 'zulu', 'xhosa', 'pashto', 'dari', 'iraqi', 'saudi', 'israeli', 'kuwaiti', 'qatari', 'emirati', 'yemeni', 'omani', 'bahraini', 'filipino', 'maori', 'inuit', 'romansh']);
/** "our Sydney office", "the Leeds branch": a site noun after one or two capitalised words */
const SITE_AFTER = /[ \t]+(?:office|branch|warehouse|depot|campus|site|clinic|headquarters|hq|plant|factory|facility|airport|station|hospital|hub|(store|shop|outlet|showroom))s?(?![\p{L}\d])/iuy;
/** the first two letters of each site noun, as (c1 << 8) | c2 (lower case) */
const SITE_FIRST = new Set(['of', 'br', 'wa', 'de', 'ca', 'si', 'cl', 'he', 'hq', 'pl', 'fa', 'ai', 'st', 'ho', 'hu', 'sh', 'ou'].map((p) => (p.charCodeAt(0) << 8) | p.charCodeAt(1)));
const SITE_BEFORE = new Cues(['our', 'the', 'your', 'their', 'my', 'his', 'her', 'at', 'in', 'from', 'to']);
/** "Java-based", "cloud-based": technologies, not places */
const NOT_PLACE_BASED = new Set(['java', 'python', 'ruby', 'linux', 'windows', 'android', 'cloud', 'web', 'browser', 'rust', 'node', 'react', 'kotlin', 'swift', 'oracle', 'excel', 'unix', 'apple', 'google', 'amazon', 'microsoft', 'azure', 'chrome', 'firefox', 'ios', 'mac', 'sql', 'postgres', 'docker', 'kubernetes', 'salesforce', 'shopify', 'wordpress']);
const CONNECTOR = /^[ \t]+(?:to|and|or|via|then|&)[ \t]+$/i;
/** not an ordinary word (or only one the English vocabulary knows: "Chi" of "Ho Chi Minh City", "Island"), organization or initial */
const wordLike = (t: Token | undefined): boolean => t !== undefined && (t.cls !== 'C' || lexicon().english.has(t.lower)) && t.cls !== 'O' && t.cls !== 'I';
function allPlaceLike(toks: readonly Token[], i: number, j: number): boolean {
  for (let k = i; k <= j; k++) if (isDemonym(toks[k]?.lower ?? '')) return false;
  return true;
}
const placeLike = (t: Token | undefined): boolean => wordLike(t) && t !== undefined && !isDemonym(t.lower);

function isDemonym(lower: string): boolean {
  return DEMONYM_WORDS.has(lower) || (lower.length > 4 && demonymEnding(lower));
}

/** `lower` ends in one of DEMONYM_ENDINGS (chosen by the last letter: no closure, one or two comparisons) */
function demonymEnding(lower: string): boolean {
  switch (lower.charCodeAt(lower.length - 1)) {
    case 104: // h
      return lower.endsWith('ish');
    case 101: // e
      return lower.endsWith('ese');
    case 110: // n
      return lower.endsWith('ian') || lower.endsWith('ean');
    case 99: // c
      return lower.endsWith('ic');
    case 105: // i
      return lower.endsWith('ani');
    default:
      return false;
  }
}

/** flags of a first word of a place (PlaceIndex.firstWord): it is one, and the word alone is a town / a place */
const FIRST_WORD = 1;
const ALONE_TOWN = 2;
const ALONE_PLACE = 4;
/** bits of the hash of PlaceIndex's bitmap (2^20 bits, 128 KB) */
const HASH_BITS = 20;

/**
 * The lexicon's first words of places and towns, for the test at every capitalised word. Most words are none
 * (four in five), and a lookup in a set of 24,000 strings costs about as much as the rest of the work on a
 * word: a bitmap indexed by a hash of the word's characters (a Bloom filter, ~1% false hits) answers no for
 * most of them first. A first word's flags say whether the word alone is a town or a place: one map lookup
 * instead of three set lookups.
 */
class PlaceIndex {
  private readonly flags = new Map<string, number>();
  private readonly bits = new Uint32Array(1 << (HASH_BITS - 5));

  constructor(readonly lex: ReturnType<typeof lexicon>) {
    for (const w of lex.placeFirstWords) {
      this.flags.set(w, FIRST_WORD | (lex.town.has(w) ? ALONE_TOWN : 0) | (lex.place.has(w) ? ALONE_PLACE : 0));
      const h = PlaceIndex.hash(w);
      this.bits[h >>> 5]! |= 1 << (h & 31);
    }
  }

  private static hash(w: string): number {
    let h = w.length;
    for (let k = 0; k < w.length; k++) h = (Math.imul(h, 31) + w.charCodeAt(k)) | 0;
    return h & ((1 << HASH_BITS) - 1);
  }

  /** 0 when `lower` is no first word of a place or town, else its flags */
  firstWord(lower: string): number {
    const h = PlaceIndex.hash(lower);
    if ((this.bits[h >>> 5]! & (1 << (h & 31))) === 0) return 0;
    return this.flags.get(lower) ?? 0;
  }
}

let indexMemo: PlaceIndex | undefined;
const placeIndex = (lex: ReturnType<typeof lexicon>): PlaceIndex => (indexMemo !== undefined && indexMemo.lex === lex ? indexMemo : (indexMemo = new PlaceIndex(lex)));

/**
 * Places written in capitals ("I LIVE IN BERLIN", "SHIP TO: NEW YORK"): the longest known place (up to four
 * words) starting at each word of a run of capitals, with the confidences of the capitalised form.
 */
/** time zones written in capitals ("3 pm IST"), some of which are also a place's code or name */
const TIME_ZONES = new Set('ist est edt cst cdt mst mdt pst pdt gmt utc bst cet cest eet eest wet aest aedt acst awst jst kst hkt sgt wib wita wit pht nzst nzdt sast wat eat cat msk gst ast adt nst hst akst'.split(' '));

function capitalPlaces(text: string, capitals: readonly number[], lex: ReturnType<typeof lexicon>, out: Finding[]): void {
  const index = placeIndex(lex);
  for (const run of capitalWordRuns(text, capitals)) {
    for (let i = 0; i < run.length; i++) {
      const [s, e] = run[i] ?? [0, 0];
      const first = text.slice(s, e).toLowerCase();
      const flags = index.firstWord(first);
      if (flags === 0 || TIME_ZONES.has(first)) continue;
      for (let j = Math.min(run.length - 1, i + 3); j >= i; j--) {
        const end = run[j]?.[1] ?? e;
        const phrase = j === i ? first : text.slice(s, end).toLowerCase().replace(/\s+/g, ' ');
        const isTown = j === i ? (flags & ALONE_TOWN) !== 0 : lex.town.has(phrase);
        if (!isTown && !(j === i ? (flags & ALONE_PLACE) !== 0 : lex.place.has(phrase))) continue;
        const isName = isTown || (j === i && (lex.given.has(first) || lex.surname.has(first)));
        out.push(finding('LOCATION', s, end, lexiconPlaceConfidence(text, s, end, isName), 'location.capitals'));
        i = j;
        break;
      }
    }
  }
}

/**
 * A known place's confidence: low after a title ("Mr. London") or on a product ("the Denver model"); a place that
 * is also a person's name, or a town that is also an ordinary word, needs a cue ("in Jordan"); a cue ("moved to")
 * raises any other.
 */
function lexiconPlaceConfidence(text: string, start: number, end: number, isName: boolean): number {
  if (TITLED.endsAtSpaced(text, start, 24) || productNamed(text, start, end) || companyFollows(text, end)) return 0.2;
  // (for a name or a town, the cue on the same line: a CSV header "city" above "Summit Backpack" is none)
  const cue = INTRO.endsAt(text, start, isName ? charsBackToLineStart(text, start, 24) : 24);
  return isName ? (cue ? 0.75 : 0.3) : cue ? 0.88 : 0.75;
}

/** LOCATION: cities, countries and regions from compromise's lexicon, found in capitalised-word runs. */
/**
 * "the flight to cebu", "a car park in rotorua", "het station in zwolle": in lower-case text, a word after a place's
 * preposition that the place lists hold and that is no ordinary word, English word or name ("in reading", "to nice",
 * "from jordan" are none).
 */
const LOWER_PLACE = /(?<![\p{L}\d'’-])(?:in|to|near|from|at the|en|à|nach|naar|em|di|dari|ke|sa|i|på|w|v)[ \t]+(\p{Ll}[\p{Ll}'-]{2,20})(?:[ \t]+(\p{Ll}[\p{Ll}'-]{2,20}))?/dgu;
function lowerPlaces(text: string, lex: ReturnType<typeof lexicon>, out: Finding[]): void {
  LOWER_PLACE.lastIndex = 0;
  for (let m = LOWER_PLACE.exec(text); m; m = LOWER_PLACE.exec(text)) {
    const first = m.indices?.[1];
    if (first === undefined) continue;
    const w1 = m[1] ?? '';
    const second = m.indices?.[2];
    // (two words: "baton rouge", "san jose"; else the first alone, and the second is read again as a preposition)
    if (second !== undefined && lex.place.has(`${w1} ${m[2] ?? ''}`) && text.slice(first[1], second[0]) === ' ') {
      out.push(finding('LOCATION', first[0], second[1], 0.7, 'location.lower'));
      continue;
    }
    LOWER_PLACE.lastIndex = first[1];
    if (!lex.place.has(w1) || lex.common.has(w1) || lex.english.has(w1) || lex.given.has(w1) || lex.surname.has(w1) || isDemonym(w1)) continue;
    out.push(finding('LOCATION', first[0], first[1], 0.7, 'location.lower'));
  }
}

/**
 * Towns and cities written in scripts without case, which the capitalised-run rules cannot see: the largest of China,
 * Japan, Korea, the Gulf and the Levant, Iran, Israel, India, Bangladesh and Thailand, and a few the world's
 * travellers write in them. Matched longest first ("東京都" before "京都"), in any text that holds such a script.
 */
const CASELESS_PLACES = `
  北京 上海 广州 深圳 天津 重庆 成都 杭州 武汉 南京 西安 苏州 厦门 青岛 大连 沈阳 哈尔滨 长沙 郑州 济南 昆明 福州 宁波 合肥 台北 高雄 台中 香港 澳门
  東京都 東京 大阪 京都 横浜 名古屋 札幌 福岡 神戸 新宿 渋谷 池袋 品川 仙台 広島 那覇 沖縄 北海道 千葉 埼玉
  서울 부산 인천 대구 대전 광주 울산 제주 수원 강남 성남 분당
  دبي أبوظبي أبو_ظبي الرياض جدة مكة الدوحة الكويت مسقط المنامة القاهرة الإسكندرية بيروت دمشق بغداد الدار_البيضاء الرباط تونس عمّان الشارقة
  تهران مشهد اصفهان شیراز تبریز کرج
  תל_אביב ירושלים חיפה באר_שבע אילת נתניה
  मुंबई दिल्ली नई_दिल्ली बेंगलुरु बेंगलूरु चेन्नई कोलकाता हैदराबाद पुणे लखनऊ जयपुर अहमदाबाद टोरंटो लंदन दुबई न्यूयॉर्क
  ঢাকা চট্টগ্রাম কলকাতা সিলেট
  กรุงเทพมหานคร กรุงเทพฯ กรุงเทพ เชียงใหม่ ภูเก็ต พัทยา
`
  .trim()
  .split(/\s+/)
  // (a name of two words is written with '_' in the list: "תל_אביב" -> "תל אביב")
  .map((p) => p.replace(/_/g, ' '));
const CASELESS_PLACE = new RegExp(CASELESS_PLACES.sort((a, b) => b.length - a.length).join('|'), 'g');
const CASELESS_SCRIPT = /[\u0590-\u0dff\u0e00-\u0e7f\u3040-\u9fff\uac00-\ud7a3]/;
/** scripts that put spaces between words: their place must be a word of its own */
const SPACED = /^[\u0590-\u0dff\uac00-\ud7a3]/;
const WORD_LETTER = /[\p{L}\p{M}]/u;
const KOREAN_PARTICLE = /^(?:에서|에|으로|로|은|는|이|가|의|까지|부터|을|를)(?![가-힣])/;
function caselessPlaces(text: string, out: Finding[]): void {
  CASELESS_PLACE.lastIndex = 0;
  for (let m = CASELESS_PLACE.exec(text); m; m = CASELESS_PLACE.exec(text)) {
    const end = m.index + m[0].length;
    // (Arabic, Hebrew and Indic words may carry a prefix or suffix: "في دبي" is one, "بدبي" is not read)
    // (a Korean place may take a particle: "대전에서", "서울로")
    if (SPACED.test(m[0]) && (WORD_LETTER.test(text[m.index - 1] ?? '') || (WORD_LETTER.test(text[end] ?? '') && !KOREAN_PARTICLE.test(text.slice(end, end + 3))))) continue;
    out.push(finding('LOCATION', m.index, end, 0.75, 'location.caseless'));
  }
}

export const locationRecognizer: Recognizer = {
  name: 'location',
  types: ['LOCATION'],
  applies: (s) => s.upper || s.colon || s.length > 8,
  find(text, out, scan) {
    const lex = lexicon();
    // a text written in lower case (a transcript, a chat): a place of the lists after a place's preposition
    if (scan.capitals.length * 100 < scan.length) lowerPlaces(text, lex, out);
    if (scan.nonAscii === true && CASELESS_SCRIPT.test(text)) caselessPlaces(text, out);
    if (!scan.upper) {
      // a record written all in lower case: the values of its place fields
      if (scan.colon || text.includes('\n')) {
        lowerFieldValues(text, (s, e, kind, words) => {
          if (kind !== 'place' || words.length > 3) return;
          const v = words.join(' ');
          if (!lex.place.has(v) && (words.some((w) => lex.common.has(w)) || isDemonym(v))) return;
          out.push(finding('LOCATION', s, e, 0.75, 'location.lower_field'));
        });
      }
      return;
    }
    const index = placeIndex(lex);
    const state = { lastLocEnd: -1 };
    capitalPlaces(text, scan.capitals, lex, out);
    for (const run of capitalisedRuns(text, scan.capitals)) {
      const toks = run.tokens;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        if (t === undefined) continue;
        // (the rules below never start at an ordinary word, an organization or an initial: one class test)
        if (t.cls !== 'C' && t.cls !== 'O' && t.cls !== 'I') {
          const k = cueRules(text, toks, i, lex, out, state);
          if (k !== -1) {
            i = k;
            continue;
          }
        }
        // longest multi-word place starting here ("San Francisco", "New South Wales")
        let matchEnd = -1;
        let matchJ = i;
        let matchTown = false;
        const flags = index.firstWord(t.lower);
        if (flags !== 0) {
          for (let j = Math.min(toks.length - 1, i + 3); j >= i; j--) {
            const last = toks[j];
            if (last === undefined) continue;
            // (one word: the index has its answers; a word holds no whitespace)
            const phrase = j === i ? t.lower : text.slice(t.start, last.end).toLowerCase().replace(/\s+/g, ' ');
            matchTown = j === i ? (flags & ALONE_TOWN) !== 0 : lex.town.has(phrase);
            if (matchTown || (j === i ? (flags & ALONE_PLACE) !== 0 : lex.place.has(phrase))) {
              matchEnd = last.end;
              matchJ = j;
              break;
            }
          }
        }
        if (matchEnd !== -1) {
          // (a town, or a place that is also a person's name, needs a cue)
          const isName = matchTown || (matchJ === i && (t.cls === 'G' || t.cls === 'g' || t.cls === 'S'));
          out.push(finding('LOCATION', t.start, matchEnd, lexiconPlaceConfidence(text, t.start, matchEnd, isName), 'location.lexicon'));
          state.lastLocEnd = matchEnd;
          i = matchJ;
        } else if (t.cls === 'U' && !isDemonym(t.lower) && ((STRONG_INTRO.endsAt(text, t.start, 24) && STRONG_INTRO.endsAt(text, t.start, charsBackToLineStart(text, t.start, 24))) || (!t.sentenceStart && PREP.endsAtSpaced(text, t.start, 24) && !capitalisesNouns(text)))) {
          let j = i;
          while (j + 1 < toks.length && toks[j + 1]?.cls === 'U') j++;
          const last = toks[j];
          if (last !== undefined) {
            out.push(finding('LOCATION', t.start, last.end, 0.6, 'location.cue'));
            state.lastLocEnd = last.end;
          }
          i = j;
        }
      }
    }
  },
};

/** how many characters before `pos` are on its line, at most `max` */
function charsBackToLineStart(text: string, pos: number, max: number): number {
  let k = pos - 1;
  while (k >= 0 && pos - k <= max && text.charCodeAt(k) !== 10) k--;
  return pos - k - 1;
}

/**
 * The structural rules (a place field, "X-based", "from X to Y", "our X office") at token `i` (not an
 * ordinary word, organization or initial). Returns the index of the last token used, or -1.
 */
function cueRules(text: string, toks: readonly Token[], i: number, lex: ReturnType<typeof lexicon>, out: Finding[], state: { lastLocEnd: number }): number {
  const t = toks[i];
  if (t === undefined) return -1;
  // a CSV column / JSON key / "City:" line that holds places: the whole value is one
  if (t.start === 0 || isFieldStart(text, t.start)) {
    let j = i;
    while (j + 1 < toks.length && wordLike(toks[j + 1])) j++;
    const last = toks[j];
    if (last !== undefined && fieldEndsAt(text, last.end) && LOCATION_KEY.test(fieldKeyAt(text, t.start)) && allPlaceLike(toks, i, j)) {
      out.push(finding('LOCATION', t.start, last.end, 0.82, 'location.field'));
      state.lastLocEnd = last.end;
      return j;
    }
  }
  // "Leicester-based"
  // (the length and the '-' first: most tokens are shorter or have no '-' there)
  if (t.lower.length > 8 && t.lower.charCodeAt(t.lower.length - 6) === 45 && t.lower.endsWith('-based')) {
    const head = t.lower.slice(0, -6);
    if (!NOT_PLACE_BASED.has(head) && !lex.common.has(head) && !isDemonym(head) && !head.includes('-')) {
      out.push(finding('LOCATION', t.start, t.end - 6, 0.7, 'location.based'));
      return i;
    }
  }
  // "from Leeds to Bradwell", "Leeds and Hull"
  const lastLocEnd = state.lastLocEnd;
  if (t.cls === 'U' && lastLocEnd !== -1 && t.start - lastLocEnd < 10 && t.start > lastLocEnd && !isDemonym(t.lower) && CONNECTOR.test(text.slice(lastLocEnd, t.start))) {
    let j = i;
    while (j + 1 < toks.length && toks[j + 1]?.cls === 'U') j++;
    const last = toks[j];
    if (last !== undefined) {
      out.push(finding('LOCATION', t.start, last.end, 0.65, 'location.pair'));
      state.lastLocEnd = last.end;
    }
    return j;
  }
  // "our Sydney office", "the Leeds branch"
  if (!t.sentenceStart) {
    const nxt = toks[i + 1];
    const two = nxt !== undefined && nxt.cls !== 'C' && nxt.cls !== 'O' && nxt.cls !== 'I';
    const last = two ? nxt : t;
    // (cheap filter first: a space, then two letters that can start a site noun)
    const sp = text.charCodeAt(last.end);
    if ((sp === 32 || sp === 9) && SITE_FIRST.has(((text.charCodeAt(last.end + 1) | 32) << 8) | (text.charCodeAt(last.end + 2) | 32))) {
      SITE_AFTER.lastIndex = last.end;
      const m = SITE_AFTER.exec(text);
      // a shop or store takes a brand ("the Apple store"): only a known place there
      if (m !== null && (m[1] === undefined || (!two && t.cls === 'P')) && placeLike(t) && (!two || placeLike(nxt)) && SITE_BEFORE.endsAtSpaced(text, t.start, 12)) {
        out.push(finding('LOCATION', t.start, last.end, 0.8, 'location.site'));
        state.lastLocEnd = last.end;
        return two ? i + 1 : i;
      }
    }
  }
  return -1;
}
