import AjvModule, { type ErrorObject } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { BoundedMap } from '../bounded-map.js';
import { ENTITY_TYPES, type CustomRecognizer, type EntityType } from '../detect/types.js';
import type { EffectivePolicy, EntityRule, ScanFields } from './types.js';
import {
  PolicyFileSchema,
  POLICY_ROUTES,
  type CustomRecognizerSettings,
  type PolicyFile,
  type PolicyRoute,
  type Settings,
  type TenantSettings,
} from './schema.js';

/** effective policies memoized per (tenant, route, model), per loaded policy */
const RESOLVE_MEMO_MAX = 1024;

// ajv is CommonJS; under NodeNext its default export is the module object.
const Ajv = AjvModule.default;

/** One problem in a policy file, with where it is. */
export interface PolicyProblem {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** dotted path, e.g. `tenants.acme.entities.EMAIL.action` */
  readonly path: string;
  readonly message: string;
}

/** Thrown by loadPolicy; its message lists every problem as `file:line:col: path: message`, one per line. */
export class PolicyError extends Error {
  readonly problems: readonly PolicyProblem[];
  constructor(problems: readonly PolicyProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'PolicyError';
    this.problems = problems;
  }
}

export function formatProblem(p: PolicyProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** A compiled glob of model names (`*`, `?`; case-insensitive); `!` in front excludes. */
export interface ModelPattern {
  readonly source: string;
  readonly negate: boolean;
  readonly regex: RegExp;
}

/** One layer of the policy, compiled: camelCase, every field optional (absent = inherit). */
export interface Layer {
  readonly entities: ReadonlyMap<EntityType, Partial<EntityRule>>;
  /** by recognizer name; a later layer's recognizer replaces one of the same name */
  readonly custom: ReadonlyMap<string, CustomRecognizer>;
  readonly allowlist?: readonly string[];
  readonly scan?: Partial<ScanFields>;
  readonly drop?: readonly string[];
  readonly force?: Readonly<Record<string, unknown>>;
  readonly unreadableContent?: EffectivePolicy['unreadableContent'];
  readonly responseScan?: EffectivePolicy['responseScan'];
  readonly shadow?: boolean;
  readonly retentionSeconds?: number;
  readonly linkability?: EffectivePolicy['linkability'];
  readonly restoreScope?: EffectivePolicy['restoreScope'];
  readonly allowedModels?: readonly ModelPattern[];
  readonly maxBodyBytes?: number;
  readonly rateLimits?: Partial<EffectivePolicy['rateLimits']>;
}

export interface ModelLayer {
  readonly glob: string;
  readonly regex: RegExp;
  /** literal characters in the glob: more specific globs apply later (win) */
  readonly specificity: number;
  readonly index: number;
  readonly layer: Layer;
}

export interface TenantLayers {
  readonly layer: Layer;
  readonly routes: Readonly<Partial<Record<PolicyRoute, Layer>>>;
  readonly models: readonly ModelLayer[];
}

/** A loaded, validated, compiled policy. Immutable except its internal resolve memo. */
export interface Policy {
  readonly version: string;
  readonly fileName: string;
  /** the validated file as parsed (deep-frozen) */
  readonly source: PolicyFile;
  /** entity types declared by custom recognizers anywhere in the file */
  readonly customTypes: readonly EntityType[];
  readonly defaults: Layer;
  readonly routes: Readonly<Partial<Record<PolicyRoute, Layer>>>;
  readonly models: readonly ModelLayer[];
  readonly tenants: ReadonlyMap<string, TenantLayers>;
  /** @internal resolvePolicy's bounded memo, keyed by (tenant, route, model) */
  readonly resolveMemo: BoundedMap<string, EffectivePolicy>;
}

/** Request fields that minimization may not drop or force: without them the request means nothing. */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set(['model', 'messages', 'prompt', 'input', 'stream', 'tools', 'instructions']);

const DEFAULT_CONFIDENCE = { regex: 0.8, terms: 0.9 } as const;
const BUILTIN: ReadonlySet<string> = new Set(ENTITY_TYPES);

type PathSeg = string | number;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validateFile = ajv.compile<PolicyFile>(PolicyFileSchema);

/**
 * Parses and validates a policy YAML. Throws PolicyError naming file, line and column of every
 * problem: YAML syntax, unknown keys, wrong types and values, bad regexes, bad durations, unknown
 * entity types.
 */
export function loadPolicy(text: string, fileName: string): Policy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  const problems: PolicyProblem[] = [];
  const at = (offset: number, path: readonly PathSeg[], message: string): void => {
    const { line, col } = lineCounter.linePos(offset);
    problems.push({ file: fileName, line, col, path: formatPath(path), message });
  };

  for (const e of doc.errors) {
    const { line, col } = lineCounter.linePos(Math.min(e.pos[0], text.length));
    problems.push({ file: fileName, line, col, path: '', message: firstLine(e.message) });
  }
  if (problems.length > 0) throw new PolicyError(problems);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new PolicyError([{ file: fileName, line: 1, col: 1, path: '', message: e instanceof Error ? firstLine(e.message) : 'cannot read YAML' }]);
  }
  if (data === null || data === undefined) {
    throw new PolicyError([{ file: fileName, line: 1, col: 1, path: '', message: 'the policy file is empty' }]);
  }

  const locate = (path: readonly PathSeg[], key?: string): number => nodeOffset(doc, path, key);

  const valid = validateFile(data);
  if (!valid) {
    for (const e of validateFile.errors ?? []) reportAjvError(e, locate, at);
  }
  checkSemantics(data, locate, at);

  if (!valid || problems.length > 0) {
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new PolicyError(dedupe(problems));
  }
  return compile(deepFreeze(data as PolicyFile), fileName);
}

