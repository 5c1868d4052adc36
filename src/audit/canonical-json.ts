import type { AuditRecord } from './record.js';

/** Canonical JSON: object keys sorted, undefined values left out, no whitespace. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
    return JSON.stringify(v) ?? 'null';
  }
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const x = obj[k];
    if (x === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(x)}`);
  }
  return `{${parts.join(',')}}`;
}

type RecordBody = Omit<AuditRecord, 'hash'>;

/**
 * Keys in sorted order; undefined when one would not be copied as written: integer-like (V8 keeps those
 * first, not in insertion order) or `__proto__` (an assignment sets the prototype).
 */
function sortedKeys(o: object): string[] | undefined {
  const keys = Object.keys(o);
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if ((c >= 48 && c <= 57) || k === '__proto__') return undefined;
  }
  return keys.sort();
}

/**
 * canonicalJson(body) of an audit record without `hash`, from one JSON.stringify of a copy whose keys
 * are written in sorted order at every level (several times cheaper than the generic walk). The
 * object literal names every field of the record, so a new field fails to compile here until it is
 * placed in order; a unit test compares the two functions.
 */
export function canonicalRecordJson(b: RecordBody): string {
  const types = sortedKeys(b.detected);
  const responseTypes = sortedKeys(b.responseDetected);
  if (types === undefined || responseTypes === undefined) return canonicalJson(b);
  const detected: RecordBody['detected'] = {};
  for (const t of types) {
    const c = b.detected[t] ?? {};
    detected[t] = { allow: c.allow, block: c.block, mask: c.mask, tokenize: c.tokenize };
  }
  const responseDetected: RecordBody['responseDetected'] = {};
  for (const t of responseTypes) responseDetected[t] = b.responseDetected[t] as number;
  const r = b.reidentification;
  const u = b.usage;
  const sorted: { [K in keyof RecordBody]: unknown } = {
    adminAction: b.adminAction,
    adminTarget: b.adminTarget,
    clientId: b.clientId,
    decision: b.decision,
    detected,
    id: b.id,
    latencyMs: { total: b.latencyMs.total, upstream: b.latencyMs.upstream },
    model: b.model,
    policyVersion: b.policyVersion,
    prev: b.prev,
    reason: b.reason,
    reidentification: r && { complete: r.complete, issued: r.issued, restored: r.restored, returned: r.returned, unknown: r.unknown, unresolved: r.unresolved },
    requestId: b.requestId,
    responseDetected,
    route: b.route,
    runId: b.runId,
    seq: b.seq,
    shadow: b.shadow,
    status: b.status,
    stream: b.stream,
    subject: b.subject,
    tenant: b.tenant,
    time: b.time,
    usage: u && { completion_tokens: u.completion_tokens, prompt_tokens: u.prompt_tokens, total_tokens: u.total_tokens },
  };
  return JSON.stringify(sorted);
}
