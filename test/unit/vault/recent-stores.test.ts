import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryVault } from '../../../src/vault/memory-vault.js';
import { parseMasterKeys } from '../../../src/vault/seal.js';
import { isVaultCollision } from '../../../src/vault/vault.js';

// A replica does not re-send values it stored moments ago (a conversation re-sends its history on
// every turn), but that memory never hides a collision, an erasure or an unanswering store.
function vault(now: () => number): MemoryVault {
  return new MemoryVault({ keyPrefix: 't:', masterKeys: parseMasterKeys('k1', randomBytes(32).toString('base64')), now });
}
const m = (id: string, value: string) => ({ type: 'EMAIL', id, value });

describe('recently stored values', () => {
  it('still detects a collision on a remembered id', async () => {
    const v = vault(() => 1000);
    await v.store('acme', [m('aaaaaaaaaaaaa', 'one@example.com')], 3600);
    await expect(v.store('acme', [m('aaaaaaaaaaaaa', 'two@example.com')], 3600)).rejects.toSatisfy(isVaultCollision);
  });

  it('re-stores a value after it was erased through this replica', async () => {
    const v = vault(() => 1000);
    await v.store('acme', [m('bbbbbbbbbbbbb', 'b@example.com')], 3600);
    expect(await v.eraseValue('acme', 'EMAIL', 'bbbbbbbbbbbbb')).toBe(true);
    await v.store('acme', [m('bbbbbbbbbbbbb', 'b@example.com')], 3600);
    expect((await v.resolve('acme', [{ type: 'EMAIL', id: 'bbbbbbbbbbbbb' }])).get('bbbbbbbbbbbbb')).toBe('b@example.com');
  });

  it('re-stores every value after the tenant was erased', async () => {
    const v = vault(() => 1000);
    await v.store('acme', [m('ccccccccccccc', 'c@example.com')], 3600);
    await v.eraseTenant('acme');
    await v.store('acme', [m('ccccccccccccc', 'c@example.com')], 3600);
    expect((await v.resolve('acme', [{ type: 'EMAIL', id: 'ccccccccccccc' }])).get('ccccccccccccc')).toBe('c@example.com');
  });

  it('trusts its memory for at most half the retention', async () => {
    let t = 1000;
    const v = vault(() => t);
    await v.store('acme', [m('ddddddddddddd', 'd@example.com')], 10);
    t += 6000; // past half of 10 s, and past the 10 s expiry of the entry
    t += 5000;
    await v.store('acme', [m('ddddddddddddd', 'd@example.com')], 10);
    expect((await v.resolve('acme', [{ type: 'EMAIL', id: 'ddddddddddddd' }])).get('ddddddddddddd')).toBe('d@example.com');
  });
});
