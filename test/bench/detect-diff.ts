/**
 * Findings of the default detector over ~10k texts, to prove a speed change leaves them identical.
 * `node --import tsx test/bench/detect-diff.ts --write` stores them in /tmp/detect-baseline.json;
 * without `--write` the findings are compared with that file and every difference is printed (exit 1).
 * `--baseline <file>` uses another file (helpers working at the same time need not share one).
 * `--compromise` also compares the staged compromise question (src/detect/nlp-person.ts compromisePerson) with
 * the plain `nlp(window)` call it replaces, on the window of every capitalised word of every text (a superset
 * of the windows the recognizer asks about) and on hand-made sentences: the answers must be identical.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import nlp from 'compromise';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../src/detect/detect.js';
import { compromisePerson } from '../../src/detect/nlp-person.js';
import { EVAL_ALLOWLIST, SEED, generate } from '../eval/generate.js';
import { handwritten } from '../eval/handwritten.js';
import { heldout } from '../eval/heldout.js';

const bi = process.argv.indexOf('--baseline');
const BASELINE = (bi !== -1 ? process.argv[bi + 1] : undefined) ?? '/tmp/detect-baseline.json';

function corpus(): string[] {
  const base = [...generate(), ...handwritten(), ...heldout()].map((d) => d.text);
  const texts = [...base];
  for (let k = 1; k <= 20; k++) texts.push(...generate(440, SEED + k).map((d) => d.text));
  // variants that take other paths: all lower case, all upper case, texts joined into one
  for (const t of base) texts.push(t.toLowerCase(), t.toUpperCase());
  for (let i = 0; i + 5 <= base.length; i += 5) texts.push(base.slice(i, i + 5).join('\n\n'));
  // adversarial shapes (as in detect.ts's super-linearity check, small)
  for (const n of [50, 500, 3000]) {
    texts.push('a'.repeat(n) + '!', 'Aa'.repeat(n / 2), 'Maria '.repeat(n / 6), '1'.repeat(n), '12 '.repeat(n / 3), '1-'.repeat(n / 2));
    texts.push('1.'.repeat(n / 2), 'ab:'.repeat(n / 3), 'a@'.repeat(n / 2), 'a.'.repeat(n / 2) + '@', ' '.repeat(n) + 'x');
    texts.push('12 ' + 'Main '.repeat(n / 5), 'password='.repeat(n / 9), 'http://' + 'a'.repeat(n));
  }
  return texts;
}

type Row = [string, number, number, number, string];

const texts = corpus();

if (process.argv.includes('--compromise')) {
  // the window ambiguousIsPerson takes after a word starting at s and ending at e
  const windowAt = (t: string, s: number, e: number): string => {
    let stop = Math.min(t.length, e + 60);
    for (const p of ['.', '!', '?', '\n']) {
      const k = t.indexOf(p, e);
      if (k !== -1 && k < stop) stop = k;
    }
    return t.slice(s, stop);
  };
  const windows = new Set<string>();
  const HAND = ['Will you help', 'Grace called me', 'May I ask', 'Bill sent it', 'Mark the order', 'Jean left early', 'Will said no',
    'Will Smith said no', 'Grace Hopper wrote it', "Grace's going to call", "Will's here", 'Mark is away', 'Hope sent the file',
    'Faith van Dijk called', 'Rose de la Cruz left', 'Will J. Smith wrote', 'Price J Smith wrote', 'Frank said hi', 'Frank, said hi',
    'May 3 works', 'June called', 'April will call', 'Bill paid', 'Bill has left', 'Sunny was late', 'Dawn emailed me', 'Price',
    'Price $421', 'Will', "Will, you're late", 'King Charles spoke', 'Miss Price left', 'Drew the short straw', 'Drew called back',
    'Pat will call', 'Rob sent it', 'Rob the bank', 'Sue them', 'Sue called', 'Chase the lead', 'Chase called', 'Gene wrote it',
    'Amber said yes', 'Ivy left', 'Summer is here', 'Joy sent it', 'Art left', 'Victor said hi', 'Bob left', 'Major Tom called'];
  for (const h of HAND) {
    windows.add(h);
    windows.add(h.toUpperCase());
  }
  for (const t of texts) {
    for (const m of t.matchAll(/\p{Lu}[\p{L}'’-]*/gu)) {
      const s = m.index;
      windows.add(windowAt(t, s, s + m[0].length));
      if (/['’]s$/.test(m[0])) windows.add(windowAt(t, s, s + m[0].length - 2));
    }
  }
  let differ = 0;
  let yes = 0;
  for (const w of windows) {
    let was = false;
    try {
      const terms = nlp(w).terms();
      was = terms.eq(0).has('#Person') && terms.eq(1).has('#Verb') && !terms.eq(1).has('#Modal');
    } catch {
      was = false;
    }
    let now = false;
    try {
      now = compromisePerson(w);
    } catch {
      now = false;
    }
    if (was) yes++;
    if (was !== now && differ++ < 20) console.log(`window ${JSON.stringify(w)}: nlp() ${was}, compromisePerson ${now}`);
  }
  console.log(differ === 0 ? `compromise: identical answers on ${windows.size} windows (${yes} true)` : `compromise: ${differ} of ${windows.size} windows differ`);
  if (differ > 0) process.exit(1);
}
const results: Row[][] = [];
for (const allowlist of [[], EVAL_ALLOWLIST]) {
  const detector = createDetector({ ...DEFAULT_DETECTOR_CONFIG, allowlist });
  for (const t of texts) results.push(detector.detect(t).map((f) => [f.type, f.start, f.end, f.confidence, f.recognizer]));
}
const total = results.reduce((n, r) => n + r.length, 0);

if (process.argv.includes('--write')) {
  writeFileSync(BASELINE, JSON.stringify({ texts: texts.length, results }));
  console.log(`wrote ${BASELINE}: ${texts.length} texts x 2 configs, ${total} findings`);
} else {
  if (!existsSync(BASELINE)) throw new Error(`no ${BASELINE}: run with --write on the starting code first`);
  const base = JSON.parse(readFileSync(BASELINE, 'utf8')) as { texts: number; results: Row[][] };
  let diffs = 0;
  for (let i = 0; i < Math.max(base.results.length, results.length); i++) {
    const a = JSON.stringify(base.results[i] ?? null);
    const b = JSON.stringify(results[i] ?? null);
    if (a === b) continue;
    if (diffs++ < 20) console.log(`text ${i % texts.length}: ${JSON.stringify(texts[i % texts.length]?.slice(0, 200))}\n  was ${a}\n  now ${b}`);
  }
  console.log(diffs === 0 ? `identical: ${texts.length} texts x 2 configs, ${total} findings` : `${diffs} texts differ`);
  if (diffs > 0) process.exit(1);
}
