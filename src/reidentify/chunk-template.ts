/**
 * Chunk templates (pure): most events of a chat stream differ only in the text of
 * `choices[0].delta.content`. Once one such chunk has been parsed, its JSON as JSON.stringify writes it
 * is split around that string into a prefix and a suffix. A later event whose data is
 * `prefix + <one JSON string literal> + suffix` is then the same chunk with another text, so its text
 * is read, and a changed text written back, without JSON.parse and JSON.stringify of the whole event.
 *
 * Exact by construction: prefix and suffix come from JSON.stringify of a parsed chunk, so any data
 * they match (around a valid string literal) parses to that chunk with another content, and
 * re-serializing it gives `prefix + JSON.stringify(text) + suffix`, the bytes the slow path writes.
 * Upstreams that write JSON differently (spaces, another key order) never match and take the slow path.
 */

type Obj = Record<string, unknown>;

export interface ChunkTemplate {
  /** the chunk's JSON text before and after the content string literal */
  readonly prefix: string;
  readonly suffix: string;
  /** the parsed chunk it was learned from (the base of synthetic chunks) */
  readonly chunk: Obj;
}

/** marks the content's place while the chunk is serialized; must occur exactly once */
const MARK = '\u0000pgw-content\u0000';
const MARK_JSON = JSON.stringify(MARK);

/**
 * A template for chunks like `chunk`, whose text is `holder[key]` (a string), or undefined when the
 * chunk's own `data` is not written as JSON.stringify writes it (later events would not match either).
 */
export function learnTemplate(chunk: Obj, holder: Obj, key: string, data: string): ChunkTemplate | undefined {
  const text = holder[key];
  holder[key] = MARK;
  const json = JSON.stringify(chunk);
  holder[key] = text;
  const at = json.indexOf(MARK_JSON);
  if (at < 0 || json.indexOf(MARK_JSON, at + 1) >= 0) return undefined;
  const t: ChunkTemplate = { prefix: json.slice(0, at), suffix: json.slice(at + MARK_JSON.length), chunk };
  return textOf(t, data) === undefined ? undefined : t;
}

/** The content text of `data` if it is the template's chunk with some text, else undefined. */
export function textOf(t: ChunkTemplate, data: string): string | undefined {
  const { prefix, suffix } = t;
  const end = data.length - suffix.length;
  // slice and === compare several times faster than startsWith/endsWith in V8
  if (end < prefix.length + 2 || data.slice(0, prefix.length) !== prefix || data.slice(end) !== suffix) return undefined;
  return stringLiteral(data, prefix.length, end);
}

/** The chunk's data with `text` as its content. */
export function withText(t: ChunkTemplate, text: string): string {
  return t.prefix + JSON.stringify(text) + t.suffix;
}

/** The value of the JSON string literal that is exactly s[from, to), or undefined. */
function stringLiteral(s: string, from: number, to: number): string | undefined {
  if (s.charCodeAt(from) !== 34 || s.charCodeAt(to - 1) !== 34) return undefined;
  for (let i = from + 1; i < to - 1; i++) {
    const c = s.charCodeAt(i);
    // a quote, an escape or a control character: let JSON.parse decide
    if (c === 34 || c === 92 || c < 32) return parsedString(s.slice(from, to));
  }
  return s.slice(from + 1, to - 1);
}

function parsedString(literal: string): string | undefined {
  try {
    const v: unknown = JSON.parse(literal);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
