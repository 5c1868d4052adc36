/**
 * Node Transform adapter for SSE responses: upstream bytes → SseFramer → SseEventRestorer → bytes.
 * A real Transform, so backpressure is preserved (pipeline(upstreamBody, stream, reply.raw)).
 * All logic lives in the pure modules; this only wires them and, optionally, resolves tokens that are
 * in scope but were not preloaded (tenant-wide restore scope) before the event that needs them.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { SseFramer, serializeEvent, type SseEvent } from './sse-framer.js';
import { SseEventRestorer } from './event-restorer.js';
import { tokenKey, type Lookup, type TokenRef } from './token-scanner.js';
import type { RestoreStats } from './stats.js';

export interface ReidentifyStreamOptions {
  /** originals the caller may see, keyed `TYPE:id` (anonymize's `tokens`, plus preloaded ones) */
  readonly values: ReadonlyMap<string, string>;
  /** false for types this caller may not see restored (policy `restoreTo: scope`) */
  readonly mayRestore?: (type: string) => boolean;
  /** type names a bracketless token may have (default: the built-in entity types) */
  readonly bareTypes?: Iterable<string>;
  /**
   * Optional: resolves complete token-shaped refs missing from `values` (e.g. vault.resolve for the
   * caller's tenant, keyed `TYPE:id` in the answer). Called at most once per ref, before the event that
   * needs it, so order is kept. A rejection leaves those tokens as they are (never fails the stream).
   */
  readonly resolveMissing?: (refs: readonly TokenRef[]) => Promise<ReadonlyMap<string, string>>;
  /** keep up to this many chars of restored output text (see `outputTexts`) for a response scan */
  readonly keepOutputChars?: number;
  /** the caller asked for a JSON answer: restored values in text fields are JSON-escaped */
  readonly jsonOutput?: boolean;
  /** drop the usage chunk the gateway asked for on the caller's behalf (its figures are still read) */
  readonly hideUsage?: boolean;
}

export class ReidentifyStream extends Transform {
  private readonly framer = new SseFramer();
  private readonly core: SseEventRestorer;
  private readonly extra = new Map<string, string>();
  private readonly asked = new Set<string>();
  private readonly resolveMissing: ReidentifyStreamOptions['resolveMissing'];
  /** number of resolveMissing calls that failed (the tokens stayed) */
  resolveFailures = 0;
  /** some output was sent already */
  private sentFirst = false;

  constructor(opts: ReidentifyStreamOptions) {
    super();
    const { values, mayRestore } = opts;
    const extra = this.extra;
    const lookup: Lookup = (type, id) => {
      if (mayRestore !== undefined && !mayRestore(type)) return undefined;
      const key = tokenKey(type, id);
      return values.get(key) ?? extra.get(key);
    };
    this.core = new SseEventRestorer({ lookup, ...(opts.bareTypes !== undefined ? { bareTypes: opts.bareTypes } : {}), ...(opts.keepOutputChars !== undefined ? { keepOutputChars: opts.keepOutputChars } : {}), ...(opts.jsonOutput === true ? { jsonOutput: true } : {}), ...(opts.hideUsage === true ? { hideUsage: true } : {}) });
    this.resolveMissing = opts.resolveMissing;
  }

  /** restored / unknown / seen tokens so far (complete once the stream has ended) */
  get stats(): RestoreStats {
    return this.core.stats;
  }

  /** the restored output texts kept so far (bounded by keepOutputChars), one per choice or content part */
  get outputTexts(): string[] {
    return this.core.outputTexts();
  }

  /** the usage object of the response, if the upstream sent one */
  get usage(): Record<string, unknown> | undefined {
    return this.core.usage;
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    let events: SseEvent[];
    try {
      events = this.framer.push(chunk);
    } catch (e) {
      cb(e as Error);
      return;
    }
    this.emitEvents(events, false, cb);
  }

  override _flush(cb: TransformCallback): void {
    this.emitEvents(this.framer.flush(), true, cb);
  }

  private emitEvents(events: SseEvent[], end: boolean, cb: TransformCallback): void {
    if (this.resolveMissing !== undefined) {
      this.emitResolving(events, end).then(() => cb(), (e: unknown) => cb(e as Error));
      return;
    }
    // where the events stand in their input (read now: the framer's next push replaces them)
    const f = this.framer;
    const raw: RawView = { text: f.lastText, bytes: f.lastAsciiBytes, start: f.rawStart, end: f.rawEnd };
    let from = 0;
    try {
      if (!this.sentFirst) {
        // time to first byte: the first output goes out on its own; when the same chunk carried more
        // events (a fast upstream sends the whole answer at once), they follow after that write
        from = this.writeFirst(events, raw);
        if (from < events.length) {
          process.nextTick(() => this.writeRest(events, from, raw, end, cb));
          return;
        }
      }
    } catch (e) {
      cb(e as Error);
      return;
    }
    this.writeRest(events, from, raw, end, cb);
  }

