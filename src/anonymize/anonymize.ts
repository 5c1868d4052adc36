import type { Detector, EntityType } from '../detect/types.js';
import { GatewayError } from '../errors.js';
import type { Action, EffectivePolicy, EntityRule } from '../policy/types.js';
import { NAME_TOKEN_REGEX, formatNameToken, formatToken, normalizeValue, tokenIdOfNormalized } from '../tokenize/token.js';
import type { Mapping } from '../vault/vault.js';
import { PairIndex } from '../pair-index.js';
import { cachedDetectIndexed, type DetectCache } from './detect-cache.js';
import { mayHold, runHashes, type WordFilter } from './word-filter.js';
import { collectFields, type AnonymizeRoute, type FieldKind, type TextField } from './fields.js';
import {
  adjustSpanForJsonText,
  applyReplacements,
  existingTokenSpans,
  literalMatcher,
  maskValue,
  overlapsAny,
  type Replacement,
  type Span,
} from './replace.js';

export type { AnonymizeRoute } from './fields.js';

export interface AnonymizeInput {
  /** the parsed request body; never mutated */
  readonly body: Record<string, unknown>;
  readonly route: AnonymizeRoute;
  readonly policy: EffectivePolicy;
  readonly detector: Detector;
  /** per-tenant token key (deriveTenantTokenKey) */
  readonly tenantKey: Buffer;
  /** random per request; used in token ids when policy.linkability is `request` */
  readonly requestNonce: string;
  readonly detectCache?: DetectCache | undefined;
}

export type ActionCounts = Record<Action, number>;

export interface AnonymizeResult {
  /** the body to forward: a new object (the input's own body in shadow mode) */
  readonly body: Record<string, unknown>;
  /** originals to store in the vault, one per (type, id) */
  readonly mappings: Mapping[];
  /** this request's restore scope: `${type}:${id}` → original */
  readonly tokens: Map<string, string>;
  /** distinct detected values per type and action (no values) */
  readonly counts: Record<EntityType, ActionCounts>;
  /** types with action `block` that were found (empty in shadow mode): the caller refuses with pii_blocked */
  readonly blocked: EntityType[];
  /** content parts and blobs the detector cannot read */
  readonly unreadable: number;
  readonly shadow: boolean;
  /** shadow mode only: the values found in the prompt, as written (the response scan does not count them again) */
  readonly promptValues?: ReadonlySet<string>;
}

/** Texts shorter than this are not given to the detector (values found elsewhere are still replaced). */
const MIN_DETECT_LENGTH = 3;
/** Values shorter than this are replaced where detected, but not searched for elsewhere. */
const MIN_PROPAGATED_LENGTH = 2;
const MAX_DEPTH = 256;
const NAME_SAFE_CHAR = /^[a-zA-Z0-9_-]$/;

/** One distinct value (type + normalized value) found in the request. */
interface FoundValue {
  readonly type: EntityType;
  readonly rule: EntityRule;
  /** first spelling seen: the original stored in the vault */
  readonly value: string;
  /** every spelling seen, searched for in every field */
  readonly surfaces: Set<string>;
  /** normalizeValue(type, value): what the token id is derived from */
  readonly normalized: string;
  id: string | undefined;
}

interface FoundSpan extends Span {
  readonly found: FoundValue;
}

/** Copies arrays and plain objects (strings and other primitives are immutable and shared). */
function cloneJson(v: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'body nested too deeply' });
  if (Array.isArray(v)) return v.map((x) => cloneJson(x, depth + 1));
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      // JSON.parse makes `__proto__` an own key; plain assignment would set the prototype instead
      if (k === '__proto__') Object.defineProperty(out, k, { value: cloneJson(x, depth + 1), enumerable: true, writable: true, configurable: true });
      else out[k] = cloneJson(x, depth + 1);
    }
    return out;
  }
  return v;
}

function emptyCounts(): ActionCounts {
  return { tokenize: 0, mask: 0, block: 0, allow: 0 };
}

