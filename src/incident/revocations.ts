import { SnapshotStore, type SnapshotOptions } from './snapshot.js';
import type { SharedState } from './shared-state.js';

/**
 * Revoked tokens (by jti) and revoked subjects (tenant + subject), shared by every replica through
 * one hash (`revocations`). `isRevoked` is synchronous and answers from a local snapshot refreshed
 * every ~300 ms, so a revocation made through any replica holds everywhere within a second.
 * Entries expire by themselves at their `until`.
 */

export type RevocationTarget =
  | { readonly kind: 'jti'; readonly jti: string }
  | { readonly kind: 'subject'; readonly tenant: string; readonly subject: string };

export type Revocation = RevocationTarget & {
  /** epoch ms: revoked until then */
  readonly until: number;
  /** epoch ms: when it was set */
  readonly at: number;
  /** subjects only: only tokens issued before this time (epoch ms) are refused ("log out everywhere") */
  readonly issuedBefore?: number | undefined;
};

export interface PrincipalRef {
  readonly jti?: string | undefined;
  readonly subject: string;
  readonly tenant: string;
  /** seconds since the epoch */
  readonly iat?: number | undefined;
}

const HASH = 'revocations';
const MAX_ID = 256;

function fieldOf(t: RevocationTarget): string {
  return t.kind === 'jti' ? `j:${t.jti}` : `s:${JSON.stringify([t.tenant, t.subject])}`;
}

function parseEntry(field: string, raw: string): Revocation | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { until, at, issuedBefore } = v as { until?: unknown; at?: unknown; issuedBefore?: unknown };
  if (typeof until !== 'number' || typeof at !== 'number') return undefined;
  const ib = typeof issuedBefore === 'number' ? issuedBefore : undefined;
  if (field.startsWith('j:')) return { kind: 'jti', jti: field.slice(2), until, at };
  if (field.startsWith('s:')) {
    let pair: unknown;
    try {
      pair = JSON.parse(field.slice(2));
    } catch {
      return undefined;
    }
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') return undefined;
    return { kind: 'subject', tenant: pair[0], subject: pair[1], until, at, issuedBefore: ib };
  }
  return undefined;
}

function checkTarget(t: RevocationTarget): void {
  const ids = t.kind === 'jti' ? [t.jti] : [t.tenant, t.subject];
  for (const id of ids) {
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) throw new TypeError(`revocation ${t.kind}: expected 1 to ${MAX_ID} characters`);
  }
}

export class Revocations extends SnapshotStore<Revocation> {
  constructor(state: SharedState, opts: SnapshotOptions = {}) {
    super(state, HASH, parseEntry, opts);
  }

  /** Hot path: synchronous, no I/O. */
  isRevoked(p: PrincipalRef): boolean {
    if (p.jti !== undefined && this.snap.get(`j:${p.jti}`) !== undefined) return true;
    const s = this.snap.get(`s:${JSON.stringify([p.tenant, p.subject])}`);
    if (s === undefined) return false;
    if (s.issuedBefore === undefined || p.iat === undefined) return true;
    return p.iat * 1000 < s.issuedBefore;
  }

  /**
   * Revokes until `until` (epoch ms). For a subject, `issuedBefore` limits it to tokens issued before
   * that time, so the subject can sign in again with a fresh token. Seen by this replica at once.
   */
  async set(target: RevocationTarget, until: number, opts: { issuedBefore?: number } = {}): Promise<void> {
    checkTarget(target);
    const now = this.snap.now();
    if (!Number.isFinite(until) || until <= now) throw new TypeError('revocation until: expected a time in the future');
    const value: { until: number; at: number; issuedBefore?: number } = { until, at: now };
    if (target.kind === 'subject' && opts.issuedBefore !== undefined) value.issuedBefore = opts.issuedBefore;
    await this.write(fieldOf(target), value);
  }

  /** Lifts a revocation; true if one existed. */
  async clear(target: RevocationTarget): Promise<boolean> {
    checkTarget(target);
    return this.erase(fieldOf(target));
  }
}
