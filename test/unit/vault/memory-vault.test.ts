import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryBackend, MemoryVault } from '../../../src/vault/memory-vault.js';
import { createVault } from '../../../src/vault/create.js';
import { defineVaultContract, masterKeys, type VaultHarness } from './vault-contract.js';

defineVaultContract('MemoryVault', async (): Promise<VaultHarness> => {
  let clock = 1_700_000_000_000;
  const now = (): number => clock;
  const backend = new MemoryBackend(10_000, now);
  const vaults: MemoryVault[] = [];
  return {
    make(mk) {
      const v = new MemoryVault({ keyPrefix: 'pgw:', masterKeys: mk, now, backend });
      vaults.push(v);
      return v;
    },
    async advance(ms) {
      clock += ms;
    },
    async rawEntries() {
      return [...backend.entries()];
    },
    async rawSet(key, blob, ttlSeconds) {
      await backend.getDel(key);
      await backend.putIfAbsent(key, blob, ttlSeconds);
    },
    async cleanup() {
      await backend.close();
    },
  };
});

describe('MemoryVault specifics', () => {
  const mk = masterKeys('k1', randomBytes(32));

  it('is bounded: least recently used values are evicted, data keys never', async () => {
    const v = new MemoryVault({ keyPrefix: 'p:', masterKeys: mk, maxEntries: 3 });
    const ids = ['aaaaaaaaaaaaa', 'bbbbbbbbbbbbb', 'ccccccccccccc', 'ddddddddddddd'];
    await v.store('t', [{ type: 'PERSON', id: ids[0]!, value: 'A' }], 60);
    await v.store('t', [{ type: 'PERSON', id: ids[1]!, value: 'B' }], 60);
    await v.store('t', [{ type: 'PERSON', id: ids[2]!, value: 'C' }], 60);
    await v.resolve('t', [{ type: 'PERSON', id: ids[0]! }]); // A becomes most recent
    await v.store('t', [{ type: 'PERSON', id: ids[3]!, value: 'D' }], 60); // evicts B
    expect(v.memory.size).toBe(3);
    const got = await v.resolve(
      't',
      ids.map((id) => ({ type: 'PERSON', id })),
    );
    expect([...got.values()].sort()).toEqual(['A', 'C', 'D']);
    await v.close();
  });

  it('sweeps expired values periodically', async () => {
    let clock = 0;
    const v = new MemoryVault({ keyPrefix: 'p:', masterKeys: mk, now: () => clock });
    await v.store('t', [{ type: 'PERSON', id: 'aaaaaaaaaaaaa', value: 'A' }], 1);
    expect(v.memory.size).toBe(1);
    clock += 1001;
    v.memory.sweepExpired();
    expect(v.memory.size).toBe(0);
    await v.close();
  });

  it('createVault without a Redis client gives the embedded vault', async () => {
    const v = createVault({ redis: undefined, keyPrefix: 'p:', masterKeys: mk });
    expect(v).toBeInstanceOf(MemoryVault);
    expect(await v.ping()).toBe(true);
    await v.close();
  });
});
