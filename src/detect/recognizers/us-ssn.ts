import { usSsnValid } from '../checksums.js';
import { Cues, NUMBER_NEGATIVE, SSN_POSITIVE } from '../context-words.js';
import { finding, type Recognizer } from './recognizer.js';

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
    for (const p of starts) {
      if (p < next || p < 0) continue;
      CANDIDATE.lastIndex = p;
      const m = CANDIDATE.exec(text);
      if (m === null) continue;
      next = m.index + (m[0].length || 1);
      if (!usSsnValid(m[0])) continue;
      const sep = m[2] ?? '';
      const positive = POSITIVE.near(text, m.index - 40, m.index);
      let conf = sep === '-' ? 0.85 : sep === ' ' ? 0.6 : 0.35;
      if (positive) conf += 0.4;
      else if (NEGATIVE.near(text, m.index - 40, m.index)) conf -= 0.4;
      out.push(finding('US_SSN', m.index, m.index + m[0].length, conf, 'us_ssn'));
    }
  },
};
