import { GatewayError } from '../errors.js';
import type { EffectivePolicy, ScanFields } from '../policy/types.js';
import type { Span } from './replace.js';
import { decodeTokenIds, encodeText, encodingNameForModel, getTokenizer, isTokenIdArray } from './token-ids.js';

export type AnonymizeRoute = 'chat' | 'completions' | 'embeddings' | 'responses';

/**
 * How a field's text is written back:
 * - `text`: plain text
 * - `json-text`: JSON that did not parse (tool arguments): replacements must keep it as valid as it was
 * - `name`: a chat message `name` (^[a-zA-Z0-9_-]{1,64}$): bare tokens, whole-value replacement
 */
export type FieldKind = 'text' | 'json-text' | 'name';

/** One scanned text of a request body, with a setter that writes its new text into the (copied) body. */
export interface TextField {
  readonly kind: FieldKind;
  readonly text: string;
  /** run the detector on it (policy.scan); otherwise only values found elsewhere are replaced in it */
  readonly detect: boolean;
  /** ranges never detected in or replaced (unreadable blobs passed through by policy) */
  readonly skip: readonly Span[];
  set(text: string): void;
}

export interface CollectedFields {
  readonly fields: TextField[];
  /**
   * Rewrites every string of the body that no field above holds: values of fields it does not know
   * (`stop`, unknown ones…) and object keys, in the body and in parsed tool arguments. Replace-only (never
   * detected in); run after every `set` and before the finalizers. `rewrite` gets the ranges to leave as
   * they are (base64 blobs) and returns the new text, or the same string when nothing changed.
   */
  readonly rewriteRest: (rewrite: (text: string, skip: readonly Span[]) => string) => void;
  /** run after every `set`: re-serializes parsed tool arguments whose values changed */
  readonly finalizers: (() => void)[];
  /** content parts and blobs the detector cannot read */
  readonly unreadable: number;
}

type Obj = Record<string, unknown>;
type Holder = Obj | unknown[];
type Key = string | number;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `obj[key] = v` that keeps a `__proto__` key an own property (plain assignment would set the prototype). */
function setOwn(obj: Obj, key: string, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}

/** Content-part types the detector cannot read (images, audio, files). */
const UNREADABLE_PARTS = new Set(['image_url', 'input_image', 'input_audio', 'audio', 'file', 'input_file', 'image', 'image_file', 'computer_screenshot']);
/** Text-bearing content-part types and the property holding their text. */
const TEXT_PARTS: Readonly<Record<string, string>> = {
  text: 'text',
  input_text: 'text',
  output_text: 'text',
  summary_text: 'text',
  reasoning_text: 'text',
  refusal: 'refusal',
};

/**
 * Long base64-looking runs (inline images, files, data URLs pasted into text): 1024+ characters of the
 * base64 alphabet with no space, so keys and hashes people paste (an ssh-rsa key is ~720) stay text;
 * the mixed-class check below keeps long words and digit runs out.
 */
const MIN_BLOB_LENGTH = 1024;
// (also wrapped as MIME writes it, 76 characters a line, or split by spaces: lines of 60 or more joined by one
// line break or space, 1024 characters in all; counted in the callback)
const BLOB = /(?:data:[\w.+-]+\/[\w.+-]+;base64,)?(?:[A-Za-z0-9+/]{1024,}|[A-Za-z0-9+/]{60,}(?:(?:\r?\n|[ \t])[A-Za-z0-9+/]{60,})+(?:(?:\r?\n|[ \t])[A-Za-z0-9+/]{1,59}(?=={0,2}(?![A-Za-z0-9+/])))?)={0,2}/g;
/** the shortest run of base64 characters a wrapped blob has (a line of it) */
const MIN_BLOB_LINE = 60;
/**
 * Shorter base64 runs (64 to 1023 characters) that decode to text: personal data encoded to pass unread
 * ("Q3VzdG9tZXIgTWFyaWEg…"). Keys, hashes, key bodies and images decode to bytes, not text, and stay as they are;
 * a JWT's segments (next to a '.') are the secret recognizer's.
 */
