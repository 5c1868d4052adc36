import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, hasRedisServer, redisAnswers } from './redis-server.js';

/**
 * Real Redis topologies for the topology tests, started from the `redis-server` binary on loopback
 * free ports (no Docker): a 6-node Cluster (3 masters + 3 replicas) and a Sentinel group (1 master,
 * 1 replica, 3 sentinels). Everything runs in a temp dir that stop() removes, after SIGKILLing every
 * process it started (never anything else, never the shared Redis on 6379).
 */

export const HOST = '127.0.0.1';

/** Why the topology tests are skipped, or undefined when they can run. */
export function topologySkipReason(): string | undefined {
  if (!hasRedisServer()) return 'redis-server is not on PATH: topology tests (Redis Cluster / Sentinel) skipped';
  const cli = spawnSync('redis-cli', ['--version'], { stdio: 'ignore' });
  if (cli.status !== 0) return 'redis-cli is not on PATH: topology tests (Redis Cluster / Sentinel) skipped';
  return undefined;
}

export interface RedisNode {
  readonly port: number;
  readonly addr: string;
  readonly dir: string;
  readonly proc: ChildProcess;
  alive(): boolean;
  /** SIGKILL (a crash: no shutdown, no final sync), resolves when the process is gone */
  kill(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function startNode(port: number, dir: string, args: string[]): RedisNode {
  const proc = spawn('redis-server', args, { stdio: 'ignore', cwd: dir });
  const node: RedisNode = {
    port,
    addr: `${HOST}:${port}`,
    dir,
    proc,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    kill: async () => {
      if (!node.alive()) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await exited;
    },
  };
  return node;
}

async function waitUntil(what: string, limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`redis topology: ${what} not reached within ${limitMs} ms`);
    await sleep(100);
  }
}

