import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SealError,
  dataKeyIdOfValue,
  newDataKey,
  openDataKey,
  openValue,
  parseMasterKeys,
  sealDataKey,
  sealValue,
  tenantHash,
} from '../../../src/vault/seal.js';

describe('seal', () => {
  const k1 = randomBytes(32);
  const mk = { current: { id: 'k1', key: k1 }, old: new Map<string, Buffer>() };

  it('values open only in their own context (tenant, type, id) and under their own DEK', () => {
    const dk = newDataKey();
    const blob = sealValue(dk, 't1', 'EMAIL', 'abc', 'a@example.com');
    expect(blob.length).toBe(33 + 'a@example.com'.length);
    expect(openValue(dk, 't1', 'EMAIL', 'abc', blob)).toBe('a@example.com');
    expect(openValue(dk, 't2', 'EMAIL', 'abc', blob)).toBeUndefined();
    expect(openValue(dk, 't1', 'PERSON', 'abc', blob)).toBeUndefined();
    expect(openValue(dk, 't1', 'EMAIL', 'abd', blob)).toBeUndefined();
    expect(openValue(newDataKey(), 't1', 'EMAIL', 'abc', blob)).toBeUndefined();
    const tampered = Buffer.from(blob);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(openValue(dk, 't1', 'EMAIL', 'abc', tampered)).toBeUndefined();
    expect(dataKeyIdOfValue(blob)?.equals(dk.id)).toBe(true);
  });

  it('DEKs open under the current or a retired master key, bound to the tenant', () => {
    const dk = newDataKey();
    const blob = sealDataKey(mk, 'tenant', dk);
    expect(blob.length).toBe(66 + 2);
    const opened = openDataKey(mk, 'tenant', blob);
    expect(opened.dk.key.equals(dk.key) && opened.dk.id.equals(dk.id)).toBe(true);
    expect(opened.stale).toBe(false);
    expect(() => openDataKey(mk, 'other', blob)).toThrow(SealError);

    const rotated = { current: { id: 'k2', key: randomBytes(32) }, old: new Map([['k1', k1]]) };
    const r = openDataKey(rotated, 'tenant', blob);
    expect(r.stale).toBe(true);
    expect(r.keyId).toBe('k1');
    const onlyNew = { current: rotated.current, old: new Map<string, Buffer>() };
    expect(() => openDataKey(onlyNew, 'tenant', blob)).toThrow(expect.objectContaining({ reason: 'unknown-key', keyId: 'k1' }));
    // same id, wrong key bytes: does not authenticate
    const wrong = { current: { id: 'k1', key: randomBytes(32) }, old: new Map<string, Buffer>() };
    expect(() => openDataKey(wrong, 'tenant', blob)).toThrow(expect.objectContaining({ reason: 'auth' }));
  });

  it('parses VAULT_KEY / VAULT_OLD_KEYS and refuses bad ones without echoing key material', () => {
    const b64 = k1.toString('base64');
    const old = randomBytes(32).toString('base64');
    const keys = parseMasterKeys('k2', b64, ` k0:${old} ,`);
    expect(keys.current.id).toBe('k2');
    expect(keys.old.get('k0')?.toString('base64')).toBe(old);
    expect(() => parseMasterKeys('k1', 'c2hvcnQ=')).toThrow(/VAULT_KEY must be/);
    expect(() => parseMasterKeys('k1', b64, 'nocolon')).toThrow(/VAULT_OLD_KEYS/);
    expect(() => parseMasterKeys('k1', b64, `k1:${old}`)).toThrow(/must not repeat/);
    try {
      parseMasterKeys('k1', b64, `k0:${old.slice(0, 10)}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(old.slice(0, 10));
    }
  });

  it('tenant hashes are short, key-safe and distinct', () => {
    const h = tenantHash('acme {x}:*');
    expect(h).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(tenantHash('acme')).not.toBe(tenantHash('acme '));
  });
});
