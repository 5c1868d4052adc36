import { usSsnValid } from '../checksums.js';
import { NUMBER_NEGATIVE, SSN_POSITIVE, cueNear, windowBefore } from '../context-words.js';
import { finding, type Recognizer } from './recognizer.js';

const CANDIDATE = /(?<![\w.+-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w]|[.-]\d)/g;
const POSITIVE = cueNear(SSN_POSITIVE);
const NEGATIVE = cueNear(NUMBER_NEGATIVE);

/** US Social Security numbers with the SSA's validity rules; undashed ones need context. */
export const usSsnRecognizer: Recognizer = {
  name: 'us_ssn',
  types: ['US_SSN'],
  applies: (s) => s.digits >= 9,
  find(text, out) {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      if (!usSsnValid(m[0])) continue;
      const sep = m[2] ?? '';
      const before = windowBefore(text, m.index, 40);
      const positive = POSITIVE.test(before);
      let conf = sep === '-' ? 0.85 : sep === ' ' ? 0.6 : 0.35;
      if (positive) conf += 0.4;
      else if (NEGATIVE.test(before)) conf -= 0.4;
      out.push(finding('US_SSN', m.index, m.index + m[0].length, conf, 'us_ssn'));
    }
  },
};
