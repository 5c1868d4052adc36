/**
 * Finds tokens (`[TYPE_id]`, see tokenize/token.ts) in text, tolerating the drift models introduce,
 * and replaces the ones that were issued. Pure; no regular expressions in the hot loop (no backtracking).
 *
 * Grammar of one match (letters compared case-insensitively):
 *
 *   OPEN{0,2} SP{0,2} TYPE SEP ID SP{0,2} CLOSE{0,2}
 *
 * - OPEN: `[` `&#91;` `&#x5b;` `&lbrack;` `&lsqb;` `\u005b`, and in text mode also `\[` (markdown);
 *   CLOSE likewise. Spaces inside the brackets are only taken when a bracket is there.
 * - TYPE: a letter then letters, digits, `_` (at most MAX_TYPE_LENGTH). Without an opening bracket (bare
 *   form, as used in message `name` fields) the TYPE must be one of `bareTypes` and start at a word
 *   boundary, so ordinary identifiers are never taken for tokens.
 * - SEP: `_`; inside brackets also ` _`, `_ `, ` _ `.
 * - ID: exactly ID_LENGTH characters of the id alphabet, followed by a non-word character.
 * - Brackets consumed: when both sides have some, as many as pair up (the inner ones), so
 *   `[[T_id]]` and `[T_id]` are replaced whole and a list like `[[T_a], [T_b]]` keeps its outer brackets;
 *   with only one side, one bracket (a lost bracket: `T_id]`, `[T_id`).
 *
 * A match whose (TYPE, id) the lookup does not know is left exactly as it is and counted as unknown.
 *
 * JSON mode: the text is JSON source (tool-call arguments). Escape sequences are stepped over as a
 * unit (so `\\u005b` is a backslash and text, not a bracket) and restored values are JSON-escaped.
 *
 * The scanner works on a prefix of a stream too: with `final` false it stops at the first position
 * whose outcome depends on text not seen yet and reports it, so a caller can hold back exactly that
 * suffix and scan it again with more text. Decisions depend only on the text from that position on and
 * on `prevWord` (whether the character before it is a word character), which makes the output the same
 * for any chunking.
 */
import { ID_ALPHABET, ID_LENGTH } from '../tokenize/token.js';
import { ENTITY_TYPES } from '../detect/types.js';
import { newStats, type RestoreStats } from './stats.js';

/** Original of an issued token, or undefined. `type` is upper case, `id` lower case. */
export type Lookup = (type: string, id: string) => string | undefined;

/** Key of a token in lookup maps: `TYPE:id`, as anonymize's restore scope (`AnonymizeResult.tokens`). */
export function tokenKey(type: string, id: string): string {
  return `${type}:${id}`;
}

/** A synchronous lookup over a Map keyed by tokenKey(). */
export function lookupFromMap(map: ReadonlyMap<string, string>): Lookup {
  return (type, id) => map.get(tokenKey(type, id));
}

export const MAX_TYPE_LENGTH = 40;
const MAX_CORE = MAX_TYPE_LENGTH + 1 + ID_LENGTH;
const MAX_SPACES = 2;
const MAX_BRACKETS = 2;

export const DEFAULT_BARE_TYPES: readonly string[] = ENTITY_TYPES;

export interface ScanConfig {
  /** the text is JSON source: restored values are JSON-escaped; escapes are stepped over */
  readonly json: boolean;
  /** upper-case type names a bare (bracketless) token may have */
  readonly bareTypes: ReadonlySet<string>;
  /** every non-empty prefix of those names (a word that could still grow into one) */
  readonly barePrefixes: ReadonlySet<string>;
  /** the same prefixes as a trie of UTF-16 units: barePrefixes.has(word.toUpperCase()) without making either string */
  readonly bareTrie?: PrefixNode;
}

type PrefixNode = Map<number, PrefixNode>;

/** configs by json flag and type list: a response builds its configs from the same few policies */
const configs = new Map<string, ScanConfig>();
const MAX_CONFIGS = 64;
/** configs of frozen type lists (a policy's, see routes/model-routes.ts) by the list itself: no key string per call */
const byFrozenList = new WeakMap<readonly string[], { json?: ScanConfig; text?: ScanConfig }>();