  /** Processes events until one gives output and sends it; returns the index of the next event. */
  private writeFirst(events: SseEvent[], raw: RawView): number {
    const out = new Output(raw);
    let i = 0;
    while (i < events.length && out.empty) this.emitEvent(out, events, i++);
    const first = out.take();
    if (first !== undefined) {
      this.sentFirst = true;
      this.push(first);
    }
    return i;
  }

  private writeRest(events: SseEvent[], from: number, raw: RawView, end: boolean, cb: TransformCallback): void {
    try {
      const out = new Output(raw);
      for (let k = from; k < events.length; k++) this.emitEvent(out, events, k);
      if (end) for (const o of this.core.finish()) out.add(serializeEvent(o));
      const chunk = out.take();
      if (chunk !== undefined) this.push(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  /** What events[k] becomes: an event sent as it came (the same object) keeps its own bytes when the framer has them. */
  private emitEvent(out: Output, events: SseEvent[], k: number): void {
    const ev = events[k] as SseEvent;
    for (const o of this.core.process(ev)) {
      if (o === ev) out.same(k, ev);
      else out.add(serializeEvent(o));
    }
  }

  private async emitResolving(events: SseEvent[], end: boolean): Promise<void> {
    let out = '';
    for (const ev of events) {
      await this.resolveFor(ev);
      for (const o of this.core.process(ev)) out += serializeEvent(o);
    }
    if (end) {
      await this.resolveFor({});
      for (const o of this.core.finish()) out += serializeEvent(o);
    }
    if (out.length > 0) this.push(out);
  }

  private async resolveFor(ev: SseEvent): Promise<void> {
    const resolve = this.resolveMissing;
    if (resolve === undefined) return;
    const wanted: TokenRef[] = [];
    for (const r of this.core.missingRefs(ev)) {
      const key = tokenKey(r.type, r.id);
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      wanted.push(r);
    }
    if (wanted.length === 0) return;
    try {
      const found = await resolve(wanted);
      for (const r of wanted) {
        const v = found.get(tokenKey(r.type, r.id));
        if (v !== undefined) this.extra.set(tokenKey(r.type, r.id), v);
      }
    } catch {
      this.resolveFailures++;
    }
  }

}

/** The input of a batch of events (see SseFramer.rawStart). */
interface RawView {
  readonly text: string;
  readonly bytes: Buffer | undefined;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/**
 * The output of a batch of events, in order. Runs of events sent unchanged, when the framer saw them written
 * exactly as serializeEvent() writes them, are their input's own bytes (a view of the chunk, not a copy, when
 * it was ASCII); the others are serialized. Most events of a chat stream change nothing.
 */
class Output {
  private readonly parts: (Buffer | string)[] = [];
  private text = '';
  private runFrom = -1;
  private runTo = -1;

  constructor(private readonly raw: RawView) {}

  get empty(): boolean {
    return this.runFrom < 0 && this.text.length === 0 && this.parts.length === 0;
  }

  /** events[k] of the batch, unchanged */
  same(k: number, ev: SseEvent): void {
    const s = this.raw.start[k] ?? -1;
    if (s < 0) {
      this.add(serializeEvent(ev));
      return;
    }
    const e = this.raw.end[k] as number;
    if (this.runTo === s) {
      this.runTo = e;
      return;
    }
    this.closeRun();
    this.runFrom = s;
    this.runTo = e;
  }

  add(serialized: string): void {
    this.closeRun();
    this.text += serialized;
  }

  /** everything added, as one chunk (undefined when nothing was) */
  take(): Buffer | string | undefined {
    this.closeRun();
    if (this.text.length > 0) this.parts.push(this.text);
    const parts = this.parts;
    if (parts.length <= 1) return parts[0];
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
  }

  private closeRun(): void {
    if (this.runFrom < 0) return;
    const { bytes, text } = this.raw;
    if (bytes !== undefined) {
      if (this.text.length > 0) this.parts.push(this.text);
      this.text = '';
      this.parts.push(bytes.subarray(this.runFrom, this.runTo));
    } else this.text += text.slice(this.runFrom, this.runTo);
    this.runFrom = this.runTo = -1;
  }
}
