import type { UnsealedRecord } from '../audit/record.js';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AUTH_FAILURE_REASONS, DETECTION_ACTIONS, buildRecord, routeLabel, type RequestFacts } from '../audit/record.js';

/**
 * Prometheus metrics on a registry of our own (never prom-client's global one). Label values come
 * from fixed lists only: routes, decisions, status classes, entity type names, fixed reason codes.
 * Never subjects, tenants, client ids, tokens, models or text.
 */

export const VAULT_OPS = ['store', 'resolve', 'erase_tenant', 'erase_value', 'ping'] as const;
export type VaultOp = (typeof VAULT_OPS)[number];
export const VAULT_RESULTS = ['ok', 'error', 'collision'] as const;
export type VaultResult = (typeof VAULT_RESULTS)[number];
export const RATE_LIMIT_SCOPES = ['tenant', 'subject', 'tokens'] as const;
export type RateLimitScope = (typeof RATE_LIMIT_SCOPES)[number];
export const POLICY_RELOAD_RESULTS = ['ok', 'invalid', 'error'] as const;
export type PolicyReloadResult = (typeof POLICY_RELOAD_RESULTS)[number];
export const UPSTREAM_ERROR_KINDS = ['timeout', 'connect', 'reset', 'dns', 'tls', 'auth', 'aborted', 'other'] as const;
export type UpstreamErrorKind = (typeof UPSTREAM_ERROR_KINDS)[number];

/** Maps an undici / socket error code (or one of UPSTREAM_ERROR_KINDS) to a fixed kind. */
export function upstreamErrorLabel(code: string | undefined): UpstreamErrorKind {
  if (code === undefined) return 'other';
  if ((UPSTREAM_ERROR_KINDS as readonly string[]).includes(code)) return code as UpstreamErrorKind;
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'UND_ERR_SOCKET':
      return 'connect';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_CLOSED':
      return 'reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return 'aborted';
    default:
      if (/^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)) return 'tls';
      return 'other';
  }
}

export function statusClass(status: number): string {
  return status >= 100 && status <= 599 ? `${Math.floor(status / 100)}xx` : 'other';
}

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'status' | 'decision'>;
  readonly requestDuration: Histogram<'route'>;
  readonly overheadDuration: Histogram<'route'>;
  readonly detectedValues: Counter<'type' | 'action'>;
  readonly responseDetectedValues: Counter<'type'>;
  readonly authFailures: Counter<'reason'>;
  readonly vaultOperations: Counter<'op' | 'result'>;
  readonly vaultErrors: Counter<'op'>;
  readonly rateLimited: Counter<'scope'>;
  readonly rateLimitStoreErrors: Counter<'scope'>;
  readonly policyReloads: Counter<'result'>;
  readonly reidentify: Counter<'result'>;
  readonly upstreamErrors: Counter<'kind'>;
  readonly sharedStateHealthy: Gauge<'store'>;
}

export interface MetricsOptions {
  /** also collect Node process metrics (event loop lag, heap, GC) on this registry; default true */
  defaultMetrics?: boolean;
}

