/**
 * Re-identification of a stream of SSE events (pure, incremental): one TokenRestorer per text stream —
 * per choice (content, refusal), per tool call (arguments, JSON mode), per Responses item/content part —
 * so a token split over any number of chunks is restored, and only a possible token prefix is held.
 *
 * Held text is never lost: when a choice finishes it is added to that chunk's delta (or sent in a
 * synthetic chunk of the same shape just before it); before a usage chunk, an error event, `[DONE]` and
 * at the end everything held is sent in synthetic chunks. Responses `*.done` events, items, parts and
 * the final `response` object are restored whole; synthetic Responses events are numbered in sequence
 * and later `sequence_number`s shifted so they stay strictly increasing.
 * Events that are not JSON, or not a known shape, pass through byte for byte.
 */
import { TokenRestorer } from './restorer.js';
import { makeScanConfig, type Lookup, type ScanConfig, type TokenRef, findTokens } from './token-scanner.js';
import { newStats, type RestoreStats } from './stats.js';
import type { SseEvent } from './sse-framer.js';
import { FieldRestorer, isRecord, restoreResponseItem, restoreResponseObject, restoreResponsePart } from './json.js';
import { learnTemplate, textOf, withText, type ChunkTemplate } from './chunk-template.js';

export interface EventRestorerOptions {
  readonly lookup: Lookup;
  /** type names a bracketless token may have (default: the built-in entity types) */
  readonly bareTypes?: Iterable<string>;
  /** keep the restored output text (text fields, not JSON arguments) for a scan after the stream, up to this many chars */
  readonly keepOutputChars?: number;
  /** the caller asked for a JSON answer (response_format / text.format): text fields are JSON source too */
  readonly jsonOutput?: boolean;
  /** the gateway asked for the usage chunk (for a token quota) and the caller did not: it is read, not sent on */
  readonly hideUsage?: boolean;
}

/** Responses API streaming text kinds: delta event type prefix → field of the `.done` event. */
const RESPONSE_STREAMS: Readonly<Record<string, { field: string; json: boolean }>> = {
  'response.output_text': { field: 'text', json: false },
  'response.refusal': { field: 'refusal', json: false },
  'response.function_call_arguments': { field: 'arguments', json: true },
  'response.mcp_call_arguments': { field: 'arguments', json: true },
  'response.custom_tool_call_input': { field: 'input', json: false },
  'response.reasoning_text': { field: 'text', json: false },
  'response.reasoning_summary_text': { field: 'text', json: false },
};
const RESPONSE_END = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** how many chunk templates one stream may learn (each costs one extra JSON.stringify) */
const MAX_TEMPLATES = 4;

type Obj = Record<string, unknown>;

/** One text stream being restored, and how to send its held text on its own. */
interface Slot {
  readonly restorer: TokenRestorer;
  /** grouping for flushes: `chat:<choice>`, `cmpl:<choice>`, `resp:<output>:<content>` */
  readonly group: string;
  /** builds a synthetic event carrying `text` */
  synth(text: string): SseEvent;
  /** Responses events carry sequence numbers */
  readonly sequenced: boolean;
}

export class SseEventRestorer {
  readonly stats: RestoreStats = newStats();
  /** the last `usage` object seen (chat/completions usage chunk, or the final Responses object) */
  usage: Obj | undefined;
  private readonly lookup: Lookup;
  private readonly textCfg: ScanConfig;
  private readonly jsonCfg: ScanConfig;
  private readonly slots = new Map<string, Slot>();
  private seqOffset = 0;
  /** bodies of synthetic Responses events waiting for their sequence number */
  private readonly unnumbered = new WeakMap<SseEvent, Obj>();
  private lastSeq: number | undefined;
  /** the chat chunk most events repeat with another text (see chunk-template.ts) */
  private template: ChunkTemplate | undefined;
  private templatesLeft = MAX_TEMPLATES;

  /** restored output text kept for the response scan (bounded by keepOutputChars), per choice or content part */
  private readonly output = new Map<string, string[]>();
  private outputRoom: number;

  private readonly hideUsage: boolean;

  constructor(opts: EventRestorerOptions) {
    this.hideUsage = opts.hideUsage === true;
    this.outputRoom = opts.keepOutputChars ?? 0;
    this.lookup = opts.lookup;
    this.textCfg = makeScanConfig(opts.jsonOutput === true, opts.bareTypes);
    this.jsonCfg = makeScanConfig(true, opts.bareTypes);
  }

