/**
 * The load generator, run as a child process (forked with IPC by run.ts) so its CPU is neither the
 * gateway's nor the runner's. One job at a time:
 * - `cannon`: autocannon at N connections for a duration, every request with a fresh body;
 * - `seq`: our own loop at concurrency 1 (µs-precise latency; time to first body byte for streams);
 * - `gap`: a paced stream, with a large body sent while it runs; reports the gaps between chunks.
 */
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { PACED_STREAM_BODY, SCENARIOS, bigChat, type ScenarioName } from './bodies.js';

export interface LoadJob {
  readonly kind: 'cannon' | 'seq' | 'gap';
  readonly url: string;
  readonly token: string | undefined;
  readonly scenario: ScenarioName;
  readonly connections: number;
  readonly durationS: number;
  /** first sequence number (every job gets fresh texts) */
  readonly seq: number;
  readonly bigBytes?: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly seconds: number;
  /** latencies in ms (sorted) */
  readonly latencies: number[];
  /** time to first body byte in ms (streams, seq only) */
  readonly ttfb: number[];
  /** gap job: the largest gaps between stream chunks (ms), before/while/after the big request */
  readonly gaps?: { baselineMaxMs: number; duringMaxMs: number; bigRequestMs: number; bigStatus: number; chunks: number };
}

function headers(token: string | undefined): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

function cannon(job: LoadJob): Promise<LoadResult> {
  const sc = SCENARIOS[job.scenario];
  let seq = job.seq;
  const latencies: number[] = [];
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const inst = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: sc.path,
            headers: headers(job.token),
            setupRequest: (req) => ({ ...req, body: sc.body(seq++) }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        latencies.sort((a, b) => a - b);
        resolve({ requests: latencies.length + non2xx, errors: result.errors, non2xx, seconds: (performance.now() - t0) / 1000, latencies, ttfb: [] });
      },
    );
    inst.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else non2xx++;
    });
  });
}

async function seqLoop(job: LoadJob): Promise<LoadResult> {
  const sc = SCENARIOS[job.scenario];
  const u = new URL(job.url);
  const pool = new Pool(u.origin, { connections: 1, pipelining: 1 });
  const h = headers(job.token);
  const latencies: number[] = [];
  const ttfb: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let seq = job.seq;
  const t0 = performance.now();
  const end = t0 + job.durationS * 1000;
  try {
    while (performance.now() < end) {
      const body = sc.body(seq++);
      const s = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: sc.path, headers: h, body });
        let first = -1;
        for await (const chunk of res.body) {
          if (first < 0 && (chunk as Buffer).length > 0) first = performance.now();
        }
        const e = performance.now();
        if (res.statusCode >= 200 && res.statusCode < 300) {
          latencies.push(e - s);
          if (sc.stream && first >= 0) ttfb.push(first - s);
        } else non2xx++;
      } catch {
        errors++;
      }
    }
  } finally {
    await pool.close();
  }
  latencies.sort((a, b) => a - b);
  ttfb.sort((a, b) => a - b);
  return { requests: latencies.length + non2xx, errors, non2xx, seconds: (performance.now() - t0) / 1000, latencies, ttfb };
}

/** Reads a paced stream, recording chunk arrival times; sends one big request 500 ms in. */
async function gapProbe(job: LoadJob): Promise<LoadResult> {
  const u = new URL(job.url);
  const streamPool = new Pool(u.origin, { connections: 1 });
  const bigPool = new Pool(u.origin, { connections: 1 });
  const h = headers(job.token);
  const big = bigChat(job.bigBytes ?? 1_048_576, job.seq);
  const arrivals: number[] = [];
  let bigStart = 0;
  let bigEnd = 0;
  let bigStatus = 0;
  try {
    const res = await streamPool.request({ method: 'POST', path: '/v1/chat/completions', headers: h, body: PACED_STREAM_BODY });
    const bigDone = new Promise<void>((resolve) => {
      setTimeout(() => {
        bigStart = performance.now();
        bigPool
          .request({ method: 'POST', path: '/v1/chat/completions', headers: h, body: big })
          .then(async (r) => {
            bigStatus = r.statusCode;
            await r.body.dump();
          })
          .catch(() => {
            bigStatus = -1;
          })
          .finally(() => {
            bigEnd = performance.now();
            resolve();
          });
      }, 500);
    });
    for await (const _chunk of res.body) arrivals.push(performance.now());
    await bigDone;
  } finally {
    await Promise.all([streamPool.close(), bigPool.close()]);
  }
  let baselineMaxMs = 0;
  let duringMaxMs = 0;
  for (let i = 1; i < arrivals.length; i++) {
    const a = arrivals[i - 1] as number;
    const b = arrivals[i] as number;
    const gap = b - a;
    // a gap overlapping the big request's lifetime counts as "during"
    if (b >= bigStart && a <= bigEnd + 20) duringMaxMs = Math.max(duringMaxMs, gap);
    else if (a > 50 + (arrivals[0] as number)) baselineMaxMs = Math.max(baselineMaxMs, gap);
  }
  return {
    requests: 1,
    errors: 0,
    non2xx: 0,
    seconds: 0,
    latencies: [],
    ttfb: [],
    gaps: { baselineMaxMs, duringMaxMs, bigRequestMs: bigEnd - bigStart, bigStatus, chunks: arrivals.length },
  };
}

process.on('message', (job: LoadJob) => {
  const run = job.kind === 'cannon' ? cannon(job) : job.kind === 'seq' ? seqLoop(job) : gapProbe(job);
  run.then(
    (r) => process.send?.({ ok: true, result: r }),
    (err: unknown) => process.send?.({ ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.send?.({ ready: true });
