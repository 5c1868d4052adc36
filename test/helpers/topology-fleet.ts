import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Env } from '../../src/config/load.js';
import { createRedis, masterNodes, type RedisClient } from '../../src/vault/redis-client.js';
import { RedisVault } from '../../src/vault/redis-vault.js';
import { parseMasterKeys } from '../../src/vault/seal.js';
import { deriveTenantTokenKey, tokenId } from '../../src/tokenize/token.js';
import { createTestKeys, type TestKeys } from './jwt.js';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';
import { chatBody, opsToken, policyFile, send, sleep, type Sent } from './ops.js';
import { startGatewayProcess, testEnv, type GatewayProcess } from './start-gateway.js';

/**
 * Three gateway processes (node dist/main.js) sharing one Redis topology (Cluster or Sentinel), the
 * same VAULT_KEY, a per-run key prefix, one JWKS file and one mock upstream: what a scaled-out
 * deployment looks like, on loopback.
 */

/** Tenants of the topology policy (see TENANTS_YAML). */
export const T = {
  /** restore_scope tenant: a token minted anywhere is restored everywhere */
  shared: 'shared',
  limited: 'limited',
  killed: 'killed',
  erase: 'erase',
  spread: 'spread',
  /** the failover stream: tenant-scope restore, limits out of the way */
  stream: 'stream',
} as const;

export const TENANT_PER_MINUTE = 6;

const TENANTS_YAML = `  shared:
    restore_scope: tenant
  limited:
    rate_limits: { tenant_per_minute: ${TENANT_PER_MINUTE}, subject_per_minute: 1000 }
  killed: {}
  erase:
    restore_scope: tenant
  spread:
    rate_limits: { tenant_per_minute: 100000, subject_per_minute: 100000, tokens_per_minute: 100000000 }
  stream:
    restore_scope: tenant
    rate_limits: { tenant_per_minute: 100000, subject_per_minute: 100000, tokens_per_minute: 100000000 }`;

/** The domain of every planted e-mail: must never reach the upstream. */
export const PLANTED_DOMAIN = 'planted-pii.example.org';

export function plantedEmail(tag: string): string {
  return `${tag}.${randomUUID().slice(0, 8)}@${PLANTED_DOMAIN}`;
}

export interface Fleet {
  readonly gateways: readonly GatewayProcess[];
  readonly mock: MockUpstream;
  readonly keys: TestKeys;
  readonly prefix: string;
  readonly env: Env;
  token(tenant: string, o?: { scope?: string; jti?: string; sub?: string }): Promise<string>;
  adminToken(): Promise<string>;
  /** the token id the gateways mint for this value in this tenant (same TOKEN_KEY derivation) */
  emailTokenId(tenant: string, email: string): string;
  /** a direct client on the topology + a vault with the fleet's VAULT_KEY and prefix */
  directVault(): { client: RedisClient; vault: RedisVault };
  /** keys under the prefix per master node (SCAN on every master) */
  keysPerMaster(pattern: string): Promise<{ node: string; count: number }[]>;
  /** the upstream never saw a planted value (in any recorded body) */
  leakedBodies(): number;
  stop(): Promise<void>;
}

