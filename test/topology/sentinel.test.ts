import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentinelGroup, topologySkipReason, type SentinelTopology } from '../helpers/redis-topology.js';
import { T, chat, countLost, describeFailover, plantedEmail, startFleet, streamThroughFailover, type Fleet } from '../helpers/topology-fleet.js';
import { erasureSeenByAll, rateLimitAcrossReplicas, revocationAndKillSwitch, tokenMintedOnARestoredOnB } from '../helpers/topology-scenarios.js';
import type { GatewayProcess } from '../helpers/start-gateway.js';

/**
 * Three gateway processes on a Sentinel group (1 master, 1 replica, 3 sentinels, quorum 2), then the
 * master is SIGKILLed during a steady stream of requests with personal data.
 */

const DOWN_AFTER_MS = 1000;
const FAILOVER_TIMEOUT_MS = 3000;

const skip = topologySkipReason();
if (skip) console.warn(`[topology] ${skip}`);

describe.skipIf(skip !== undefined)('three gateways on Redis Sentinel (1 master + 1 replica, 3 sentinels)', () => {
  let group: SentinelTopology;
  let fleet: Fleet;

  beforeAll(async () => {
    group = await startSentinelGroup({ downAfterMs: DOWN_AFTER_MS, failoverTimeoutMs: FAILOVER_TIMEOUT_MS });
    fleet = await startFleet({ REDIS_SENTINELS: group.sentinelAddrs, REDIS_SENTINEL_NAME: group.name });
  });

  afterAll(async () => {
    await fleet?.stop();
    await group?.stop();
  });

  it('a token minted through replica A is restored through replica B (restore_scope: tenant)', async () => {
    await tokenMintedOnARestoredOnB(fleet);
  });

  it('a tenant rate limit holds across all three replicas', async () => {
    await rateLimitAcrossReplicas(fleet);
  });

  it('a revocation and a kill switch set through one replica are honoured by the others within a second', async () => {
    const { revokeMs, killMs } = await revocationAndKillSwitch(fleet);
    console.log(`[sentinel] revocation seen by the other replicas after ${revokeMs} ms, kill switch after ${killMs} ms`);
  });

  it('erasure of a tenant through one replica is seen by all', async () => {
    const ms = await erasureSeenByAll(fleet);
    console.log(`[sentinel] tenant erasure honoured by all replicas after ${ms} ms`);
  });

  it('FAILOVER: the master is killed mid-stream; requests fail closed (503), nothing leaks, the gateways recover by themselves', async () => {
    const token = await fleet.token(T.stream, { sub: 'writer' });
    const before = Array.from({ length: 60 }, (_, i) => plantedEmail(`pre${i}`));
    for (let i = 0; i < before.length; i += 10) {
      const batch = before.slice(i, i + 10);
      const r = await chat((fleet.gateways[(i / 10) % 3] as GatewayProcess).url, token, `Recipients: ${batch.join(', ')}.`);
      expect(r.status).toBe(200);
    }
    expect(await group.currentMasterPort()).toBe(group.master.port);

    const report = await streamThroughFailover(fleet, { ratePerS: 20, killAfterMs: 2000, kill: () => group.master.kill(), maxAfterKillMs: 30_000, afterRecoveryOk: 20 });
    const okBeforeKill = report.results.filter((r) => r.status === 200 && r.doneAt < report.killAt);
    const lossBefore = await countLost(fleet, T.stream, before);
    const lossStream = await countLost(fleet, T.stream, okBeforeKill.map((r) => r.email));

    console.log(describeFailover('sentinel', `down-after-milliseconds ${DOWN_AFTER_MS}, failover-timeout ${FAILOVER_TIMEOUT_MS}`, report, lossBefore, lossStream));

    expect(fleet.leakedBodies()).toBe(0);
    for (const r of report.results) if (r.status !== 200) expect(`${r.status} ${r.code ?? ''}`).toBe('503 vault_unavailable');
    for (const r of report.results) if (r.status === 200) expect(r.restored).toBe(true);
    expect(report.failures).toBeGreaterThan(0);
    expect(report.firstSuccessAfterAt).toBeDefined();
    for (const g of fleet.gateways) {
      expect(g.proc.exitCode).toBeNull();
      const r = await chat(g.url, token, `Forward it to ${plantedEmail('after')}.`);
      expect(r.status).toBe(200);
    }
    expect(await group.currentMasterPort()).toBe(group.replica.port);
  });
});