const MIN_ENCODED_TEXT = 64;
const ENCODED_RUN = /(?<![A-Za-z0-9+/=._-])[A-Za-z0-9+/]{64,1023}={0,2}(?![A-Za-z0-9+/=._-])/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
function decodesToText(run: string): boolean {
  let decoded: string;
  try {
    decoded = UTF8.decode(Buffer.from(run, 'base64'));
  } catch {
    return false;
  }
  if (decoded.length < 40) return false;
  let printable = 0;
  let spaces = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) spaces++;
    if (c >= 32 ? c !== 127 && c !== 0xfffd : c === 10 || c === 13 || c === 9) printable++;
  }
  return spaces >= 2 && printable >= decoded.length * 0.97;
}
/** a character of the base64 alphabet (A-Z a-z 0-9 + /) */
const isBase64Code = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 47 && c <= 57) || c === 43;

/**
 * Does the text hold `min` or more base64 characters in a row? Every BLOB match does. Any `min` consecutive
 * offsets include one multiple of `min`, so only the runs through those offsets are measured: a few
 * characters per `min` of ordinary text, where the regex tried a match at every offset.
 */
function hasBase64Run(text: string, min: number): boolean {
  for (let i = 0; i < text.length; i += min) {
    if (!isBase64Code(text.charCodeAt(i))) continue;
    let s = i;
    while (s > 0 && isBase64Code(text.charCodeAt(s - 1))) s--;
    let e = i + 1;
    while (e < text.length && isBase64Code(text.charCodeAt(e))) e++;
    if (e - s >= min) return true;
  }
  return false;
}

function isBase64ish(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
}

/** JSON-schema keywords whose values are text people write (descriptions, allowed and example values). */
const SCHEMA_TEXT = new Set(['description', 'title', '$comment', 'enum', 'const', 'default', 'examples']);
/** JSON-schema keywords whose values map names (keys, not scanned) to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Numbers in tool arguments long enough to be personal data (phone, card, account numbers). */
const MIN_SCANNED_NUMBER_DIGITS = 7;
const MAX_JSON_DEPTH = 256;

class FieldCollector {
  readonly fields: TextField[] = [];
  readonly finalizers: (() => void)[] = [];
  unreadable = 0;
  /** slots (holder, key) whose value a field holds: the rest rewrite skips them */
  readonly covered = new Map<object, Set<Key>>();
  /** parsed tool arguments (not in the body until re-serialized): walked by the rest rewrite too */
  readonly parsedArgs: { readonly box: Obj; readonly changed: () => void }[] = [];

  constructor(
    private readonly policy: EffectivePolicy,
    /** false in shadow mode: count only, never change or refuse */
    private readonly mutate: boolean,
    private readonly model: unknown,
  ) {}

  /** Counts one unreadable item and applies the policy: throws (refuse), or tells the caller to drop it. */
  private unreadableFound(): 'keep' | 'drop' {
    this.unreadable++;
    if (!this.mutate) return 'keep';
    switch (this.policy.unreadableContent) {
      case 'refuse':
        throw new GatewayError('GW_ERR_UNSUPPORTED_CONTENT');
      case 'drop':
        return 'drop';
      default:
        return 'keep';
    }
  }

  private cover(holder: object, key: Key): void {
    const keys = this.covered.get(holder);
    if (keys === undefined) this.covered.set(holder, new Set([key]));
    else keys.add(key);
  }

  /** Adds the string at `holder[key]` (or a text standing for it: decoded token ids) as a field. */
  add(kind: FieldKind, text: string, detect: boolean, set: (t: string) => void, holder: Holder, key: Key): void {
    this.cover(holder, key);
    if (text.length === 0) return;
    if (kind === 'name' || text.length < MIN_ENCODED_TEXT) {
      this.fields.push({ kind, text, detect, skip: [], set });
      return;
    }
    const skip: Span[] = [];
    const t = this.stripBlobs(text, set, skip);
    this.fields.push({ kind, text: t, detect, skip, set });
  }

