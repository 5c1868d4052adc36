import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KillSwitch } from '../../src/incident/kill-switch.js';
import { RedisSharedState } from '../../src/incident/redis-shared-state.js';
import { Revocations } from '../../src/incident/revocations.js';

const prefix = `pgwtest:${randomUUID()}:`;
let clientA: Redis;
let clientB: Redis;

/** Waits until `check` holds, polling every 20 ms; returns the ms it took, or throws after `limitMs`. */
async function within(limitMs: number, check: () => boolean): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

beforeAll(() => {
  const url = inject('redisUrl');
  // two clients: two replicas
  clientA = new Redis(url);
  clientB = new Redis(url);
});

afterAll(async () => {
  const keys = await clientA.keys(`${prefix}*`);
  if (keys.length > 0) await clientA.del(...keys);
  clientA.disconnect();
  clientB.disconnect();
});

const alice = { subject: 'alice', tenant: 'acme', jti: 'jti-1', iat: Math.floor(Date.now() / 1000) };

describe('incident stores on Redis, two replicas', () => {
  it('a revocation set through replica A holds on replica B within a second', async () => {
    const a = new Revocations(new RedisSharedState(clientA, prefix));
    const b = new Revocations(new RedisSharedState(clientB, prefix));
    await Promise.all([a.start(), b.start()]);
    try {
      expect(b.isRevoked(alice)).toBe(false);
      await a.set({ kind: 'jti', jti: 'jti-1' }, Date.now() + 60_000);
      expect(a.isRevoked(alice)).toBe(true); // at once on the replica that set it
      await within(1000, () => b.isRevoked(alice));

      await a.set({ kind: 'subject', tenant: 'acme', subject: 'bob' }, Date.now() + 60_000);
      await within(1000, () => b.isRevoked({ subject: 'bob', tenant: 'acme' }));
      expect(b.isRevoked({ subject: 'bob', tenant: 'other' })).toBe(false);

      expect((await b.list()).map((e) => e.kind).sort()).toEqual(['jti', 'subject']);
      await b.clear({ kind: 'jti', jti: 'jti-1' });
      await within(1000, () => !a.isRevoked(alice));
      expect(b.healthy && a.healthy).toBe(true);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('a revocation expires by itself on every replica, and the hash is pruned', async () => {
    const a = new Revocations(new RedisSharedState(clientA, prefix));
    const b = new Revocations(new RedisSharedState(clientB, prefix));
    await Promise.all([a.start(), b.start()]);
    try {
      await a.set({ kind: 'jti', jti: 'short' }, Date.now() + 600);
      const p = { ...alice, jti: 'short' };
      await within(1000, () => b.isRevoked(p));
      await within(1500, () => !b.isRevoked(p) && !a.isRevoked(p));
      await b.refresh(true); // a full reload prunes expired fields
      expect(await clientA.hexists(`${prefix}incident:revocations`, 'j:short')).toBe(0);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('the kill switch set through replica A holds on replica B within a second', async () => {
    const a = new KillSwitch(new RedisSharedState(clientA, prefix));
    const b = new KillSwitch(new RedisSharedState(clientB, prefix));
    await Promise.all([a.start(), b.start()]);
    try {
      await a.set({ tenant: 'acme' }, 'incident 7');
      await within(1000, () => b.isKilled('acme') !== undefined);
      expect(b.isKilled('acme')).toEqual({ message: 'incident 7' });
      expect(b.isKilled('other')).toBeUndefined();

      await a.set({ all: true }, 'everyone off', Date.now() + 700);
      await within(1000, () => b.isKilled('other') !== undefined);
      await within(1500, () => b.isKilled('other') === undefined); // expired
      expect(b.isKilled('acme')).toEqual({ message: 'incident 7' });

      await b.clear({ tenant: 'acme' });
      await within(1000, () => a.isKilled('acme') === undefined);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('keeps the last snapshot and reports unhealthy when Redis stops answering, then recovers', async () => {
    const url = inject('redisUrl');
    const flaky = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    flaky.on('error', () => {});
    await flaky.connect();
    const health: boolean[] = [];
    const r = new Revocations(new RedisSharedState(flaky, prefix), { timeoutMs: 300, onHealthChange: (h) => health.push(h) });
    await r.start();
    try {
      await r.set({ kind: 'jti', jti: 'kept' }, Date.now() + 60_000);
      flaky.disconnect(); // no reconnect: commands fail at once
      await r.refresh(true);
      expect(r.healthy).toBe(false);
      expect(r.isRevoked({ ...alice, jti: 'kept' })).toBe(true);
      await within(1000, () => flaky.status === 'end');
      await flaky.connect();
      await within(2000, () => r.healthy);
      expect(health).toEqual([false, true]);
    } finally {
      r.stop();
      flaky.disconnect();
    }
  });
});
