/**
 * `npm run bench:detect`: single-core throughput of the default detector over the evaluation text.
 * Two figures: "repeated corpus" runs the same texts again and again (the person recognizer's compromise
 * cache and the word caches are warm after the first pass); "fresh text" runs each text once, over texts
 * this process has never seen (generated with other seeds), after a warm-up on yet other texts.
 */
import { BUILTIN_RECOGNIZERS, DEFAULT_DETECTOR_CONFIG, createDetector } from '../../src/detect/detect.js';
import { prescan } from '../../src/detect/recognizers/recognizer.js';
import type { Finding } from '../../src/detect/types.js';
import { SEED, generate } from '../eval/generate.js';
import { handwritten } from '../eval/handwritten.js';

const texts = [...generate(), ...handwritten()].map((d) => d.text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const ROUNDS = 20; // texts per run = ROUNDS x corpus
// CPU time of this process (user + system), not wall time: other processes on the machine do not count
const run = (): number => {
  const t0 = process.cpuUsage();
  let n = 0;
  for (let r = 0; r < ROUNDS; r++) for (const t of texts) n += detector.detect(t).length;
  if (n < 0) console.log(n);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
};
for (let i = 0; i < 3; i++) run(); // warm-up
const times: number[] = [];
for (let i = 0; i < 7; i++) times.push(run());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const mb = (bytes * ROUNDS) / 1e6;
console.log(`repeated corpus: ${texts.length} texts, ${(bytes / 1024).toFixed(1)} KB; ${ROUNDS} passes per run, 7 runs after 3 warm-ups, CPU time`);
console.log(`  median ${(median * 1000).toFixed(1)} ms per run -> ${(mb / median).toFixed(1)} MB/s, ${((median * 1e6) / ((bytes * ROUNDS) / 1024)).toFixed(1)} µs per KB`);
console.log(`  min ${(mb / (times[0] ?? 1)).toFixed(1)} MB/s, max-time ${(mb / (times[times.length - 1] ?? 1)).toFixed(1)} MB/s`);

// Fresh text: 5 runs, each over its own texts (seeds never used above nor by another run), every text once.
// A warm-up over other fresh texts first (JIT, lexicons), so the figure is the steady state on new text.
const FRESH_RUNS = 5;
const FRESH_SEEDS = 8; // generated sets of 440 documents per run (~700 KB: a run long enough for a steady figure)
const freshTexts = (run: number): string[] => {
  const out: string[] = [];
  for (let k = 0; k < FRESH_SEEDS; k++) out.push(...generate(440, SEED + 1000 + run * FRESH_SEEDS + k).map((d) => d.text));
  return out;
};
const freshRun = (set: readonly string[]): number => {
  const t0 = process.cpuUsage();
  let n = 0;
  for (const t of set) n += detector.detect(t).length;
  if (n < 0) console.log(n);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
};
// warm-up on texts of their own: three sets (~5,000 texts), as a gateway that has served a few thousand requests
for (let w = 0; w < 3; w++) freshRun(freshTexts(FRESH_RUNS + w));
const fresh: Array<[number, number]> = [];
for (let r = 0; r < FRESH_RUNS; r++) {
  const set = freshTexts(r);
  const b = set.reduce((n, t) => n + Buffer.byteLength(t), 0);
  fresh.push([b / 1e6 / freshRun(set), b]);
}
fresh.sort((a, b) => a[0] - b[0]);
const freshMedian = fresh[Math.floor(fresh.length / 2)]?.[0] ?? 0;
console.log(`fresh text: ${FRESH_RUNS} runs of ${FRESH_SEEDS * 440} never-seen texts (~${((fresh[0]?.[1] ?? 0) / 1024).toFixed(0)} KB) each, one pass, after a warm-up on others, CPU time`);
console.log(`  median ${freshMedian.toFixed(2)} MB/s (min ${(fresh[0]?.[0] ?? 0).toFixed(2)}, max ${(fresh[fresh.length - 1]?.[0] ?? 0).toFixed(2)})`);

// Super-linearity check (not a test: timings belong here, not in the unit suite). Each recognizer runs on
// adversarial inputs at two sizes; a recognizer whose time grows much faster than the input is reported.

const ADVERSARIAL: Array<[string, (n: number) => string]> = [
  ['letters+!', (n) => 'a'.repeat(n) + '!'],
  ['Capitalised', (n) => 'Aa'.repeat(n / 2)],
  ['Cap words', (n) => 'Maria '.repeat(n / 6)],
  ['digits', (n) => '1'.repeat(n)],
  ['digit pairs', (n) => '12 '.repeat(n / 3)],
  ['dashed digits', (n) => '1-'.repeat(n / 2)],
  ['dotted digits', (n) => '1.'.repeat(n / 2)],
  ['hex colons', (n) => 'ab:'.repeat(n / 3)],
  ['at signs', (n) => 'a@'.repeat(n / 2)],
  ['local part', (n) => 'a.'.repeat(n / 2) + '@'],
  ['spaces', (n) => ' '.repeat(n) + 'x'],
  ['street words', (n) => '12 ' + 'Main '.repeat(n / 5)],
  ['password=', (n) => 'password='.repeat(n / 9)],
  ['urls', (n) => 'http://' + 'a'.repeat(n)],
];
const timeOf = (f: () => void): number => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
let slow = 0;
for (const [label, make] of ADVERSARIAL) {
  const small = make(5_000);
  const big = make(50_000);
  for (const r of BUILTIN_RECOGNIZERS) {
    const once = (t: string): number => timeOf(() => r.find(t, [] as Finding[], prescan(t)));
    const run = (t: string): number => Math.min(once(t), once(t), once(t)); // best of 3: JIT and GC noise
    const ts = Math.max(run(small), 0.05);
    const tb = run(big);
    // 10x the input: linear code takes ~10x the time; allow noise, flag quadratic growth (~100x)
    if (tb > 40 * ts && tb > 20) {
      slow++;
      console.log(`SUPER-LINEAR? ${r.name} on "${label}": ${ts.toFixed(2)} ms at 5k chars, ${tb.toFixed(1)} ms at 50k`);
    }
  }
  const all = timeOf(() => detector.detect(big));
  if (all > 500) console.log(`slow: whole detector on "${label}" (50k chars) took ${all.toFixed(0)} ms`);
}
console.log(slow === 0 ? 'adversarial inputs: every recognizer scales linearly' : `adversarial inputs: ${slow} super-linear case(s)`);