  /**
   * Finds base64-looking blobs and counts them: removes them under `drop` (and writes the text back),
   * else records their ranges in `skip` so nothing inside them is replaced. Returns the text to scan.
   */
  private stripBlobs(text: string, set: (t: string) => void, skip: Span[]): string {
    const spans = blobSpans(text);
    if (spans.length === 0) return text;
    // (one policy for the whole request: each blob is counted, and they are all kept or all dropped)
    let drop = false;
    for (let n = 0; n < spans.length; n++) drop = this.unreadableFound() === 'drop';
    if (!drop) {
      skip.push(...spans);
      return text;
    }
    let out = '';
    let last = 0;
    for (const sp of spans) {
      out += text.slice(last, sp.start);
      last = sp.end;
    }
    out += text.slice(last);
    set(out);
    return out;
  }

  prop(obj: Obj, key: string, detect: boolean, kind: FieldKind = 'text'): void {
    const v = obj[key];
    if (typeof v === 'string') this.add(kind, v, detect, (t) => setOwn(obj, key, t), obj, key);
  }

  /** `content`-like value: a string or an array of content parts. */
  content(holder: Obj, key: string, detect: boolean, onDropped?: () => void): void {
    const v = holder[key];
    if (typeof v === 'string') {
      this.add('text', v, detect, (t) => (holder[key] = t), holder, key);
      return;
    }
    if (isObj(v)) {
      // one part where an array is expected: scanned as a one-part array (never passed on unscanned)
      this.content({ parts: [v] }, 'parts', detect, () => delete holder[key]);
      return;
    }
    if (!Array.isArray(v)) return;
    const parts: unknown[] = v;
    let keep: unknown[] | undefined;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      let drop = false;
      if (typeof part === 'string') {
        this.add('text', part, detect, (t) => (parts[i] = t), parts, i);
      } else if (isObj(part)) {
        const type = typeof part['type'] === 'string' ? part['type'] : '';
        const textKey = TEXT_PARTS[type];
        if (textKey !== undefined) {
          const t = part[textKey];
          if (typeof t === 'string') this.prop(part, textKey, detect);
          // a text part whose text is not a string: the detector cannot read it
          else if (t !== undefined && t !== null) drop = this.unreadableFound() === 'drop';
        }
        else if (UNREADABLE_PARTS.has(type)) drop = this.unreadableFound() === 'drop';
        else if (typeof part['text'] === 'string') this.prop(part, 'text', detect);
        else drop = this.unreadableFound() === 'drop';
      }
      if (drop) keep ??= parts.slice(0, i);
      else keep?.push(part);
    }
    if (keep !== undefined) {
      holder[key] = keep;
      onDropped?.();
    }
  }

  /**
   * Tool-call arguments: JSON whose string values are scanned (its keys get the rest rewrite),
   * re-serialized if changed.
   */
  jsonArgs(holder: Obj, key: string, detect: boolean): void {
    const v = holder[key];
    if (typeof v === 'object' && v !== null) {
      // some clients send arguments as an object: scan its values in place
      this.jsonValues(holder, key, detect, { changed: false }, 0);
      return;
    }
    if (typeof v !== 'string' || v.length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      this.add('json-text', v, detect, (t) => (holder[key] = t), holder, key);
      return;
    }
    this.cover(holder, key);
    const state = { changed: false };
    const box: Obj = { value: parsed };
    this.jsonValues(box, 'value', detect, state, 0);
    this.parsedArgs.push({ box, changed: () => (state.changed = true) });
    this.finalizers.push(() => {
      if (state.changed) holder[key] = JSON.stringify(box['value']);
    });
  }

  private jsonValues(holder: Obj | unknown[], key: string | number, detect: boolean, state: { changed: boolean }, depth: number): void {
    if (depth > MAX_JSON_DEPTH) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'tool arguments nested too deeply' });
    const get = (): unknown => (Array.isArray(holder) ? holder[key as number] : holder[key as string]);
    const put = (val: unknown): void => {
      if (Array.isArray(holder)) holder[key as number] = val;
      else holder[key as string] = val;
      state.changed = true;
    };
    const v = get();
    if (typeof v === 'string') {
      this.add('text', v, detect, put, holder, key);
    } else if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && Math.abs(v) >= 10 ** (MIN_SCANNED_NUMBER_DIGITS - 1)) {
        const original = String(v);
        // a number becomes a string only when part of it is replaced
        this.add('text', original, detect, (t) => {
          if (t !== original) put(t);
        }, holder, key);
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.jsonValues(v, i, detect, state, depth + 1);
    } else if (isObj(v)) {
      for (const k of Object.keys(v)) this.jsonValues(v, k, detect, state, depth + 1);
    }
  }

  /** Token-id arrays (number[]): decoded with the model's tokenizer, re-encoded when changed. */
  tokenIds(holder: Holder, key: Key, detect: boolean): void {
    const ids = Array.isArray(holder) ? holder[key as number] : holder[key as string];
    if (!isTokenIdArray(ids)) return;
    // numbers only: nothing in them for the rest rewrite
    this.cover(holder, key);
    if (!detect) return;
    const name = encodingNameForModel(this.model);
    const enc = name === undefined ? undefined : getTokenizer(name);
    const text = enc === undefined ? undefined : decodeTokenIds(enc, ids);
    if (enc === undefined || text === undefined) {
      // dropping one input of several would shift the indexes of the answer: `drop` refuses here
      if (this.unreadableFound() === 'drop') throw new GatewayError('GW_ERR_UNSUPPORTED_CONTENT');
      return;
    }
    this.add('text', text, detect, (t) => {
      const encoded = encodeText(enc, t);
      if (Array.isArray(holder)) holder[key as number] = encoded;
      else holder[key as string] = encoded;
    }, holder, key);
  }

  /** string | string[] | number[] | number[][] (completions prompt, embeddings input) */
  textOrTokens(holder: Obj, key: string, detect: boolean): void {
    const v = holder[key];
    if (typeof v === 'string') {
      this.prop(holder, key, detect);
    } else if (isTokenIdArray(v)) {
      this.tokenIds(holder, key, detect);
    } else if (Array.isArray(v)) {
      const arr: unknown[] = v;
      for (let i = 0; i < arr.length; i++) {
        const el = arr[i];
        if (typeof el === 'string') this.add('text', el, detect, (t) => (arr[i] = t), arr, i);
        else if (Array.isArray(el)) this.tokenIds(arr, i, detect);
        else if (typeof el === 'object' && el !== null) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: `${key} must be a string, an array of strings or token arrays` });
      }
    } else if (typeof v === 'object' && v !== null) {
      // a shape the walker cannot read is never forwarded unscanned
      throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: `${key} must be a string, an array of strings or token arrays` });
    }
  }

  /**
   * Tool definitions: the function description and the text of its parameter schema (see schemaText),
   * the grammar of a custom tool.
   */
  tools(body: Obj, scan: ScanFields): void {
    const detect = scan.toolDescriptions;
    for (const listKey of ['tools', 'functions']) {
      const list = body[listKey];
      if (!Array.isArray(list)) continue;
      for (const tool of list) {
        if (!isObj(tool)) continue;
        // chat: {function:{...}} or {custom:{...}}; Responses: flat
        const fn = isObj(tool['function']) ? tool['function'] : isObj(tool['custom']) ? tool['custom'] : tool;
        this.prop(fn, 'description', detect);
        this.schemaText(fn['parameters'], detect, 0);
        const format = fn['format'];
        if (isObj(format)) {
          this.prop(format, 'definition', detect);
          if (isObj(format['grammar'])) this.prop(format['grammar'], 'definition', detect);
        }
      }
    }
  }

  /** A structured-output format (chat `response_format.json_schema`, Responses `text.format`): its description and schema text. */
  responseFormat(format: unknown, detect: boolean): void {
    if (!isObj(format)) return;
    this.prop(format, 'description', detect);
    this.schemaText(format['schema'], detect, 0);
  }

  /**
   * The text of a JSON schema, at any depth: every string in its `description`, `title`, `$comment`,
   * `enum`, `const`, `default` and `examples` (values, not keys). Property names are keys: not scanned.
   */
  private schemaText(schema: unknown, detect: boolean, depth: number): void {
    if (depth > MAX_JSON_DEPTH) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'schema nested too deeply' });
    if (Array.isArray(schema)) {
      for (const s of schema) this.schemaText(s, detect, depth + 1);
      return;
    }
    if (!isObj(schema)) return;
    for (const k of Object.keys(schema)) {
      const v = schema[k];
      if (SCHEMA_TEXT.has(k)) this.strings(schema, k, detect, depth + 1);
      else if (SCHEMA_MAPS.has(k) && isObj(v)) for (const name of Object.keys(v)) this.schemaText(v[name], detect, depth + 1);
      else if (typeof v === 'object' && v !== null) this.schemaText(v, detect, depth + 1);
    }
  }

  /** Every string in the JSON value at `holder[key]` (values, not keys), at any depth. */
  private strings(holder: Holder, key: Key, detect: boolean, depth: number): void {
    if (depth > MAX_JSON_DEPTH) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'schema nested too deeply' });
    const v = Array.isArray(holder) ? holder[key as number] : holder[key as string];
    if (typeof v === 'string') {
      this.add('text', v, detect, (t) => {
        if (Array.isArray(holder)) holder[key as number] = t;
        else setOwn(holder, key as string, t);
      }, holder, key);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.strings(v, i, detect, depth + 1);
    } else if (isObj(v)) {
      for (const k of Object.keys(v)) this.strings(v, k, detect, depth + 1);
    }
  }

  /** Top-level identity fields (`user`, `safety_identifier`, `prompt_cache_key`) and `metadata` values. */
  identity(body: Obj, scan: ScanFields): void {
    this.prop(body, 'user', scan.names);
    this.prop(body, 'safety_identifier', scan.names);
    // OpenAI's replacement of `user` for cache routing: often the end user's id or e-mail
    this.prop(body, 'prompt_cache_key', scan.names);
    const meta = body['metadata'];
    // (kept when the policy does not drop it: its values are sent on and stored by the provider, so they are read too)
    if (isObj(meta)) for (const k of Object.keys(meta)) this.prop(meta, k, scan.names);
  }

  chat(body: Obj): void {
    const scan = this.policy.scan;
    const messages = body['messages'];
    if (messages !== undefined && !Array.isArray(messages)) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'messages must be an array' });
    for (const msg of Array.isArray(messages) ? messages : []) {
      if (!isObj(msg)) throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'each message must be an object' });
      const role = msg['role'];
      const isToolResult = role === 'tool' || role === 'function';
      this.content(msg, 'content', isToolResult ? scan.toolResults : scan.messages);
      this.prop(msg, 'refusal', scan.messages);
      // an answer's message appended as it is: its transcript holds the originals restored in it
      if (isObj(msg['audio'])) this.prop(msg['audio'], 'transcript', scan.messages);
      this.prop(msg, 'name', scan.names, 'name');
      const calls = msg['tool_calls'];
      if (Array.isArray(calls)) {
        for (const call of calls) {
          if (!isObj(call)) continue;
          if (isObj(call['function'])) this.jsonArgs(call['function'], 'arguments', scan.toolArguments);
          if (isObj(call['custom'])) this.prop(call['custom'], 'input', scan.toolArguments);
        }
      }
      if (isObj(msg['function_call'])) this.jsonArgs(msg['function_call'], 'arguments', scan.toolArguments);
    }
    if (isObj(body['prediction'])) this.content(body['prediction'], 'content', scan.messages);
    this.tools(body, scan);
    const format = body['response_format'];
    if (isObj(format)) this.responseFormat(format['json_schema'], scan.responseFormat);
    this.identity(body, scan);
  }

  completions(body: Obj): void {
    const scan = this.policy.scan;
    this.textOrTokens(body, 'prompt', scan.prompt);
    this.prop(body, 'suffix', scan.prompt);
    this.identity(body, scan);
  }

  embeddings(body: Obj): void {
    const scan = this.policy.scan;
    this.textOrTokens(body, 'input', scan.input);
    this.identity(body, scan);
  }

  /** Responses input items (`input`, or `instructions` given as items); `detect` is the scan flag of their messages. */
  private inputItems(list: unknown[], detect: boolean): void {
    const scan = this.policy.scan;
    for (const item of list) {
      if (!isObj(item)) continue;
      const type = item['type'];
      if (type === undefined || type === 'message') {
        this.content(item, 'content', detect);
      } else if (type === 'function_call') {
        this.jsonArgs(item, 'arguments', scan.toolArguments);
      } else if (type === 'custom_tool_call') {
        this.prop(item, 'input', scan.toolArguments);
      } else if (type === 'function_call_output' || type === 'custom_tool_call_output') {
        this.content(item, 'output', scan.toolResults);
      } else if (type === 'reasoning') {
        this.content(item, 'summary', detect);
        this.content(item, 'content', detect);
      } else if (type === 'mcp_call' || type === 'mcp_approval_request') {
        // output items the gateway restores in answers, sent back as input on the next turn
        this.jsonArgs(item, 'arguments', scan.toolArguments);
        this.prop(item, 'output', scan.toolResults);
        this.prop(item, 'error', scan.toolResults);
      } else if (type === 'mcp_approval_response') {
        this.prop(item, 'reason', detect);
      } else if (type === 'local_shell_call_output') {
        this.prop(item, 'output', scan.toolResults);
      } else if (type === 'computer_call_output') {
        // a screenshot part: content the detector cannot read (policy unreadable_content)
        this.content(item, 'output', scan.toolResults);
      }
    }
  }

  responses(body: Obj): void {
    const scan = this.policy.scan;
    const instructions = body['instructions'];
    // a string; a stored response's `instructions` is a list of input items, which clients send back
    if (Array.isArray(instructions)) this.inputItems(instructions, scan.instructions);
    else this.content(body, 'instructions', scan.instructions);
    const input = body['input'];
    if (typeof input === 'string') {
      this.prop(body, 'input', scan.input);
    } else if (Array.isArray(input)) {
      this.inputItems(input, scan.input);
    } else if (input !== undefined && input !== null) {
      throw new GatewayError('GW_ERR_INVALID_REQUEST', { detail: 'input must be a string or an array' });
    }
    // reusable prompts: variable values are strings or input parts
    const prompt = body['prompt'];
    const vars = isObj(prompt) ? prompt['variables'] : undefined;
    if (isObj(vars)) {
      for (const k of Object.keys(vars)) {
        const v = vars[k];
        if (typeof v === 'string') this.prop(vars, k, scan.input);
        else if (isObj(v)) this.content({ parts: [v] }, 'parts', scan.input, () => delete vars[k]);
      }
    }
    this.tools(body, scan);
    const text = body['text'];
    if (isObj(text)) this.responseFormat(text['format'], scan.responseFormat);
    this.identity(body, scan);
  }
}