// ---------------------------------------------------------------------------------------------
// Positions

function nodeOffset(doc: Document, path: readonly PathSeg[], key?: string): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  const segs: PathSeg[] = key === undefined ? [...path] : [...path, key];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (isAlias(node)) node = node.resolve(doc);
    const isLast = i === segs.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      if (isLast && key !== undefined) return rangeStart(pair.key) ?? offset;
      offset = rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(n: unknown): number | undefined {
  if (n !== null && typeof n === 'object' && 'range' in n) {
    const r = (n as YamlNode).range;
    return r ? r[0] : undefined;
  }
  return undefined;
}

function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_*?-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function parsePointer(pointer: string): PathSeg[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function dedupe(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Schema errors → readable messages

type Locate = (path: readonly PathSeg[], key?: string) => number;
type At = (offset: number, path: readonly PathSeg[], message: string) => void;

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

function reportAjvError(e: ErrorObject, locate: Locate, at: At): void {
  const path = parsePointer(e.instancePath);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = schemaKeys(e.parentSchema);
      const hint = suggest(key, allowed);
      at(locate(path, key), [...path, key], `unknown key${hint ? `; did you mean "${hint}"?` : ''}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`);
      return;
    }
    case 'required':
      at(locate(path), [...path, String(params['missingProperty'])], 'is required');
      return;
    case 'enum': {
      const values = Array.isArray(params['allowedValues']) ? params['allowedValues'].map(String) : [];
      at(locate(path), path, `must be one of ${values.join(', ')}`);
      return;
    }
    case 'type': {
      const t = params['type'];
      const types = (Array.isArray(t) ? t : [t]).map((x) => TYPE_WORDS[String(x)] ?? String(x));
      at(locate(path), path, `must be ${types.join(' or ')}`);
      return;
    }
    case 'pattern':
      at(locate(path), path, patternMessage(path));
      return;
    default:
      at(locate(path), path, e.message ?? 'is invalid');
  }
}

function patternMessage(path: readonly PathSeg[]): string {
  const last = path[path.length - 1];
  if (last === 'type') return 'must be an entity type name in UPPER_SNAKE_CASE (e.g. EMPLOYEE_ID)';
  if (last === 'name') return 'must be a recognizer name: a letter, then letters, digits, _ . - (at most 64)';
  if (last === 'flags') return 'must be regex flags from i, m, s, u';
  if (path.includes('drop')) return 'must be a top-level request field name';
  return 'has an invalid format';
}