/** `John_Smith`, `john-smith` and `John Smith` compare equal. */
function nameKey(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

/**
 * A message `name` as the detector and the search read it: `_` and `-` (which stand for spaces, as the
 * name syntax has none) as spaces, so `Fiona_Fieldhouse` is found as `Fiona Fieldhouse`. Same length:
 * offsets hold.
 */
function nameAsText(name: string): string {
  return name.replace(/[_-]/g, ' ');
}

/**
 * Replaces personal data in every scanned field of a request body, per the policy.
 * Pass 1 detects in every field and collects the distinct values; pass 2 replaces the detected spans
 * and every other occurrence of those values in every field (case-insensitive for e-mail addresses,
 * whole words), then in every other string of the body, object keys included (searched, never detected
 * in), so a value found once is replaced everywhere, with the same token.
 * Pure: the same input (and nonce) gives the same output; the detect cache only saves work.
 * Throws GatewayError GW_ERR_UNSUPPORTED_CONTENT (unreadable content refused by policy) or
 * GW_ERR_INVALID_REQUEST (body shape it cannot walk).
 */
export function anonymize(input: AnonymizeInput): AnonymizeResult {
  const { policy, tenantKey } = input;
  const shadow = policy.shadow;
  const body = shadow ? input.body : (cloneJson(input.body, 0) as Record<string, unknown>);
  const { fields, rewriteRest, finalizers, unreadable } = collectFields(body, input.route, policy, !shadow);
  const nonce = policy.linkability === 'request' ? input.requestNonce : undefined;

  // pass 1: detect
  const values = new Map<string, FoundValue>();
  const register = (type: EntityType, rule: EntityRule, value: string): FoundValue => {
    const normalized = normalizeValue(type, value);
    const key = `${type}\0${normalized}`;
    let found = values.get(key);
    if (found === undefined) {
      found = { type, rule, value, surfaces: new Set(), normalized, id: undefined };
      values.set(key, found);
    }
    found.surfaces.add(value);
    return found;
  };
  // (with the word filter of each text detected before: a conversation's history)
  const words: (WordFilter | undefined)[] = [];
  const detected: FoundSpan[][] = fields.map((field, i) => detectField(field, input, register, (w) => (words[i] = w)));

  const counts: Record<EntityType, ActionCounts> = {};
  const blocked = new Set<EntityType>();
  for (const found of values.values()) {
    const c = (counts[found.type] ??= emptyCounts());
    c[found.rule.action]++;
    if (found.rule.action === 'block') blocked.add(found.type);
  }

  if (shadow) {
    const promptValues = new Set<string>();
    for (const found of values.values()) for (const surface of found.surfaces) promptValues.add(surface);
    return { body, mappings: [], tokens: new Map(), counts, blocked: [], unreadable, shadow: true, promptValues };
  }

  // pass 2: replace detected spans and every other occurrence of the values found
  const replaced = [...values.values()].filter((f) => f.rule.action !== 'allow');
  if (replaced.length > 0) {
    const replacementFor = (found: FoundValue, surface: string, kind: FieldKind): string => {
      const { type, rule } = found;
      switch (rule.action) {
        case 'tokenize':
          found.id ??= tokenIdOfNormalized(tenantKey, type, found.normalized, nonce);
          return kind === 'name' ? formatNameToken(type, found.id) : formatToken(type, found.id);
        case 'mask': {
          const masked = maskValue(surface, rule.maskKeepLast, maskCharFor(rule.maskChar, kind), type);
          return kind === 'name' ? masked.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) : masked;
        }
        case 'block':
        case 'allow':
          return kind === 'name' ? type : `[${type}]`;
      }
    };
    const matchers = buildMatchers(replaced);
    // values by name key, for `name` fields that hold a value whole: built on first use (most requests have none)
    let byName: Map<string, FoundValue> | undefined;
    const byNameKey = (text: string): FoundValue | undefined => {
      if (byName === undefined) {
        byName = new Map();
        for (const f of replaced) {
          for (const s of f.surfaces) {
            const k = nameKey(s);
            if (!byName.has(k)) byName.set(k, f);
          }
        }
      }
      return byName.get(nameKey(text));
    };

    /** the text with `own` (detected) spans and every other occurrence of a value found replaced */
    const replaceIn = (text: string, kind: FieldKind, skip: readonly Span[], own: readonly FoundSpan[], filter?: WordFilter): { out: string; spans: FoundSpan[] } => {
      const tokens = [...existingTokenSpans(text), ...skip];
      const spans: FoundSpan[] = [...own, ...findOccurrences(text, kind, matchers, tokens, own, filter)];
      const reps: Replacement[] = spans.map((s) => ({ start: s.start, end: s.end, text: replacementFor(s.found, text.slice(s.start, s.end), kind) }));
      return { out: applyReplacements(text, reps), spans };
    };

    fields.forEach((field, i) => {
      const text = field.text;
      if (field.kind === 'name') {
        // a name is replaced whole, by the bare token of the first value found in it (or equal to it)
        if (NAME_TOKEN_REGEX.test(text)) return;
        const { spans } = replaceIn(nameAsText(text), 'name', field.skip, detected[i] ?? []);
        const first = spans[0]?.found ?? byNameKey(text);
        if (first !== undefined) field.set(replacementFor(first, text, 'name'));
        return;
      }
      const { out } = replaceIn(text, field.kind, field.skip, detected[i] ?? [], words[i]);
      if (out !== text) field.set(out);
    });
    // every other string of the body (fields it does not know, keys, stop sequences…): replaced, never detected in
    rewriteRest((text, skip) => replaceIn(text, 'text', skip, []).out);
    for (const fin of finalizers) fin();
  }

  // the vault stores originals of tokenized values; the restore scope is exactly these
  const mappings: Mapping[] = [];
  const tokens = new Map<string, string>();
  for (const found of values.values()) {
    if (found.rule.action !== 'tokenize') continue;
    found.id ??= tokenIdOfNormalized(tenantKey, found.type, found.normalized, nonce);
    const key = `${found.type}:${found.id}`;
    if (tokens.has(key)) continue;
    tokens.set(key, found.value);
    mappings.push({ type: found.type, id: found.id, value: found.value });
  }

  return { body, mappings, tokens, counts, blocked: [...blocked], unreadable, shadow: false };
}

