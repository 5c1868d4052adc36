import { Cues, LOCATION_INTRO } from '../context-words.js';
import { lexicon } from '../lexicon/index.js';
import { capitalisedRuns } from '../proper-nouns.js';
import { finding, type Recognizer } from './recognizer.js';

const INTRO = new Cues(LOCATION_INTRO);
const STRONG_INTRO = new Cues(['live in', 'living in', 'lives in', 'based in', 'located in', 'moved to', 'moving to', 'relocated to', 'resident of', 'hometown', 'city', 'town', 'born in', 'grew up in', 'address is in']);

const PREP = new Cues(['in', 'near', 'visiting', 'moved from', 'moved to', 'flew to', 'flew from', 'flying to', 'traveling to', 'travelling to', 'relocating to', 'relocating from']);
const TITLED = new Cues(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'madam', 'mr.', 'mrs.', 'ms.', 'miss.', 'dr.', 'prof.', 'sir.', 'madam.']);

/**
 * Nationality / language adjectives are not places ("the invoice in Turkish", "in Bengali"): English forms
 * them with a few suffixes, and a place name almost never ends in these.
 */
const DEMONYM = /(?:ish|ese|ian|ean|ic|ani)$/;
const DEMONYM_WORDS = new Set(['dutch', 'french', 'greek', 'thai', 'swiss', 'hebrew', 'welsh', 'latin', 'english', 'czech', 'slovak', 'hindi', 'urdu', 'tagalog', 'swahili', 'esperanto', 'creole', 'basque', 'catalan', 'flemish', 'german', 'malay', 'bengali', 'nepali', 'somali', 'farsi', 'punjabi', 'gujarati', 'marathi', 'tamil', 'telugu', 'yoruba', 'igbo', 'hausa', 'zulu', 'xhosa', 'pashto', 'dari', 'iraqi', 'saudi', 'israeli', 'kuwaiti', 'qatari', 'emirati', 'yemeni', 'omani', 'bahraini', 'filipino', 'maori', 'inuit', 'romansh']);
function isDemonym(lower: string): boolean {
  return DEMONYM_WORDS.has(lower) || (DEMONYM.test(lower) && lower.length > 4);
}

/** LOCATION: cities, countries and regions from compromise's lexicon, found in capitalised-word runs. */
export const locationRecognizer: Recognizer = {
  name: 'location',
  types: ['LOCATION'],
  applies: (s) => s.upper,
  find(text, out) {
    const lex = lexicon();
    for (const run of capitalisedRuns(text)) {
      const toks = run.tokens;
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        if (t === undefined) continue;
        // longest multi-word place starting here ("San Francisco", "New South Wales")
        let matchEnd = -1;
        let matchJ = i;
        if (lex.placeFirstWords.has(t.lower)) {
          for (let j = Math.min(toks.length - 1, i + 3); j >= i; j--) {
            const last = toks[j];
            if (last === undefined) continue;
            // one word: its lower-case form is already at hand (a word holds no whitespace)
            const phrase = j === i ? t.lower : text.slice(t.start, last.end).toLowerCase().replace(/\s+/g, ' ');
            if (lex.place.has(phrase)) {
              matchEnd = last.end;
              matchJ = j;
              break;
            }
          }
        }
        if (matchEnd !== -1) {
          const isName = matchJ === i && (t.cls === 'G' || t.cls === 'g' || t.cls === 'S');
          const cue = INTRO.endsAt(text, t.start, 24);
          const titled = TITLED.endsAtSpaced(text, t.start, 24);
          const conf = titled ? 0.2 : isName ? (cue ? 0.75 : 0.3) : cue ? 0.88 : 0.75;
          out.push(finding('LOCATION', t.start, matchEnd, conf, 'location.lexicon'));
          i = matchJ;
        } else if (t.cls === 'U' && !isDemonym(t.lower) && (STRONG_INTRO.endsAt(text, t.start, 24) || (!t.sentenceStart && PREP.endsAtSpaced(text, t.start, 24)))) {
          let j = i;
          while (j + 1 < toks.length && toks[j + 1]?.cls === 'U') j++;
          const last = toks[j];
          if (last !== undefined) out.push(finding('LOCATION', t.start, last.end, 0.6, 'location.cue'));
          i = j;
        }
      }
    }
  },
};