function schemaKeys(schema: unknown): string[] {
  if (schema !== null && typeof schema === 'object' && 'properties' in schema) {
    const props = (schema as { properties: unknown }).properties;
    if (props !== null && typeof props === 'object') return Object.keys(props);
  }
  return [];
}

function suggest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return bestD <= Math.max(1, Math.floor(key.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Checks JSON Schema cannot express. They run on the raw data, guarded, so that one report lists
// schema problems and these together.

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every layer in the file with its path. */
function layersOf(data: unknown): Array<{ path: PathSeg[]; value: Record<string, unknown> }> {
  const out: Array<{ path: PathSeg[]; value: Record<string, unknown> }> = [];
  if (!isRecord(data)) return out;
  const add = (path: PathSeg[], v: unknown): void => {
    if (isRecord(v)) out.push({ path, value: v });
  };
  const addRoutesModels = (base: PathSeg[], holder: Record<string, unknown>): void => {
    const routes = holder['routes'];
    if (isRecord(routes)) for (const [k, v] of Object.entries(routes)) add([...base, 'routes', k], v);
    const models = holder['models'];
    if (isRecord(models)) for (const [k, v] of Object.entries(models)) add([...base, 'models', k], v);
  };
  add(['defaults'], data['defaults']);
  addRoutesModels([], data);
  const tenants = data['tenants'];
  if (isRecord(tenants)) {
    for (const [t, v] of Object.entries(tenants)) {
      add(['tenants', t], v);
      if (isRecord(v)) addRoutesModels(['tenants', t], v);
    }
  }
  return out;
}

function checkSemantics(data: unknown, locate: Locate, at: At): void {
  const layers = layersOf(data);
  const declared = new Set<string>(ENTITY_TYPES);
  for (const { value } of layers) {
    const recs = value['custom_recognizers'];
    if (Array.isArray(recs)) for (const r of recs) if (isRecord(r) && typeof r['type'] === 'string') declared.add(r['type']);
  }

  for (const { path, value } of layers) {
    const entities = value['entities'];
    if (isRecord(entities)) {
      for (const name of Object.keys(entities)) {
        if (!declared.has(name)) {
          at(locate([...path, 'entities'], name), [...path, 'entities', name], `unknown entity type; built-in types are ${ENTITY_TYPES.join(', ')}, or declare it with a custom recognizer`);
        }
      }
    }

    const recs = value['custom_recognizers'];
    if (Array.isArray(recs)) {
      const names = new Set<string>();
      recs.forEach((r, i) => {
        if (!isRecord(r)) return;
        const rp = [...path, 'custom_recognizers', i];
        const name = r['name'];
        if (typeof name === 'string') {
          if (names.has(name)) at(locate([...rp, 'name']), [...rp, 'name'], `duplicate recognizer name "${name}" in this list`);
          names.add(name);
        }
        const hasRegex = r['regex'] !== undefined;
        const hasTerms = r['terms'] !== undefined;
        if (hasRegex === hasTerms) at(locate(rp), rp, 'needs exactly one of regex or terms');
        if (hasTerms) {
          for (const k of ['flags', 'validator', 'context'] as const) {
            if (r[k] !== undefined) at(locate(rp, k), [...rp, k], 'applies only to regex recognizers');
          }
        }
        if (hasRegex && r['case_sensitive'] !== undefined) at(locate(rp, 'case_sensitive'), [...rp, 'case_sensitive'], 'applies only to terms recognizers (use flags: i)');
        const regex = r['regex'];
        if (typeof regex === 'string') {
          const flags = typeof r['flags'] === 'string' && /^[imsu]*$/.test(r['flags']) ? r['flags'] : '';
          try {
            const re = new RegExp(regex, flags);
            if (re.test('')) at(locate([...rp, 'regex']), [...rp, 'regex'], 'matches the empty string; a recognizer must match at least one character');
          } catch (e) {
            const msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : 'invalid';
            at(locate([...rp, 'regex']), [...rp, 'regex'], `invalid regular expression: ${msg}`);
          }
        }
      });
    }

    const retention = value['retention'];
    if ((typeof retention === 'string' && parseDuration(retention) === undefined) || (typeof retention === 'number' && !(retention >= 1 && retention <= 3650 * 86400))) {
      at(locate([...path, 'retention']), [...path, 'retention'], 'must be a duration such as 90s, 30m, 24h or 7d (at least 1s, at most 3650d)');
    }

    const minimize = value['minimize'];
    if (isRecord(minimize)) {
      const drop = minimize['drop'];
      if (Array.isArray(drop)) {
        drop.forEach((f, i) => {
          if (typeof f === 'string' && PROTECTED_FIELDS.has(f)) at(locate([...path, 'minimize', 'drop', i]), [...path, 'minimize', 'drop', i], `"${f}" cannot be dropped`);
        });
      }
      const force = minimize['force'];
      if (isRecord(force)) {
        for (const k of Object.keys(force)) {
          if (PROTECTED_FIELDS.has(k) || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k)) {
            at(locate([...path, 'minimize', 'force'], k), [...path, 'minimize', 'force', k], `"${k}" cannot be forced`);
          }
        }
      }
    }
  }
}

/** `90s`, `30m`, `24h`, `7d` → seconds; undefined when malformed or out of range. */
export function parseDuration(s: string): number | undefined {
  const m = /^\s*(\d{1,9})\s*(s|m|h|d)\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] === 's' ? 1 : m[2] === 'm' ? 60 : m[2] === 'h' ? 3600 : 86400;
  const secs = n * unit;
  return secs >= 1 && secs <= 3650 * 86400 ? secs : undefined;
}

