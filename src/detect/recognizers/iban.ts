import { ibanValid } from '../checksums.js';
import { isAsciiDigitCode, isAsciiLetterCode } from '../context-words.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,32}(?![A-Za-z0-9])/y;

/** IBANs, spaced or not, checked by country length and mod-97. */
export const ibanRecognizer: Recognizer = {
  name: 'iban',
  types: ['IBAN'],
  applies: (s) => s.digits >= 6 && s.length >= 15,
  find(text, out, scan) {
    // the two country letters sit right before a digit run (execAt inlined: no closure per call)
    let next = 0;
    for (const r of scan.digitRuns) {
      const p = r - 2;
      if (p < next || p < 0 || !ibanMayStartAt(text, p)) continue;
      CANDIDATE.lastIndex = p;
      const m = CANDIDATE.exec(text);
      if (m === null) continue;
      next = m.index + (m[0].length || 1);
      let raw = m[0];
      // the greedy match may have swallowed following words: back off to separator boundaries
      while (raw.length >= 15) {
        if (ibanValid(raw)) {
          const upper = raw.slice(0, 2) === raw.slice(0, 2).toUpperCase();
          out.push(finding('IBAN', m.index, m.index + raw.length, upper ? 0.97 : 0.85, 'iban'));
          next = m.index + raw.length;
          break;
        }
        const cut = Math.max(raw.lastIndexOf(' '), raw.lastIndexOf('-'));
        if (cut <= 4) break;
        raw = raw.slice(0, cut);
      }
    }
  },
};


/**
 * Can CANDIDATE match at `p`, two characters before a digit run? Its lookbehind (no ASCII letter or digit
 * before), the two letters and the second digit fail at most digit runs: checked without a regex call (and
 * without reading outside the text: see codeAt).
 */
function ibanMayStartAt(text: string, p: number): boolean {
  const b = codeAt(text, p - 1);
  if (isAsciiLetterCode(b) || isAsciiDigitCode(b)) return false;
  const d = codeAt(text, p + 3);
  return isAsciiLetterCode(text.charCodeAt(p)) && isAsciiLetterCode(text.charCodeAt(p + 1)) && isAsciiDigitCode(d);
}
