import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeVault } from '../../../src/vault/envelope-vault.js';
import type { MasterKeys } from '../../../src/vault/seal.js';
import type { Mapping } from '../../../src/vault/vault.js';

/**
 * The Vault contract, run against every implementation (memory-vault.test.ts, redis-vault.test.ts).
 * A harness builds vaults ("replicas") over ONE shared storage, with any master keys.
 */
export interface VaultHarness {
  /** a vault over the shared storage; the harness closes it */
  make(masterKeys: MasterKeys): EnvelopeVault;
  /** lets `ms` pass (a fake clock, or a real sleep for Redis TTLs) */
  advance(ms: number): Promise<void>;
  /** every raw key and value the vaults wrote */
  rawEntries(): Promise<Array<[string, Buffer]>>;
  /** writes a raw blob under a key (with a TTL), as an attacker or a bug might */
  rawSet(key: string, blob: Buffer, ttlSeconds: number): Promise<void>;
  /** remove what the vaults wrote and close clients */
  cleanup(): Promise<void>;
}

export function masterKeys(id: string, key: Buffer, old: Record<string, Buffer> = {}): MasterKeys {
  return { current: { id, key }, old: new Map(Object.entries(old)) };
}

let seq = 0;
/** a fresh tenant name per test, with characters that must not break key layout */
function tenant(label: string): string {
  return `tenant {${label}}:*?[x] ${++seq} ${randomBytes(3).toString('hex')}`;
}
/** a fresh 13-char id */
function id(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let s = '';
  for (const b of randomBytes(13)) s += alphabet[b & 31];
  return s;
}

