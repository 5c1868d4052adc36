import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisCluster, topologySkipReason, type ClusterTopology } from '../helpers/redis-topology.js';
import { T, chat, countLost, describeFailover, plantedEmail, startFleet, streamThroughFailover, type Fleet } from '../helpers/topology-fleet.js';
import { erasureSeenByAll, rateLimitAcrossReplicas, revocationAndKillSwitch, tokenMintedOnARestoredOnB } from '../helpers/topology-scenarios.js';
import type { GatewayProcess } from '../helpers/start-gateway.js';

/**
 * Three gateway processes on a real 6-node Redis Cluster (3 masters, 3 replicas), then a master is
 * SIGKILLed during a steady stream of requests with personal data.
 */

/**
 * cluster-node-timeout: how long a master must be unreachable before the cluster fails it over.
 * Redis' default is 15 s. ioredis holds a command up to ~2 s on a dead node (16 redirections of
 * 100 ms plus slot refreshes), and a request has several Redis steps (rate limit, vault), so with
 * 3 s many requests merely wait out the failover; 5 s makes the outage outlast those retries, so the
 * fail-closed path is always exercised, and keeps the file well under a minute.
 */
const NODE_TIMEOUT_MS = 5000;

const skip = topologySkipReason();
if (skip) console.warn(`[topology] ${skip}`);

describe.skipIf(skip !== undefined)('three gateways on a Redis Cluster (3 masters + 3 replicas)', () => {
  let cluster: ClusterTopology;
  let fleet: Fleet;

  beforeAll(async () => {
    cluster = await startRedisCluster({ nodeTimeoutMs: NODE_TIMEOUT_MS });
    fleet = await startFleet({ REDIS_CLUSTER_NODES: cluster.seeds });
  });

  afterAll(async () => {
    await fleet?.stop();
    await cluster?.stop();
  });

  it('a token minted through replica A is restored through replica B (restore_scope: tenant)', async () => {
    await tokenMintedOnARestoredOnB(fleet);
  });

  it('a tenant rate limit holds across all three replicas', async () => {
    await rateLimitAcrossReplicas(fleet);
  });

  it('a revocation and a kill switch set through one replica are honoured by the others within a second', async () => {
    const { revokeMs, killMs } = await revocationAndKillSwitch(fleet);
    console.log(`[cluster] revocation seen by the other replicas after ${revokeMs} ms, kill switch after ${killMs} ms`);
  });

  it('erasure of a tenant through one replica is seen by all', async () => {
    const ms = await erasureSeenByAll(fleet);
    console.log(`[cluster] tenant erasure honoured by all replicas after ${ms} ms`);
  });

  it("one tenant's vault keys spread over all three masters (no hash tags)", async () => {
    const token = await fleet.token(T.spread);
    const emails = Array.from({ length: 30 }, (_, i) => plantedEmail(`spread${i}`));
    const r = await chat((fleet.gateways[0] as GatewayProcess).url, token, `Contacts: ${emails.join(', ')}.`);
    expect(r.status).toBe(200);
    const perMaster = await fleet.keysPerMaster(`${fleet.prefix}v:*`);
    console.log(`[cluster] vault keys per master: ${perMaster.map((m) => `${m.node}=${m.count}`).join(' ')}`);
    expect(perMaster).toHaveLength(3);
    for (const m of perMaster) expect(m.count).toBeGreaterThan(0);
    expect(perMaster.reduce((a, m) => a + m.count, 0)).toBeGreaterThanOrEqual(30);
  });

  it('FAILOVER: a master is killed mid-stream; requests fail closed (503), nothing leaks, the gateways recover by themselves', async () => {
    // N mappings written before the kill (besides those of the stream itself)
    const token = await fleet.token(T.stream, { sub: 'writer' });
    const before = Array.from({ length: 60 }, (_, i) => plantedEmail(`pre${i}`));
    for (let i = 0; i < before.length; i += 10) {
      const batch = before.slice(i, i + 10);
      const r = await chat((fleet.gateways[(i / 10) % 3] as GatewayProcess).url, token, `Recipients: ${batch.join(', ')}.`);
      expect(r.status).toBe(200);
    }
    const masters = await cluster.masters();
    const victimPort = (masters[0] as { port: number }).port;
    const victim = cluster.nodes.find((n) => n.port === victimPort);
    if (!victim) throw new Error('victim master not found');

    const report = await streamThroughFailover(fleet, { ratePerS: 20, killAfterMs: 2000, kill: () => victim.kill(), maxAfterKillMs: 25_000, afterRecoveryOk: 20 });
    const okBeforeKill = report.results.filter((r) => r.status === 200 && r.doneAt < report.killAt);
    const lossBefore = await countLost(fleet, T.stream, before);
    const lossStream = await countLost(fleet, T.stream, okBeforeKill.map((r) => r.email));

    console.log(describeFailover('cluster', `cluster-node-timeout ${cluster.nodeTimeoutMs} ms`, report, lossBefore, lossStream));

    // fail closed: every refusal is 503 vault_unavailable; the upstream never saw a planted value
    expect(fleet.leakedBodies()).toBe(0);
    for (const r of report.results) if (r.status !== 200) expect(`${r.status} ${r.code ?? ''}`).toBe('503 vault_unavailable');
    // every 200 restored its own value
    for (const r of report.results) if (r.status === 200) expect(r.restored).toBe(true);
    // recovered without a restart, on every replica
    expect(report.failures).toBeGreaterThan(0);
    expect(report.firstSuccessAfterAt).toBeDefined();
    for (const g of fleet.gateways) {
      expect(g.proc.exitCode).toBeNull();
      const email = plantedEmail('after');
      const r = await chat(g.url, token, `Forward it to ${email}.`);
      expect(r.status).toBe(200);
    }
    expect(await cluster.masters()).toHaveLength(3);
  });
});
