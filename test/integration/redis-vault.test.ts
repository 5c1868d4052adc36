import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { RedisConnection } from '../../src/config/redis.js';
import { createRedis, escapeGlob, type RedisClient } from '../../src/vault/redis-client.js';
import { RedisVault } from '../../src/vault/redis-vault.js';
import { createVault } from '../../src/vault/create.js';
import { tenantHash } from '../../src/vault/seal.js';
import { defineVaultContract, masterKeys, type VaultHarness } from '../unit/vault/vault-contract.js';
import { startOwnRedis, type OwnRedis } from '../helpers/redis-server.js';

function standalone(url: string, keyPrefix: string): RedisConnection {
  return { mode: 'standalone', url, common: { username: undefined, password: undefined, tls: false, keyPrefix, commandTimeoutMs: 1500 } };
}

async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const node = client as Redis;
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

async function ready(client: RedisClient): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve());
    setTimeout(() => reject(new Error('redis not ready')), 5000).unref();
  });
}

const url = inject('redisUrl');

defineVaultContract('RedisVault (shared Redis)', async (): Promise<VaultHarness> => {
  const prefix = `pgwtest:${randomUUID()}:`;
  const client = createRedis(standalone(url, prefix));
  await ready(client);
  return {
    make(mk) {
      return new RedisVault(client, { keyPrefix: prefix, masterKeys: mk, closeClient: false });
    },
    advance: (ms) => sleep(ms),
    async rawEntries() {
      const keys = await scanKeys(client, `${escapeGlob(prefix)}*`);
      const values = await Promise.all(keys.map((k) => client.getBuffer(k)));
      return keys.map((k, i): [string, Buffer] => [k, values[i] ?? Buffer.alloc(0)]);
    },
    async rawSet(key, blob, ttlSeconds) {
      await client.set(key, blob, 'EX', ttlSeconds);
    },
    async cleanup() {
      const keys = await scanKeys(client, `${escapeGlob(prefix)}*`);
      await Promise.all(keys.map((k) => client.del(k)));
      await client.quit();
    },
  };
});

describe('RedisVault on Redis', () => {
  const prefix = `pgwtest:${randomUUID()}:`;
  const mk = masterKeys('k1', randomBytes(32));
  let client: RedisClient;
  let vault: RedisVault;

  beforeAll(async () => {
    client = createRedis(standalone(url, prefix));
    await ready(client);
    vault = new RedisVault(client, { keyPrefix: prefix, masterKeys: mk, closeClient: false });
  });
  afterAll(async () => {
    const keys = await scanKeys(client, `${escapeGlob(prefix)}*`);
    await Promise.all(keys.map((k) => client.del(k)));
    await client.quit();
  });

  it('lays keys out as prefix v:<tenantHash>:<type>:<id>, with a TTL; the DEK key has none', async () => {
    await vault.store('acme', [{ type: 'EMAIL', id: 'k3j9x2m4q8w1t', value: 'a@example.com' }], 120);
    const th = tenantHash('acme');
    const vk = `${prefix}v:${th}:EMAIL:k3j9x2m4q8w1t`;
    const ttl = await client.ttl(vk);
    expect(ttl).toBeGreaterThan(100);
    expect(await client.ttl(`${prefix}dk:${th}`)).toBe(-1);
  });

  it('eraseTenant: the background sweep removes the erased entries, not later ones', async () => {
    const t = `sweep-${randomUUID()}`;
    const ms = Array.from({ length: 50 }, (_, i) => ({ type: 'PERSON', id: `sw${String(i).padStart(11, '0')}`, value: `Person ${i}` }));
    await vault.store(t, ms, 300);
    const pattern = `${escapeGlob(prefix)}v:${tenantHash(t)}:*`;
    expect((await scanKeys(client, pattern)).length).toBe(50);
    await vault.eraseTenant(t);
    await vault.store(t, [{ type: 'EMAIL', id: 'newnewnewnewn', value: 'fresh@example.com' }], 300);
    await vault.whenIdle();
    const left = await scanKeys(client, pattern);
    expect(left).toEqual([`${prefix}v:${tenantHash(t)}:EMAIL:newnewnewnewn`]);
  });

  it('createVault with a client gives the Redis vault', async () => {
    const v = createVault({ redis: client, keyPrefix: prefix, masterKeys: mk, closeClient: false });
    expect(v).toBeInstanceOf(RedisVault);
    expect(await v.ping()).toBe(true);
  });
});