// ---------------------------------------------------------------------------------------------
// Compile

export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

function compileModelPattern(source: string): ModelPattern {
  const negate = source.startsWith('!');
  return { source, negate, regex: globToRegExp(negate ? source.slice(1) : source) };
}

function compileRecognizer(r: CustomRecognizerSettings): CustomRecognizer {
  if (r.terms !== undefined) {
    return { kind: 'terms', name: r.name, type: r.type, terms: [...r.terms], caseSensitive: r.case_sensitive ?? false, confidence: r.confidence ?? DEFAULT_CONFIDENCE.terms };
  }
  const rec: { -readonly [K in keyof Extract<CustomRecognizer, { kind: 'regex' }>]: Extract<CustomRecognizer, { kind: 'regex' }>[K] } = {
    kind: 'regex',
    name: r.name,
    type: r.type,
    pattern: r.regex ?? '',
    confidence: r.confidence ?? DEFAULT_CONFIDENCE.regex,
  };
  if (r.flags) rec.flags = r.flags;
  if (r.validator) rec.validator = r.validator;
  if (r.context && r.context.length > 0) rec.contextWords = [...r.context];
  return rec;
}

function compileLayer(s: Settings | TenantSettings): Layer {
  const entities = new Map<EntityType, Partial<EntityRule>>();
  for (const [type, e] of Object.entries(s.entities ?? {})) {
    const rule: { -readonly [K in keyof EntityRule]?: EntityRule[K] } = {};
    if (e.action !== undefined) rule.action = e.action;
    if (e.min_confidence !== undefined) rule.minConfidence = e.min_confidence;
    if (e.mask_keep_last !== undefined) rule.maskKeepLast = e.mask_keep_last;
    if (e.mask_char !== undefined) rule.maskChar = e.mask_char;
    if (e.restore_to !== undefined) rule.restoreTo = e.restore_to;
    entities.set(type, Object.freeze(rule));
  }
  const custom = new Map<string, CustomRecognizer>();
  for (const r of s.custom_recognizers ?? []) custom.set(r.name, Object.freeze(compileRecognizer(r)));

  const layer: { -readonly [K in keyof Layer]: Layer[K] } = { entities, custom };
  if (s.allowlist) layer.allowlist = [...s.allowlist];
  if (s.scan) {
    const scan: { -readonly [K in keyof ScanFields]?: boolean } = {};
    if (s.scan.messages !== undefined) scan.messages = s.scan.messages;
    if (s.scan.names !== undefined) scan.names = s.scan.names;
    if (s.scan.tool_arguments !== undefined) scan.toolArguments = s.scan.tool_arguments;
    if (s.scan.tool_results !== undefined) scan.toolResults = s.scan.tool_results;
    if (s.scan.tool_descriptions !== undefined) scan.toolDescriptions = s.scan.tool_descriptions;
    if (s.scan.response_format !== undefined) scan.responseFormat = s.scan.response_format;
    if (s.scan.prompt !== undefined) scan.prompt = s.scan.prompt;
    if (s.scan.input !== undefined) scan.input = s.scan.input;
    if (s.scan.instructions !== undefined) scan.instructions = s.scan.instructions;
    layer.scan = scan;
  }
  if (s.minimize?.drop) layer.drop = [...s.minimize.drop];
  if (s.minimize?.force) layer.force = s.minimize.force;
  if (s.unreadable_content) layer.unreadableContent = s.unreadable_content;
  if (s.response_scan) layer.responseScan = s.response_scan;
  if (s.shadow !== undefined) layer.shadow = s.shadow;
  if (s.retention !== undefined) {
    const secs = typeof s.retention === 'number' ? s.retention : parseDuration(s.retention);
    if (secs !== undefined) layer.retentionSeconds = secs;
  }
  if (s.linkability) layer.linkability = s.linkability;
  if (s.restore_scope) layer.restoreScope = s.restore_scope;
  if (s.allowed_models) layer.allowedModels = s.allowed_models.map(compileModelPattern);
  if (s.limits?.max_body_bytes !== undefined) layer.maxBodyBytes = s.limits.max_body_bytes;
  if (s.rate_limits) {
    const rl: { -readonly [K in keyof EffectivePolicy['rateLimits']]?: number } = {};
    if (s.rate_limits.tenant_per_minute !== undefined) rl.tenantPerMinute = s.rate_limits.tenant_per_minute;
    if (s.rate_limits.subject_per_minute !== undefined) rl.subjectPerMinute = s.rate_limits.subject_per_minute;
    if (s.rate_limits.tokens_per_minute !== undefined) rl.tokensPerMinute = s.rate_limits.tokens_per_minute;
    layer.rateLimits = rl;
  }
  return Object.freeze(layer);
}

