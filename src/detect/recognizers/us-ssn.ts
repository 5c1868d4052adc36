import { usSsnValid } from '../checksums.js';
import { Cues, NUMBER_NEGATIVE, SSN_POSITIVE } from '../context-words.js';
import { fieldKeyAt, SSN_FIELD_KEY } from '../fields.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

const CANDIDATE = /(?<![\w.+-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|[.-]\d)/y;
const POSITIVE = new Cues(SSN_POSITIVE);
const NEGATIVE = new Cues(NUMBER_NEGATIVE);

/** US Social Security numbers with the SSA's validity rules; undashed ones need context. */
export const usSsnRecognizer: Recognizer = {
  name: 'us_ssn',
  types: ['US_SSN'],
  applies: (s) => s.digits >= 9,
  find(text, out, scan) {
    // execAt inlined (one call site per regex keeps the JIT's inline caches monomorphic)
    const starts = scan.digitRuns;
    let next = 0;
    for (let n = 0; n < starts.length; n++) {
      const p = starts[n]!;
      if (p < next || !ssnMayStartAt(text, p, scan.digitRunEnds[n]!)) continue;
      CANDIDATE.lastIndex = p;
      const m = CANDIDATE.exec(text);
      if (m === null) continue;
      next = m.index + (m[0].length || 1);
      if (!usSsnValid(m[0])) continue;
      const sep = m[2] ?? '';
      // (a cue word before it, or, for a number without dashes, an "ssn" field or column)
      const positive = POSITIVE.near(text, m.index - 40, m.index) || (sep === '' && SSN_FIELD_KEY.test(fieldKeyAt(text, m.index)));
      let conf = sep === '-' ? 0.85 : sep === ' ' ? 0.6 : 0.35;
      if (positive) conf += 0.4;
      else if (NEGATIVE.near(text, m.index - 40, m.index)) conf -= 0.4;
      out.push(finding('US_SSN', m.index, m.index + m[0].length, conf, 'us_ssn'));
    }
  },
};

/**
 * Can CANDIDATE match at the digit run from `p` to `end`? Its lookbehind (no \w . + - before), and the run's
 * length: 3 (then a separator) or 9 (no separator; the lookahead forbids a 10th digit). Checked without a regex call
 * (and without reading outside the text: see codeAt).
 */
function ssnMayStartAt(text: string, p: number, end: number): boolean {
  const b = codeAt(text, p - 1);
  if (b === 46 || b === 43 || b === 45 || b === 95 || (b >= 48 && b <= 57) || ((b | 32) >= 97 && (b | 32) <= 122)) return false;
  return end - p === 3 || end - p === 9;
}