  /** The events to send for one upstream event (usually just it, restored). */
  process(ev: SseEvent): SseEvent[] {
    const data = ev.data;
    if (data === undefined) return [ev];
    if (data === '[DONE]') return [...this.flushAll(), ev];
    if (this.template !== undefined) {
      const text = textOf(this.template, data);
      if (text !== undefined) return this.templateChunk(this.template, ev, text);
    }
    const c0 = data.charCodeAt(0);
    if (c0 !== 123 /* { */ && c0 !== 32 && c0 !== 9) return [ev];
    let obj: unknown;
    try {
      obj = JSON.parse(data);
    } catch {
      return [ev];
    }
    if (!isRecord(obj)) return [ev];
    const pre: SseEvent[] = [];
    let changed = false;
    if (typeof obj['type'] === 'string' && obj['type'].startsWith('response.')) changed = this.responseEvent(obj, obj['type'], ev, pre);
    else if (Array.isArray(obj['choices'])) {
      changed = this.choicesChunk(obj, pre);
      if (this.templatesLeft > 0) this.learn(obj, data);
    }
    else if (isRecord(obj['error'])) pre.push(...this.flushAll());
    if (isRecord(obj['usage'])) {
      this.usage = obj['usage'];
      // (the usage chunk has no choices: what the gateway asked for alone)
      if (this.hideUsage && Array.isArray(obj['choices']) && obj['choices'].length === 0) return pre;
    }
    if (!changed) return [...pre, ev];
    return [...pre, { ...ev, data: JSON.stringify(obj) }];
  }

  /** Everything still held, at the end of the stream. */
  finish(): SseEvent[] {
    return this.flushAll();
  }

  /**
   * Token refs that processing `ev` could look up and the lookup does not know (an over-approximation:
   * tokens wholly inside a string of the event, and each held text continued by each string). Lets an
   * async caller resolve them before process(ev).
   */
  missingRefs(ev: SseEvent): TokenRef[] {
    const refs: TokenRef[] = [];
    const strings: string[] = [];
    if (ev.data !== undefined) {
      try {
        collectStrings(JSON.parse(ev.data), strings);
      } catch {
        // not JSON: passed through, nothing to resolve
      }
    }
    const known = (r: TokenRef): boolean => this.lookup(r.type, r.id) !== undefined;
    for (const s of strings) {
      for (const r of findTokens(s, this.textCfg)) if (!known(r)) refs.push(r);
      for (const r of findTokens(s, this.jsonCfg)) if (!known(r)) refs.push(r);
    }
    for (const slot of this.slots.values()) {
      if (slot.restorer.pending === 0) continue;
      refs.push(...slot.restorer.missingRefs('', true));
      for (const s of strings) refs.push(...slot.restorer.missingRefs(s, true));
    }
    return refs;
  }

  // ---- chat completions and completions chunks ----

  private choicesChunk(obj: Obj, pre: SseEvent[]): boolean {
    const choices = obj['choices'] as unknown[];
    if (choices.length === 0) {
      pre.push(...this.flushAll());
      return false;
    }
    let changed = false;
    choices.forEach((choice, pos) => {
      if (!isRecord(choice)) return;
      const index = typeof choice['index'] === 'number' ? choice['index'] : pos;
      const touched = new Map<string, { obj: Obj; key: string }>();
      const run = (slotKey: string, holder: Obj, key: string, make: () => Slot): void => {
        const v = holder[key];
        if (typeof v !== 'string') return;
        const slot = this.slot(slotKey, make);
        const out = slot.restorer.push(v);
        if (out !== v) (holder[key] = out), (changed = true);
        touched.set(slotKey, { obj: holder, key });
      };
      const delta = choice['delta'];
      if (isRecord(delta)) {
        const group = `chat:${index}`;
        run(`${group}:content`, delta, 'content', () => this.chatSlot(obj, group, index, false, (t) => ({ content: t })));
        run(`${group}:refusal`, delta, 'refusal', () => this.chatSlot(obj, group, index, false, (t) => ({ refusal: t })));
        const fc = delta['function_call'];
        if (isRecord(fc)) run(`${group}:fn`, fc, 'arguments', () => this.chatSlot(obj, group, index, true, (t) => ({ function_call: { arguments: t } })));
        if (Array.isArray(delta['tool_calls'])) {
          delta['tool_calls'].forEach((tc: unknown, tpos) => {
            if (!isRecord(tc)) return;
            const ti = typeof tc['index'] === 'number' ? tc['index'] : tpos;
            const fn = tc['function'];
            if (isRecord(fn)) run(`${group}:tool:${ti}`, fn, 'arguments', () => this.chatSlot(obj, group, index, true, (t) => ({ tool_calls: [{ index: ti, function: { arguments: t } }] })));
          });
        }
      } else if (typeof choice['text'] === 'string') {
        const group = `cmpl:${index}`;
        run(`${group}:text`, choice, 'text', () => this.completionSlot(obj, group, index));
      }
      const finish = choice['finish_reason'];
      if (finish !== null && finish !== undefined) {
        const group = isRecord(delta) ? `chat:${index}` : `cmpl:${index}`;
        for (const [key, slot] of this.slots) {
          if (slot.group !== group) continue;
          const rest = slot.restorer.flush();
          this.slots.delete(key);
          if (rest.length === 0) continue;
          const t = touched.get(key);
          if (t) {
            t.obj[t.key] = String(t.obj[t.key]) + rest;
            changed = true;
          } else pre.push(slot.synth(rest));
        }
      }
    });
    return changed;
  }

