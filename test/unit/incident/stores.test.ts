import { describe, expect, it } from 'vitest';
import { KillSwitch } from '../../../src/incident/kill-switch.js';
import { Revocations } from '../../../src/incident/revocations.js';
import { MemorySharedState, type HashSnapshot, type SharedState } from '../../../src/incident/shared-state.js';

/** A SharedState whose store can be switched off, as when Redis stops answering. */
class Flaky implements SharedState {
  readonly kind = 'memory';
  down = false;
  constructor(readonly inner: SharedState) {}
  #check(): void {
    if (this.down) throw new Error('down');
  }
  async put(h: string, f: string, v: string): Promise<void> {
    this.#check();
    return this.inner.put(h, f, v);
  }
  async remove(h: string, f: readonly string[]): Promise<number> {
    this.#check();
    return this.inner.remove(h, f);
  }
  async removeIfEquals(h: string, f: string, v: string): Promise<boolean> {
    this.#check();
    return this.inner.removeIfEquals(h, f, v);
  }
  async version(h: string): Promise<string | null> {
    this.#check();
    return this.inner.version(h);
  }
  async readAll(h: string): Promise<HashSnapshot> {
    this.#check();
    return this.inner.readAll(h);
  }
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const alice = { subject: 'alice', tenant: 'acme', jti: 'j-1', iat: 999 };

describe('Revocations (memory)', () => {
  it('revokes a jti until a time, seen at once by the replica that set it', async () => {
    const c = clock();
    const r = new Revocations(new MemorySharedState(), { now: c.now });
    await r.start();
    expect(r.isRevoked(alice)).toBe(false);
    await r.set({ kind: 'jti', jti: 'j-1' }, c.now() + 60_000);
    expect(r.isRevoked(alice)).toBe(true);
    expect(r.isRevoked({ ...alice, jti: 'j-2' })).toBe(false);
    expect(r.isRevoked({ subject: 'alice', tenant: 'acme' })).toBe(false);
    c.advance(60_000);
    expect(r.isRevoked(alice)).toBe(false);
    r.stop();
  });

  it('revokes a subject within its tenant only', async () => {
    const c = clock();
    const r = new Revocations(new MemorySharedState(), { now: c.now });
    await r.set({ kind: 'subject', tenant: 'acme', subject: 'alice' }, c.now() + 1000);
    expect(r.isRevoked(alice)).toBe(true);
    expect(r.isRevoked({ ...alice, tenant: 'other' })).toBe(false);
    expect(r.isRevoked({ ...alice, subject: 'bob' })).toBe(false);
    // no field-splitting confusion between tenant and subject
    expect(r.isRevoked({ subject: 'e:alice', tenant: 'acm' })).toBe(false);
  });

  it('with issuedBefore, refuses only tokens issued before it', async () => {
    const c = clock(2_000_000);
    const r = new Revocations(new MemorySharedState(), { now: c.now });
    await r.set({ kind: 'subject', tenant: 'acme', subject: 'alice' }, c.now() + 3_600_000, { issuedBefore: c.now() });
    expect(r.isRevoked({ ...alice, iat: 1000 })).toBe(true);
    expect(r.isRevoked({ ...alice, iat: 2001 })).toBe(false);
    expect(r.isRevoked({ subject: 'alice', tenant: 'acme' })).toBe(true); // no iat: refused
  });

  it('clears, lists, and refuses bad input', async () => {
    const c = clock();
    const r = new Revocations(new MemorySharedState(), { now: c.now });
    await r.set({ kind: 'jti', jti: 'j-1' }, c.now() + 1000);
    await r.set({ kind: 'subject', tenant: 'acme', subject: 'bob' }, c.now() + 1000);
    expect(await r.list()).toEqual([
      { kind: 'jti', jti: 'j-1', until: c.now() + 1000, at: c.now() },
      { kind: 'subject', tenant: 'acme', subject: 'bob', until: c.now() + 1000, at: c.now(), issuedBefore: undefined },
    ]);
    expect(await r.clear({ kind: 'jti', jti: 'j-1' })).toBe(true);
    expect(await r.clear({ kind: 'jti', jti: 'j-1' })).toBe(false);
    expect(r.isRevoked(alice)).toBe(false);
    await expect(r.set({ kind: 'jti', jti: '' }, c.now() + 1)).rejects.toThrow(TypeError);
    await expect(r.set({ kind: 'jti', jti: 'x' }, c.now() - 1)).rejects.toThrow(TypeError);
  });

  it('sees changes made through another instance on the next refresh', async () => {
    const state = new MemorySharedState();
    const a = new Revocations(state);
    const b = new Revocations(state);
    await b.start();
    await a.set({ kind: 'jti', jti: 'j-1' }, Date.now() + 60_000);
    expect(b.isRevoked(alice)).toBe(false); // b has not polled yet
    await b.refresh();
    expect(b.isRevoked(alice)).toBe(true);
    b.stop();
  });

  it('keeps the last snapshot and reports unhealthy while the store is down', async () => {
    const flaky = new Flaky(new MemorySharedState());
    const health: boolean[] = [];
    const r = new Revocations(flaky, { onHealthChange: (h) => health.push(h) });
    await r.set({ kind: 'jti', jti: 'j-1' }, Date.now() + 60_000);
    flaky.down = true;
    await r.refresh();
    expect(r.healthy).toBe(false);
    expect(r.isRevoked(alice)).toBe(true);
    flaky.down = false;
    await r.refresh();
    expect(r.healthy).toBe(true);
    expect(health).toEqual([false, true]);
  });

  it('prunes expired entries from the shared hash', async () => {
    const c = clock();
    const state = new MemorySharedState();
    const r = new Revocations(state, { now: c.now });
    await r.set({ kind: 'jti', jti: 'old' }, c.now() + 10);
    c.advance(20);
    await r.refresh(true);
    expect((await state.readAll('revocations')).entries.size).toBe(0);
  });
});

describe('KillSwitch (memory)', () => {
  it('stops one tenant or all, with a message, and clears', async () => {
    const k = new KillSwitch(new MemorySharedState());
    await k.start();
    expect(k.isKilled('acme')).toBeUndefined();
    await k.set({ tenant: 'acme' }, 'incident 42');
    expect(k.isKilled('acme')).toEqual({ message: 'incident 42' });
    expect(k.isKilled('other')).toBeUndefined();
    await k.set({ all: true }, 'all\nstop');
    expect(k.isKilled('other')).toEqual({ message: 'all stop' });
    expect(k.isKilled('acme')).toEqual({ message: 'all stop' });
    expect((await k.list()).map((e) => e.scope)).toEqual([{ tenant: 'acme' }, { all: true }]);
    expect(await k.clear({ all: true })).toBe(true);
    expect(k.isKilled('other')).toBeUndefined();
    expect(k.isKilled('acme')).toEqual({ message: 'incident 42' });
    k.stop();
  });

  it('lapses at its expiry', async () => {
    const c = clock();
    const k = new KillSwitch(new MemorySharedState(), { now: c.now });
    await k.set({ tenant: 'acme' }, 'maintenance', c.now() + 500);
    expect(k.isKilled('acme')).toBeDefined();
    c.advance(500);
    expect(k.isKilled('acme')).toBeUndefined();
    expect(await k.list()).toEqual([]);
  });
});
