import { createHash } from 'node:crypto';
import { watch, readFileSync, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadPolicy, PolicyError, type Policy } from './load.js';

/** The part of a logger the store uses (pino's `(obj, msg)` form). */
export interface PolicyLog {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export type ReloadTrigger = 'signal' | 'watch' | 'manual';

export type ReloadResult =
  | { readonly ok: true; readonly trigger: ReloadTrigger; readonly version: string; /** false when the file content was the same */ readonly changed: boolean }
  | { readonly ok: false; readonly trigger: ReloadTrigger; readonly error: string };

export interface PolicyStoreOptions {
  /** path of the policy YAML */
  readonly file: string;
  readonly log: PolicyLog;
  /** watch the file's directory and reload on change (default true) */
  readonly watch?: boolean;
  /** debounce of file events (default 100 ms) */
  readonly debounceMs?: number;
  /** name shown in error messages (default: `file` as given) */
  readonly displayName?: string;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Holds the current Policy. `reload()` reads, validates and swaps atomically; an invalid file is
 * rejected and logged, and the previous policy stays. Watches the file's DIRECTORY, so editors that
 * write-and-rename and Kubernetes ConfigMap updates (the `..data` symlink replaced) are both seen.
 */
export class PolicyStore {
  private policy: Policy;
  private hash: string;
  /** hash of the last content rejected (or `unreadable:CODE`): a `watch` event that finds it again is a no-op (reported once) */
  private rejectedHash: string | undefined;
  private readonly file: string;
  private readonly displayName: string;
  private readonly log: PolicyLog;
  private readonly debounceMs: number;
  private readonly listeners = new Set<(r: ReloadResult) => void>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(opts: PolicyStoreOptions, policy: Policy, hash: string) {
    this.file = opts.file;
    this.displayName = opts.displayName ?? opts.file;
    this.log = opts.log;
    this.debounceMs = opts.debounceMs ?? 100;
    this.policy = policy;
    this.hash = hash;
  }

  /**
   * Loads the file (synchronously: this is start-up) and starts watching. Throws PolicyError when the
   * file is invalid, or the fs error when it cannot be read: the gateway must not start without a policy.
   */
  static open(opts: PolicyStoreOptions): PolicyStore {
    const text = readFileSync(opts.file, 'utf8');
    const policy = loadPolicy(text, opts.displayName ?? opts.file);
    const store = new PolicyStore(opts, policy, digest(text));
    opts.log.info({ policyVersion: policy.version, file: store.displayName }, 'policy loaded');
    if (opts.watch !== false) store.startWatching();
    return store;
  }

  current(): Policy {
    return this.policy;
  }

  /** Called after every reload attempt. Returns an unsubscribe function. */
  onReload(cb: (r: ReloadResult) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /**
   * Reads and validates the file; on success swaps it in, on failure keeps the current policy.
   * Reloads run one at a time. A `watch` trigger whose file content did not change is a no-op.
   */
  reload(trigger: ReloadTrigger = 'manual'): Promise<ReloadResult> {
    const run = this.chain.then(() => this.doReload(trigger));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops watching; pending debounced reloads are cancelled. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }

  private async doReload(trigger: ReloadTrigger): Promise<ReloadResult> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : 'unknown';
      // (a file still missing when another file of the directory changes: reported once, like invalid content)
      if (trigger === 'watch' && this.rejectedHash === `unreadable:${code}`) return { ok: false, trigger, error: 'file still unreadable (already reported)' };
      this.rejectedHash = `unreadable:${code}`;
      return this.emit({ ok: false, trigger, error: `${this.displayName}: cannot read the file (${code})` });
    }
    const hash = digest(text);
    if (trigger === 'watch' && hash === this.hash) {
      this.rejectedHash = undefined; // (the file is back as it was: a later failure is news again)
      return { ok: true, trigger, version: this.policy.version, changed: false };
    }
    // the same invalid content, seen again because another file of the directory changed (an audit log beside it)
    if (trigger === 'watch' && hash === this.rejectedHash) return { ok: false, trigger, error: 'unchanged invalid file (already reported)' };
    let next: Policy;
    try {
      next = loadPolicy(text, this.displayName);
    } catch (e) {
      const error = e instanceof PolicyError ? e.message : `${this.displayName}: ${e instanceof Error ? e.message : 'invalid policy'}`;
      this.rejectedHash = hash;
      return this.emit({ ok: false, trigger, error });
    }
    this.rejectedHash = undefined;
    const changed = hash !== this.hash;
    this.policy = next;
    this.hash = hash;
    return this.emit({ ok: true, trigger, version: next.version, changed });
  }

  private emit(r: ReloadResult): ReloadResult {
    if (r.ok) {
      this.log.info({ policyVersion: r.version, trigger: r.trigger, file: this.displayName }, 'policy reloaded');
    } else {
      this.log.error({ trigger: r.trigger, file: this.displayName, errors: r.error }, 'policy reload rejected; the previous policy stays in force');
    }
    for (const cb of this.listeners) {
      try {
        cb(r);
      } catch (e) {
        this.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'policy reload listener failed');
      }
    }
    return r;
  }

  private startWatching(): void {
    const dir = dirname(this.file);
    try {
      // Any event in the directory schedules a reload: Kubernetes swaps `..data` (the file name itself
      // never changes), editors write temp files and rename, and some platforms report no file name.
      // The content hash check in doReload makes events about other files no-ops.
      this.watcher = watch(dir, { persistent: false }, () => this.schedule());
      this.watcher.on('error', (e) => {
        this.log.warn({ err: e.message, dir }, 'policy directory watch failed; reload with SIGHUP');
      });
    } catch (e) {
      this.log.warn({ err: e instanceof Error ? e.message : String(e), dir }, 'cannot watch the policy directory; reload with SIGHUP');
    }
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) void this.reload('watch');
    }, this.debounceMs);
    this.timer.unref();
  }
}