/** One short-lived command on one node (no retries, no cluster redirects). */
export async function nodeCommand(port: number, ...args: string[]): Promise<unknown> {
  const c = new Redis({ host: HOST, port, lazyConnect: true, connectTimeout: 1000, commandTimeout: 2000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  c.on('error', () => {});
  try {
    await c.connect();
    const [cmd, ...rest] = args;
    return await c.call(cmd as string, ...rest);
  } finally {
    c.disconnect();
  }
}

function infoField(info: string, field: string): string | undefined {
  const m = new RegExp(`^${field}:(.*)$`, 'm').exec(info);
  return m?.[1]?.trim();
}

async function startServers(n: number, dir: string, extra: (port: number, nodeDir: string) => string[]): Promise<RedisNode[]> {
  const nodes: RedisNode[] = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const nodeDir = join(dir, `n${i}-${port}`);
    const d = mkdtempSync(`${nodeDir}-`);
    nodes.push(startNode(port, d, ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', d, ...extra(port, d)]));
  }
  for (const node of nodes) await waitUntil(`redis-server on ${node.port}`, 10_000, () => redisAnswers(`redis://${node.addr}`, 300));
  return nodes;
}

// ---- Cluster ---------------------------------------------------------------------------------

export interface ClusterTopology {
  readonly nodes: readonly RedisNode[];
  /** REDIS_CLUSTER_NODES value: every node, `host:port,...` */
  readonly seeds: string;
  readonly nodeTimeoutMs: number;
  /** the live masters as the cluster itself reports them (asked of a live node) */
  masters(): Promise<{ port: number; slots: number }[]>;
  /** waits until every live node says cluster_state:ok and agrees on `expectMasters` masters */
  waitHealthy(limitMs?: number, expectMasters?: number): Promise<void>;
  stop(): Promise<void>;
}

interface ClusterNodeLine {
  port: number;
  flags: string[];
  master: string;
  id: string;
  linkState: string;
  slots: number;
}

function parseClusterNodes(text: string): ClusterNodeLine[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const parts = l.split(' ');
      const addr = parts[1] ?? '';
      const port = Number(/:(\d+)/.exec(addr)?.[1] ?? 0);
      let slots = 0;
      for (const s of parts.slice(8)) {
        if (s.startsWith('[')) continue;
        const [a, b] = s.split('-');
        slots += b === undefined ? 1 : Number(b) - Number(a) + 1;
      }
      return { id: parts[0] ?? '', port, flags: (parts[2] ?? '').split(','), master: parts[3] ?? '-', linkState: parts[7] ?? '', slots };
    });
}

export async function startRedisCluster(opts: { nodeTimeoutMs?: number } = {}): Promise<ClusterTopology> {
  const nodeTimeoutMs = opts.nodeTimeoutMs ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'pgw-cluster-'));
  let nodes: RedisNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    nodes = await startServers(6, dir, (_port, d) => [
      '--cluster-enabled', 'yes',
      '--cluster-config-file', join(d, 'nodes.conf'),
      '--cluster-node-timeout', String(nodeTimeoutMs),
      // a replica may always take over, however long it was cut off (the test kills masters)
      '--cluster-replica-validity-factor', '0',
    ]);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((n) => n.addr), '--cluster-replicas', '1', '--cluster-yes'], { encoding: 'utf8', timeout: 60_000 });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}\n${create.stderr}`);

    const live = (): RedisNode[] => nodes.filter((n) => n.alive());
    const view = async (): Promise<ClusterNodeLine[]> => {
      for (const n of live()) {
        try {
          return parseClusterNodes(String(await nodeCommand(n.port, 'CLUSTER', 'NODES')));
        } catch {
          /* try the next node */
        }
      }
      throw new Error('no live cluster node answers');
    };
    const topo: ClusterTopology = {
      nodes,
      seeds: nodes.map((n) => n.addr).join(','),
      nodeTimeoutMs,
      async masters() {
        const lines = await view();
        return lines.filter((l) => l.flags.includes('master') && !l.flags.includes('fail') && !l.flags.includes('fail?') && l.slots > 0).map((l) => ({ port: l.port, slots: l.slots }));
      },
      async waitHealthy(limitMs = 30_000, expectMasters = 3) {
        await waitUntil('cluster_state:ok on every node, replicas linked', limitMs, async () => {
          for (const n of live()) {
            const info = String(await nodeCommand(n.port, 'CLUSTER', 'INFO'));
            if (infoField(info, 'cluster_state') !== 'ok') return false;
            if (Number(infoField(info, 'cluster_slots_assigned')) !== 16384) return false;
            const repl = String(await nodeCommand(n.port, 'INFO', 'replication'));
            if (infoField(repl, 'role') === 'slave' && infoField(repl, 'master_link_status') !== 'up') return false;
          }
          const lines = await view();
          const masters = lines.filter((l) => l.flags.includes('master') && !l.flags.some((f) => f.startsWith('fail')) && l.slots > 0);
          return masters.length === expectMasters;
        });
      },
      stop,
    };
    await topo.waitHealthy(30_000, 3);
    // every replica linked to a master
    await waitUntil('3 linked replicas', 20_000, async () => {
      const lines = await view();
      const replicas = lines.filter((l) => l.flags.includes('slave') && l.linkState === 'connected');
      return replicas.length === 3;
    });
    return topo;
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---- Sentinel --------------------------------------------------------------------------------

export interface SentinelTopology {
  readonly name: string;
  readonly master: RedisNode;
  readonly replica: RedisNode;
  readonly sentinels: readonly RedisNode[];
  /** REDIS_SENTINELS value: `host:port,...` */
  readonly sentinelAddrs: string;
  /** the master address the sentinels currently agree on (asked of the first live sentinel) */
  currentMasterPort(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSentinelGroup(opts: { name?: string; downAfterMs?: number; failoverTimeoutMs?: number } = {}): Promise<SentinelTopology> {
  const name = opts.name ?? 'pgwmaster';
  const downAfterMs = opts.downAfterMs ?? 1000;
  const failoverTimeoutMs = opts.failoverTimeoutMs ?? 3000;
  const dir = mkdtempSync(join(tmpdir(), 'pgw-sentinel-'));
  const all: RedisNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(all.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [master] = await startServers(1, dir, () => []);
    if (!master) throw new Error('no master');
    all.push(master);
    const [replica] = await startServers(1, dir, () => ['--replicaof', HOST, String(master.port)]);
    if (!replica) throw new Error('no replica');
    all.push(replica);
    await waitUntil('replica linked', 15_000, async () => infoField(String(await nodeCommand(replica.port, 'INFO', 'replication')), 'master_link_status') === 'up');

    const sentinels: RedisNode[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const d = mkdtempSync(join(dir, `s${i}-${port}-`));
      const conf = join(d, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          `bind ${HOST}`,
          `dir ${d}`,
          `sentinel monitor ${name} ${HOST} ${master.port} 2`,
          `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
          `sentinel failover-timeout ${name} ${failoverTimeoutMs}`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const node = startNode(port, d, [conf, '--sentinel']);
      sentinels.push(node);
      all.push(node);
    }
    for (const s of sentinels) await waitUntil(`sentinel on ${s.port}`, 10_000, () => redisAnswers(`redis://${s.addr}`, 300));
    // every sentinel knows the replica and the two other sentinels (hello messages, ~2 s)
    await waitUntil('sentinels see each other and the replica', 20_000, async () => {
      for (const s of sentinels) {
        const flat = (await nodeCommand(s.port, 'SENTINEL', 'MASTER', name)) as string[];
        const m = new Map<string, string>();
        for (let i = 0; i + 1 < flat.length; i += 2) m.set(String(flat[i]), String(flat[i + 1]));
        if (m.get('num-other-sentinels') !== '2' || m.get('num-slaves') !== '1' || m.get('flags') !== 'master') return false;
      }
      return true;
    });
    return {
      name,
      master,
      replica,
      sentinels,
      sentinelAddrs: sentinels.map((s) => s.addr).join(','),
      async currentMasterPort() {
        for (const s of sentinels) {
          if (!s.alive()) continue;
          try {
            const r = (await nodeCommand(s.port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name)) as string[];
            return Number(r[1]);
          } catch {
            /* next */
          }
        }
        throw new Error('no sentinel answers');
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
