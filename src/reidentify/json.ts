/**
 * Re-identification of whole (non-streaming) JSON responses: chat completions, completions, Responses
 * API objects (also GET /v1/responses/{id}); embeddings and anything else are left alone.
 * Works on the parsed body and restores it IN PLACE (the gateway parsed it just for this; copying
 * large bodies would cost for nothing). Text fields get values as they are (JSON.stringify escapes them
 * when the body is written); fields that hold JSON source (tool-call `arguments`) get JSON-escaped
 * values, so they stay valid JSON.
 */
import { lookupFromMap, makeScanConfig, restoreAll, type Lookup, type ScanConfig } from './token-scanner.js';
import { newStats, type RestoreStats } from './stats.js';

export { restoreText } from './restorer.js';

/** Which tokens a caller may get back: originals keyed `TYPE:id`, optionally filtered by type. */
export interface RestoreScope {
  /** originals of the tokens in scope (this request's, or preloaded tenant-wide ones) */
  readonly values: ReadonlyMap<string, string>;
  /** false for types the caller may not see restored (policy `restoreTo: scope` without the scope) */
  readonly mayRestore?: (type: string) => boolean;
}

/** Lookup that answers only inside the scope: anything else stays a token (and counts as unknown). */
export function scopedLookup(scope: RestoreScope): Lookup {
  const base = lookupFromMap(scope.values);
  const may = scope.mayRestore;
  return may === undefined ? base : (type, id) => (may(type) ? base(type, id) : undefined);
}

/** Restorers for one body: a text-mode and a JSON-mode pass sharing one stats object. */
export class FieldRestorer {
  readonly stats: RestoreStats;
  private readonly textCfg: ScanConfig;
  private readonly jsonCfg: ScanConfig;
  /** set when some field changed */
  changed = false;

  constructor(
    private readonly lookup: Lookup,
    opts: { bareTypes?: Iterable<string>; stats?: RestoreStats; config?: { text: ScanConfig; json: ScanConfig } } = {},
  ) {
    this.stats = opts.stats ?? newStats();
    this.textCfg = opts.config?.text ?? makeScanConfig(false, opts.bareTypes);
    this.jsonCfg = opts.config?.json ?? makeScanConfig(true, opts.bareTypes);
  }

  text(s: string): string {
    const out = restoreAll(s, this.lookup, this.textCfg, this.stats);
    if (out !== s) this.changed = true;
    return out;
  }

  jsonSource(s: string): string {
    const out = restoreAll(s, this.lookup, this.jsonCfg, this.stats);
    if (out !== s) this.changed = true;
    return out;
  }

  /** Restores `obj[key]` in place when it is a string. */
  field(obj: Record<string, unknown>, key: string, json = false): void {
    const v = obj[key];
    if (typeof v === 'string' && v.length > 0) obj[key] = json ? this.jsonSource(v) : this.text(v);
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

/** Chat completion message (or a streamed message snapshot). */
export function restoreChatMessage(msg: Record<string, unknown>, r: FieldRestorer): void {
  r.field(msg, 'content');
  if (Array.isArray(msg['content'])) for (const part of records(msg['content'])) r.field(part, 'text');
  r.field(msg, 'refusal');
  for (const tc of records(msg['tool_calls'])) {
    const fn = tc['function'];
    if (isRecord(fn)) r.field(fn, 'arguments', true);
    const custom = tc['custom'];
    if (isRecord(custom)) r.field(custom, 'input');
  }
  const fc = msg['function_call'];
  if (isRecord(fc)) r.field(fc, 'arguments', true);
  const audio = msg['audio'];
  if (isRecord(audio)) r.field(audio, 'transcript');
}

/** A content part of a Responses API message or reasoning item. */
export function restoreResponsePart(part: Record<string, unknown>, r: FieldRestorer): void {
  r.field(part, 'text');
  r.field(part, 'refusal');
}

/** One Responses API output item. */
export function restoreResponseItem(item: Record<string, unknown>, r: FieldRestorer): void {
  switch (item['type']) {
    case 'message':
      for (const part of records(item['content'])) restoreResponsePart(part, r);
      break;
    case 'function_call':
    case 'mcp_call':
      r.field(item, 'arguments', true);
      if (item['type'] === 'mcp_call') r.field(item, 'output');
      break;
    case 'custom_tool_call':
      r.field(item, 'input');
      break;
    case 'reasoning':
      for (const part of records(item['summary'])) restoreResponsePart(part, r);
      for (const part of records(item['content'])) restoreResponsePart(part, r);
      break;
    default:
      break;
  }
}

/** A Responses API `response` object. */
export function restoreResponseObject(resp: Record<string, unknown>, r: FieldRestorer): void {
  for (const item of records(resp['output'])) restoreResponseItem(item, r);
  r.field(resp, 'output_text');
}

export interface JsonRestoreResult<T> {
  /** the same object, restored in place */
  readonly body: T;
  readonly stats: RestoreStats;
  /** whether anything was replaced (when false the original bytes can be sent as they are) */
  readonly changed: boolean;
}

/**
 * Restores a parsed non-streaming response body in place. The shape is taken from `object`
 * (`chat.completion`, `text_completion`, `response`), or from the fields when `object` is missing.
 */
export function restoreJsonResponse<T>(body: T, lookup: Lookup, opts: { bareTypes?: Iterable<string>; jsonOutput?: boolean } = {}): JsonRestoreResult<T> {
  // (an answer the caller asked to be JSON, response_format / text.format: its text is JSON source, and an original
  // restored into one of its strings is JSON-escaped, so "221B Baker Street\nLondon" keeps the answer valid JSON)
  const json = makeScanConfig(true, opts.bareTypes);
  const r = new FieldRestorer(lookup, { ...(opts.bareTypes !== undefined ? { bareTypes: opts.bareTypes } : {}), ...(opts.jsonOutput === true ? { config: { text: json, json } } : {}) });
  if (isRecord(body)) {
    const kind = body['object'];
    if (kind === 'response' || (kind === undefined && Array.isArray(body['output']))) restoreResponseObject(body, r);
    else if (kind !== 'list' && Array.isArray(body['choices'])) {
      for (const choice of records(body['choices'])) {
        const msg = choice['message'];
        if (isRecord(msg)) restoreChatMessage(msg, r);
        r.field(choice, 'text');
      }
    }
  }
  return { body, stats: r.stats, changed: r.changed };
}

/**
 * Convenience for a raw body: parses, restores, and re-serializes only when something changed.
 * A body that is not JSON is returned as it is.
 */
export function restoreJsonText(raw: string, lookup: Lookup, opts: { bareTypes?: Iterable<string> } = {}): { text: string; stats: RestoreStats } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { text: raw, stats: newStats() };
  }
  const res = restoreJsonResponse(parsed, lookup, opts);
  return { text: res.changed ? JSON.stringify(res.body) : raw, stats: res.stats };
}