describe('RedisVault faults and cost (private redis-server)', () => {
  let own: OwnRedis | undefined;
  let client: RedisClient | undefined;
  const prefix = 'pgwfault:';
  const mk = masterKeys('k1', randomBytes(32));

  afterAll(async () => {
    client?.disconnect();
    await own?.stop();
  });

  it('fails fast (GW_ERR_VAULT_UNAVAILABLE) when Redis dies or hangs, and recovers by itself', async () => {
    own = await startOwnRedis();
    const port = own.port;
    const errors: string[] = [];
    client = createRedis(standalone(own.url, prefix), { onError: (e) => errors.push(e.message) });
    await ready(client);
    const vault = new RedisVault(client, { keyPrefix: prefix, masterKeys: mk, closeClient: false });
    const m = { type: 'EMAIL', id: 'faultfaultfau', value: 'fault@example.com' };
    await vault.store('t', [m], 60);

    // hung server: accepts nothing new, answers nothing → command timeout
    own.process.kill('SIGSTOP');
    let t0 = Date.now();
    await expect(vault.store('t', [{ ...m, id: 'hunghunghungh' }], 60)).rejects.toMatchObject({ code: 'GW_ERR_VAULT_UNAVAILABLE' });
    expect(Date.now() - t0).toBeLessThan(3000);
    own.process.kill('SIGCONT');
    await sleep(200);

    // dead server
    await own.stop();
    t0 = Date.now();
    const err = await vault.store('t', [{ ...m, id: 'deaddeaddeadd' }], 60).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'GW_ERR_VAULT_UNAVAILABLE', publicCode: 'vault_unavailable', status: 503 });
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(vault.resolve('t', [m])).rejects.toMatchObject({ code: 'GW_ERR_VAULT_UNAVAILABLE' });
    expect(await vault.ping()).toBe(false);
    // the cause carries no key (keys hold token ids) and no value
    expect(JSON.stringify((err as Error).cause ?? {})).not.toContain('deaddead');

    await sleep(600); // a few reconnect attempts fail meanwhile

    // back on the same port: the same client and vault recover without help
    own = await startOwnRedis([], port);
    t0 = Date.now();
    let recovered = false;
    while (Date.now() - t0 < 10_000) {
      try {
        await vault.store('t', [{ ...m, id: 'backbackbackb' }], 60);
        recovered = true;
        break;
      } catch {
        await sleep(100);
      }
    }
    expect(recovered).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await vault.ping()).toBe(true);
    expect(errors.length).toBeGreaterThan(0); // connection errors went to the hook, not to an unhandled 'error'
    // the restarted server lost the DEK: the old cached one is dropped, a new one made
    expect((await vault.resolve('t', [{ type: 'EMAIL', id: 'backbackbackb' }])).get('backbackbackb')).toBe(m.value);
  });

  it('measures commands and bytes per stored mapping', async () => {
    expect(client).toBeDefined();
    const c = client as Redis;
    const vault = new RedisVault(c, { keyPrefix: prefix, masterKeys: mk, closeClient: false });
    const stats = async (): Promise<{ cmds: number; inBytes: number; outBytes: number }> => {
      const info = await c.info('stats');
      const num = (name: string): number => Number(new RegExp(`${name}:(\\d+)`).exec(info)?.[1] ?? NaN);
      return { cmds: num('total_commands_processed'), inBytes: num('total_net_input_bytes'), outBytes: num('total_net_output_bytes') };
    };
    const batch = (n: number, tag: string): { type: string; id: string; value: string }[] =>
      Array.from({ length: n }, (_, i) => ({ type: 'EMAIL', id: `${tag}${String(i).padStart(13 - tag.length, '0')}`, value: `someone.${i}@example.com` }));
    await vault.store('measure', batch(1, 'w'), 3600); // DEK created and cached
    const run = async (ms: { type: string; id: string; value: string }[]): Promise<{ cmds: number; inBytes: number; outBytes: number }> => {
      const a = await stats();
      await vault.store('measure', ms, 3600);
      const b = await stats();
      return { cmds: b.cmds - a.cmds, inBytes: b.inBytes - a.inBytes, outBytes: b.outBytes - a.outBytes };
    };
    const one = await run(batch(1, 'a'));
    const many = await run(batch(101, 'b'));
    const again = await run(batch(101, 'b')); // all stored moments ago by this replica: not re-sent
    const per = (x: number, y: number): number => Math.round((y - x) / 100);
    const newPer = { cmds: per(one.cmds, many.cmds), inBytes: per(one.inBytes, many.inBytes), outBytes: per(one.outBytes, many.outBytes) };
    const existingPer = { cmds: per(one.cmds, again.cmds), inBytes: per(one.inBytes, again.inBytes), outBytes: per(one.outBytes, again.outBytes) };
    const usage = await c.memory('USAGE', `${prefix}v:${tenantHash('measure')}:EMAIL:b000000000000`);
    console.log(`vault cost per mapping (value ~22 bytes): new ${JSON.stringify(newPer)}, existing ${JSON.stringify(existingPer)}, MEMORY USAGE ${usage} bytes`);
    // a new value: one SET NX GET; an existing one (stored by another replica) adds an EXPIRE GT;
    // one this replica stored within the last minute is not re-sent (only the call's single DEK read)
    expect(newPer.cmds).toBe(1);
    expect(existingPer.cmds).toBe(0);
    expect(again.cmds).toBeLessThanOrEqual(2); // the DEK read, plus the INFO that measures it
    expect(newPer.inBytes).toBeLessThan(250);
  });
});
