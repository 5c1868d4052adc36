/**
 * Incremental Server-Sent Events framing (as openai-node's LineDecoder + SSEDecoder): push() takes bytes
 * or text in chunks split anywhere (inside a CRLF, inside a UTF-8 character) and returns the complete
 * events; flush() returns what is left at the end. serializeEvent() writes an event back.
 * Lines end in \n, \r\n or \r; an event ends at an empty line; `:` lines are comments (kept, so
 * keep-alives pass through).
 */

import { Buffer, isAscii } from 'node:buffer';

export interface SseEvent {
  /** `event:` field */
  event?: string;
  /** `data:` lines joined with \n; undefined when the event has no data field */
  data?: string;
  id?: string;
  retry?: string;
  /** comment lines, without the leading `:` */
  comments?: string[];
}

export class SseFramer {
  /** made on the first chunk that is not ASCII; used for every byte chunk from then on */
  private decoder: TextDecoder | undefined;
  /** bytes were decoded already: a BOM is stripped only at the very start, as TextDecoder does */
  private started = false;
  private line = '';
  private skipLf = false;
  private current: SseEvent = {};
  /** the event's data so far (lines joined with \n) */
  private dataText: string | undefined;
  private hasFields = false;
  /**
   * Where the events of the last push() stand in its text, for events written exactly as
   * serializeEvent() writes them (one `data: ` line, '\n' line ends) and wholly inside that text:
   * rawStart[k], rawEnd[k] for events[k], -1 otherwise. Lets a caller send such an event's bytes unchanged.
   */
  rawStart: number[] = [];
  rawEnd: number[] = [];
  /** the text of the last push() (what rawStart/rawEnd index); the chunk itself when it was ASCII bytes */
  lastText = '';
  lastAsciiBytes: Buffer | undefined;
  /** the open event's first line starts at this offset of the current text and is canonical so far (-1: not) */
  private evStart = -1;

  /** Complete events in this chunk (plus what earlier chunks left open). */
  push(chunk: string | Uint8Array): SseEvent[] {
    this.lastAsciiBytes = undefined;
    const text = typeof chunk === 'string' ? chunk : this.decode(chunk);
    this.lastText = text;
    // new arrays: a caller may still hold the last push's
    this.rawStart = [];
    this.rawEnd = [];
    this.evStart = -1;
    return this.feed(text, true);
  }

  /** Events still open at the end of the stream (an unterminated last event is passed on, not dropped). */
  flush(): SseEvent[] {
    this.rawStart = [];
    this.rawEnd = [];
    this.lastAsciiBytes = undefined;
    this.lastText = '';
    this.evStart = -1;
    const events = this.feed(this.decoder?.decode() ?? '', false);
    if (this.line.length > 0) {
      this.onLine(this.line, events);
      this.line = '';
    }
    this.dispatch(events);
    return events;
  }

  /**
   * UTF-8 bytes to text. While the stream is all ASCII (the usual case) the bytes are the text: a
   * streaming TextDecoder costs several times more. After the first other byte the decoder takes over,
   * so characters split across chunks are joined as before.
   */
  private decode(chunk: Uint8Array): string {
    if (this.decoder === undefined && isAscii(chunk)) {
      if (chunk.length > 0) this.started = true;
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.lastAsciiBytes = bytes;
      return bytes.toString('latin1');
    }
    this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: this.started });
    return this.decoder.decode(chunk, { stream: true });
  }

  private feed(text: string, track: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    const n = text.length;
    if (this.skipLf && n > 0) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.skipLf = false;
    }
    // next \n and next \r at or after `start` (n when there is none)
    let lf = nextIndex(text, '\n', start);
    let cr = nextIndex(text, '\r', start);
    while (start < n) {
      const i = lf < cr ? lf : cr;
      if (i === n) break;
      // one event as serializeEvent writes it, a `data: ` line and an empty line, from a clean start (most
      // events of a stream): what onLine would make of the two lines, without making them
      if (i === lf && this.line.length === 0 && !this.hasFields && i + 1 < n && text.charCodeAt(i + 1) === 10 && text.startsWith('data: ', start)) {
        const k = events.length;
        events.push({ data: text.slice(start + 6, i) });
        if (track) {
          this.rawStart[k] = start;
          this.rawEnd[k] = i + 2;
        }
        this.evStart = -1;
        start = i + 2;
        lf = nextIndex(text, '\n', start);
        continue;
      }
      const piece = text.slice(start, i);
      const carried = this.line.length > 0;
      const line = carried ? this.line + piece : piece;
      this.line = '';
      if (track) this.track(text, line, carried, start, i, events.length);
      this.onLine(line, events);
      start = i + 1;
      if (i === cr) {
        if (i + 1 < n) {
          if (lf === i + 1) start = i + 2;
        } else this.skipLf = true;
        cr = nextIndex(text, '\r', start);
      }
      if (lf < start) lf = nextIndex(text, '\n', start);
    }
    if (start < n) this.line += text.slice(start);
    return events;
  }

  /** Before onLine: follows whether the open event is one canonical `data: ` line of this text (see rawStart). */
  private track(text: string, line: string, carried: boolean, start: number, end: number, k: number): void {
    if (line.length > 0) {
      // the event's first line (an ignored field before it leaves the event empty: not in the event's bytes)
      this.evStart = !this.hasFields && !carried && text.charCodeAt(end) === 10 && line.startsWith('data: ') ? start : -1;
      return;
    }
    if (!this.hasFields) return;
    // the empty line ending the event: right after the data line's '\n', itself ended by '\n'
    const ok = this.evStart >= 0 && !carried && text.charCodeAt(end) === 10;
    this.rawStart[k] = ok ? this.evStart : -1;
    this.rawEnd[k] = ok ? end + 1 : -1;
    this.evStart = -1;
  }

  private onLine(line: string, events: SseEvent[]): void {
    if (line.length === 0) {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      (this.current.comments ??= []).push(line.slice(1));
      this.hasFields = true;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        this.dataText = this.dataText === undefined ? value : `${this.dataText}\n${value}`;
        break;
      case 'event':
        this.current.event = value;
        break;
      case 'id':
        this.current.id = value;
        break;
      case 'retry':
        this.current.retry = value;
        break;
      default:
        return; // unknown fields are ignored, as the spec says
    }
    this.hasFields = true;
  }

  private dispatch(events: SseEvent[]): void {
    if (!this.hasFields) return;
    if (this.dataText !== undefined) this.current.data = this.dataText;
    events.push(this.current);
    this.current = {};
    this.dataText = undefined;
    this.hasFields = false;
  }
}

function nextIndex(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/** Wire form of one event, ending with the empty line. */
export function serializeEvent(ev: SseEvent): string {
  let out = '';
  if (ev.comments) for (const c of ev.comments) out += `:${c}\n`;
  if (ev.event !== undefined) out += `event: ${ev.event}\n`;
  if (ev.id !== undefined) out += `id: ${ev.id}\n`;
  if (ev.retry !== undefined) out += `retry: ${ev.retry}\n`;
  if (ev.data !== undefined) {
    let start = 0;
    for (;;) {
      const nl = ev.data.indexOf('\n', start);
      out += `data: ${nl === -1 ? ev.data.slice(start) : ev.data.slice(start, nl)}\n`;
      if (nl === -1) break;
      start = nl + 1;
    }
  }
  return out + '\n';
}
