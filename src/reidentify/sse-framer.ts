/**
 * Incremental Server-Sent Events framing (as openai-node's LineDecoder + SSEDecoder): push() takes bytes
 * or text in chunks split anywhere (inside a CRLF, inside a UTF-8 character) and returns the complete
 * events; flush() returns what is left at the end. serializeEvent() writes an event back.
 * Lines end in \n, \r\n or \r; an event ends at an empty line; `:` lines are comments (kept, so
 * keep-alives pass through).
 */

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
  private readonly decoder = new TextDecoder('utf-8');
  private line = '';
  private skipLf = false;
  private current: SseEvent = {};
  private dataLines: string[] | undefined;
  private hasFields = false;

  /** Complete events in this chunk (plus what earlier chunks left open). */
  push(chunk: string | Uint8Array): SseEvent[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.feed(text);
  }

  /** Events still open at the end of the stream (an unterminated last event is passed on, not dropped). */
  flush(): SseEvent[] {
    const events = this.feed(this.decoder.decode());
    if (this.line.length > 0) {
      this.onLine(this.line, events);
      this.line = '';
    }
    this.dispatch(events);
    return events;
  }

  private feed(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    const n = text.length;
    if (this.skipLf && n > 0) {
      if (text.charCodeAt(0) === 10) start = 1;
      this.skipLf = false;
    }
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const piece = text.slice(start, i);
      const line = this.line.length > 0 ? this.line + piece : piece;
      this.line = '';
      this.onLine(line, events);
      if (c === 13) {
        if (i + 1 < n) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else this.skipLf = true;
      }
      start = i + 1;
    }
    if (start < n) this.line += text.slice(start);
    return events;
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
        (this.dataLines ??= []).push(value);
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
    if (this.dataLines !== undefined) this.current.data = this.dataLines.join('\n');
    events.push(this.current);
    this.current = {};
    this.dataLines = undefined;
    this.hasFields = false;
  }
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