export function makeScanConfig(json: boolean, bareTypes: Iterable<string> = DEFAULT_BARE_TYPES): ScanConfig {
  const frozen = Array.isArray(bareTypes) && Object.isFrozen(bareTypes) ? (bareTypes as readonly string[]) : undefined;
  if (frozen !== undefined) {
    let pair = byFrozenList.get(frozen);
    if (pair === undefined) byFrozenList.set(frozen, (pair = {}));
    return json ? (pair.json ??= configFor(json, frozen)) : (pair.text ??= configFor(json, frozen));
  }
  return configFor(json, Array.isArray(bareTypes) ? bareTypes : [...bareTypes]);
}

function configFor(json: boolean, list: readonly string[]): ScanConfig {
  const key = `${json ? 'j' : 't'}:${list.join(',')}`;
  let cfg = configs.get(key);
  if (cfg === undefined) {
    const types = new Set(list.map((t) => t.toUpperCase()));
    const prefixes = new Set<string>();
    for (const t of types) for (let k = 1; k <= t.length; k++) prefixes.add(t.slice(0, k));
    const trie: PrefixNode = new Map();
    for (const t of types) {
      let node = trie;
      for (let k = 0; k < t.length; k++) {
        const c = t.charCodeAt(k);
        let next = node.get(c);
        if (next === undefined) node.set(c, (next = new Map()));
        node = next;
      }
    }
    cfg = Object.freeze({ json, bareTypes: types, barePrefixes: prefixes, bareTrie: trie });
    if (configs.size >= MAX_CONFIGS) configs.clear();
    configs.set(key, cfg);
  }
  return cfg;
}

export interface ScanResult {
  /** text of s[0, held) with issued tokens replaced */
  readonly out: string;
  /** index where the undecided suffix starts (s.length when nothing is held) */
  readonly held: number;
  /** whether the original character before `held` is a word character */
  readonly prevWord: boolean;
}

// ---- character classes (ASCII tables) ----
const WORD = new Uint8Array(128);
const LETTER = new Uint8Array(128);
const IDCH = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) LETTER[c] = 1;
  if (/[A-Za-z0-9_]/.test(ch)) WORD[c] = 1;
}
for (const ch of ID_ALPHABET) {
  IDCH[ch.charCodeAt(0)] = 1;
  IDCH[ch.toUpperCase().charCodeAt(0)] = 1;
}
const isWord = (c: number): boolean => c < 128 && WORD[c] === 1;
const isLetter = (c: number): boolean => c < 128 && LETTER[c] === 1;
const isIdChar = (c: number): boolean => c < 128 && IDCH[c] === 1;
const UNDERSCORE = 95;
const SPACE = 32;
const BACKSLASH = 92;

const OPEN_JSON = ['[', '&#91;', '&#x5b;', '&lbrack;', '&lsqb;', '\\u005b'];
const CLOSE_JSON = [']', '&#93;', '&#x5d;', '&rbrack;', '&rsqb;', '\\u005d'];
const OPEN_TEXT = [...OPEN_JSON, '\\['];
const CLOSE_TEXT = [...CLOSE_JSON, '\\]'];
const toCodes = (units: string[]): number[][] => units.map((u) => [...u].map((ch) => ch.charCodeAt(0)));
const UNITS = {
  openJson: toCodes(OPEN_JSON),
  closeJson: toCodes(CLOSE_JSON),
  openText: toCodes(OPEN_TEXT),
  closeText: toCodes(CLOSE_TEXT),
};
/** Characters that can begin an opening bracket unit, a JSON escape, or sit inside a bare token. */
export const SPECIAL_CHARS = /[[&\\_]/;

/** SPECIAL_CHARS.test(s), without a regex call (most stream deltas are a few characters) */
function hasSpecial(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 91 || c === 38 || c === BACKSLASH || c === UNDERSCORE) return true;
  }
  return false;
}

/** barePrefixes.has(s.slice(from).toUpperCase()) for a non-empty run of ASCII word characters */
function isBarePrefix(s: string, from: number, cfg: ScanConfig): boolean {
  let node = cfg.bareTrie;
  if (node === undefined) return cfg.barePrefixes.has(s.slice(from).toUpperCase());
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    node = node.get(c >= 97 && c <= 122 ? c - 32 : c);
    if (node === undefined) return false;
  }
  return true;
}