export function defineVaultContract(name: string, setup: () => Promise<VaultHarness>): void {
  describe(`Vault contract: ${name}`, () => {
    let h: VaultHarness;
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const keysV1 = masterKeys('k1', k1);
    let vault: EnvelopeVault;

    beforeAll(async () => {
      h = await setup();
      vault = h.make(keysV1);
    });
    afterAll(async () => {
      await h?.cleanup();
    });

    it('round-trips values by id', async () => {
      const t = tenant('rt');
      const a: Mapping = { type: 'EMAIL', id: id(), value: 'Ann.Round@example.com' };
      const b: Mapping = { type: 'PERSON', id: id(), value: 'Ann Roundtrip' };
      await vault.store(t, [a, b], 60);
      const got = await vault.resolve(t, [
        { type: 'EMAIL', id: a.id },
        { type: 'PERSON', id: b.id },
        { type: 'PERSON', id: id() },
      ]);
      expect(got).toEqual(
        new Map([
          [a.id, a.value],
          [b.id, b.value],
        ]),
      );
      // a second replica (empty DEK cache) reads the same
      const other = h.make(keysV1);
      expect(await other.resolve(t, [{ type: 'EMAIL', id: a.id }])).toEqual(new Map([[a.id, a.value]]));
    });

    it('storing the same id with the same (normalized) value again is idempotent', async () => {
      const t = tenant('idem');
      const m: Mapping = { type: 'EMAIL', id: id(), value: 'Idem.Potent@Example.com' };
      await vault.store(t, [m], 60);
      await vault.store(t, [m, m], 60);
      await vault.store(t, [{ ...m, value: '  idem.potent@example.com ' }], 60);
      // two spellings of the value in one call, and again while this replica remembers the first
      await vault.store(t, [m, { ...m, value: 'IDEM.POTENT@EXAMPLE.COM' }], 60);
      await vault.store(t, [{ ...m, value: 'idem.potent@EXAMPLE.com' }], 60);
      await h.make(keysV1).store(t, [m], 60);
      expect((await vault.resolve(t, [m]))?.get(m.id)).toBe(m.value);
    });

    it('detects a collision (same id, another value): rejects, never overwrites', async () => {
      const t = tenant('coll');
      const m: Mapping = { type: 'PERSON', id: id(), value: 'Colin Lision' };
      await vault.store(t, [m], 60);
      const other = { ...m, value: 'Somebody Else' };
      await expect(vault.store(t, [other], 60)).rejects.toMatchObject({ code: 'GW_VAULT_COLLISION' });
      await expect(h.make(keysV1).store(t, [other], 60)).rejects.toMatchObject({ code: 'GW_VAULT_COLLISION' });
      // within one call, too
      await expect(vault.store(t, [{ type: 'PHONE', id: m.id, value: '+1 555 0100' }, { type: 'PHONE', id: m.id, value: '+1 555 0199' }], 60)).rejects.toMatchObject({
        code: 'GW_VAULT_COLLISION',
      });
      expect((await vault.resolve(t, [m])).get(m.id)).toBe('Colin Lision');
      // the error names no value and no id
      const err = await vault.store(t, [other], 60).catch((e: unknown) => e);
      expect(String((err as Error).message)).not.toContain('Somebody');
      expect(String((err as Error).message)).not.toContain(m.id);
    });

    it('expires values after their TTL, and a repeated store extends the TTL', async () => {
      const t = tenant('ttl');
      const short: Mapping = { type: 'EMAIL', id: id(), value: 'short.lived@example.com' };
      const kept: Mapping = { type: 'EMAIL', id: id(), value: 'kept.alive@example.com' };
      await vault.store(t, [short], 1);
      await vault.store(t, [kept], 2);
      await h.advance(1200);
      await vault.store(t, [kept], 2); // refresh
      await h.advance(1200);
      const got = await vault.resolve(t, [short, kept]);
      expect(got.has(short.id)).toBe(false);
      expect(got.get(kept.id)).toBe(kept.value);
    });

    it("never resolves tenant A's id for tenant B", async () => {
      const a = tenant('A');
      const b = tenant('B');
      const m: Mapping = { type: 'PERSON', id: id(), value: 'Alice Tenanta' };
      await vault.store(a, [m], 60);
      await vault.store(b, [{ type: 'PERSON', id: id(), value: 'Bob Tenantb' }], 60); // B has a DEK too
      expect((await vault.resolve(b, [m])).size).toBe(0);
      expect((await vault.resolve(a, [m])).get(m.id)).toBe(m.value);
      // B may store the same id for its own value: no collision across tenants
      await vault.store(b, [{ ...m, value: 'Bob Other' }], 60);
      expect((await vault.resolve(b, [m])).get(m.id)).toBe('Bob Other');
      expect((await vault.resolve(a, [m])).get(m.id)).toBe(m.value);
    });

    it('master key rotation: old values readable with VAULT_OLD_KEYS, unreadable (not destroyed) without', async () => {
      const t = tenant('rot');
      const m: Mapping = { type: 'IBAN', id: id(), value: 'DE89 3704 0044 0532 0130 00' };
      await h.make(keysV1).store(t, [m], 60);

      const withoutOld = h.make(masterKeys('k2', k2));
      expect((await withoutOld.resolve(t, [m])).size).toBe(0);
      // it cannot read the tenant's DEK, and it must not replace it (that would shred the tenant)
      await expect(withoutOld.store(t, [{ type: 'EMAIL', id: id(), value: 'x@example.com' }], 60)).rejects.toMatchObject({ code: 'GW_ERR_VAULT_UNAVAILABLE' });

      const rotated = h.make(masterKeys('k2', k2, { k1 }));
      expect((await rotated.resolve(t, [m])).get(m.id)).toBe(m.value);
      const n: Mapping = { type: 'EMAIL', id: id(), value: 'after.rotation@example.com' };
      await rotated.store(t, [n], 60);
      await rotated.whenIdle(); // lazy re-seal of the DEK under k2

      const k2only = h.make(masterKeys('k2', k2));
      expect(await k2only.resolve(t, [m, n])).toEqual(
        new Map([
          [m.id, m.value],
          [n.id, n.value],
        ]),
      );
      // and the retired key alone no longer opens it
      expect((await h.make(keysV1).resolve(t, [m])).size).toBe(0);
    });

    it('eraseTenant: every value unreadable at once (other replicas within ~1 s); other tenants untouched; the tenant can start over', async () => {
      const t = tenant('erase');
      const keep = tenant('keep');
      const ms: Mapping[] = [
        { type: 'EMAIL', id: id(), value: 'erase.me@example.com' },
        { type: 'PERSON', id: id(), value: 'Erin Erasure' },
      ];
      const replica = h.make(keysV1);
      await vault.store(t, ms, 60);
      await vault.store(keep, ms, 60);
      expect((await replica.resolve(t, ms)).size).toBe(2); // replica caches the DEK
      await vault.eraseTenant(t);
      expect((await vault.resolve(t, ms)).size).toBe(0);
      await h.advance(1100);
      expect((await replica.resolve(t, ms)).size).toBe(0);
      expect((await vault.resolve(keep, ms)).size).toBe(2);
      await vault.whenIdle();

      // same ids, new values: the leftovers are stale, not collisions
      const again = ms.map((m) => ({ ...m, value: `${m.value} two` }));
      await replica.store(t, again, 60);
      expect(await vault.resolve(t, again)).toEqual(new Map(again.map((m) => [m.id, m.value])));
      await vault.eraseTenant(keep);
      await vault.whenIdle();
    });

    it('a sealed value moved to another tenant, type or id does not open there, and is replaced as unreadable', async () => {
      const a = tenant('movA');
      const b = tenant('movB');
      const m: Mapping = { type: 'PERSON', id: id(), value: 'Moritz Moved' };
      await vault.store(a, [m], 60);
      await vault.store(b, [{ type: 'EMAIL', id: id(), value: 'b@example.com' }], 60); // B has its own DEK
      const raw = new Map(await h.rawEntries());
      const blob = raw.get(vault.valueKey(a, m.type, m.id));
      expect(blob).toBeDefined();
      const otherId = id();
      await h.rawSet(vault.valueKey(b, m.type, m.id), blob!, 60);
      await h.rawSet(vault.valueKey(a, m.type, otherId), blob!, 60);
      await h.rawSet(vault.valueKey(a, 'EMAIL', m.id), blob!, 60);
      expect((await vault.resolve(b, [m])).size).toBe(0);
      expect((await vault.resolve(a, [{ type: m.type, id: otherId }, { type: 'EMAIL', id: m.id }])).size).toBe(0);
      // storing over such an entry is not a collision: nobody can read it, so it is replaced
      await vault.store(b, [{ ...m, value: 'Bea Owner' }], 60);
      expect((await vault.resolve(b, [m])).get(m.id)).toBe('Bea Owner');
      expect((await vault.resolve(a, [m])).get(m.id)).toBe(m.value);
    });

    it('eraseValue deletes one entry and says whether it existed', async () => {
      const t = tenant('ev');
      const m: Mapping = { type: 'PHONE', id: id(), value: '+44 20 7946 0958' };
      const n: Mapping = { type: 'PHONE', id: id(), value: '+44 20 7946 0959' };
      await vault.store(t, [m, n], 60);
      expect(await vault.eraseValue(t, m.type, m.id)).toBe(true);
      expect(await vault.eraseValue(t, m.type, m.id)).toBe(false);
      expect(await vault.eraseValue(t, 'PHONE', 'NOT-AN-ID')).toBe(false);
      const got = await vault.resolve(t, [m, n]);
      expect(got.has(m.id)).toBe(false);
      expect(got.get(n.id)).toBe(n.value);
    });

    it('resolve ignores unknown and malformed refs; store refuses malformed ones', async () => {
      const t = tenant('bad');
      expect((await vault.resolve(t, [{ type: 'EMAIL', id: id() }])).size).toBe(0);
      expect((await vault.resolve(t, [{ type: 'email:*', id: 'x' }, { type: 'EMAIL', id: 'A*' }])).size).toBe(0);
      await expect(vault.store(t, [{ type: 'EMAIL', id: 'a:b', value: 'v' }], 60)).rejects.toThrow(RangeError);
      await vault.store(t, [], 60);
      expect(await vault.ping()).toBe(true);
    });

    it('stores nothing in clear: no planted value (nor the tenant name) in any raw key or value', async () => {
      const t = tenant('PlantedTenantName');
      const planted: Mapping[] = [
        { type: 'EMAIL', id: id(), value: 'zyxw.planted@example.org' },
        { type: 'PERSON', id: id(), value: 'Quirinus Plantagenet' },
        { type: 'CREDIT_CARD', id: id(), value: '4111111111111111' },
      ];
      await vault.store(t, planted, 60);
      const raw = await h.rawEntries();
      expect(raw.length).toBeGreaterThan(0);
      const needles = [...planted.map((m) => m.value), 'PlantedTenantName', 'Plantagenet', '41111111'];
      for (const [k, v] of raw) {
        for (const n of needles) {
          expect(k).not.toContain(n);
          expect(v.toString('latin1')).not.toContain(n);
          expect(v.toString('utf8')).not.toContain(n);
          expect(v.includes(Buffer.from(n, 'utf8'))).toBe(false);
        }
        expect(k).not.toMatch(/[{}]/); // no hash tags: values spread over the cluster
      }
    });
  });
}