export function createMetrics(opts: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const m: GatewayMetrics = {
    registry,
    requests: new Counter({
      name: 'gateway_requests_total',
      help: 'Requests handled, by route, HTTP status and decision',
      labelNames: ['route', 'status', 'decision'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'Total time in the gateway per request, upstream included',
      labelNames: ['route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    overheadDuration: new Histogram({
      name: 'gateway_overhead_duration_seconds',
      help: 'Time the gateway adds per request: total minus time waiting on the upstream',
      labelNames: ['route'] as const,
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    detectedValues: new Counter({
      name: 'gateway_detected_values_total',
      help: 'Personal values found in requests, by entity type and the action taken',
      labelNames: ['type', 'action'] as const,
      registers,
    }),
    responseDetectedValues: new Counter({
      name: 'gateway_response_detected_values_total',
      help: 'Personal values found in model output that were not in the prompt, by entity type',
      labelNames: ['type'] as const,
      registers,
    }),
    authFailures: new Counter({
      name: 'gateway_auth_failures_total',
      help: 'Requests refused by authentication or authorization, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    vaultOperations: new Counter({
      name: 'gateway_vault_operations_total',
      help: 'Vault operations, by operation and result',
      labelNames: ['op', 'result'] as const,
      registers,
    }),
    vaultErrors: new Counter({
      name: 'gateway_vault_errors_total',
      help: 'Vault operations that failed, by operation',
      labelNames: ['op'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'gateway_rate_limited_total',
      help: 'Requests refused by a rate limit, by the limit that applied',
      labelNames: ['scope'] as const,
      registers,
    }),
    rateLimitStoreErrors: new Counter({
      name: 'gateway_rate_limit_store_errors_total',
      help: 'Rate-limit checks the shared store could not answer (the request was let through), by limit',
      labelNames: ['scope'] as const,
      registers,
    }),
    policyReloads: new Counter({
      name: 'gateway_policy_reloads_total',
      help: 'Policy reload attempts, by result',
      labelNames: ['result'] as const,
      registers,
    }),
    reidentify: new Counter({
      name: 'gateway_reidentify_total',
      help: 'Tokens in responses: restored, unresolved (original gone), unknown (not the caller\'s); issued (minted for requests) and returned (of those, restored in the answer): the restore rate',
      labelNames: ['result'] as const,
      registers,
    }),
    upstreamErrors: new Counter({
      name: 'gateway_upstream_errors_total',
      help: 'Upstream transport failures, by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    sharedStateHealthy: new Gauge({
      name: 'gateway_shared_state_healthy',
      help: '1 when the last refresh of a shared incident store (revocations, kill switch) succeeded',
      labelNames: ['store'] as const,
      registers,
    }),
  };
  // start the fixed-label series at zero, so rates and alerts work before the first event
  for (const reason of AUTH_FAILURE_REASONS) m.authFailures.inc({ reason }, 0);
  for (const scope of RATE_LIMIT_SCOPES) m.rateLimited.inc({ scope }, 0);
  for (const scope of ['tenant', 'subject']) m.rateLimitStoreErrors.inc({ scope }, 0);
  for (const result of ['restored', 'unresolved', 'unknown', 'issued', 'returned'] as const) m.reidentify.inc({ result }, 0);
  for (const op of VAULT_OPS) m.vaultErrors.inc({ op }, 0);
  return m;
}

/** Updates the request metrics from the facts of one finished request (the same facts as its audit record). */
export function recordRequest(m: GatewayMetrics, facts: RequestFacts, built?: UnsealedRecord): void {
  const r = built ?? buildRecord(facts); // the same sanitization as the audit record
  const route = routeLabel(facts.route);
  // the exact status (a bounded set: 100-599, else 0), not the class: 401 vs 403 vs 429 matters to operators
  m.requests.inc({ route, status: String(r.status), decision: r.decision });
  m.requestDuration.observe({ route }, r.latencyMs.total / 1000);
  if (r.latencyMs.upstream !== undefined) {
    m.overheadDuration.observe({ route }, Math.max(0, r.latencyMs.total - r.latencyMs.upstream) / 1000);
  } else if (r.decision !== 'forwarded') {
    // refused before the upstream: all of it is the gateway's time
    m.overheadDuration.observe({ route }, r.latencyMs.total / 1000);
  }
  for (const [type, byAction] of Object.entries(r.detected)) {
    for (const action of DETECTION_ACTIONS) {
      const n = byAction[action];
      if (n !== undefined && n > 0) m.detectedValues.inc({ type, action }, n);
    }
  }
  for (const [type, n] of Object.entries(r.responseDetected)) m.responseDetectedValues.inc({ type }, n);
  if (r.decision === 'denied_by_auth') {
    const reason = (AUTH_FAILURE_REASONS as readonly string[]).includes(r.reason ?? '') ? (r.reason as string) : 'other';
    m.authFailures.inc({ reason });
  }
  if (r.decision === 'rate_limited' && facts.rateLimitScope !== undefined && (RATE_LIMIT_SCOPES as readonly string[]).includes(facts.rateLimitScope)) {
    m.rateLimited.inc({ scope: facts.rateLimitScope });
  }
  if (r.reidentification) {
    const { restored, unresolved, unknown } = r.reidentification;
    if (restored > 0) m.reidentify.inc({ result: 'restored' }, restored);
    if (unresolved > 0) m.reidentify.inc({ result: 'unresolved' }, unresolved);
    if (unknown > 0) m.reidentify.inc({ result: 'unknown' }, unknown);
    // restore rate: tokens minted for requests, and how many of them the answers carried back
    const { issued, returned } = r.reidentification;
    if (issued !== undefined && issued > 0) m.reidentify.inc({ result: 'issued' }, issued);
    if (returned !== undefined && returned > 0) m.reidentify.inc({ result: 'returned' }, returned);
  }
  if (facts.upstreamError !== undefined) m.upstreamErrors.inc({ kind: upstreamErrorLabel(facts.upstreamError) });
}

/** For the vault: one call per operation. */
export function recordVaultOp(m: GatewayMetrics, op: VaultOp, result: VaultResult): void {
  m.vaultOperations.inc({ op, result });
  if (result === 'error') m.vaultErrors.inc({ op });
}

/** For the policy store: one call per reload attempt. */
export function recordPolicyReload(m: GatewayMetrics, result: PolicyReloadResult): void {
  m.policyReloads.inc({ result });
}

/** For the incident stores' refresh loops. */
export function recordSharedStateHealth(m: GatewayMetrics, store: 'revocations' | 'kill_switch', healthy: boolean): void {
  m.sharedStateHealthy.set({ store }, healthy ? 1 : 0);
}
