/**
 * Redis load per request, for docs/capacity.md. Run: `npm run build && node --import tsx test/bench/redis-load.ts`
 *
 * A private redis-server (never the shared one), one gateway process (dist/main.js, default policy,
 * mock upstream). Counts INFO commandstats and network bytes per request for: chat requests with new
 * personal values, the same requests again (values already stored), and an idle period (the
 * background polling of revocations / kill switch). Then a short autocannon run of a ~1 KB chat at
 * concurrency 16 and the gateway process' CPU per request.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { createTestKeys } from '../helpers/jwt.js';
import { startMockUpstream } from '../helpers/mock-upstream.js';
import { chatBody, opsToken, policyFile, send, sleep } from '../helpers/ops.js';
import { startOwnRedis } from '../helpers/redis-server.js';
import { startGatewayProcess, testEnv } from '../helpers/start-gateway.js';

const N = 100;
const redis = await startOwnRedis();
const mock = await startMockUpstream();
const keys = await createTestKeys();
// the default policy, with the bench tenant's rate limits out of the way
const dir = mkdtempSync(join(tmpdir(), 'pgw-redis-load-'));
const policy = policyFile(dir, '  bench:\n    rate_limits: { tenant_per_minute: 10000000, subject_per_minute: 10000000, tokens_per_minute: 1000000000 }');
const gw = await startGatewayProcess(
  testEnv(keys, mock.url, { POLICY_FILE: policy, REDIS_URL: redis.url, VAULT_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn', AUDIT_LOG: '/dev/null' }),
);
const r = new Redis(redis.url);
const token = await opsToken(keys, { tenant: 'bench', sub: 'bench-user' });

interface Stats {
  calls: Map<string, number>;
  inBytes: number;
  outBytes: number;
}
async function stats(): Promise<Stats> {
  const cs = await r.info('commandstats');
  const calls = new Map<string, number>();
  for (const m of cs.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(m[1] as string, Number(m[2]));
  const st = await r.info('stats');
  const num = (f: string): number => Number(new RegExp(`^${f}:(\\d+)`, 'm').exec(st)?.[1] ?? 0);
  return { calls, inBytes: num('total_net_input_bytes'), outBytes: num('total_net_output_bytes') };
}
function diff(a: Stats, b: Stats, per: number, label: string): void {
  const rows: string[] = [];
  let total = 0;
  for (const [cmd, n] of b.calls) {
    const d = n - (a.calls.get(cmd) ?? 0);
    if (cmd === 'info' || d === 0) continue;
    total += d;
    rows.push(`${cmd}=${(d / per).toFixed(2)}`);
  }
  // our own INFO calls count in the byte totals too: small, and subtracted roughly by measuring them
  console.log(`${label}: per ${per === 1 ? 'run' : 'request'} ${(total / per).toFixed(2)} commands (${rows.join(' ')}), ` + `${((b.inBytes - a.inBytes) / per).toFixed(0)} B to Redis, ${((b.outBytes - a.outBytes) / per).toFixed(0)} B from Redis`);
}

const filler = 'The quarterly report covers onboarding, the migration plan and the open questions from last week. ';
const content = (i: number, tag: string): string =>
  `Hello, this is about case ${tag}. Please contact Maria Gonzalez-${tag.slice(0, 4)} at m.${tag}.${i}@example.com or +1 415 555 0${String(100 + (i % 900)).padStart(3, '0')}. ` + filler.repeat(8);

// warm-up (DEK created, connections open)
for (let i = 0; i < 5; i++) await send(gw.url, 'POST', '/v1/chat/completions', token, chatBody(content(i, 'warm')));

const tag = randomUUID().slice(0, 8);
const body0 = JSON.stringify(chatBody(content(0, tag)));
console.log(`request body ~${Buffer.byteLength(body0)} B`);
let a = await stats();
for (let i = 0; i < N; i++) {
  const res = await send(gw.url, 'POST', '/v1/chat/completions', token, chatBody(content(i, tag)));
  if (res.status !== 200) throw new Error(`status ${res.status}: ${res.text}`);
}
let b = await stats();
diff(a, b, N, `new values (${N} sequential requests)`);
const mapped = new Set(mock.requests.slice(-N).flatMap((q) => [...q.bodyText.matchAll(/\[([A-Z_]+)_[0-9a-z]{13}\]/g)].map((m) => m[0])));
console.log(`  distinct tokens minted in those requests: ${mapped.size} (${(mapped.size / N).toFixed(2)} per request)`);

a = await stats();
for (let i = 0; i < N; i++) await send(gw.url, 'POST', '/v1/chat/completions', token, chatBody(content(i, tag)));
b = await stats();
diff(a, b, N, `same values again (${N} requests)`);

a = await stats();
for (let i = 0; i < N; i++) await send(gw.url, 'POST', '/v1/chat/completions', token, chatBody(filler.repeat(10)));
b = await stats();
diff(a, b, N, `no personal data (${N} requests)`);

a = await stats();
await sleep(10_000);
b = await stats();
diff(a, b, 10, 'idle gateway, per second');

// value sizes
const vkeys = await r.keys('pgw:v:*');
const sizes = await Promise.all(vkeys.slice(0, 50).map(async (k) => (await r.getBuffer(k))?.length ?? 0));
const avgVal = sizes.reduce((x, y) => x + y, 0) / Math.max(1, sizes.length);
console.log(`vault value blob: avg ${avgVal.toFixed(0)} B, key ~${vkeys[0]?.length ?? 0} B (${vkeys[0]?.replace(/:[0-9a-z]{13}$/, ':<id>')})`);
const mem = Number(/^used_memory:(\d+)/m.exec(await r.info('memory'))?.[1] ?? 0);
console.log(`redis used_memory ${(mem / 1e6).toFixed(1)} MB for ${await r.dbsize()} keys`);

// throughput: ~1 KB chat, concurrency 16, one gateway process
const pid = gw.proc.pid as number;
const cpu = (): number => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, seconds (USER_HZ 100)
};
const kb = JSON.stringify(chatBody(content(1, tag).slice(0, 1000)));
for (const [label, bodyText] of [['1 KB chat, with personal data', kb], ['1 KB chat, no personal data', JSON.stringify(chatBody(filler.repeat(10).slice(0, 1000)))]] as const) {
  const c0 = cpu();
  const t0 = Date.now();
  const res = await new Promise<{ '2xx': number; non2xx: number; duration: number; latency: { p50: number; p99: number } }>((resolve, reject) => {
    autocannon(
      { url: `${gw.url}/v1/chat/completions`, connections: 16, duration: 10, requests: [{ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: bodyText }] },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  const secs = (Date.now() - t0) / 1000;
  const used = cpu() - c0;
  const rps = (res['2xx'] + res.non2xx) / res.duration;
  console.log(`${label} (${Buffer.byteLength(bodyText)} B), c=16, 10 s: ${rps.toFixed(0)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms, non-2xx ${res.non2xx}; gateway CPU ${(used / secs).toFixed(2)} cores -> ${(rps / (used / secs)).toFixed(0)} req/s per core`);
}

r.disconnect();
await gw.stop();
await mock.close();
await redis.stop();
rmSync(dir, { recursive: true, force: true });
