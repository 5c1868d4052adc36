import { createHash } from 'node:crypto';
import { ENTITY_TYPES, type CustomRecognizer, type DetectorConfig, type EntityType } from '../detect/types.js';
import type { Layer, ModelPattern, Policy } from './load.js';
import { POLICY_ROUTES, type PolicyRoute } from './schema.js';
import type { EffectivePolicy, EntityRule, RouteKind, ScanFields } from './types.js';

/** What a setting is when no layer names it. Unlisted entity types are tokenized: fail closed. */
export const BASE_ENTITY_RULE: EntityRule = Object.freeze({ action: 'tokenize', minConfidence: 0.5, maskKeepLast: 0, maskChar: '*', restoreTo: 'caller' });
const BASE_SCAN: ScanFields = Object.freeze({
  messages: true,
  names: true,
  toolArguments: true,
  toolResults: true,
  toolDescriptions: true,
  responseFormat: true,
  prompt: true,
  input: true,
  instructions: true,
});
const BASE_RETENTION_SECONDS = 86400;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function isPolicyRoute(r: RouteKind): r is PolicyRoute {
  return (POLICY_ROUTES as readonly string[]).includes(r);
}

/** The layers that apply, lowest precedence first. */
function layersFor(policy: Policy, tenant: string, route: RouteKind, model: string | undefined): Layer[] {
  const out: Layer[] = [policy.defaults];
  const routeLayer = isPolicyRoute(route) ? policy.routes[route] : undefined;
  if (routeLayer) out.push(routeLayer);
  const matching = (models: Policy['models']): Layer[] =>
    model === undefined
      ? []
      : models
          .filter((m) => m.regex.test(model))
          .sort((a, b) => a.specificity - b.specificity || a.index - b.index)
          .map((m) => m.layer);
  out.push(...matching(policy.models));
  const t = policy.tenants.get(tenant);
  if (t) {
    out.push(t.layer);
    const tr = isPolicyRoute(route) ? t.routes[route] : undefined;
    if (tr) out.push(tr);
    out.push(...matching(t.models));
  }
  return out;
}

