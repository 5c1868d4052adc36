/**
 * Findings of the default detector over ~10k texts, to prove a speed change leaves them identical.
 * `node --import tsx test/bench/detect-diff.ts --write` stores them in /tmp/detect-baseline.json;
 * without `--write` the findings are compared with that file and every difference is printed (exit 1).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../src/detect/detect.js';
import { EVAL_ALLOWLIST, SEED, generate } from '../eval/generate.js';
import { handwritten } from '../eval/handwritten.js';
import { heldout } from '../eval/heldout.js';

const BASELINE = '/tmp/detect-baseline.json';

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