const PARTIAL = -1;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Length of the bracket unit at p, 0 if none, PARTIAL if the text ends inside a possible unit. */
function unitAt(s: string, p: number, units: number[][], final: boolean): number {
  const n = s.length;
  if (p >= n) return final ? 0 : PARTIAL;
  const c0 = s.charCodeAt(p);
  if (c0 !== 91 && c0 !== 93 && c0 !== 38 && c0 !== BACKSLASH) return 0;
  let partial = false;
  for (const u of units) {
    let k = 0;
    while (k < u.length && p + k < n && lower(s.charCodeAt(p + k)) === u[k]) k++;
    if (k === u.length) return k;
    if (p + k === n) partial = true;
  }
  return partial && !final ? PARTIAL : 0;
}

/** End of the word run starting at p, scanning at most max characters (returns p + max + 1 if longer). */
function runEnd(s: string, p: number, max: number): number {
  const n = s.length;
  let r = p;
  while (r < n && r - p <= max && isWord(s.charCodeAt(r))) r++;
  return r;
}

function allId(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isIdChar(s.charCodeAt(k))) return false;
  return true;
}

/** Could this unfinished word run (at a boundary, no bracket) still grow into a bare token? */
function couldBeBare(run: string, cfg: ScanConfig): boolean {
  const u = run.toUpperCase();
  if (cfg.barePrefixes.has(u)) return true;
  // longer than a type name: TYPE_ and the start of an id
  if (u.indexOf('_') < 0) return false;
  for (const t of cfg.bareTypes) {
    if (u.length > t.length && u.startsWith(t) && u.charCodeAt(t.length) === UNDERSCORE) {
      const rest = u.length - t.length - 1;
      if (rest <= ID_LENGTH && allId(u, t.length + 1, u.length)) return true;
    }
  }
  return false;
}

interface Core {
  readonly type: string;
  readonly id: string;
  readonly end: number;
}
type Outcome<T> = T | 'none' | 'partial';

/** Reads a run at p that must be exactly one id; PARTIAL semantics at the end of the text. */
function idRunAt(s: string, p: number, final: boolean): Outcome<number> {
  if (p >= s.length) return final ? 'none' : 'partial';
  const r = runEnd(s, p, ID_LENGTH);
  if (r === s.length && !final) return r - p <= ID_LENGTH && allId(s, p, r) ? 'partial' : 'none';
  return r - p === ID_LENGTH && allId(s, p, r) ? r : 'none';
}

function parseCore(s: string, p: number, bracketed: boolean, cfg: ScanConfig, final: boolean): Outcome<Core> {
  const n = s.length;
  if (p >= n) return final ? 'none' : 'partial';
  if (!isLetter(s.charCodeAt(p))) return 'none';
  const r = runEnd(s, p, MAX_CORE);
  const len = r - p;
  if (len > MAX_CORE) return 'none';
  if (r === n && !final) return bracketed || couldBeBare(s.slice(p, r), cfg) ? 'partial' : 'none';
  const make = (typeEnd: number, idStart: number, end: number): Core => ({
    type: s.slice(p, typeEnd).toUpperCase(),
    id: s.slice(idStart, idStart + ID_LENGTH).toLowerCase(),
    end,
  });
  // TYPE_ID as one run
  if (len >= ID_LENGTH + 2 && s.charCodeAt(r - ID_LENGTH - 1) === UNDERSCORE && allId(s, r - ID_LENGTH, r)) {
    const core = make(r - ID_LENGTH - 1, r - ID_LENGTH, r);
    if (!bracketed && !cfg.bareTypes.has(core.type)) return 'none';
    return core;
  }
  if (!bracketed || len > MAX_TYPE_LENGTH + 1) return 'none';
  // spaced separators, inside brackets only: `TYPE_ id`, `TYPE _id`, `TYPE _ id`
  if (s.charCodeAt(r) !== SPACE) return 'none';
  if (s.charCodeAt(r - 1) === UNDERSCORE) {
    if (len < 2) return 'none';
    const e = idRunAt(s, r + 1, final);
    return typeof e === 'number' ? make(r - 1, r + 1, e) : e;
  }
  if (r + 1 >= n) return final ? 'none' : 'partial';
  if (s.charCodeAt(r + 1) !== UNDERSCORE) return 'none';
  if (r + 2 >= n) return final ? 'none' : 'partial';
  if (s.charCodeAt(r + 2) === SPACE) {
    const e = idRunAt(s, r + 3, final);
    return typeof e === 'number' ? make(r, r + 3, e) : e;
  }
  // `_id` as one run
  const r2 = runEnd(s, r + 1, ID_LENGTH + 1);
  if (r2 === n && !final) return r2 - r - 2 <= ID_LENGTH && allId(s, r + 2, r2) ? 'partial' : 'none';
  return r2 - r - 1 === ID_LENGTH + 1 && allId(s, r + 2, r2) ? make(r, r + 2, r2) : 'none';
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly id: string;
  /** a closing bracket was consumed (the character before `end` stands for `]`) */
  readonly closed: boolean;
}

