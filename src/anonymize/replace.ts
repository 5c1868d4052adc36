import { ID_LENGTH } from '../tokenize/token.js';

/** A half-open range [start, end) of UTF-16 offsets with the text that replaces it. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

const ID_CLASS = '[0-9a-hjkmnp-tv-z]';
/** bracketed tokens `[TYPE_id]` and bare ones `TYPE_id` as words, as already present in a text */
const EXISTING_TOKEN = new RegExp(
  `\\[[A-Z][A-Z0-9_]*?_${ID_CLASS}{${ID_LENGTH}}\\]|(?<![\\p{L}\\p{N}_])[A-Z][A-Z0-9_]*?_${ID_CLASS}{${ID_LENGTH}}(?![\\p{L}\\p{N}_])`,
  'gu',
);

/** Spans of tokens already in a text (pasted by the caller, or history): never detected or replaced again. */
export function existingTokenSpans(text: string): Span[] {
  if (text.indexOf('_') < 0) return [];
  const out: Span[] = [];
  EXISTING_TOKEN.lastIndex = 0;
  for (let m = EXISTING_TOKEN.exec(text); m !== null; m = EXISTING_TOKEN.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function overlapsAny(start: number, end: number, spans: readonly Span[]): boolean {
  for (const s of spans) if (start < s.end && s.start < end) return true;
  return false;
}

/**
 * Applies replacements to a text. Overlaps are resolved deterministically: earlier start wins, then the
 * longer range. A range inside an accepted one is dropped; a range that runs past an accepted one still
 * replaces its remaining part, so no piece of a value survives (its restored text may then repeat a few
 * characters, which is the safer failure).
 */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  if (replacements.length === 0) return text;
  const sorted = [...replacements].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  for (const r of sorted) {
    if (r.end <= pos || r.end <= r.start) continue;
    out += (r.start > pos ? text.slice(pos, r.start) : '') + r.text;
    pos = r.end;
  }
  return out + text.slice(pos);
}


/** Masks a value, keeping separators and at most the last `keepLast` significant characters (never all). */
export { maskValue } from '../tokenize/apply.js';

/**
 * Widens a range found in JSON-encoded text (tool arguments that are not valid JSON) so that a
 * replacement never splits an escape sequence, and narrows it so it never swallows a quote that
 * delimits a string. Tokens hold no quotes or backslashes, so the result is as valid as before.
 * Returns undefined when nothing is left to replace.
 */
export function adjustSpanForJsonText(text: string, start: number, end: number): Span | undefined {
  let s = start;
  let e = end;
  // starts right after an unpaired backslash: include it
  if (isEscaped(text, s)) s--;
  // a quote that is not escaped ends the range: it belongs to the JSON structure
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) === 0x22 /* " */ && !isEscaped(text, i)) {
      e = i;
      break;
    }
  }
  // ends inside an escape: extend over the escaped character (and \uXXXX digits)
  if (e > s && e < text.length && isEscaped(text, e)) {
    e = text[e] === 'u' ? Math.min(text.length, e + 5) : e + 1;
  } else if (e > s) {
    const bs = lastEscapeStart(text, s, e);
    if (bs !== undefined && text[bs + 1] === 'u' && bs + 6 > e) e = Math.min(text.length, bs + 6);
  }
  return e > s ? { start: s, end: e } : undefined;
}

/** true when the character at `i` is preceded by an odd number of backslashes */
function isEscaped(text: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && text.charCodeAt(j) === 0x5c; j--) n++;
  return n % 2 === 1;
}

function lastEscapeStart(text: string, s: number, e: number): number | undefined {
  for (let i = e - 1; i >= s && i >= e - 6; i--) {
    if (text.charCodeAt(i) === 0x5c && !isEscaped(text, i)) return i;
  }
  return undefined;
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
function escapeRegex(s: string): string {
  return s.replace(SYNTAX, '\\$&');
}

const WORD_EDGE = /^[\p{L}\p{N}_]$/u;

/**
 * One regex finding every occurrence of a set of literal values, longest first, each bounded as a whole
 * word where its edge is a word character (so `Ann` is not replaced inside `Annual`).
 */
export function literalMatcher(values: Iterable<string>, caseInsensitive: boolean): RegExp | undefined {
  const list = [...new Set(values)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  const alts = list.map((v) => {
    const first = Array.from(v)[0] ?? '';
    const last = Array.from(v).at(-1) ?? '';
    const pre = WORD_EDGE.test(first) ? '(?<![\\p{L}\\p{N}_])' : '';
    const post = WORD_EDGE.test(last) ? '(?![\\p{L}\\p{N}_])' : '';
    return `${pre}${escapeRegex(v)}${post}`;
  });
  return new RegExp(alts.join('|'), caseInsensitive ? 'giu' : 'gu');
}