function maskCharFor(maskChar: string, kind: FieldKind): string {
  const c = Array.from(maskChar)[0] ?? '*';
  if (kind === 'name') return NAME_SAFE_CHAR.test(c) ? c : 'x';
  if (kind === 'json-text' && (c === '"' || c === '\\')) return '*';
  return c;
}

/** Detects in one field; keeps findings of policy types above their threshold, off existing tokens. */
function detectField(
  field: TextField,
  input: AnonymizeInput,
  register: (type: EntityType, rule: EntityRule, value: string) => FoundValue,
  onWords: (words: WordFilter) => void,
): FoundSpan[] {
  if (field.kind === 'name' && NAME_TOKEN_REGEX.test(field.text)) return [];
  const text = field.kind === 'name' ? nameAsText(field.text) : field.text;
  if (!field.detect || text.trim().length < MIN_DETECT_LENGTH) return [];
  const { policy } = input;
  const { findings, words } = cachedDetectIndexed(input.detector, policy.detectorKey, text, input.detectCache);
  // (a name field is searched as nameAsText: not the text the filter read)
  if (words !== undefined && field.kind !== 'name') onWords(words);
  if (findings.length === 0) return [];
  const tokens = [...existingTokenSpans(field.text), ...field.skip];
  const out: FoundSpan[] = [];
  for (const f of findings) {
    const rule = Object.hasOwn(policy.entities, f.type) ? policy.entities[f.type] : undefined;
    if (rule === undefined || f.confidence < rule.minConfidence) continue;
    if (!(f.start >= 0 && f.end <= text.length && f.start < f.end)) continue;
    const span = field.kind === 'json-text' ? adjustSpanForJsonText(text, f.start, f.end) : { start: f.start, end: f.end };
    if (span === undefined || overlapsAny(span.start, span.end, tokens)) continue;
    const value = text.slice(span.start, span.end);
    if (value.trim().length === 0) continue;
    out.push({ start: span.start, end: span.end, found: register(f.type, rule, value) });
  }
  return out;
}

interface Literal {
  readonly text: string;
  readonly found: FoundValue;
  /** first / last character is a word character: the match must not touch another one there */
  readonly wordStart: boolean;
  readonly wordEnd: boolean;
}