export async function startFleet(redisEnv: Env, extra: Env = {}): Promise<Fleet> {
  const mock = await startMockUpstream();
  const keys = await createTestKeys();
  const dir = mkdtempSync(join(tmpdir(), 'pgw-topo-'));
  const prefix = `pgwtopo:${randomUUID().slice(0, 8)}:`;
  const vaultKey = randomBytes(32).toString('base64');
  const env: Env = testEnv(keys, mock.url, {
    POLICY_FILE: policyFile(dir, TENANTS_YAML),
    VAULT_KEY: vaultKey,
    REDIS_KEY_PREFIX: prefix,
    REDIS_COMMAND_TIMEOUT_MS: '500',
    LOG_LEVEL: 'warn',
    AUDIT_LOG: join(dir, 'audit.jsonl'),
    ...redisEnv,
    ...extra,
  });
  const config = loadConfig(env, [], undefined, () => randomBytes(32));
  const gateways: GatewayProcess[] = [];
  const clients: RedisClient[] = [];
  try {
    for (let i = 0; i < 3; i++) gateways.push(await startGatewayProcess(env));
  } catch (err) {
    await Promise.all(gateways.map((g) => g.stop('SIGKILL')));
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const direct = (): RedisClient => {
    if (!config.redis) throw new Error('no redis in the fleet env');
    const c = createRedis(config.redis);
    clients.push(c);
    return c;
  };
  return {
    gateways,
    mock,
    keys,
    prefix,
    env,
    token: (tenant, o = {}) => opsToken(keys, { tenant, ...o }),
    adminToken: () => opsToken(keys, { tenant: 'ops', sub: 'oncall', scope: 'privacy:admin' }),
    emailTokenId: (tenant, email) => tokenId(deriveTenantTokenKey(config.tokenKey, tenant), 'EMAIL', email),
    directVault() {
      const client = direct();
      const vault = new RedisVault(client, { keyPrefix: prefix, masterKeys: parseMasterKeys(config.vault.keyId, vaultKey), closeClient: false });
      return { client, vault };
    },
    async keysPerMaster(pattern) {
      const client = direct();
      await waitReady(client);
      const out: { node: string; count: number }[] = [];
      for (const node of masterNodes(client)) {
        let cursor = '0';
        let count = 0;
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
          cursor = next;
          count += found.length;
        } while (cursor !== '0');
        out.push({ node: `${node.options.host ?? '?'}:${node.options.port ?? '?'}`, count });
      }
      return out;
    },
    leakedBodies: () => mock.requests.filter((r) => r.bodyText.includes(PLANTED_DOMAIN)).length,
    async stop() {
      for (const c of clients) c.disconnect();
      await Promise.all(gateways.map((g) => g.stop('SIGKILL')));
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until an ioredis client (standalone, sentinel or cluster) is ready. */
export async function waitReady(client: RedisClient, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (client.status !== 'ready') {
    if (Date.now() > deadline) throw new Error(`redis client not ready (${client.status})`);
    await sleep(50);
  }
}

export function chat(base: string, token: string, content: string): Promise<Sent> {
  return send(base, 'POST', '/v1/chat/completions', token, chatBody(content));
}

export function answerText(r: Sent): string {
  const j = r.json<{ choices?: { message?: { content?: string } }[] }>();
  return j.choices?.[0]?.message?.content ?? '';
}

export function errorCode(r: Sent): string | undefined {
  try {
    return r.json().error?.code;
  } catch {
    return undefined;
  }
}

// ---- the failover stream -----------------------------------------------------------------------

export interface StreamResult {
  readonly sentAt: number;
  readonly doneAt: number;
  readonly status: number;
  readonly code: string | undefined;
  readonly email: string;
  readonly restored: boolean;
}

export interface FailoverReport {
  readonly results: readonly StreamResult[];
  readonly killAt: number;
  readonly firstFailureAt: number | undefined;
  readonly lastFailureAt: number | undefined;
  /** the first success sent after the last failure: recovered for good */
  readonly firstSuccessAfterAt: number | undefined;
  /** slowest response from the kill on (ms) */
  readonly maxLatencyAfterKillMs: number;
  /** first failure → first success after the last failure (ms) */
  readonly gapMs: number | undefined;
  readonly failures: number;
  readonly byOutcome: Record<string, number>;
}

/**
 * A steady stream of chat requests with a fresh planted e-mail each (`ratePerS`, round-robin over
 * the gateways); `kill()` runs after `killAfterMs`; the stream goes on until, after a failure,
 * `afterRecoveryOk` successes in a row were seen (or `maxAfterKillMs` after the kill).
 */
export async function streamThroughFailover(
  fleet: Fleet,
  o: { ratePerS: number; killAfterMs: number; kill: () => Promise<void>; maxAfterKillMs: number; afterRecoveryOk: number },
): Promise<FailoverReport> {
  const token = await fleet.token(T.stream, { sub: 'streamer' });
  const results: StreamResult[] = [];
  const inflight = new Set<Promise<void>>();
  const start = Date.now();
  let killAt = 0;
  let killed = false;
  let i = 0;
  /** successes in a row, by send time, at the end of the stream so far (after a first failure) */
  const cleanRun = (): number => {
    const done = [...results].sort((a, b) => a.sentAt - b.sentAt);
    if (!done.some((r) => r.status !== 200)) return 0;
    let n = 0;
    for (let k = done.length - 1; k >= 0 && (done[k] as StreamResult).status === 200; k--) n++;
    return n;
  };
  const interval = 1000 / o.ratePerS;
  // the clean run is judged on finished requests; one still in flight when it is reached may fail
  // afterwards (sent before the recovery, answered after), so the stream goes on until the clean run
  // holds with nothing in flight
  for (;;) {
    while (!killed || Date.now() - killAt < o.maxAfterKillMs) {
      if (!killed && Date.now() - start >= o.killAfterMs) {
        killed = true;
        killAt = Date.now();
        void o.kill();
      }
      if (killed && cleanRun() >= o.afterRecoveryOk) break;
      const gw = fleet.gateways[i % fleet.gateways.length] as GatewayProcess;
      const email = plantedEmail(`s${i}`);
      i++;
      const sentAt = Date.now();
      const p = chat(gw.url, token, `Please send the invoice to ${email} today.`)
        .then((r) => {
          results.push({ sentAt, doneAt: Date.now(), status: r.status, code: r.status === 200 ? undefined : errorCode(r), email, restored: r.status === 200 && answerText(r).includes(email) });
        })
        .catch(() => {
          results.push({ sentAt, doneAt: Date.now(), status: 0, code: 'fetch_failed', email, restored: false });
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
      await sleep(Math.max(0, sentAt + interval - Date.now()));
    }
    await Promise.all(inflight);
    if (!killed || cleanRun() >= o.afterRecoveryOk || Date.now() - killAt >= o.maxAfterKillMs) break;
  }
  results.sort((a, b) => a.sentAt - b.sentAt);
  const failed = results.filter((r) => r.status !== 200);
  const firstFailureAt = failed.length > 0 ? Math.min(...failed.map((r) => r.doneAt)) : undefined;
  const lastFailureAt = failed.length > 0 ? Math.max(...failed.map((r) => r.doneAt)) : undefined;
  const lastFailureSent = failed.length > 0 ? Math.max(...failed.map((r) => r.sentAt)) : undefined;
  const after = lastFailureSent === undefined ? [] : results.filter((r) => r.status === 200 && r.sentAt > lastFailureSent);
  const firstSuccessAfterAt = after.length > 0 ? Math.min(...after.map((r) => r.doneAt)) : undefined;
  const byOutcome: Record<string, number> = {};
  for (const r of results) {
    const k = r.status === 200 ? '200' : `${r.status} ${r.code ?? '?'}`;
    byOutcome[k] = (byOutcome[k] ?? 0) + 1;
  }
  const lat = results.filter((r) => r.sentAt >= killAt - 2000).map((r) => r.doneAt - r.sentAt);
  return {
    results,
    killAt,
    maxLatencyAfterKillMs: lat.length > 0 ? Math.max(...lat) : 0,
    firstFailureAt,
    lastFailureAt,
    firstSuccessAfterAt,
    gapMs: firstFailureAt !== undefined && firstSuccessAfterAt !== undefined ? firstSuccessAfterAt - firstFailureAt : undefined,
    failures: failed.length,
    byOutcome,
  };
}

/** Resolves the e-mails' token ids directly in the vault; returns how many are gone. */
export async function countLost(fleet: Fleet, tenant: string, emails: readonly string[]): Promise<{ lost: number; total: number }> {
  const { client, vault } = fleet.directVault();
  await waitReady(client);
  const refs = emails.map((e) => ({ type: 'EMAIL' as const, id: fleet.emailTokenId(tenant, e) }));
  let found = new Map<string, string>();
  for (let attempt = 0; ; attempt++) {
    try {
      found = await vault.resolve(tenant, refs);
      break;
    } catch (err) {
      if (attempt >= 20) throw err;
      await sleep(250);
    }
  }
  let lost = 0;
  emails.forEach((e, i) => {
    if (found.get(refs[i]?.id ?? '') !== e) lost++;
  });
  client.disconnect();
  return { lost, total: emails.length };
}

/** The lines the failover tests print. */
export function describeFailover(label: string, settings: string, r: FailoverReport, lossBefore: { lost: number; total: number }, lossStream: { lost: number; total: number }): string {
  const rel = (t: number | undefined): string => (t === undefined ? 'n/a' : `${t - r.killAt} ms`);
  return [
    `[${label}] FAILOVER (${settings}, REDIS_COMMAND_TIMEOUT_MS 500, 20 req/s over 3 gateways):`,
    `  requests ${r.results.length}, outcomes ${JSON.stringify(r.byOutcome)}`,
    `  after the kill: first failure ${rel(r.firstFailureAt)}, last failure ${rel(r.lastFailureAt)}, recovered (first success after the last failure) ${rel(r.firstSuccessAfterAt)}`,
    `  GAP first failure -> recovered: ${r.gapMs ?? 'n/a'} ms; slowest response around the kill ${r.maxLatencyAfterKillMs} ms`,
    `  mappings lost: ${lossBefore.lost}/${lossBefore.total} written well before the kill, ${lossStream.lost}/${lossStream.total} written by the stream before the kill`,
  ].join('\n');
}