/** Tries a token starting at i (an opening bracket unit, or a letter at a word boundary). */
function matchAt(s: string, i: number, cfg: ScanConfig, final: boolean): Outcome<Match> {
  const openUnits = cfg.json ? UNITS.openJson : UNITS.openText;
  const closeUnits = cfg.json ? UNITS.closeJson : UNITS.closeText;
  const n = s.length;
  let p = i;
  const opens: number[] = [];
  while (opens.length < MAX_BRACKETS) {
    const u = unitAt(s, p, openUnits, final);
    if (u === PARTIAL) return 'partial';
    if (u === 0) break;
    opens.push(p);
    p += u;
  }
  const o = opens.length;
  if (o > 0) {
    let k = 0;
    while (k < MAX_SPACES && p < n && s.charCodeAt(p) === SPACE) (p++, k++);
  }
  const coreStart = p;
  const core = parseCore(s, p, o > 0, cfg, final);
  if (core === 'none' || core === 'partial') return core;
  let q = core.end;
  if (o > 0) {
    let k = 0;
    while (k < MAX_SPACES && q < n && s.charCodeAt(q) === SPACE) (q++, k++);
  }
  const maxClose = o === 0 ? 1 : o;
  const closeEnds: number[] = [];
  while (closeEnds.length < maxClose) {
    const u = unitAt(s, q, closeUnits, final);
    if (u === PARTIAL) return 'partial';
    if (u === 0) break;
    q += u;
    closeEnds.push(q);
  }
  const c = closeEnds.length;
  let nOpen: number;
  let nClose: number;
  if (o > 0 && c > 0) nOpen = nClose = Math.min(o, c);
  else if (o === 0) (nOpen = 0), (nClose = c);
  else (nOpen = 1), (nClose = 0);
  const start = nOpen > 0 ? (opens[o - nOpen] ?? i) : coreStart;
  const end = nClose > 0 ? (closeEnds[nClose - 1] ?? core.end) : core.end;
  return { start, end, type: core.type, id: core.id, closed: nClose > 0 };
}

/** JSON-escapes a value for use inside a JSON string literal (no surrounding quotes). */
export function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Decides, at an unescaped backslash in JSON mode, how long the escape is and what it stands for. */
function jsonEscapeAt(s: string, i: number, final: boolean): Outcome<{ len: number; word: boolean }> {
  const n = s.length;
  if (i + 1 >= n) return final ? { len: 1, word: false } : 'partial';
  if (s.charCodeAt(i + 1) !== 117 /* u */) return { len: 2, word: false };
  if (i + 6 > n) return final ? { len: n - i, word: false } : 'partial';
  const code = Number.parseInt(s.slice(i + 2, i + 6), 16);
  return { len: 6, word: Number.isNaN(code) ? false : isWord(code) };
}

/**
 * Scans s (text after a position whose preceding character class is `prevWord`), replacing issued
 * tokens. With `final` false, stops at the first undecided position (see ScanResult.held).
 */
