import type { RequestFacts } from '../audit/record.js';
import type { GatewayError } from '../errors.js';
import type { AuthFailureReason, Principal } from '../auth/principal.js';

export type Decision = 'forwarded' | 'blocked_by_policy' | 'denied_by_auth' | 'rate_limited' | 'failed' | 'admin';

export interface ReidentifyFacts {
  complete: boolean;
  restored: number;
  unresolved: number;
  unknown: number;
  issued?: number;
  returned?: number;
}

/**
 * What the stages of one request found out, handed on to the single audit record and the metrics
 * written when the response ends. No text fields that could carry prompt or response content: only
 * identities from the verified token, fixed enums, numbers and counts.
 */
export class FactsCollector {
  readonly startedNs = process.hrtime.bigint();
  route = 'other';
  principal: Principal | undefined;
  decision: Decision | undefined;
  reason: string | undefined;
  model: string | undefined;
  policyVersion: string | undefined;
  upstreamMs: number | undefined;
  upstreamStatus: number | undefined;
  detected: Record<string, Record<string, number>> | undefined;
  responseDetected: Record<string, number> | undefined;
  usage: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | undefined;
  reidentify: ReidentifyFacts | undefined;
  stream = false;
  shadow = false;
  admin: { action: string; target: string } | undefined;
  rateLimitScope: 'tenant' | 'subject' | 'tokens' | undefined;
  /** bytes of the JSON body as received (set by the body parser; also for chunked bodies without Content-Length) */
  bodyBytes: number | undefined;
  /** the audit record was written (exactly once per request) */
  finalized = false;
  /** the caller went away before the response ended */
  aborted = false;
  /** work that only feeds the audit record (e.g. the response scan), run after the response was sent */
  readonly deferred: (() => void | Promise<void>)[] = [];
  upstreamError: string | undefined;

  authFailed(reason: AuthFailureReason): void {
    this.decision = 'denied_by_auth';
    this.reason = reason;
  }

  clientAborted(): void {
    this.aborted = true;
    if (this.decision === undefined || this.decision === 'forwarded') {
      this.decision = 'failed';
      this.reason = 'client_aborted';
    }
    if (this.reidentify) this.reidentify.complete = false;
  }

  fail(err: GatewayError): void {
    if (this.decision !== undefined && this.decision !== 'forwarded') return;
    switch (err.code) {
      case 'GW_ERR_AUTH_INVALID_TOKEN':
      case 'GW_ERR_AUTH_REVOKED':
      case 'GW_ERR_AUTH_SCOPE':
        this.decision = 'denied_by_auth';
        break;
      case 'GW_ERR_PII_BLOCKED':
      case 'GW_ERR_UNSUPPORTED_CONTENT':
      case 'GW_ERR_MODEL_NOT_ALLOWED':
      case 'GW_ERR_SERVICE_DISABLED':
        this.decision = 'blocked_by_policy';
        break;
      case 'GW_ERR_RATE_LIMITED':
        this.decision = 'rate_limited';
        break;
      default:
        this.decision = 'failed';
    }
    this.reason ??= err.publicCode;
  }

  /** The facts the audit record and metrics are built from (no text fields). */
  toAuditFacts(status: number, requestId: string, totalMs: number): RequestFacts {
    const p = this.principal;
    return {
      endedAt: Date.now(),
      route: this.route,
      status,
      totalMs,
      requestId,
      principal: p ? { subject: p.subject, tenant: p.tenant, clientId: p.clientId } : undefined,
      decision: this.decision ?? (status < 400 ? 'forwarded' : 'failed'),
      reason: this.reason,
      model: this.model,
      policyVersion: this.policyVersion,
      upstreamMs: this.upstreamMs,
      upstreamStatus: this.upstreamStatus,
      upstreamError: this.upstreamError,
      detected: this.detected,
      responseDetected: this.responseDetected,
      usage: this.usage,
      reidentify: this.reidentify,
      rateLimitScope: this.rateLimitScope,
      stream: this.stream,
      shadow: this.shadow,
      admin: this.admin,
    };
  }

  elapsedMs(): number {
    return Number(process.hrtime.bigint() - this.startedNs) / 1e6;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    facts: FactsCollector;
    principal: Principal | null;
  }
}