  /**
   * Learns a template from a processed chunk whose only restorable text is choices[0].delta.content
   * and that ends nothing (no finish_reason, no usage): later chunks that repeat it with another text
   * take the fast path, which does exactly what choicesChunk does for them.
   */
  private learn(obj: Obj, data: string): void {
    const choices = obj['choices'] as unknown[];
    if (choices.length !== 1 || isRecord(obj['usage'])) return;
    const choice = choices[0];
    if (!isRecord(choice) || (choice['finish_reason'] !== null && choice['finish_reason'] !== undefined)) return;
    if (choice['index'] !== undefined && choice['index'] !== 0) return;
    const delta = choice['delta'];
    if (!isRecord(delta) || typeof delta['content'] !== 'string') return;
    if (typeof delta['refusal'] === 'string' || isRecord(delta['function_call']) || Array.isArray(delta['tool_calls'])) return;
    this.templatesLeft--;
    this.template = learnTemplate(obj, delta, 'content', data);
  }

  /** choicesChunk for a chunk that repeats the template with another content text. */
  private templateChunk(t: ChunkTemplate, ev: SseEvent, text: string): SseEvent[] {
    const slot = this.slot('chat:0:content', () => this.chatSlot(t.chunk, 'chat:0', 0, false, (x) => ({ content: x })));
    const out = slot.restorer.push(text);
    return out === text ? [ev] : [{ ...ev, data: withText(t, out) }];
  }

  private slot(key: string, make: () => Slot): Slot {
    let s = this.slots.get(key);
    if (!s) {
      s = make();
      this.slots.set(key, s);
    }
    return s;
  }

  /** The restored output texts kept so far, one per choice or content part (n > 1 streams interleave them). */
  outputTexts(): string[] {
    return [...this.output.values()].map((parts) => parts.join(''));
  }

  /** A restorer whose text output is also kept for the response scan (text fields only), under `group`. */
  private textRestorer(group: string): TokenRestorer {
    const r = new TokenRestorer(this.lookup, { config: this.textCfg, stats: this.stats });
    if (this.outputRoom <= 0) return r;
    // (the group's list, once looked up: lists are never removed from `output`)
    let parts: string[] | undefined;
    const keep = (s: string): string => {
      if (this.outputRoom > 0 && s.length > 0) {
        if (parts === undefined) {
          parts = this.output.get(group);
          if (parts === undefined) this.output.set(group, (parts = []));
        }
        parts.push(s.length <= this.outputRoom ? s : s.slice(0, this.outputRoom));
        this.outputRoom -= s.length;
      }
      return s;
    };
    const push = r.push.bind(r);
    const flush = r.flush.bind(r);
    r.push = (delta: string) => keep(push(delta));
    r.flush = () => keep(flush());
    return r;
  }

  private chatSlot(chunk: Obj, group: string, index: number, json: boolean, delta: (text: string) => Obj): Slot {
    const base = baseOf(chunk);
    return {
      restorer: json ? new TokenRestorer(this.lookup, { config: this.jsonCfg, stats: this.stats }) : this.textRestorer(group),
      group,
      sequenced: false,
      synth: (text) => ({ data: JSON.stringify({ ...base, choices: [{ index, delta: delta(text), logprobs: null, finish_reason: null }], ...usageNull(chunk) }) }),
    };
  }

  private completionSlot(chunk: Obj, group: string, index: number): Slot {
    const base = baseOf(chunk);
    return {
      restorer: this.textRestorer(group),
      group,
      sequenced: false,
      synth: (text) => ({ data: JSON.stringify({ ...base, choices: [{ index, text, logprobs: null, finish_reason: null }], ...usageNull(chunk) }) }),
    };
  }

  // ---- Responses API events ----

