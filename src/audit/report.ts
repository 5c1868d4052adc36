/**
 * KPIs over audit records (pure): what `audit report` prints. Reads only the fields it needs and
 * tolerates lines that are not audit records.
 */

export interface AuditReport {
  requests: number;
  byDecision: Record<string, number>;
  byStatusClass: Record<string, number>;
  /** entity type → action → count of values found in requests */
  valuesByType: Record<string, Record<string, number>>;
  /** entity type → count found in model output that was not in the prompt */
  responseValuesByType: Record<string, number>;
  authFailuresByReason: Record<string, number>;
  latencyMs: { p50: number | null; p95: number | null };
  /** total minus upstream, over requests that reached the upstream */
  overheadMs: { p50: number | null; p95: number | null };
  tenants: number;
  runs: number;
  /** lines that were not audit records */
  skipped: number;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function bump(o: Record<string, number>, k: string, n = 1): void {
  o[k] = (o[k] ?? 0) + n;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

export function buildReport(lines: Iterable<string>): AuditReport {
  const r: AuditReport = {
    requests: 0,
    byDecision: {},
    byStatusClass: {},
    valuesByType: {},
    responseValuesByType: {},
    authFailuresByReason: {},
    latencyMs: { p50: null, p95: null },
    overheadMs: { p50: null, p95: null },
    tenants: 0,
    runs: 0,
    skipped: 0,
  };
  const totals: number[] = [];
  const overheads: number[] = [];
  const tenants = new Set<string>();
  const runs = new Set<string>();
  for (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      r.skipped++;
      continue;
    }
    if (typeof v !== 'object' || v === null || typeof (v as { runId?: unknown }).runId !== 'string' || typeof (v as { decision?: unknown }).decision !== 'string') {
      r.skipped++;
      continue;
    }
    const rec = v as Record<string, unknown>;
    runs.add(rec['runId'] as string);
    const decision = rec['decision'] as string;
    // admin actions are audited but are not requests to the model API
    if (decision === 'admin') {
      bump(r.byDecision, decision);
      continue;
    }
    r.requests++;
    bump(r.byDecision, decision);
    const status = num(rec['status']);
    bump(r.byStatusClass, status !== undefined && status >= 100 && status <= 599 ? `${Math.floor(status / 100)}xx` : 'other');
    if (typeof rec['tenant'] === 'string') tenants.add(rec['tenant']);
    if (decision === 'denied_by_auth') bump(r.authFailuresByReason, typeof rec['reason'] === 'string' ? rec['reason'] : 'unknown');
    const detected = rec['detected'];
    if (typeof detected === 'object' && detected !== null) {
      for (const [type, byAction] of Object.entries(detected as Record<string, unknown>)) {
        if (typeof byAction !== 'object' || byAction === null) continue;
        for (const [action, n] of Object.entries(byAction as Record<string, unknown>)) {
          const c = num(n);
          if (c === undefined) continue;
          const t = (r.valuesByType[type] ??= {});
          bump(t, action, c);
        }
      }
    }
    const resp = rec['responseDetected'];
    if (typeof resp === 'object' && resp !== null) {
      for (const [type, n] of Object.entries(resp as Record<string, unknown>)) {
        const c = num(n);
        if (c !== undefined) bump(r.responseValuesByType, type, c);
      }
    }
    const lat = rec['latencyMs'] as { total?: unknown; upstream?: unknown } | undefined;
    const total = num(lat?.total);
    const upstream = num(lat?.upstream);
    if (total !== undefined) {
      totals.push(total);
      if (upstream !== undefined) overheads.push(Math.max(0, total - upstream));
    }
  }
  totals.sort((a, b) => a - b);
  overheads.sort((a, b) => a - b);
  r.latencyMs = { p50: percentile(totals, 50), p95: percentile(totals, 95) };
  r.overheadMs = { p50: percentile(overheads, 50), p95: percentile(overheads, 95) };
  r.tenants = tenants.size;
  r.runs = runs.size;
  return r;
}

function fmtMs(v: number | null): string {
  return v === null ? '-' : `${v.toFixed(v < 10 ? 3 : 1)} ms`;
}

function table(title: string, rows: [string, string][]): string {
  if (rows.length === 0) return `${title}\n  (none)\n`;
  const w = Math.max(...rows.map(([k]) => k.length));
  return `${title}\n${rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v.padStart(8)}`).join('\n')}\n`;
}

function sortedRows(o: Record<string, number>): [string, string][] {
  return Object.entries(o)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => [k, String(v)]);
}

/** The report as plain-text tables. */
export function formatReport(r: AuditReport): string {
  const values: [string, string][] = [];
  for (const type of Object.keys(r.valuesByType).sort()) {
    for (const [action, n] of Object.entries(r.valuesByType[type] ?? {}).sort()) values.push([`${type} ${action}`, String(n)]);
  }
  return [
    table('Summary', [
      ['requests', String(r.requests)],
      ['tenants', String(r.tenants)],
      ['runs', String(r.runs)],
      ['latency p50', fmtMs(r.latencyMs.p50)],
      ['latency p95', fmtMs(r.latencyMs.p95)],
      ['overhead p50', fmtMs(r.overheadMs.p50)],
      ['overhead p95', fmtMs(r.overheadMs.p95)],
      ['skipped lines', String(r.skipped)],
    ]),
    table('By decision', sortedRows(r.byDecision)),
    table('By status class', sortedRows(r.byStatusClass)),
    table('Values found in requests (type action)', values),
    table('Values found in responses, not in the prompt', sortedRows(r.responseValuesByType)),
    table('Auth failures by reason', sortedRows(r.authFailuresByReason)),
  ].join('\n');
}
