/**
 * The admin API's input: each field checked and turned into what the incident stores take, or a 400
 * `invalid_request` naming the field. Pure (time is passed in).
 */
import { wellFormed } from '../auth/verify.js';
import { GatewayError } from '../errors.js';
import type { KillScope } from '../incident/kill-switch.js';
import type { RevocationTarget } from '../incident/revocations.js';

export const DAY_MS = 86_400_000;
const MAX_ID = 256;
/** the furthest expiry accepted, `ttl_seconds` or `until`: ten years (docs/runbook.md) */
const MAX_TTL_S = 10 * 365 * 86_400;
/** a kill switch's message, shown to callers (docs/runbook.md) */
const MAX_MESSAGE = 500;
const DEFAULT_KILL_MESSAGE = 'The gateway is disabled for this tenant';

export function invalid(message: string): GatewayError {
  return new GatewayError('GW_ERR_INVALID_REQUEST', { message });
}

export function objectBody(b: unknown): Record<string, unknown> {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw invalid('The request body must be a JSON object');
  return b as Record<string, unknown>;
}

export function idField(b: Record<string, unknown>, name: string, required = true): string | undefined {
  const v = b[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '' || v.length > MAX_ID) throw invalid(`"${name}" must be a non-empty string of at most ${MAX_ID} characters`);
  // a lone surrogate reaches the store as U+FFFD (UTF-8): "x\ud800" would name tenant "x\ufffd" (such tokens are refused too)
  if (!wellFormed(v)) throw invalid(`"${name}" must be well-formed Unicode text`);
  return v;
}

/**
 * `until` (ISO 8601 time or epoch ms) or `ttl_seconds`, at most ten years ahead; neither: `dflt` ms from
 * now (30 days for revocations), or none. A value out of range or of the wrong type is a 400 naming it.
 */
export function untilOf(b: Record<string, unknown>, now: number, dflt: number | undefined): number | undefined {
  const ttl = b['ttl_seconds'];
  const u = b['until'];
  if (ttl !== undefined && u !== undefined) throw invalid('Give either "until" or "ttl_seconds", not both');
  const latest = now + MAX_TTL_S * 1000;
  if (ttl !== undefined) {
    if (typeof ttl !== 'number' || !(ttl > 0) || ttl > MAX_TTL_S) throw invalid(`"ttl_seconds" must be a number of seconds above 0 and at most ${MAX_TTL_S} (ten years)`);
    return Math.max(now + 1, Math.round(now + ttl * 1000));
  }
  if (u !== undefined) {
    const t = typeof u === 'number' ? u : typeof u === 'string' ? Date.parse(u) : NaN;
    if (!Number.isFinite(t) || t <= now || t > latest) throw invalid('"until" must be a time in the future, at most ten years ahead (ISO 8601 or epoch ms)');
    return t;
  }
  return dflt === undefined ? undefined : now + dflt;
}

/** The kill switch's message for callers: 1 to 500 characters, or the default when absent. */
export function messageOf(b: Record<string, unknown>): string {
  const m = b['message'];
  if (m === undefined) return DEFAULT_KILL_MESSAGE;
  if (typeof m !== 'string' || m.trim() === '' || m.length > MAX_MESSAGE) throw invalid(`"message" must be a non-empty string of at most ${MAX_MESSAGE} characters`);
  return m;
}

export function revocationTarget(b: Record<string, unknown>): RevocationTarget {
  if (b['jti'] !== undefined) return { kind: 'jti', jti: idField(b, 'jti') as string };
  return { kind: 'subject', tenant: idField(b, 'tenant') as string, subject: idField(b, 'subject') as string };
}

export function killScope(b: Record<string, unknown>): KillScope {
  if (b['all'] === true) return { all: true };
  return { tenant: idField(b, 'tenant') as string };
}
