import type { Principal } from './principal.js';

export const SCOPES = {
  chat: 'llm:chat',
  embed: 'llm:embed',
  admin: 'privacy:admin',
  metrics: 'privacy:metrics',
  reidentify: 'privacy:reidentify',
} as const;

/** Scopes from RFC 9068 `scope` (space-delimited) and `scp` (array or space-delimited); their union. */
export function scopesOf(payload: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      // ASCII whitespace only: JS's \s also splits on no-break and other Unicode spaces, which would read
      // "x\u00a0privacy:admin" (one scope, per RFC 6749) as the admin scope
      for (const s of v.split(/[ \t\n\r\f\v]+/)) if (s) out.add(s);
    } else if (Array.isArray(v)) {
      for (const s of v) if (typeof s === 'string' && s) out.add(s);
    }
  };
  add(payload['scope']);
  add(payload['scp']);
  return out;
}

/** True when the principal holds at least one of `anyOf`. */
export function hasAnyScope(p: Principal, anyOf: readonly string[]): boolean {
  return anyOf.some((s) => p.scopes.has(s));
}
