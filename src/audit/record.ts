import type { AuthFailureReason } from '../auth/principal.js';
import { ERRORS } from '../errors.js';

/**
 * One audit record per request (or admin action). Built from `RequestFacts`, which has no text
 * fields: identities from the verified token, fixed enums, numbers and counts. Every string that
 * reaches a record is either checked against a fixed list or against a narrow character class and
 * length, so no prompt text, response text, original value or token can ride along.
 */

export const DECISIONS = ['forwarded', 'blocked_by_policy', 'denied_by_auth', 'rate_limited', 'failed', 'admin'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Routes as the audit trail and metrics name them (RouteKind plus the gateway's own endpoints). */
export const AUDIT_ROUTES = ['chat', 'completions', 'embeddings', 'responses', 'models', 'admin', 'health', 'metrics', 'other'] as const;
export type AuditRoute = (typeof AUDIT_ROUTES)[number];

const ROUTE_BY_PATH: Readonly<Record<string, AuditRoute>> = {
  '/v1/chat/completions': 'chat',
  '/v1/completions': 'completions',
  '/v1/embeddings': 'embeddings',
  '/v1/responses': 'responses',
  '/v1/responses/:id': 'responses',
  '/v1/models': 'models',
  '/healthz': 'health',
  '/readyz': 'health',
  '/metrics': 'metrics',
};

export const AUTH_FAILURE_REASONS = [
  'missing_token',
  'malformed',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'wrong_issuer',
  'wrong_audience',
  'unknown_key',
  'alg_not_allowed',
  'missing_claim',
  'missing_tenant',
  'too_old',
  'insufficient_scope',
  'revoked',
  'key_source_unavailable',
] as const satisfies readonly AuthFailureReason[];

// compile-time check that the list above covers every AuthFailureReason
type MissingAuthReason = Exclude<AuthFailureReason, (typeof AUTH_FAILURE_REASONS)[number]>;
const authReasonsComplete: [MissingAuthReason] extends [never] ? true : false = true;
void authReasonsComplete;

/** Codes for outcomes that are neither auth failures nor the gateway's public error codes. */
export const OTHER_REASONS = ['client_aborted', 'upstream_error', 'stream_error', 'other'] as const;

/** Every reason a record may carry: auth failure reasons, the public error codes, a few others. */
export const AUDIT_REASONS: readonly string[] = Object.freeze([
  ...new Set<string>([...AUTH_FAILURE_REASONS, ...Object.values(ERRORS).map((e) => e.publicCode), ...OTHER_REASONS]),
]);
const REASON_SET = new Set(AUDIT_REASONS);

export const ADMIN_ACTIONS = [
  'revoke_jti',
  'unrevoke_jti',
  'revoke_subject',
  'unrevoke_subject',
  'kill_switch_on',
  'kill_switch_off',
  'erase_tenant',
  'erase_value',
  'list_revocations',
  'list_kill_switches',
  'policy_reload',
  'other',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** What an admin action was aimed at: a kind, never the erased value or the revoked identifier. */
export const ADMIN_TARGETS = ['jti', 'subject', 'tenant', 'all_tenants', 'value', 'policy', 'other'] as const;
export type AdminTarget = (typeof ADMIN_TARGETS)[number];

export const DETECTION_ACTIONS = ['tokenize', 'mask', 'block', 'allow'] as const;
export type DetectionAction = (typeof DETECTION_ACTIONS)[number];

/** Entity type names: built-in or policy-declared custom types. */
export const ENTITY_TYPE_PATTERN = /^[A-Z][A-Z0-9_]{0,40}$/;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const MODEL_PATTERN = /^[A-Za-z0-9._:/-]{1,100}$/;
const POLICY_VERSION_PATTERN = /^[A-Za-z0-9._:+-]{1,64}$/;
/** subject, tenant, client id: from the verified token; bounded, no control characters */
const IDENTITY_MAX = 256;

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface ReidentificationCounts {
  /** false when some token could not be looked at (vault unavailable, stream cut) */
  complete: boolean;
  restored: number;
  /** tokens of this caller's scope whose original was gone (expired, erased) */
  unresolved: number;
  /** token-shaped strings the caller may not restore, or that no one minted */
  unknown: number;
  /** distinct tokens minted for this request, and how many of them came back in the answer and were restored */
  issued?: number;
  returned?: number;
}

/**
 * What the gateway knows about a request when it ends. Fill it in along the way; hand it to
 * `buildRecord` and `recordRequest` (observe/metrics.ts) once the response has ended or failed.
 * No field holds text from the request or response.
 */
export interface RequestFacts {
  /** when the response ended (or failed), epoch ms */
  readonly endedAt: number;
  /** route kind (`chat`, ...) or the route's path pattern (`/v1/chat/completions`); others → `other` */
  readonly route: string;
  /** HTTP status sent to the caller */
  readonly status: number;
  /** total time in the gateway, ms */
  readonly totalMs: number;
  /** x-request-id (the caller's, if safe, else the one the gateway made) */
  readonly requestId?: string | undefined;
  /** the verified caller; absent when auth failed before a token was verified */
  readonly principal?: { readonly subject: string; readonly tenant: string; readonly clientId?: string | undefined } | undefined;
  /** absent: derived from status (< 400 forwarded, else failed) */
  readonly decision?: Decision | undefined;
  /** an AuthFailureReason, a public error code, or one of OTHER_REASONS; anything else becomes `other` */
  readonly reason?: string | undefined;
  /** the model the caller asked for; kept only if it matches [A-Za-z0-9._:/-]{1,100} */
  readonly model?: string | undefined;
  readonly policyVersion?: string | undefined;
  /** time spent waiting on the upstream (headers plus body), ms */
  readonly upstreamMs?: number | undefined;
  readonly upstreamStatus?: number | undefined;
  /** fixed label of an upstream transport failure (see observe/metrics.ts UPSTREAM_ERROR_KINDS) */
  readonly upstreamError?: string | undefined;
  /** values found in the request: type → action → count */
  readonly detected?: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
  /** personal data in the model's output that was not in the prompt: type → count */
  readonly responseDetected?: Readonly<Record<string, number>> | undefined;
  readonly usage?: Usage | undefined;
  readonly reidentify?: ReidentificationCounts | undefined;
  /** which limit refused the request, when decision is `rate_limited` */
  readonly rateLimitScope?: 'tenant' | 'subject' | 'tokens' | undefined;
  readonly stream?: boolean | undefined;
  readonly shadow?: boolean | undefined;
  /** for admin actions: what was done and to what kind of target (never the value or identifier) */
  readonly admin?: { readonly action: string; readonly target: string } | undefined;
}

export interface AuditRecord {
  /** unique, made by the gateway: `${runId}-${seq}` */
  id: string;
  /** ISO 8601, when the response ended */
  time: string;
  /** the caller's x-request-id when safe, else the record id */
  requestId: string | undefined;
  subject: string | undefined;
  tenant: string | undefined;
  clientId: string | undefined;
  route: AuditRoute;
  model: string | undefined;
  policyVersion: string | undefined;
  decision: Decision;
  reason: string | undefined;
  status: number;
  /** ms, rounded to µs; `upstream` absent when nothing was forwarded */
  latencyMs: { total: number; upstream?: number };
  detected: Record<string, Partial<Record<DetectionAction, number>>>;
  responseDetected: Record<string, number>;
  usage: Usage | undefined;
  reidentification: ReidentificationCounts | undefined;
  shadow: boolean;
  stream: boolean;
  adminAction: AdminAction | undefined;
  adminTarget: AdminTarget | undefined;
  /** the process run (replica start) that wrote the record */
  runId: string;
  /** 1, 2, 3... within the run */
  seq: number;
  /** hash of the previous record of the same run; 64 zeros for seq 1 */
  prev: string;
  /** SHA-256 (or HMAC-SHA256 with AUDIT_KEY) of the canonical JSON of the record without `hash` */
  hash: string;
}

export type UnsealedRecord = Omit<AuditRecord, 'id' | 'seq' | 'prev' | 'hash' | 'runId'>;

export function sanitizeRequestId(v: unknown): string | undefined {
  return typeof v === 'string' && REQUEST_ID_PATTERN.test(v) ? v : undefined;
}

export function sanitizeModel(v: unknown): string | undefined {
  return typeof v === 'string' && MODEL_PATTERN.test(v) ? v : undefined;
}

export function routeLabel(route: string): AuditRoute {
  if ((AUDIT_ROUTES as readonly string[]).includes(route)) return route as AuditRoute;
  return ROUTE_BY_PATH[route] ?? 'other';
}

export function reasonCode(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return REASON_SET.has(reason) ? reason : 'other';
}

export function isEntityTypeName(t: string): boolean {
  return ENTITY_TYPE_PATTERN.test(t);
}

function oneOf<T extends string>(list: readonly T[], v: string | undefined, fallback: T): T | undefined {
  if (v === undefined) return undefined;
  return (list as readonly string[]).includes(v) ? (v as T) : fallback;
}

function identity(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  return v.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, IDENTITY_MAX);
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

function ms(v: number): number {
  return Number.isFinite(v) && v > 0 ? Math.round(v * 1000) / 1000 : 0;
}

const ACTION_SET: ReadonlySet<string> = new Set(DETECTION_ACTIONS);

function detectedCounts(d: RequestFacts['detected']): AuditRecord['detected'] {
  const out: AuditRecord['detected'] = {};
  if (!d) return out;
  for (const type in d) {
    if (!Object.hasOwn(d, type) || !isEntityTypeName(type)) continue;
    const byAction = d[type] as Readonly<Record<string, number>>;
    let counts: Partial<Record<DetectionAction, number>> | undefined;
    for (const action in byAction) {
      if (!Object.hasOwn(byAction, action) || !ACTION_SET.has(action)) continue;
      const c = count(byAction[action]);
      if (c > 0) (counts ??= {})[action as DetectionAction] = c;
    }
    if (counts !== undefined) out[type] = counts;
  }
  return out;
}

function typeCounts(d: RequestFacts['responseDetected']): Record<string, number> {
  const out: Record<string, number> = {};
  if (!d) return out;
  for (const [type, n] of Object.entries(d)) {
    const c = count(n);
    if (isEntityTypeName(type) && c > 0) out[type] = c;
  }
  return out;
}

function usageOf(u: Usage | undefined): Usage | undefined {
  if (!u) return undefined;
  const out: Usage = {};
  for (const k of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) {
    const v = u[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = Math.floor(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function reidentificationCounts(r: ReidentificationCounts): ReidentificationCounts {
  const out: ReidentificationCounts = { complete: r.complete === true, restored: count(r.restored), unresolved: count(r.unresolved), unknown: count(r.unknown) };
  if (r.issued !== undefined) {
    out.issued = count(r.issued);
    out.returned = count(r.returned ?? 0);
  }
  return out;
}

function validStatus(s: number): number {
  return Number.isInteger(s) && s >= 100 && s <= 599 ? s : 0;
}

/** Builds the record body from the facts of one request (pure). The chain adds id, runId, seq, prev, hash. */
export function buildRecord(facts: RequestFacts): UnsealedRecord {
  const status = validStatus(facts.status);
  const decision: Decision = facts.decision ?? (status > 0 && status < 400 ? 'forwarded' : 'failed');
  const upstream = facts.upstreamMs === undefined ? undefined : ms(facts.upstreamMs);
  const r = facts.reidentify;
  return {
    time: new Date(Number.isFinite(facts.endedAt) ? facts.endedAt : 0).toISOString(),
    requestId: sanitizeRequestId(facts.requestId),
    subject: identity(facts.principal?.subject),
    tenant: identity(facts.principal?.tenant),
    clientId: identity(facts.principal?.clientId),
    route: routeLabel(facts.route),
    model: sanitizeModel(facts.model),
    policyVersion: typeof facts.policyVersion === 'string' && POLICY_VERSION_PATTERN.test(facts.policyVersion) ? facts.policyVersion : undefined,
    decision,
    reason: reasonCode(facts.reason),
    status,
    latencyMs: upstream === undefined ? { total: ms(facts.totalMs) } : { total: ms(facts.totalMs), upstream },
    detected: detectedCounts(facts.detected),
    responseDetected: typeCounts(facts.responseDetected),
    usage: usageOf(facts.usage),
    reidentification: r ? reidentificationCounts(r) : undefined,
    shadow: facts.shadow === true,
    stream: facts.stream === true,
    adminAction: oneOf(ADMIN_ACTIONS, facts.admin?.action, 'other'),
    adminTarget: oneOf(ADMIN_TARGETS, facts.admin?.target, 'other'),
  };
}