export function scan(s: string, prevWord0: boolean, cfg: ScanConfig, lookup: Lookup, stats: RestoreStats, final: boolean): ScanResult {
  const n = s.length;
  if (!hasSpecial(s)) return scanPlain(s, prevWord0, cfg, final);
  let out = '';
  let copied = 0;
  let i = 0;
  let prevWord = prevWord0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isWord(c)) {
      let r = i + 1;
      while (r < n && isWord(s.charCodeAt(r))) r++;
      // a bare token is one word run `TYPE_id` (or, unfinished, a run that reaches the end): other words
      // cannot start one, so matchAt is not tried for them
      if (!prevWord && isLetter(c) && ((r === n && !final) || (r - i >= ID_LENGTH + 2 && s.charCodeAt(r - ID_LENGTH - 1) === UNDERSCORE))) {
        const m = matchAt(s, i, cfg, final);
        if (m === 'partial') return { out: out + s.slice(copied, i), held: i, prevWord };
        if (m !== 'none') {
          out += s.slice(copied, m.start) + replacement(s, m, cfg, lookup, stats);
          copied = i = m.end;
          prevWord = !m.closed;
          continue;
        }
      }
      i = r;
      prevWord = true;
      continue;
    }
    if (c === 91 || c === 38 || c === BACKSLASH) {
      const m = matchAt(s, i, cfg, final);
      if (m === 'partial') return { out: out + s.slice(copied, i), held: i, prevWord };
      if (m !== 'none') {
        out += s.slice(copied, m.start) + replacement(s, m, cfg, lookup, stats);
        copied = i = m.end;
        prevWord = !m.closed;
        continue;
      }
      if (c === BACKSLASH && cfg.json) {
        const e = jsonEscapeAt(s, i, final);
        if (e === 'partial') return { out: out + s.slice(copied, i), held: i, prevWord };
        if (e !== 'none') {
          i += e.len;
          prevWord = e.word;
          continue;
        }
      }
    }
    i++;
    prevWord = false;
  }
  return { out: out + s.slice(copied), held: n, prevWord };
}

/** Fast path: no bracket, entity, escape or underscore, so at most a trailing bare-type prefix is held. */
function scanPlain(s: string, prevWord0: boolean, cfg: ScanConfig, final: boolean): ScanResult {
  const n = s.length;
  if (n === 0) return { out: '', held: 0, prevWord: prevWord0 };
  let t = n;
  while (t > 0 && isWord(s.charCodeAt(t - 1))) t--;
  if (!final && t < n && isLetter(s.charCodeAt(t))) {
    const atBoundary = t > 0 || !prevWord0;
    // (no '_' in s: couldBeBare is then exactly the prefix check)
    if (atBoundary && n - t <= MAX_CORE && isBarePrefix(s, t, cfg)) {
      return { out: s.slice(0, t), held: t, prevWord: t > 0 ? false : prevWord0 };
    }
  }
  return { out: s, held: n, prevWord: isWord(s.charCodeAt(n - 1)) };
}

function replacement(s: string, m: Match, cfg: ScanConfig, lookup: Lookup, stats: RestoreStats): string {
  const value = lookup(m.type, m.id);
  if (value === undefined) {
    stats.unknown++;
    return s.slice(m.start, m.end);
  }
  stats.restored[m.type] = (stats.restored[m.type] ?? 0) + 1;
  stats.seen.add(tokenKey(m.type, m.id));
  return cfg.json ? jsonEscape(value) : value;
}

/** A token reference: upper-case type, lower-case id. */
export interface TokenRef {
  readonly type: string;
  readonly id: string;
}

/** Every token-shaped match in a complete text, issued or not (same grammar as restoring). */
export function findTokens(text: string, cfg: ScanConfig = makeScanConfig(false)): TokenRef[] {
  const found: TokenRef[] = [];
  const record: Lookup = (type, id) => {
    found.push({ type, id });
    return undefined;
  };
  scan(text, false, cfg, record, newStats(), true);
  return found;
}

/** Restores every issued token in a complete text. */
export function restoreAll(text: string, lookup: Lookup, cfg: ScanConfig, stats: RestoreStats): string {
  return scan(text, false, cfg, lookup, stats, true).out;
}