type Rewrite = (text: string, skip: readonly Span[]) => string;

/** Ranges of base64 blobs (long ones, wrapped ones, shorter ones that decode to text) in a text, in order. */
function blobSpans(text: string): Span[] {
  if (text.length < MIN_ENCODED_TEXT || !hasBase64Run(text, MIN_BLOB_LINE)) return [];
  const out: Span[] = [];
  if (text.length >= MIN_BLOB_LENGTH) for (const m of text.matchAll(BLOB)) if (m[0].length >= MIN_BLOB_LENGTH && isBase64ish(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  // shorter runs that decode to text, not inside one of those
  const blobs = out.length;
  for (const m of text.matchAll(ENCODED_RUN)) if (!out.some((sp, n) => n < blobs && sp.start <= m.index && m.index < sp.end) && decodesToText(m[0])) out.push({ start: m.index, end: m.index + m[0].length });
  return out.sort((x, y) => x.start - y.start);
}

/**
 * Rewrites, under `holder` and at any depth, every string value whose slot no field covers, and every
 * object key (objects whose keys change are rebuilt in the same order; two keys rewritten to one keep the
 * later value). Depth is bounded: bodies were depth-checked when copied, tool arguments when walked.
 * Returns whether anything changed.
 */
function rewriteRest(holder: Holder, covered: ReadonlyMap<object, ReadonlySet<Key>>, rewrite: (text: string) => string): boolean {
  const done = covered.get(holder);
  let changed = false;
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') return rewrite(v);
    if (typeof v === 'object' && v !== null && rewriteRest(v as Holder, covered, rewrite)) changed = true;
    return v;
  };
  if (Array.isArray(holder)) {
    for (let i = 0; i < holder.length; i++) {
      if (done?.has(i)) continue;
      const v = holder[i];
      const t = value(v);
      if (t !== v) {
        holder[i] = t;
        changed = true;
      }
    }
    return changed;
  }
  let renamed: Map<string, string> | undefined;
  for (const k of Object.keys(holder)) {
    const nk = rewrite(k);
    if (nk !== k) (renamed ??= new Map()).set(k, nk);
    if (done?.has(k)) continue;
    const v = holder[k];
    const t = value(v);
    if (t !== v) {
      setOwn(holder, k, t);
      changed = true;
    }
  }
  if (renamed !== undefined) {
    const entries = Object.entries(holder);
    for (const [k] of entries) delete holder[k];
    // defineProperty: a `__proto__` key stays an own key
    for (const [k, v] of entries) Object.defineProperty(holder, renamed.get(k) ?? k, { value: v, enumerable: true, writable: true, configurable: true });
    changed = true;
  }
  return changed;
}

/**
 * Every text field of a request body that anonymization looks at, for one route. With `mutate`, the
 * body (a private copy) is changed in place for dropped unreadable content, and setters write into it;
 * without it (shadow mode) nothing is dropped or refused, only counted.
 */
export function collectFields(body: Obj, route: AnonymizeRoute, policy: EffectivePolicy, mutate: boolean): CollectedFields {
  const c = new FieldCollector(policy, mutate, body['model']);
  switch (route) {
    case 'chat':
      c.chat(body);
      break;
    case 'completions':
      c.completions(body);
      break;
    case 'embeddings':
      c.embeddings(body);
      break;
    case 'responses':
      c.responses(body);
      break;
  }
  const rest = (rewrite: Rewrite): void => {
    // keys and values repeat (`role`, `content`, `user` in every message): each distinct string searched once
    const seen = new Map<string, string>();
    const once = (text: string): string => {
      if (text.length === 0) return text;
      let out = seen.get(text);
      if (out === undefined) seen.set(text, (out = rewrite(text, blobSpans(text))));
      return out;
    };
    rewriteRest(body, c.covered, once);
    for (const { box, changed } of c.parsedArgs) {
      // the box is the walker's own holder: only what it holds is the caller's
      const v = box['value'];
      if (typeof v === 'object' && v !== null && rewriteRest(v as Holder, c.covered, once)) changed();
    }
  };
  return { fields: c.fields, rewriteRest: rest, finalizers: c.finalizers, unreadable: c.unreadable };
}