interface Matchers {
  /** case-sensitive literals */
  readonly exact: readonly Literal[];
  /** runHashes() of each exact literal (for texts with a word filter) */
  readonly exactRuns: readonly (readonly number[] | undefined)[];
  /** e-mail addresses, in lower case, matched case-insensitively */
  readonly folded: readonly Literal[];
  /** fallback for texts whose lower case changes length (rare Unicode): one case-folding regex, built on first use */
  foldedRegex: RegExp | undefined | null;
  readonly foldedLookup: Map<string, FoundValue>;
  /** with many literals: the literals by their first two UTF-16 units (see literalIndex) */
  readonly exactByPair: LiteralIndex | undefined;
  readonly foldedByPair: LiteralIndex | undefined;
  /** when every folded literal holds an '@' (e-mail addresses do): each with the offset of its first '@' */
  readonly foldedAt: readonly { readonly lit: Literal; readonly at: number }[] | undefined;
}

/** literals by their first two UTF-16 units */
interface LiteralIndex {
  readonly pairs: PairIndex<Literal>;
  /** for pairs that start many literals ("+4" of every phone number): those literals by length, then text */
  readonly byLength: Map<readonly Literal[], Map<number, Map<string, Literal>>>;
}

/** a pair starting more literals than this gets them by length and text (a lookup per length, not a compare per literal) */
const PAIR_LIST_MAX = 8;

/** up to this many literals, one indexOf pass per literal beats one indexed pass over the text */
const INDEXOF_MAX_LITERALS = 16;

/**
 * up to this many e-mail addresses, each is tried at every '@' of the text; more go through the indexed pass
 * (one address tried at every '@' is addresses x '@'s: 40,000 addresses in one body took 16 s, 100,000 took 113 s)
 */
const AT_SCAN_MAX_LITERALS = 64;

function literalIndex(literals: readonly Literal[]): LiteralIndex | undefined {
  if (literals.length <= INDEXOF_MAX_LITERALS) return undefined;
  const pairs = new PairIndex<Literal>();
  // MIN_PROPAGATED_LENGTH keeps every literal at two or more units
  for (const lit of literals) pairs.add(lit.text, lit);
  const byLength = new Map<readonly Literal[], Map<number, Map<string, Literal>>>();
  for (const list of pairs.lists()) {
    if (list.length <= PAIR_LIST_MAX) continue;
    const byLen = new Map<number, Map<string, Literal>>();
    for (const lit of list) {
      const same = byLen.get(lit.text.length);
      if (same) same.set(lit.text, lit);
      else byLen.set(lit.text.length, new Map([[lit.text, lit]]));
    }
    byLength.set(list, byLen);
  }
  return { pairs, byLength };
}

const WORD_CHAR = /^[\p{L}\p{N}_]$/u;

function literal(text: string, found: FoundValue): Literal {
  return { text, found, wordStart: isWordCharAt(text, 0), wordEnd: isWordCharBefore(text, text.length) };
}

