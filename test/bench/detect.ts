/** `npm run bench:detect`: single-core throughput of the default detector over the evaluation text. */
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../src/detect/detect.js';
import { generate } from '../eval/generate.js';
import { handwritten } from '../eval/handwritten.js';

const texts = [...generate(), ...handwritten()].map((d) => d.text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const ROUNDS = 20; // texts per run = ROUNDS x corpus
const run = (): number => {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let r = 0; r < ROUNDS; r++) for (const t of texts) n += detector.detect(t).length;
  if (n < 0) console.log(n);
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
for (let i = 0; i < 3; i++) run(); // warm-up
const times: number[] = [];
for (let i = 0; i < 7; i++) times.push(run());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const mb = (bytes * ROUNDS) / 1e6;
console.log(`corpus: ${texts.length} texts, ${(bytes / 1024).toFixed(1)} KB; ${ROUNDS} passes per run, 7 runs after 3 warm-ups`);
console.log(`median ${(median * 1000).toFixed(1)} ms per run -> ${(mb / median).toFixed(1)} MB/s, ${((median * 1e6) / ((bytes * ROUNDS) / 1024)).toFixed(1)} µs per KB`);
console.log(`min ${(mb / (times[0] ?? 1)).toFixed(1)} MB/s, max-time ${(mb / (times[times.length - 1] ?? 1)).toFixed(1)} MB/s`);
