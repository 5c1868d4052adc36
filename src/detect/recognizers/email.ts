import { finding, type Recognizer } from './recognizer.js';

/** [A-Za-z0-9._%+'-] */
function isLocalCode(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
}
const USERINFO_BEFORE = /:\/\/[^\s/@]*$/;
const DOMAIN = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/;
const OBFUSCATED =
  /(?<![\w.])([A-Za-z0-9][A-Za-z0-9._+-]{0,63})\s*(?:\[at\]|\(at\)|\{at\}| at )\s*([A-Za-z0-9-]{1,63}(?:\s*(?:\[dot\]|\(dot\)|\{dot\}| dot |\.)\s*[A-Za-z0-9-]{1,63})*\s*(?:\[dot\]|\(dot\)|\{dot\}| dot )\s*(?:com|org|net|edu|gov|io|co|de|fr|uk|es|it|nl|se|no|dk|fi|pl|ru|in|jp|cn|br|au|ca|ch|at|be|ie|info|biz|me))\b/gi;

/** E-mail addresses: scans from each '@' outwards (cheaper than a regex over the whole text). */
export const emailRecognizer: Recognizer = {
  name: 'email',
  types: ['EMAIL'],
  applies: (s) => s.length >= 5,
  find(text, out, scan) {
    let at = text.indexOf('@');
    while (at !== -1) {
      let start = at;
      while (start > 0 && isLocalCode(text.charCodeAt(start - 1))) start--;
      while (start < at && (text[start] === '.' || text[start] === "'" || text[start] === '-')) start++;
      // "scheme://user:password@host": userinfo, not an address (the URL recognizer reports the password).
      // The regex runs only when a "://" lies in its 100-character window (searched in the window alone: an
      // unbounded lastIndexOf would walk back to the text's start at every '@', quadratic on "a@a@a@...").
      const window = text.slice(Math.max(0, start - 100), start);
      const userinfo = window.includes('://') && USERINFO_BEFORE.test(window);
      if (start < at && !userinfo) {
        DOMAIN.lastIndex = 0;
        const m = DOMAIN.exec(text.slice(at, at + 260));
        if (m) {
          let end = at + m[0].length;
          if (text[end - 1] === '.') end--;
          out.push(finding('EMAIL', start, end, 0.97, 'email'));
        }
      }
      at = text.indexOf('@', at + 1);
    }
    // every obfuscated form spells at least one "dot" before the top-level domain
    if (scan.lower.includes('dot') && (text.includes(' at ') || text.includes('[at]') || text.includes('(at)') || text.includes('{at}'))) {
      OBFUSCATED.lastIndex = 0;
      for (let m = OBFUSCATED.exec(text); m; m = OBFUSCATED.exec(text)) {
        if (/ at /i.test(m[0]) && !/ dot /i.test(m[0]) && !/[[({]dot[\])}]/i.test(m[0])) continue;
        out.push(finding('EMAIL', m.index, m.index + m[0].length, 0.85, 'email.obfuscated'));
      }
    }
  },
};