function isWordCharAt(t: string, i: number): boolean {
  const cp = t.codePointAt(i);
  if (cp === undefined) return false;
  // ASCII (most text) without a regex call: [A-Za-z0-9_]
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 95;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

function isWordCharBefore(t: string, i: number): boolean {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  const start = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return isWordCharAt(t, start);
}

function buildMatchers(replaced: readonly FoundValue[]): Matchers {
  const exact = new Map<string, FoundValue>();
  const folded = new Map<string, FoundValue>();
  for (const f of replaced) {
    for (const s of f.surfaces) {
      if (s.trim().length < MIN_PROPAGATED_LENGTH) continue;
      if (f.type === 'EMAIL') {
        if (!folded.has(s.toLowerCase())) folded.set(s.toLowerCase(), f);
      } else if (!exact.has(s)) {
        exact.set(s, f);
      }
    }
  }
  const exactLiterals = [...exact].map(([t, f]) => literal(t, f));
  const foldedLiterals = [...folded].map(([t, f]) => literal(t, f));
  return {
    exact: exactLiterals,
    exactRuns: exactLiterals.map((l) => runHashes(l.text)),
    folded: foldedLiterals,
    foldedRegex: null,
    foldedLookup: folded,
    exactByPair: literalIndex(exactLiterals),
    foldedByPair: literalIndex(foldedLiterals),
    // (every literal is tried at every '@': quadratic in a body of many addresses, so only for a few of them)
    foldedAt: foldedLiterals.length <= AT_SCAN_MAX_LITERALS && foldedLiterals.every((l) => l.text.includes('@')) ? foldedLiterals.map((lit) => ({ lit, at: lit.text.indexOf('@') })) : undefined,
  };
}

/**
 * Every occurrence of a value found anywhere in the request (whole words), outside skipped ranges, except
 * the field's own detected spans.
 */
function findOccurrences(text: string, kind: FieldKind, m: Matchers, skip: readonly Span[], detected: readonly Span[], words: WordFilter | undefined): FoundSpan[] {
  const out: FoundSpan[] = [];
  // an occurrence that is exactly a detected span adds nothing: the detected one is replaced (it comes first)
  const detectedEnd = new Map<number, number>();
  for (const d of detected) detectedEnd.set(d.start, d.end);
  const push = (start: number, end: number, found: FoundValue): void => {
    if (detectedEnd.get(start) === end || overlapsAny(start, end, skip)) return;
    const span = kind === 'json-text' ? adjustSpanForJsonText(text, start, end) : { start, end };
    if (span !== undefined) out.push({ ...span, found });
  };
  const at = (i: number, lit: Literal): void => {
    const end = i + lit.text.length;
    if (lit.wordStart && isWordCharBefore(text, i)) return;
    if (lit.wordEnd && isWordCharAt(text, end)) return;
    push(i, end, lit.found);
  };
  const scan = (haystack: string, literals: readonly Literal[], byPair: LiteralIndex | undefined): void => {
    if (byPair === undefined) {
      // a few values: one indexOf pass per value is fastest
      for (const lit of literals) for (let i = haystack.indexOf(lit.text); i >= 0; i = haystack.indexOf(lit.text, i + 1)) at(i, lit);
      return;
    }
    // many values (a huge body): one pass over the text, candidates by their first two characters,
    // instead of one pass per value
    const last = haystack.length - 1;
    const { pairs, byLength } = byPair;
    for (let i = 0; i < last; i++) {
      const candidates = pairs.at(haystack, i);
      if (candidates === undefined) continue;
      const byLen = candidates.length > PAIR_LIST_MAX ? byLength.get(candidates) : undefined;
      if (byLen === undefined) {
        for (const lit of candidates) if (haystack.startsWith(lit.text, i)) at(i, lit);
      } else {
        // (literals at one offset differ in length: the order they are found in does not change the result)
        for (const [len, lits] of byLen) {
          const lit = lits.get(haystack.slice(i, i + len));
          if (lit !== undefined) at(i, lit);
        }
      }
    }
  };
  if (words === undefined) scan(text, m.exact, m.exactByPair);
  else {
    // only the values whose words the text has (the order occurrences are found in does not change the result)
    const candidates = m.exact.filter((_, j) => mayHold(words, m.exactRuns[j]));
    scan(text, candidates, candidates.length > INDEXOF_MAX_LITERALS ? m.exactByPair : undefined);
  }
  if (m.folded.length > 0) {
    const lower = text.toLowerCase();
    if (lower.length === text.length && m.foldedAt !== undefined) {
      // e-mail addresses: tried only around the text's '@' signs, not at every position
      for (let p = lower.indexOf('@'); p >= 0; p = lower.indexOf('@', p + 1)) {
        for (const { lit, at: offset } of m.foldedAt) if (p >= offset && lower.startsWith(lit.text, p - offset)) at(p - offset, lit);
      }
    } else if (lower.length === text.length) {
      scan(lower, m.folded, m.foldedByPair);
    } else {
      if (m.foldedRegex === null) m.foldedRegex = literalMatcher(m.foldedLookup.keys(), true);
      const re = m.foldedRegex;
      if (re === undefined) return out;
      re.lastIndex = 0;
      for (let match = re.exec(text); match !== null; match = re.exec(text)) {
        const found = m.foldedLookup.get(match[0].toLowerCase());
        if (found !== undefined) push(match.index, match.index + match[0].length, found);
      }
    }
  }
  return out;
}
