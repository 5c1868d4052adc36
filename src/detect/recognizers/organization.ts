import { lexicon } from '../lexicon/index.js';
import { capitalisedRuns } from '../proper-nouns.js';
import { finding, type Recognizer } from './recognizer.js';

const SUFFIXED =
  /(?<![\p{L}])(?:\p{Lu}[\p{L}&'’.-]*\s+){1,4}(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|Corp|Corporation|Co|Company|plc|PLC|S\.A|SA|SAS|SARL|S\.p\.A|SpA|BV|B\.V|NV|N\.V|Pty|AB|ASA|Oy|KG|LLP|LP|Group|Holdings|Bank|University|College|Institute|Foundation|Hospital|Clinic)\b\.?/gu;

/** ORGANIZATION (off by default): legal-form suffixes ("Acme Widgets Ltd") and compromise's organizations. */
export const organizationRecognizer: Recognizer = {
  name: 'organization',
  types: ['ORGANIZATION'],
  applies: (s) => s.upper,
  find(text, out, scan) {
    SUFFIXED.lastIndex = 0;
    for (let m = SUFFIXED.exec(text); m; m = SUFFIXED.exec(text)) {
      out.push(finding('ORGANIZATION', m.index, m.index + m[0].length, 0.8, 'organization.suffix'));
    }
    const lex = lexicon();
    for (const run of capitalisedRuns(text, scan.capitals)) {
      for (const t of run.tokens) {
        if (t.cls === 'O' || lex.org.has(t.lower)) out.push(finding('ORGANIZATION', t.start, t.end, 0.7, 'organization.lexicon'));
      }
    }
  },
};
