import { SnapshotStore, type SnapshotOptions } from './snapshot.js';
import type { SharedState } from './shared-state.js';

/**
 * The kill switch: stops forwarding for every tenant or for one, with a message for operators,
 * shared by every replica through one hash (`kill_switch`). `isKilled` is synchronous and answers
 * from a local snapshot refreshed every ~300 ms. A switch may carry an expiry.
 */

export type KillScope = { readonly all: true } | { readonly tenant: string };

export interface KillSwitchEntry {
  readonly scope: KillScope;
  readonly message: string;
  /** epoch ms when it was set */
  readonly at: number;
  /** epoch ms when it lapses by itself; Infinity: until cleared */
  readonly until: number;
}

const HASH = 'kill_switch';
const ALL_FIELD = '*';
const MAX_MESSAGE = 500;
const MAX_TENANT = 256;

function fieldOf(scope: KillScope): string {
  return 'all' in scope ? ALL_FIELD : `t:${scope.tenant}`;
}

function parseEntry(field: string, raw: string): KillSwitchEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { message, at, until } = v as { message?: unknown; at?: unknown; until?: unknown };
  if (typeof message !== 'string' || typeof at !== 'number') return undefined;
  const u = typeof until === 'number' ? until : Infinity; // JSON has no Infinity: absent means none
  if (field === ALL_FIELD) return { scope: { all: true }, message, at, until: u };
  if (field.startsWith('t:')) return { scope: { tenant: field.slice(2) }, message, at, until: u };
  return undefined;
}

function cleanMessage(m: string): string {
  // eslint-disable-next-line no-control-regex
  return m.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_MESSAGE);
}

function checkScope(scope: KillScope): void {
  if ('tenant' in scope && (typeof scope.tenant !== 'string' || scope.tenant.length === 0 || scope.tenant.length > MAX_TENANT)) {
    throw new TypeError(`kill switch tenant: expected 1 to ${MAX_TENANT} characters`);
  }
}

export class KillSwitch extends SnapshotStore<KillSwitchEntry> {
  constructor(state: SharedState, opts: SnapshotOptions = {}) {
    super(state, HASH, parseEntry, opts);
  }

  /** Hot path: synchronous, no I/O. The all-tenants switch wins over a tenant's own. */
  isKilled(tenant: string): { message: string } | undefined {
    const e = this.snap.get(ALL_FIELD) ?? this.snap.get(`t:${tenant}`);
    return e === undefined ? undefined : { message: e.message };
  }

  /** Turns the switch on; `until` (epoch ms) optional. Seen by this replica at once. */
  async set(scope: KillScope, message: string, until?: number): Promise<void> {
    checkScope(scope);
    const now = this.snap.now();
    if (until !== undefined && (!Number.isFinite(until) || until <= now)) throw new TypeError('kill switch until: expected a time in the future');
    const value: { message: string; at: number; until?: number } = { message: cleanMessage(message), at: now };
    if (until !== undefined) value.until = until;
    await this.write(fieldOf(scope), value);
  }

  /** Turns the switch off; true if it was on. */
  async clear(scope: KillScope): Promise<boolean> {
    checkScope(scope);
    return this.erase(fieldOf(scope));
  }
}
