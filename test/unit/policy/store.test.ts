import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyError } from '../../../src/policy/load.js';
import { PolicyStore, type PolicyLog, type ReloadResult } from '../../../src/policy/store.js';

const policyText = (version: string): string => `version: "${version}"\ndefaults:\n  shadow: false\n`;
const INVALID = 'version: "broken"\ndefaults:\n  shadow: perhaps\n';

interface Logged {
  level: 'info' | 'warn' | 'error';
  msg: string;
}

function memoryLog(): PolicyLog & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    info: (_o, msg) => void lines.push({ level: 'info', msg }),
    warn: (_o, msg) => void lines.push({ level: 'warn', msg }),
    error: (_o, msg) => void lines.push({ level: 'error', msg }),
  };
}

function nextReload(store: PolicyStore, timeoutMs = 3000): Promise<ReloadResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no reload seen'));
    }, timeoutMs);
    const off = store.onReload((r) => {
      clearTimeout(timer);
      off();
      resolve(r);
    });
  });
}

const dirs: string[] = [];
const stores: PolicyStore[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'policy-store-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('PolicyStore', () => {
  it('refuses to open an invalid file', () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, INVALID);
    expect(() => PolicyStore.open({ file, log: memoryLog(), watch: false })).toThrow(PolicyError);
  });

  it('reload() swaps in a valid file and keeps the old policy when the new one is invalid', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const log = memoryLog();
    const store = PolicyStore.open({ file, log, watch: false });
    stores.push(store);
    const seen: ReloadResult[] = [];
    store.onReload((r) => seen.push(r));

    writeFileSync(file, policyText('v2'));
    expect(await store.reload('signal')).toMatchObject({ ok: true, version: 'v2', trigger: 'signal', changed: true });
    expect(store.current().version).toBe('v2');

    writeFileSync(file, INVALID);
    const r = await store.reload('signal');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(`${file}:3:11: defaults.shadow: must be true or false`);
    expect(store.current().version).toBe('v2');
    expect(seen.map((s) => s.ok)).toEqual([true, false]);
    expect(log.lines.some((l) => l.level === 'error')).toBe(true);

    rmSync(file);
    expect((await store.reload()).ok).toBe(false);
    expect(store.current().version).toBe('v2');
  });

  it('reloads when the file changes in place', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const store = PolicyStore.open({ file, log: memoryLog(), debounceMs: 20 });
    stores.push(store);
    const reloaded = nextReload(store);
    writeFileSync(file, policyText('v2'));
    expect(await reloaded).toMatchObject({ ok: true, version: 'v2', trigger: 'watch' });
    expect(store.current().version).toBe('v2');
  });

  it('rejects an invalid file written in place and keeps serving the old policy', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const store = PolicyStore.open({ file, log: memoryLog(), debounceMs: 20 });
    stores.push(store);
    const before = store.current();
    const reloaded = nextReload(store);
    writeFileSync(file, INVALID);
    expect((await reloaded).ok).toBe(false);
    expect(store.current()).toBe(before);
  });

  it('an invalid file is reported once: changes of other files in its directory do not parse and log it again', async () => {
    // probe 5: with the audit log (or the gateway's own log) in the policy's directory, every write there re-parsed
    // the rejected file and logged the same error again, ~4 lines a second for as long as the file stayed invalid
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const log = memoryLog();
    const store = PolicyStore.open({ file, log, debounceMs: 20 });
    stores.push(store);
    const reloaded = nextReload(store);
    writeFileSync(file, INVALID);
    expect((await reloaded).ok).toBe(false);
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, 'audit.log'), `line ${i}\n`, { flag: 'a' });
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    // a signal still reports it again, and a fixed file is still taken
    expect((await store.reload('signal')).ok).toBe(false);
    const fixed = nextReload(store);
    writeFileSync(file, policyText('v2'));
    expect(await fixed).toMatchObject({ ok: true, version: 'v2' });
  });

  it('a deleted file is reported once too, and a file written again is taken', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const log = memoryLog();
    const store = PolicyStore.open({ file, log, debounceMs: 20 });
    stores.push(store);
    const reloaded = nextReload(store);
    rmSync(file);
    expect((await reloaded).ok).toBe(false);
    for (let i = 0; i < 5; i++) {
      writeFileSync(join(dir, 'audit.log'), `line ${i}\n`, { flag: 'a' });
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(store.current().version).toBe('v1');
    const back = nextReload(store);
    writeFileSync(file, policyText('v2'));
    expect(await back).toMatchObject({ ok: true, version: 'v2' });
  });

  it('sees a Kubernetes ConfigMap update (the ..data symlink swapped)', async () => {
    // Layout kubelet writes: dir/..2026_1/policy.yaml, dir/..data -> ..2026_1, dir/policy.yaml -> ..data/policy.yaml
    const dir = tempDir();
    mkdirSync(join(dir, '..2026_1'));
    writeFileSync(join(dir, '..2026_1', 'policy.yaml'), policyText('v1'));
    symlinkSync('..2026_1', join(dir, '..data'));
    symlinkSync(join('..data', 'policy.yaml'), join(dir, 'policy.yaml'));
    const file = join(dir, 'policy.yaml');
    const store = PolicyStore.open({ file, log: memoryLog(), debounceMs: 20 });
    stores.push(store);
    expect(store.current().version).toBe('v1');

    const swap = (version: string, text: string): void => {
      mkdirSync(join(dir, `..${version}`));
      writeFileSync(join(dir, `..${version}`, 'policy.yaml'), text);
      symlinkSync(`..${version}`, join(dir, '..data_tmp'));
      renameSync(join(dir, '..data_tmp'), join(dir, '..data')); // atomic swap, as kubelet does
    };

    let reloaded = nextReload(store);
    swap('2026_2', policyText('v2'));
    expect(await reloaded).toMatchObject({ ok: true, version: 'v2' });
    expect(store.current().version).toBe('v2');

    reloaded = nextReload(store);
    swap('2026_3', INVALID);
    expect((await reloaded).ok).toBe(false);
    expect(store.current().version).toBe('v2');
  });

  it('close() stops watching', async () => {
    const dir = tempDir();
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, policyText('v1'));
    const store = PolicyStore.open({ file, log: memoryLog(), debounceMs: 20 });
    store.close();
    writeFileSync(file, policyText('v2'));
    await new Promise((r) => setTimeout(r, 200));
    expect(store.current().version).toBe('v1');
  });
});