/** Last matching pattern wins (gitignore style); no match: not allowed. A missing model is matched as "". */
export function modelAllowed(patterns: readonly ModelPattern[], model: string | undefined): boolean {
  let allowed = false;
  for (const p of patterns) if (p.regex.test(model ?? '')) allowed = !p.negate;
  return allowed;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function build(policy: Policy, tenant: string, route: RouteKind, model: string | undefined): EffectivePolicy {
  const layers = layersFor(policy, tenant, route, model);

  const custom = new Map<string, CustomRecognizer>();
  const rules = new Map<EntityType, Mutable<EntityRule>>();
  for (const t of ENTITY_TYPES) rules.set(t, { ...BASE_ENTITY_RULE });
  let allowlist: readonly string[] = [];
  const scan: Mutable<ScanFields> = { ...BASE_SCAN };
  let drop: readonly string[] = [];
  const force: Record<string, unknown> = {};
  let unreadableContent: EffectivePolicy['unreadableContent'] = 'refuse';
  let responseScan: EffectivePolicy['responseScan'] = 'count';
  let shadow = false;
  let retentionSeconds = BASE_RETENTION_SECONDS;
  let linkability: EffectivePolicy['linkability'] = 'tenant';
  let restoreScope: EffectivePolicy['restoreScope'] = 'request';
  let allowedModels: readonly ModelPattern[] | undefined;
  let maxBodyBytes: number | undefined;
  const rateLimits: Mutable<EffectivePolicy['rateLimits']> = { tenantPerMinute: undefined, subjectPerMinute: undefined, tokensPerMinute: undefined };

  for (const l of layers) {
    for (const [name, r] of l.custom) {
      custom.delete(name); // keep insertion order = order of precedence
      custom.set(name, r);
      if (!rules.has(r.type)) rules.set(r.type, { ...BASE_ENTITY_RULE });
    }
    for (const [type, partial] of l.entities) rules.set(type, { ...(rules.get(type) ?? BASE_ENTITY_RULE), ...partial });
    if (l.allowlist) allowlist = l.allowlist;
    if (l.scan) Object.assign(scan, l.scan);
    if (l.drop) drop = l.drop;
    if (l.force) Object.assign(force, l.force);
    if (l.unreadableContent) unreadableContent = l.unreadableContent;
    if (l.responseScan) responseScan = l.responseScan;
    if (l.shadow !== undefined) shadow = l.shadow;
    if (l.retentionSeconds !== undefined) retentionSeconds = l.retentionSeconds;
    if (l.linkability) linkability = l.linkability;
    if (l.restoreScope) restoreScope = l.restoreScope;
    if (l.allowedModels) allowedModels = l.allowedModels;
    if (l.maxBodyBytes !== undefined) maxBodyBytes = l.maxBodyBytes;
    if (l.rateLimits) Object.assign(rateLimits, l.rateLimits);
  }

  // Stable order: built-in types in their canonical order, then custom types by name.
  const builtin = new Set<string>(ENTITY_TYPES);
  const order = [...ENTITY_TYPES, ...[...rules.keys()].filter((t) => !builtin.has(t)).sort()];
  const entities: Record<EntityType, EntityRule> = {};
  for (const t of order) {
    const r = rules.get(t);
    if (r) entities[t] = r;
  }
  const enabled = order.filter((t) => entities[t]?.action !== 'allow');
  const enabledSet = new Set(enabled);
  const minConfidence: Record<EntityType, number> = {};
  for (const t of enabled) minConfidence[t] = entities[t]?.minConfidence ?? BASE_ENTITY_RULE.minConfidence;
  const detector: DetectorConfig = {
    enabled,
    minConfidence,
    custom: [...custom.values()].filter((r) => enabledSet.has(r.type)),
    allowlist: [...allowlist],
  };
  const detectorKey = `${policy.version}:${createHash('sha256').update(JSON.stringify(detector)).digest('hex').slice(0, 16)}`;

  return deepFreeze({
    version: policy.version,
    tenant,
    route,
    model,
    entities,
    detector,
    detectorKey,
    modelAllowed: modelAllowed(allowedModels ?? [{ source: '*', negate: false, regex: /^.*$/ }], model),
    maxBodyBytes,
    drop: [...drop],
    force: structuredClone(force),
    scan,
    unreadableContent,
    responseScan,
    shadow,
    retentionSeconds,
    linkability,
    restoreScope,
    rateLimits,
  });
}

/**
 * The policy for one request: defaults < route < model < tenant < tenant.route < tenant.model.
 * Pure; memoized per (tenant, route, model) in a bounded map inside the Policy (a reload brings a
 * new Policy and so a fresh memo). The result is deep-frozen.
 */
export function resolvePolicy(policy: Policy, tenant: string, route: RouteKind, model: string | undefined): EffectivePolicy {
  // (JSON: a tenant from a token or a model from the body may hold any character, separators included)
  const key = JSON.stringify([tenant, route, model ?? null]);
  const memo = policy.resolveMemo;
  const hit = memo.get(key);
  if (hit) return hit;
  const p = build(policy, tenant, route, model);
  memo.set(key, p);
  return p;
}

/** Tenants named in the policy file, in file order. */
export function policyTenants(policy: Policy): string[] {
  return [...policy.tenants.keys()];
}

function describeRule(r: EntityRule): string {
  const parts: string[] = [r.action];
  if (r.action !== 'allow') parts.push(`min_confidence ${r.minConfidence}`);
  if (r.action === 'mask') parts.push(`keep last ${r.maskKeepLast} (${r.maskChar})`);
  if (r.action === 'tokenize') parts.push(`restore to ${r.restoreTo}`);
  return parts.join(', ');
}

function describeModels(policy: Policy, tenant: string): string {
  let patterns: readonly ModelPattern[] | undefined;
  for (const l of layersFor(policy, tenant, 'chat', undefined)) if (l.allowedModels) patterns = l.allowedModels;
  return (patterns ?? [{ source: '*' }]).map((p) => p.source).join(', ');
}

function summaryLines(p: EffectivePolicy): Map<string, string> {
  const lines = new Map<string, string>();
  for (const [type, rule] of Object.entries(p.entities)) lines.set(`entity ${type}`, describeRule(rule));
  for (const r of p.detector.custom) {
    lines.set(`recognizer ${r.name}`, r.kind === 'regex' ? `${r.type} regex /${r.pattern}/${r.flags ?? ''} confidence ${r.confidence}` : `${r.type} terms (${r.terms.length}) confidence ${r.confidence}`);
  }
  lines.set('allowlist', p.detector.allowlist.length ? p.detector.allowlist.join(', ') : '(none)');
  const scanned = Object.entries(p.scan).filter(([, v]) => v).map(([k]) => k);
  const notScanned = Object.entries(p.scan).filter(([, v]) => !v).map(([k]) => k);
  lines.set('scan', scanned.join(', ') + (notScanned.length ? `; NOT scanned: ${notScanned.join(', ')}` : ''));
  lines.set('minimize', `drop [${p.drop.join(', ')}], force ${JSON.stringify(p.force)}`);
  lines.set('unreadable_content', p.unreadableContent);
  lines.set('response_scan', p.responseScan);
  lines.set('shadow', p.shadow ? 'ON (detect and audit only; nothing is changed)' : 'off');
  lines.set('retention', `${p.retentionSeconds}s`);
  lines.set('linkability', p.linkability);
  lines.set('restore_scope', p.restoreScope);
  lines.set('max_body_bytes', p.maxBodyBytes === undefined ? '(gateway default)' : String(p.maxBodyBytes));
  const rl = p.rateLimits;
  lines.set('rate_limits', `tenant ${rl.tenantPerMinute ?? '-'}/min, subject ${rl.subjectPerMinute ?? '-'}/min, tokens ${rl.tokensPerMinute ?? '-'}/min`);
  return lines;
}

/**
 * Readable text of the effective policy of a tenant (any name not in the file gets the defaults):
 * the chat route in full, then what differs on the other routes and for each model glob named in
 * the file. For `policy check`.
 */
export function effectivePolicySummary(policy: Policy, tenant: string): string {
  const known = policy.tenants.has(tenant);
  const out: string[] = [`tenant ${tenant}${known ? '' : ' (not in the file: defaults)'} — policy version ${policy.version}`];
  const base = resolvePolicy(policy, tenant, 'chat', undefined);
  const baseLines = summaryLines(base);
  out.push('  route chat (and the base for the others):');
  for (const [k, v] of baseLines) out.push(`    ${k.padEnd(30)} ${v}`);
  out.push(`    ${'allowed_models'.padEnd(30)} ${describeModels(policy, tenant)}`);
  const diff = (label: string, p: EffectivePolicy): void => {
    const changed: string[] = [];
    for (const [k, v] of summaryLines(p)) if (baseLines.get(k) !== v) changed.push(`    ${k.padEnd(30)} ${v}`);
    out.push(changed.length ? `  ${label}:` : `  ${label}: same`);
    out.push(...changed);
  };
  for (const r of POLICY_ROUTES) if (r !== 'chat') diff(`route ${r}`, resolvePolicy(policy, tenant, r, undefined));
  const globs = new Set<string>(policy.models.map((m) => m.glob));
  for (const m of policy.tenants.get(tenant)?.models ?? []) globs.add(m.glob);
  for (const g of globs) diff(`chat with model ${g}`, resolvePolicy(policy, tenant, 'chat', g));
  return out.join('\n');
}