  private responseEvent(obj: Obj, type: string, ev: SseEvent, pre: SseEvent[]): boolean {
    let changed = false;
    const dot = type.lastIndexOf('.');
    const stream = RESPONSE_STREAMS[type.slice(0, dot)];
    const suffix = type.slice(dot + 1);
    const full = new FieldRestorer(this.lookup, { stats: newStats(), config: { text: this.textCfg, json: this.jsonCfg } });
    if (stream && suffix === 'delta' && typeof obj['delta'] === 'string') {
      const key = responseKey(type.slice(0, dot), obj);
      const slot = this.slot(key, () => this.responseSlot(obj, ev, stream.json));
      const v = obj['delta'];
      const out = slot.restorer.push(v);
      if (out !== v) (obj['delta'] = out), (changed = true);
    } else if (stream && suffix === 'done') {
      const key = responseKey(type.slice(0, dot), obj);
      const slot = this.slots.get(key);
      if (slot) {
        const rest = slot.restorer.flush();
        this.slots.delete(key);
        if (rest.length > 0) pre.push(slot.synth(rest));
      }
      full.field(obj, stream.field, stream.json);
    } else if (RESPONSE_END.has(type)) {
      pre.push(...this.flushAll());
    } else if (type === 'response.output_item.done' || type === 'response.content_part.done') {
      pre.push(...this.flushWhere((g) => g.startsWith(`resp:${String(obj['output_index'])}:`) && (type === 'response.output_item.done' || g === `resp:${String(obj['output_index'])}:${String(obj['content_index'])}`)));
    }
    const item = obj['item'];
    if (isRecord(item)) restoreResponseItem(item, full);
    const part = obj['part'];
    if (isRecord(part)) restoreResponsePart(part, full);
    const resp = obj['response'];
    if (isRecord(resp)) {
      restoreResponseObject(resp, full);
      if (isRecord(resp['usage'])) this.usage = resp['usage'];
    }
    if (full.changed) changed = true;
    const seq = obj['sequence_number'];
    if (typeof seq === 'number') {
      for (const p of pre) this.numberSynthetic(p, seq);
      this.lastSeq = seq;
      if (this.seqOffset > 0) (obj['sequence_number'] = seq + this.seqOffset), (changed = true);
    }
    return changed;
  }

  private responseSlot(first: Obj, ev: SseEvent, json: boolean): Slot {
    const template: Obj = {};
    for (const k of ['type', 'item_id', 'output_index', 'content_index', 'summary_index']) if (first[k] !== undefined) template[k] = first[k];
    const hasLogprobs = Array.isArray(first['logprobs']);
    const group = `resp:${String(first['output_index'])}:${String(first['content_index'] ?? first['summary_index'] ?? '')}`;
    return {
      restorer: json ? new TokenRestorer(this.lookup, { config: this.jsonCfg, stats: this.stats }) : this.textRestorer(group),
      group,
      sequenced: true,
      synth: (text) => {
        const body: Obj = { ...template, sequence_number: 0, delta: text, ...(hasLogprobs ? { logprobs: [] } : {}) };
        const out: SseEvent = { ...(ev.event !== undefined ? { event: ev.event } : {}), data: JSON.stringify(body) };
        this.unnumbered.set(out, body);
        return out;
      },
    };
  }

  /** Gives a synthetic Responses event the next sequence number before an event numbered `seq`. */
  private numberSynthetic(p: SseEvent, seq: number): void {
    const body = this.unnumbered.get(p);
    if (body === undefined) return;
    this.unnumbered.delete(p);
    body['sequence_number'] = seq + this.seqOffset++;
    p.data = JSON.stringify(body);
  }

  // ---- flushing ----

  private flushWhere(pred: (group: string) => boolean): SseEvent[] {
    const out: SseEvent[] = [];
    for (const [key, slot] of this.slots) {
      if (!pred(slot.group)) continue;
      const rest = slot.restorer.flush();
      this.slots.delete(key);
      if (rest.length > 0) out.push(slot.synth(rest));
    }
    return out;
  }

  private flushAll(): SseEvent[] {
    const out = this.flushWhere(() => true);
    // synthetic Responses events sent at the end follow the last numbered event
    if (this.lastSeq !== undefined) for (const p of out) this.numberSynthetic(p, this.lastSeq + 1);
    return out;
  }
}

function responseKey(kind: string, obj: Obj): string {
  return `${kind}:${String(obj['item_id'])}:${String(obj['output_index'])}:${String(obj['content_index'] ?? '')}:${String(obj['summary_index'] ?? '')}`;
}

/** Top-level fields of a chunk that a synthetic chunk repeats (id, object, created, model, …). */
function baseOf(chunk: Obj): Obj {
  const base: Obj = {};
  for (const [k, v] of Object.entries(chunk)) if (k !== 'choices' && k !== 'usage') base[k] = v;
  return base;
}

function usageNull(chunk: Obj): Obj {
  return 'usage' in chunk ? { usage: null } : {};
}

function collectStrings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else if (isRecord(v)) for (const x of Object.values(v)) collectStrings(x, out);
}
