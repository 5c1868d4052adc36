/**
 * The gateway benchmark (`npm run bench`, `npm run bench -- --quick`): a script, not a test.
 *
 * Starts, on loopback, each as its own process: a fast mock upstream, a bare Fastify + undici
 * pass-through (the floor), the gateway (`node dist/main.js`, Redis vault, config/policy.yaml), and a
 * load generator. Targets are interleaved (pass-through, gateway, pass-through, gateway, ...) so that
 * machine noise hits both alike. For every scenario and concurrency it reports req/s, latency
 * percentiles, time to first byte for streams and CPU µs per request of the target process
 * (/proc/<pid>/stat utime+stime), then the budget lines, memory steadiness and event-loop blocking.
 * Writes test/bench/results/<stamp>.json and test/bench/results/latest.md.
 *
 * Options: --quick (under two minutes), --profile [--scenario=conv20|gap] [--c=N] (gateway only, with --cpu-prof, 1 KB chat at c=16 by default, gap = one 1 MB request during a paced stream;
 * prints the hottest functions), --only=chat1k,conv20 (scenarios), --no-mem, --no-gap.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createTestKeys, signToken, AUDIENCE, ISSUER } from '../helpers/jwt.js';
import type { ScenarioName } from './bodies.js';
import { SCENARIOS } from './bodies.js';
import type { LoadJob, LoadResult } from './load.js';
import { summarize } from './cpuprofile.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(HERE, 'results');
const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const PROFILE = args.includes('--profile');
const ONLY = args.find((a) => a.startsWith('--only='))?.slice(7).split(',') as ScenarioName[] | undefined;
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const ROUNDS = QUICK ? 2 : 3;
const SEGMENT_S = QUICK ? 1 : 2;
const CONCURRENCY = [1, 16, 64] as const;
const MEM_S = QUICK ? 8 : 300; // the budget's 5-minute run at c=64
const CLK_TCK = 100; // getconf CLK_TCK on Linux

type Target = 'pt' | 'gw';

interface Proc {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly url: string;
  stderr: string;
}

const children: ChildProcess[] = [];

function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name (which may contain spaces) start at the last ')'
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  return ((utime + stime) * 1e6) / CLK_TCK;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Spawns a tsx script that prints `READY <port>`. */
function startScript(name: string, file: string, scriptArgs: string[]): Promise<Proc> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(HERE, file), ...scriptArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  const p: Proc = { name, proc, url: '', stderr: '' };
  proc.stderr?.on('data', (d: Buffer) => {
    p.stderr = (p.stderr + d.toString('utf8')).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /READY (\d+)/.exec(out);
      if (m) {
        proc.stdout?.removeAllListeners('data');
        proc.stdout?.resume();
        resolve({ ...p, url: `http://127.0.0.1:${m[1]}`, get stderr() { return p.stderr; } });
      }
    });
    proc.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${p.stderr}`)));
  });
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function startGateway(env: Record<string, string>, execArgv: string[]): Promise<Proc> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...execArgv, 'dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(proc);
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`gateway exited with ${proc.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`gateway did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name: 'gateway', proc, url, stderr };
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** The load generator process: one job at a time over IPC. */
class Loader {
  readonly #proc: ChildProcess;
  readonly #ready: Promise<void>;
  #seq = 1;
  constructor() {
    this.#proc = fork(join(HERE, 'load.ts'), [], { execArgv: ['--import', 'tsx'], cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(this.#proc);
    this.#ready = new Promise((resolve) => this.#proc.once('message', () => resolve()));
  }
  get pid(): number {
    return this.#proc.pid ?? 0;
  }
  async run(job: Omit<LoadJob, 'seq'>): Promise<LoadResult> {
    await this.#ready;
    const seq = this.#seq;
    this.#seq += 1_000_000;
    return new Promise((resolve, reject) => {
      this.#proc.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => (m.ok && m.result ? resolve(m.result) : reject(new Error(m.error))));
      this.#proc.send({ ...job, seq });
    });
  }
  close(): Promise<void> {
    return stop(this.#proc);
  }
}

function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

interface Measure {
  requests: number;
  errors: number;
  non2xx: number;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  ttfbP50: number | undefined;
  ttfbP90: number | undefined;
  cpuUsPerReq: number;
}

interface Row {
  scenario: ScenarioName;
  title: string;
  concurrency: number;
  pt: Measure;
  gw: Measure;
}

function merge(parts: { r: LoadResult; cpuUs: number }[], stream: boolean): Measure {
  const lat: number[] = [];
  const ttfb: number[] = [];
  let requests = 0;
  let errors = 0;
  let non2xx = 0;
  let seconds = 0;
  let cpu = 0;
  for (const { r, cpuUs } of parts) {
    for (const x of r.latencies) lat.push(x);
    for (const x of r.ttfb) ttfb.push(x);
    requests += r.requests;
    errors += r.errors;
    non2xx += r.non2xx;
    seconds += r.seconds;
    cpu += cpuUs;
  }
  lat.sort((a, b) => a - b);
  ttfb.sort((a, b) => a - b);
  return {
    requests,
    errors,
    non2xx,
    seconds,
    rps: requests / seconds,
    p50: pct(lat, 50),
    p90: pct(lat, 90),
    p99: pct(lat, 99),
    ttfbP50: stream && ttfb.length > 0 ? pct(ttfb, 50) : undefined,
    ttfbP90: stream && ttfb.length > 0 ? pct(ttfb, 90) : undefined,
    cpuUsPerReq: requests > 0 ? cpu / requests : NaN,
  };
}

const f1 = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0));
const f0 = (n: number): string => (Number.isNaN(n) ? '–' : Math.round(n).toString());

async function main(): Promise<void> {
  const started = Date.now();
  const runId = `${started.toString(36)}-${randomBytes(3).toString('hex')}`;
  const keyPrefix = `pgwbench:${runId}:`;
  const keys = await createTestKeys();
  const token = await signToken(keys, { tenant: 'bench', sub: 'bench-user', expiresIn: '4h' });
  const tmp = mkdtempSync(join(tmpdir(), 'pgw-bench-'));
  const profDir = join(tmp, 'prof');

  const mock = await startScript('mock upstream', 'mock-upstream.ts', []);
  const pt = await startScript('pass-through', 'passthrough.ts', [mock.url]);
  const gw = await startGateway(
    {
      JWT_JWKS_FILE: keys.jwksFile,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      UPSTREAM_URL: mock.url,
      UPSTREAM_API_KEY: 'sk-bench',
      LOG_LEVEL: 'info',
      AUDIT_LOG: join(tmp, 'audit.log'),
      REDIS_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      VAULT_KEY: randomBytes(32).toString('base64'),
      POLICY_FILE: process.env.BENCH_POLICY_FILE ?? join(ROOT, 'config/policy.yaml'),
    },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  );
  const loader = new Loader();
  const targets: Record<Target, { url: string; token: string | undefined; pid: number }> = {
    pt: { url: pt.url, token: undefined, pid: pt.proc.pid ?? 0 },
    gw: { url: gw.url, token, pid: gw.proc.pid ?? 0 },
  };
  const log = (s: string): void => void process.stdout.write(`${s}\n`);
  log(`bench ${runId}: ${QUICK ? 'quick' : PROFILE ? 'profile' : 'full'} run; mock ${mock.url}, pass-through ${pt.url}, gateway ${gw.url} (pids pt ${targets.pt.pid}, gw ${targets.gw.pid}, load ${loader.pid})`);

  // a smoke check: the gateway answers and replaces values
  {
    const r = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: SCENARIOS.chat1k.body(0) });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`gateway smoke request failed: ${r.status} ${text.slice(0, 300)}`);
    log(`smoke: 200, x-privacy-replaced: ${r.headers.get('x-privacy-replaced') ?? '(none)'}`);
  }

  const measure = async (target: Target, scenario: ScenarioName, concurrency: number, durationS: number): Promise<{ r: LoadResult; cpuUs: number }> => {
    const t = targets[target];
    const c0 = cpuMicros(t.pid);
    const r = await loader.run({ kind: concurrency === 1 ? 'seq' : 'cannon', url: t.url, token: t.token, scenario, connections: concurrency, durationS });
    return { r, cpuUs: cpuMicros(t.pid) - c0 };
  };

  if (PROFILE) {
    const dur = QUICK ? 10 : 20;
    const scenario = (args.find((a) => a.startsWith('--scenario=')) ?? '--scenario=chat1k').slice('--scenario='.length) as Parameters<typeof measure>[1];
    if ((scenario as string) === 'gap') {
      // --preload=S: S seconds of 1 KB chat at c=64 first (the full run probes after its memory run)
      const preload = Number(args.find((a) => a.startsWith('--preload='))?.slice('--preload='.length) ?? 0);
      if (preload > 0) await measure('gw', 'chat1k', 64, preload);
      // the event-loop check: one 1 MB chat request while a paced stream runs
      const r = await loader.run({ kind: 'gap', url: gw.url, token, scenario: 'chat1k', connections: 1, durationS: 0, bigBytes: 1_048_576 });
      log(`profiled the 1 MB request: max stream gap ${f1(r.gaps?.duringMaxMs)} ms, request ${f0(r.gaps?.bigRequestMs ?? NaN)} ms, status ${r.gaps?.bigStatus}`);
    } else {
      // --c=N: another concurrency (c=1 shows the work of one request alone, as the latency line sees it)
      const c = Number(args.find((a) => a.startsWith('--c='))?.slice('--c='.length) ?? 16);
      await measure('gw', scenario, c, 3); // warm-up (also profiled, small share)
      const m = merge([await measure('gw', scenario, c, dur)], false);
      log(`profiled ${scenario} c=${c} for ${dur}s: ${f0(m.rps)} req/s, ${f0(m.cpuUsPerReq)} CPU µs/req`);
    }
    await loader.close();
    await stop(gw.proc);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('no .cpuprofile written');
    const out = join(RESULTS, 'gateway.cpuprofile');
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(out, readFileSync(join(profDir, file)));
    log(`profile: ${out}\n`);
    log(summarize(JSON.parse(readFileSync(out, 'utf8')), 40));
    await cleanup(keyPrefix, [pt.proc, mock.proc]);
    return;
  }

  // warm-up: JIT, connection pools, caches of both targets
  log('warm-up...');
  for (const target of ['pt', 'gw'] as const) {
    for (const s of Object.keys(SCENARIOS) as ScenarioName[]) await measure(target, s, 16, s === 'chat1k' ? 2 : QUICK ? 0.5 : 1);
  }

  const scenarios = (ONLY ?? (Object.keys(SCENARIOS) as ScenarioName[])).filter((s) => s in SCENARIOS);
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    for (const c of CONCURRENCY) {
      const parts: Record<Target, { r: LoadResult; cpuUs: number }[]> = { pt: [], gw: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of ['pt', 'gw'] as const) parts[target].push(await measure(target, scenario, c, SEGMENT_S));
      }
      const sc = SCENARIOS[scenario];
      const row: Row = { scenario, title: sc.title, concurrency: c, pt: merge(parts.pt, sc.stream), gw: merge(parts.gw, sc.stream) };
      rows.push(row);
      log(
        `${scenario.padEnd(8)} c=${String(c).padEnd(3)} pt ${f0(row.pt.rps).padStart(6)} req/s p50 ${f1(row.pt.p50)} ms ${f0(row.pt.cpuUsPerReq)} µs/req | gw ${f0(row.gw.rps).padStart(6)} req/s p50 ${f1(row.gw.p50)} ms ${f0(row.gw.cpuUsPerReq)} µs/req` +
          (sc.stream && c === 1 ? ` | ttfb pt ${f1(row.pt.ttfbP50)} gw ${f1(row.gw.ttfbP50)} ms` : '') +
          (row.gw.non2xx + row.gw.errors > 0 ? ` | gw non2xx ${row.gw.non2xx} errors ${row.gw.errors}` : ''),
      );
    }
  }

  // memory steadiness: gateway RSS during a long run at c=64
  let memory: { seconds: number; samples: number[]; startMiB: number; maxMiB: number; firstHalfMaxMiB: number; secondHalfMaxMiB: number; endMiB: number; secondHalfSlopeMiBPerMin: number; requests: number } | undefined;
  if (!args.includes('--no-mem')) {
    log(`memory: chat1k at c=64 for ${MEM_S}s...`);
    const samples: number[] = [];
    const pid = targets.gw.pid;
    const startMiB = rssMiB(pid);
    const timer = setInterval(() => samples.push(rssMiB(pid)), 250);
    const r = await loader.run({ kind: 'cannon', url: gw.url, token, scenario: 'chat1k', connections: 64, durationS: MEM_S });
    clearInterval(timer);
    const half = samples.slice(Math.floor(samples.length / 2));
    const n = half.length;
    const xs = half.map((_, i) => (i * 0.25) / 60);
    const mx = xs.reduce((a, b) => a + b, 0) / n;
    const my = half.reduce((a, b) => a + b, 0) / n;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      num += ((xs[i] as number) - mx) * ((half[i] as number) - my);
      den += ((xs[i] as number) - mx) ** 2;
    }
    memory = { seconds: MEM_S, samples: samples.map((s) => Math.round(s * 10) / 10), startMiB, maxMiB: Math.max(...samples), firstHalfMaxMiB: Math.max(...samples.slice(0, Math.floor(samples.length / 2))), secondHalfMaxMiB: Math.max(...half), endMiB: samples[samples.length - 1] ?? 0, secondHalfSlopeMiBPerMin: den > 0 ? num / den : 0, requests: r.requests };
    log(`memory: RSS start ${f1(memory.startMiB)} MiB, max ${f1(memory.maxMiB)}, end ${f1(memory.endMiB)}, second-half slope ${f1(memory.secondHalfSlopeMiBPerMin)} MiB/min over ${r.requests} requests`);
  }

  // event-loop blocking: a 1 MB body while a paced stream (one event every 5 ms) runs
  const gaps: Partial<Record<Target, NonNullable<LoadResult['gaps']>>> = {};
  if (!args.includes('--no-gap')) {
    for (const target of ['pt', 'gw'] as const) {
      const t = targets[target];
      const r = await loader.run({ kind: 'gap', url: t.url, token: t.token, scenario: 'chat1k', connections: 1, durationS: 0, bigBytes: 1_048_576 });
      if (r.gaps) gaps[target] = r.gaps;
      log(`event loop (${target}): max gap between stream chunks ${f1(r.gaps?.baselineMaxMs)} ms without, ${f1(r.gaps?.duringMaxMs)} ms while a 1 MB request runs (${f0(r.gaps?.bigRequestMs ?? NaN)} ms, status ${r.gaps?.bigStatus})`);
    }
  }

  await loader.close();
  await cleanup(keyPrefix, [gw.proc, pt.proc, mock.proc]);

  const totalS = (Date.now() - started) / 1000;
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, quick: QUICK, rounds: ROUNDS, segmentS: SEGMENT_S };
  const report = { runId, date: new Date(started).toISOString(), totalS, machine, rows, memory, gaps };
  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(report);
  writeFileSync(join(RESULTS, 'latest.md'), md);
  log(`\n${md}`);
  log(`results: ${join(RESULTS, `${stamp}.json`)} and latest.md (${totalS.toFixed(0)} s)`);
}

function budget(rows: Row[], memory: { seconds: number; startMiB: number; firstHalfMaxMiB: number; secondHalfMaxMiB: number; secondHalfSlopeMiBPerMin: number } | undefined, gaps: Partial<Record<Target, NonNullable<LoadResult['gaps']>>>): string[][] {
  const get = (s: ScenarioName, c: number): Row | undefined => rows.find((r) => r.scenario === s && r.concurrency === c);
  const out: string[][] = [];
  const line = (what: string, target: string, measured: string, ok: boolean | undefined): void => void out.push([what, target, measured, ok === undefined ? '–' : ok ? 'met' : '**missed**']);
  const c16 = get('chat1k', 16);
  if (c16) line('1 KB chat, c=16: throughput gw/pt', '≥ 0.5', `${(c16.gw.rps / c16.pt.rps).toFixed(2)} (${f0(c16.gw.rps)} / ${f0(c16.pt.rps)} req/s)`, c16.gw.rps / c16.pt.rps >= 0.5);
  const c1 = get('chat1k', 1);
  if (c1) line('1 KB chat, c=1: p50 added latency', '≤ 0.5 ms', `${(c1.gw.p50 - c1.pt.p50).toFixed(2)} ms (${f1(c1.gw.p50)} vs ${f1(c1.pt.p50)})`, c1.gw.p50 - c1.pt.p50 <= 0.5);
  const k10 = get('chat10k', 16);
  if (k10) line('10 KB chat, c=16: throughput gw/pt', '≥ 0.3', `${(k10.gw.rps / k10.pt.rps).toFixed(2)} (${f0(k10.gw.rps)} / ${f0(k10.pt.rps)} req/s)`, k10.gw.rps / k10.pt.rps >= 0.3);
  const conv = get('conv20', 16);
  if (conv && c16) {
    const added = (r: Row): number => r.gw.cpuUsPerReq - r.pt.cpuUsPerReq;
    const ratio = added(conv) / added(c16);
    line('20-turn conversation vs its newest turn alone (added CPU/req, c=16)', '≈ 1 (≤ 1.5)', `${ratio.toFixed(2)} (${f0(added(conv))} vs ${f0(added(c16))} µs)`, ratio <= 1.5);
  }
  const s1 = get('stream1k', 1);
  if (s1 && s1.gw.ttfbP50 !== undefined && s1.pt.ttfbP50 !== undefined) line('stream, c=1: TTFB added (p50)', '≤ 1 ms', `${(s1.gw.ttfbP50 - s1.pt.ttfbP50).toFixed(2)} ms (${f1(s1.gw.ttfbP50)} vs ${f1(s1.pt.ttfbP50)})`, s1.gw.ttfbP50 - s1.pt.ttfbP50 <= 1);
  const s16 = get('stream1k', 16);
  if (s16) line('stream, c=16: throughput gw/pt', '≥ 0.8', `${(s16.gw.rps / s16.pt.rps).toFixed(2)} (${f0(s16.gw.rps)} / ${f0(s16.pt.rps)} req/s)`, s16.gw.rps / s16.pt.rps >= 0.8);
  // steady = no growth: RSS may fall (GC returning pages) but must not keep rising once caches are full
  // RSS saws up and down with GC, so a slope over a window says little; growth shows as new highs
  if (memory) line(`memory steady (RSS, c=64, ${memory.seconds} s)`, 'no growth: max of the second half ≤ max of the first half + 2 %', `${f1(memory.startMiB)} MiB at start; max ${f1(memory.firstHalfMaxMiB)} then ${f1(memory.secondHalfMaxMiB)} MiB (second-half slope ${f1(memory.secondHalfSlopeMiBPerMin)} MiB/min)`, memory.secondHalfMaxMiB <= memory.firstHalfMaxMiB * 1.02);
  const g = gaps.gw;
  // forwarding 1 MB stalls the pass-through too (JSON parse and serialisation); the privacy work may add a few ms
  const ptGap = gaps.pt?.duringMaxMs;
  if (g) line('event loop: max stream gap while a 1 MB body is processed (events every 5 ms)', '≤ pass-through + 5 ms', `${f1(g.duringMaxMs)} ms (pass-through ${f1(ptGap)} ms)`, ptGap !== undefined && g.duringMaxMs <= ptGap + 5);
  return out;
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function markdown(report: { runId: string; date: string; totalS: number; machine: { cores: number; cpu: string; node: string; quick: boolean; rounds: number; segmentS: number }; rows: Row[]; memory: { seconds: number; startMiB: number; maxMiB: number; firstHalfMaxMiB: number; secondHalfMaxMiB: number; endMiB: number; secondHalfSlopeMiBPerMin: number; requests: number } | undefined; gaps: Partial<Record<Target, NonNullable<LoadResult['gaps']>>> }): string {
  const m = report.machine;
  const lines: string[] = [];
  lines.push(`# Gateway benchmark: ${report.date} (${m.quick ? 'quick' : 'full'} run, ${report.totalS.toFixed(0)} s)`);
  lines.push('');
  lines.push(`Machine: ${m.cores} cores, ${m.cpu}, Node ${m.node}. Gateway, pass-through, mock upstream, load generator and Redis share the machine. Each cell: ${m.rounds} interleaved segments of ${m.segmentS} s per target. pt = bare Fastify + undici pass-through (the floor), gw = the gateway (Redis vault, config/policy.yaml). CPU = utime+stime of the target process per request.`);
  lines.push('');
  lines.push('## Budget');
  lines.push('');
  lines.push(table(['line', 'target', 'measured', 'status'], budget(report.rows, report.memory, report.gaps)));
  lines.push('');
  lines.push('## Scenarios');
  lines.push('');
  lines.push(
    table(
      ['scenario', 'c', 'pt req/s', 'gw req/s', 'gw/pt', 'pt p50 / p90 / p99 ms', 'gw p50 / p90 / p99 ms', 'TTFB p50 pt / gw ms', 'pt CPU µs/req', 'gw CPU µs/req', 'gw/pt CPU'],
      report.rows.map((r) => [
        r.title,
        String(r.concurrency),
        f0(r.pt.rps),
        f0(r.gw.rps),
        (r.gw.rps / r.pt.rps).toFixed(2),
        `${f1(r.pt.p50)} / ${f1(r.pt.p90)} / ${f1(r.pt.p99)}`,
        `${f1(r.gw.p50)} / ${f1(r.gw.p90)} / ${f1(r.gw.p99)}`,
        r.gw.ttfbP50 !== undefined ? `${f1(r.pt.ttfbP50)} / ${f1(r.gw.ttfbP50)}` : '',
        f0(r.pt.cpuUsPerReq),
        f0(r.gw.cpuUsPerReq),
        (r.gw.cpuUsPerReq / r.pt.cpuUsPerReq).toFixed(1),
      ]),
    ),
  );
  const bad = report.rows.filter((r) => r.gw.non2xx + r.gw.errors + r.pt.non2xx + r.pt.errors > 0);
  if (bad.length > 0) lines.push('', `Non-2xx or errors: ${bad.map((r) => `${r.scenario} c=${r.concurrency} gw ${r.gw.non2xx}/${r.gw.errors} pt ${r.pt.non2xx}/${r.pt.errors}`).join('; ')}`);
  if (report.memory) {
    const mm = report.memory;
    lines.push('', `Memory (gateway RSS, 1 KB chat at c=64 for ${mm.seconds} s, ${mm.requests} requests): start ${f1(mm.startMiB)} MiB, max ${f1(mm.maxMiB)}, end ${f1(mm.endMiB)}, slope over the second half ${f1(mm.secondHalfSlopeMiBPerMin)} MiB/min.`);
  }
  for (const t of ['pt', 'gw'] as const) {
    const g = report.gaps[t];
    if (g) lines.push('', `Event loop (${t}): paced stream (an event every 5 ms, ${g.chunks} chunks read); max gap ${f1(g.baselineMaxMs)} ms without, ${f1(g.duringMaxMs)} ms while a 1 MB chat request was processed (that request: ${f0(g.bigRequestMs)} ms, status ${g.bigStatus}).`);
  }
  lines.push('');
  return lines.join('\n');
}

async function cleanup(keyPrefix: string, procs: ChildProcess[]): Promise<void> {
  await Promise.all(procs.map(stop));
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    process.stderr.write(`could not remove the bench keys ${keyPrefix}* from Redis\n`);
  } finally {
    redis.disconnect();
  }
}

const killAll = (): void => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
};
process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});
main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  killAll();
  process.exit(1);
});
