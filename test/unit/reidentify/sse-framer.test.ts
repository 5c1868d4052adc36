import { describe, expect, it } from 'vitest';
import { SseFramer, serializeEvent, type SseEvent } from '../../../src/reidentify/sse-framer.js';
import { randomChunks, rng } from './helpers.js';

function frame(chunks: readonly (string | Uint8Array)[]): SseEvent[] {
  const f = new SseFramer();
  const out: SseEvent[] = [];
  for (const c of chunks) out.push(...f.push(c));
  out.push(...f.flush());
  return out;
}

const WIRE = 'event: response.output_text.delta\r\ndata: {"delta":"Grüße 👋"}\r\n\r\n: keep-alive\n\ndata: line one\ndata: line two\nid: 7\nretry: 1000\n\ndata: [DONE]\n\n';
const EXPECTED: SseEvent[] = [
  { event: 'response.output_text.delta', data: '{"delta":"Grüße 👋"}' },
  { comments: [' keep-alive'] },
  { data: 'line one\nline two', id: '7', retry: '1000' },
  { data: '[DONE]' },
];

describe('SseFramer', () => {
  it('frames LF and CRLF events, comments, multi-line data', () => {
    expect(frame([WIRE])).toEqual(EXPECTED);
  });

  it('gives the same events for every split of the bytes, including inside CRLF and UTF-8 characters', () => {
    const bytes = new TextEncoder().encode(WIRE);
    for (let i = 0; i <= bytes.length; i++) {
      expect(frame([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(EXPECTED);
    }
    const r = rng(3);
    for (let k = 0; k < 300; k++) {
      const pieces: Uint8Array[] = [];
      let i = 0;
      while (i < bytes.length) {
        const n = Math.floor(r() * 6);
        pieces.push(bytes.subarray(i, i + n));
        i += n;
      }
      expect(frame(pieces)).toEqual(EXPECTED);
    }
  });

  it('decodes as a streaming TextDecoder does: a BOM only at the very start, characters split after ASCII chunks', () => {
    const enc = new TextEncoder();
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    expect(frame([bom.subarray(0, 1), bom.subarray(1), enc.encode('data: a\n\n')])).toEqual([{ data: 'a' }]);
    // ASCII first, then a BOM inside the text: kept
    expect(frame([enc.encode('data: a'), bom, enc.encode('b\n\n')])).toEqual([{ data: 'a\ufeffb' }]);
    const tail = enc.encode('data: 👋 ü\n\n');
    const split = tail.indexOf(0xf0) + 2;
    expect(frame([enc.encode('data: x\n\n'), tail.subarray(0, split), tail.subarray(split)])).toEqual([{ data: 'x' }, { data: '👋 ü' }]);
  });

  it('handles bare CR line ends split from a following LF', () => {
    expect(frame(['data: a\r', '\ndata: b\r', '\r', 'data: c\r\r'])).toEqual([{ data: 'a\nb' }, { data: 'c' }]);
  });

  it('passes on an unterminated last event at flush', () => {
    expect(frame(['data: {"x":1}'])).toEqual([{ data: '{"x":1}' }]);
  });

  it('accepts data without a space after the colon and ignores unknown fields', () => {
    expect(frame(['data:x\nfoo: bar\n\nfoo: only\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('serializes back to the same events', () => {
    const wire = EXPECTED.map(serializeEvent).join('');
    expect(wire).toBe('event: response.output_text.delta\ndata: {"delta":"Grüße 👋"}\n\n: keep-alive\n\nid: 7\nretry: 1000\ndata: line one\ndata: line two\n\ndata: [DONE]\n\n');
    const r = rng(9);
    expect(frame(randomChunks(r, wire, 5))).toEqual(EXPECTED);
  });
});

describe('SseFramer raw ranges', () => {
  it('gives the input range of each event written exactly as serializeEvent writes it, and -1 for the others', () => {
    const wire = 'data: {"a":1}\n\ndata:{"b":2}\n\n: c\ndata: x\n\nfoo: y\ndata: z\n\ndata: p\nfoo: q\n\ndata: r\r\n\r\ndata: s\ndata: t\n\ndata: u\n\n';
    const f = new SseFramer();
    const events = f.push(Buffer.from(wire));
    const raws = events.map((ev, k) => ((f.rawStart[k] ?? -1) < 0 ? undefined : wire.slice(f.rawStart[k], f.rawEnd[k])));
    expect(raws).toEqual(['data: {"a":1}\n\n', undefined, undefined, 'data: z\n\n', undefined, undefined, undefined, 'data: u\n\n']);
    events.forEach((ev, k) => {
      if (raws[k] !== undefined) expect(serializeEvent(ev)).toBe(raws[k]);
    });
    expect(f.lastAsciiBytes?.toString('latin1')).toBe(wire);
  });

  it('gives none for an event that began in an earlier chunk, and no bytes view for text beyond ASCII', () => {
    const f = new SseFramer();
    f.push('data: {"a"');
    f.push(':1}\n\ndata: é\n\n');
    expect(f.rawStart).toEqual([-1, 5]);
    expect(f.lastAsciiBytes).toBeUndefined();
    f.push(Buffer.from('data: é\n\n'));
    expect(f.lastAsciiBytes).toBeUndefined();
  });
});