function compileRoutes(routes: Partial<Record<PolicyRoute, Settings>> | undefined): Partial<Record<PolicyRoute, Layer>> {
  const out: Partial<Record<PolicyRoute, Layer>> = {};
  for (const r of POLICY_ROUTES) {
    const s = routes?.[r];
    if (s) out[r] = compileLayer(s);
  }
  return Object.freeze(out);
}

function compileModels(models: Record<string, Settings> | undefined): ModelLayer[] {
  return Object.entries(models ?? {}).map(([glob, s], index) =>
    Object.freeze({ glob, regex: globToRegExp(glob), specificity: glob.replace(/[*?]/g, '').length, index, layer: compileLayer(s) }),
  );
}

function compile(file: PolicyFile, fileName: string): Policy {
  const customTypes = new Set<string>();
  const collect = (s: Settings | undefined): void => {
    for (const r of s?.custom_recognizers ?? []) if (!BUILTIN.has(r.type)) customTypes.add(r.type);
  };
  collect(file.defaults);
  for (const s of Object.values(file.routes ?? {})) collect(s);
  for (const s of Object.values(file.models ?? {})) collect(s);
  const tenants = new Map<string, TenantLayers>();
  for (const [name, t] of Object.entries(file.tenants ?? {})) {
    collect(t);
    for (const s of Object.values(t.routes ?? {})) collect(s);
    for (const s of Object.values(t.models ?? {})) collect(s);
    tenants.set(name, Object.freeze({ layer: compileLayer(t), routes: compileRoutes(t.routes), models: Object.freeze(compileModels(t.models)) }));
  }
  return Object.freeze({
    version: file.version,
    fileName,
    source: file,
    customTypes: Object.freeze([...customTypes].sort()),
    defaults: compileLayer(file.defaults),
    routes: compileRoutes(file.routes),
    models: Object.freeze(compileModels(file.models)),
    tenants,
    resolveMemo: new BoundedMap<string, EffectivePolicy>(RESOLVE_MEMO_MAX),
  });
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
