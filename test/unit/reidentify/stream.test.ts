import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { ReidentifyStream, type ReidentifyStreamOptions } from '../../../src/reidentify/stream.js';
import { SseFramer, type SseEvent } from '../../../src/reidentify/sse-framer.js';
import { tokenKey } from '../../../src/reidentify/token-scanner.js';
import { chatChunks, completionChunks, responseEvents, splitEvery } from '../../../src/dev/openai-shapes.js';
import { EMAIL, EMAIL_ID, PERSON, PERSON_ID, randomChunks, rng, values } from './helpers.js';

type Obj = Record<string, unknown>;
const usage = { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 };

function wireOf(events: { event?: string; data: Obj | string }[], crlf = false): string {
  const nl = crlf ? '\r\n' : '\n';
  return events
    .map((e) => `${e.event !== undefined ? `event: ${e.event}${nl}` : ''}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}${nl}${nl}`)
    .join('');
}

async function run(wire: string, pieces: (s: string) => (string | Uint8Array)[], opts: Partial<ReidentifyStreamOptions> = {}): Promise<{ out: string; events: SseEvent[]; t: ReidentifyStream }> {
  const t = new ReidentifyStream({ values, ...opts });
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString('utf8');
      cb();
    },
  });
  await pipeline(Readable.from(pieces(wire)), t, sink);
  const f = new SseFramer();
  const events = [...f.push(out), ...f.flush()];
  return { out, events, t };
}

function bytesRandom(seed: number, max = 9): (s: string) => Uint8Array[] {
  const r = rng(seed);
  return (s) => {
    const b = Buffer.from(s, 'utf8');
    const out: Uint8Array[] = [];
    let i = 0;
    while (i < b.length) {
      const n = 1 + Math.floor(r() * max);
      out.push(b.subarray(i, i + n));
      i += n;
    }
    return out;
  };
}

/** Accumulates chat chunks as the openai SDK does. */
function accumulateChat(events: SseEvent[]): { content: string; args: string[]; finish: unknown[]; objs: Obj[] } {
  let content = '';
  const args: string[] = [];
  const finish: unknown[] = [];
  const objs: Obj[] = [];
  for (const ev of events) {
    if (ev.data === undefined || ev.data === '[DONE]') continue;
    const o = JSON.parse(ev.data) as Obj;
    objs.push(o);
    for (const c of o['choices'] as Obj[]) {
      const d = c['delta'] as Obj;
      if (typeof d['content'] === 'string') content += d['content'];
      for (const tc of (d['tool_calls'] as Obj[] | undefined) ?? []) {
        const i = tc['index'] as number;
        args[i] = (args[i] ?? '') + String((tc['function'] as Obj)['arguments'] ?? '');
      }
      if (c['finish_reason'] !== null) finish.push(c['finish_reason']);
    }
  }
  return { content, args, finish, objs };
}

const TEXT = `Dear [PERSON_${PERSON_ID}], I wrote to [EMAIL_${EMAIL_ID}] and &#91;email_${EMAIL_ID.toUpperCase()}&#93; (not [PHONE_${EMAIL_ID}]).`;
const RESTORED = `Dear ${PERSON}, I wrote to ${EMAIL} and ${EMAIL} (not [PHONE_${EMAIL_ID}]).`;
const ARGS = JSON.stringify({ to: `[EMAIL_${EMAIL_ID}]`, name: `PERSON_${PERSON_ID}` });

describe('ReidentifyStream: chat completions', () => {
  it('restores content and tool-call arguments for any piece size and any byte chunking; keeps usage and [DONE]', async () => {
    for (let size = 1; size <= 9; size++) {
      const chunks = chatChunks('chatcmpl-1', 'gpt-4o-mini', splitEvery(TEXT, size), { usage, toolCalls: [{ id: 'call_1', name: 'send', arguments: ARGS }], toolPieceSize: size });
      const wire = wireOf([...chunks.map((data) => ({ data })), { data: '[DONE]' }], size % 2 === 0);
      const { events, t } = await run(wire, bytesRandom(size));
      const acc = accumulateChat(events);
      expect(acc.content).toBe(RESTORED);
      expect(JSON.parse(acc.args[0] ?? '')).toEqual({ to: EMAIL, name: PERSON });
      expect(acc.finish).toEqual(['tool_calls']);
      // usage chunk and [DONE] unchanged, at the end
      expect(events.at(-1)).toEqual({ data: '[DONE]' });
      expect(JSON.parse(events.at(-2)?.data ?? '')).toEqual(chunks.at(-1));
      expect(t.usage).toEqual(usage);
      expect(t.stats.restored).toEqual({ PERSON: 2, EMAIL: 3 });
      expect(t.stats.unknown).toBe(1);
      // every chunk keeps the stream's id/model/created
      for (const o of acc.objs) expect([o['id'], o['model'], o['created']]).toEqual(['chatcmpl-1', 'gpt-4o-mini', chunks[0]?.['created']]);
    }
  });

  it('flushes held text in a synthetic chunk of the same shape before the finish chunk', async () => {
    const chunks = chatChunks('chatcmpl-2', 'gpt-4o', ['Reach me at ', `EMAIL_${EMAIL_ID}`], {});
    const { events } = await run(wireOf(chunks.map((data) => ({ data }))), (s) => [s]);
    const objs = events.map((e) => JSON.parse(e.data ?? '') as Obj);
    const contents = objs.map((o) => ((o['choices'] as Obj[])[0]?.['delta'] as Obj)['content']);
    expect(contents).toEqual(['', 'Reach me at ', '', EMAIL, undefined]);
    const synthetic = objs[3] as Obj;
    expect(synthetic['id']).toBe('chatcmpl-2');
    expect(synthetic['created']).toBe(chunks[0]?.['created']);
    expect(synthetic['object']).toBe('chat.completion.chunk');
    expect((synthetic['choices'] as Obj[])[0]).toMatchObject({ index: 0, finish_reason: null });
    expect(objs[4]).toEqual(chunks.at(-1)); // the finish chunk itself unchanged
  });

  it('appends held text to the delta when the finish chunk carries content itself', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const wire = wireOf([
      { data: { ...base, choices: [{ index: 0, delta: { content: 'to [EMAIL_' }, finish_reason: null }] } },
      { data: { ...base, choices: [{ index: 0, delta: { content: `${EMAIL_ID}` }, finish_reason: 'length' }] } },
    ]);
    const { events } = await run(wire, (s) => [s]);
    expect(events.map((e) => (((JSON.parse(e.data ?? '') as Obj)['choices'] as Obj[])[0]?.['delta'] as Obj)['content'])).toEqual(['to ', EMAIL]); // lost closing bracket: restored at the finish
  });

  it('keeps choices apart (n > 1) and flushes each at its own finish', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const half = `[EMAIL_${EMAIL_ID}]`;
    const wire = wireOf([
      { data: { ...base, choices: [{ index: 0, delta: { content: half.slice(0, 8) }, finish_reason: null }, { index: 1, delta: { content: half.slice(0, 4) }, finish_reason: null }] } },
      { data: { ...base, choices: [{ index: 1, delta: { content: half.slice(4) }, finish_reason: null }] } },
      { data: { ...base, choices: [{ index: 0, delta: { content: half.slice(8) }, finish_reason: 'stop' }] } },
      { data: { ...base, choices: [{ index: 1, delta: {}, finish_reason: 'stop' }] } },
    ]);
    const { events } = await run(wire, (s) => [s]);
    const per: string[] = ['', ''];
    for (const e of events) for (const c of (JSON.parse(e.data ?? '') as Obj)['choices'] as Obj[]) per[c['index'] as number] += String((c['delta'] as Obj)['content'] ?? '');
    expect(per).toEqual([EMAIL, EMAIL]);
  });

  it('flushes what is held before [DONE] and at the end of a truncated stream', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const one = wireOf([{ data: { ...base, choices: [{ index: 0, delta: { content: `x PERSON_${PERSON_ID}` }, finish_reason: null }] } }]);
    const a = await run(one + 'data: [DONE]\n\n', (s) => [s]);
    expect(accumulateChat(a.events).content).toBe(`x ${PERSON}`);
    expect(a.events.at(-1)).toEqual({ data: '[DONE]' });
    const b = await run(one.replace(`PERSON_${PERSON_ID}`, '[EMAIL_k3'), (s) => [s]);
    expect(accumulateChat(b.events).content).toBe('x [EMAIL_k3');
  });

  it('passes comments, non-JSON data and error events through, flushing before an error', async () => {
    const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
    const wire = ': ping\n\n' + 'data: not json\n\n' + wireOf([{ data: { ...base, choices: [{ index: 0, delta: { content: 'a [EM' }, finish_reason: null }] } }, { data: { error: { message: 'boom', type: 'server_error', code: null } } }]);
    const { out } = await run(wire, bytesRandom(1, 3));
    expect(out).toContain(': ping\n\n');
    expect(out).toContain('data: not json\n\n');
    expect(out.indexOf('[EM')).toBeLessThan(out.indexOf('"error"'));
    expect(out).toContain('data: {"error":{"message":"boom","type":"server_error","code":null}}\n\n');
  });
});

describe('ReidentifyStream: completions', () => {
  it('restores choices[].text across chunks', async () => {
    const chunks = completionChunks('cmpl-1', 'gpt-3.5-turbo-instruct', splitEvery(TEXT, 4));
    const { events } = await run(wireOf(chunks.map((data) => ({ data }))), bytesRandom(5));
    const text = events.map((e) => String(((JSON.parse(e.data ?? '') as Obj)['choices'] as Obj[])[0]?.['text'])).join('');
    expect(text).toBe(RESTORED);
  });
});

describe('ReidentifyStream: Responses API', () => {
  it('restores deltas, done events, parts, items and the completed response; sequence numbers stay increasing', async () => {
    for (let size = 1; size <= 7; size += 2) {
      const evs = responseEvents('resp_1', 'gpt-4o', splitEvery(TEXT + ` PERSON_${PERSON_ID}`, size), usage);
      const { events, t } = await run(wireOf(evs), bytesRandom(size + 10));
      const objs = events.map((e) => ({ event: e.event, o: JSON.parse(e.data ?? '') as Obj }));
      const want = RESTORED + ` ${PERSON}`;
      expect(objs.filter((x) => x.o['type'] === 'response.output_text.delta').map((x) => x.o['delta']).join('')).toBe(want);
      for (const x of objs) expect(x.event).toBe(x.o['type']);
      const byType = (type: string): Obj => objs.find((x) => x.o['type'] === type)?.o ?? {};
      expect(byType('response.output_text.done')['text']).toBe(want);
      expect((byType('response.content_part.done')['part'] as Obj)['text']).toBe(want);
      expect((((byType('response.output_item.done')['item'] as Obj)['content'] as Obj[])[0] as Obj)['text']).toBe(want);
      const completed = byType('response.completed')['response'] as Obj;
      expect((((completed['output'] as Obj[])[0] as Obj)['content'] as Obj[])[0]).toMatchObject({ text: want });
      const seqs = objs.map((x) => x.o['sequence_number'] as number);
      expect(seqs).toEqual(seqs.map((_, i) => i));
      expect(t.usage).toEqual((evs.at(-1)?.data['response'] as Obj)['usage']);
      expect(t.stats.restored).toEqual({ PERSON: 2, EMAIL: 2 });
    }
  });

  it('restores function_call_arguments deltas in JSON mode and the done arguments', async () => {
    const args = JSON.stringify({ who: `[PERSON_${PERSON_ID}]` });
    const deltas = splitEvery(args, 3).map((d, i) => ({ event: 'response.function_call_arguments.delta', data: { type: 'response.function_call_arguments.delta', sequence_number: i, item_id: 'fc_1', output_index: 0, delta: d } }));
    const done = { event: 'response.function_call_arguments.done', data: { type: 'response.function_call_arguments.done', sequence_number: deltas.length, item_id: 'fc_1', output_index: 0, arguments: args } };
    const { events } = await run(wireOf([...deltas, done]), (s) => [s]);
    const objs = events.map((e) => JSON.parse(e.data ?? '') as Obj);
    const streamed = objs.filter((o) => o['type'] === 'response.function_call_arguments.delta').map((o) => o['delta']).join('');
    expect(JSON.parse(streamed)).toEqual({ who: PERSON });
    expect(JSON.parse(String(objs.at(-1)?.['arguments']))).toEqual({ who: PERSON });
  });
});

describe('ReidentifyStream: scope', () => {
  it('leaves tokens of types the caller may not see', async () => {
    const chunks = chatChunks('c', 'm', [TEXT]);
    const { events, t } = await run(wireOf(chunks.map((data) => ({ data }))), (s) => [s], { mayRestore: (type) => type !== 'PERSON' });
    expect(accumulateChat(events).content).toBe(RESTORED.replace(PERSON, `[PERSON_${PERSON_ID}]`));
    expect(t.stats.unknown).toBe(2);
  });

  it('resolves in-scope tokens missing from the preloaded map, once each, in order', async () => {
    const OTHER = 'z9y8x7w6v5t4s';
    const asked: string[][] = [];
    const resolveMissing: ReidentifyStreamOptions['resolveMissing'] = async (refs) => {
      asked.push(refs.map((r) => tokenKey(r.type, r.id)));
      await new Promise((res) => setTimeout(res, 1));
      return new Map([[tokenKey('EMAIL', OTHER), 'carol@example.org']]);
    };
    const text = `A [EMAIL_${OTHER}] B [EMAIL_${OTHER}] C [PHONE_${OTHER}] D [EMAIL_${EMAIL_ID}]`;
    const chunks = chatChunks('c', 'm', splitEvery(text, 5), { usage });
    const { events, t } = await run(wireOf([...chunks.map((data) => ({ data })), { data: '[DONE]' }]), bytesRandom(4), { resolveMissing });
    expect(accumulateChat(events).content).toBe(`A carol@example.org B carol@example.org C [PHONE_${OTHER}] D ${EMAIL}`);
    const flat = asked.flat();
    expect(new Set(flat).size).toBe(flat.length);
    expect(flat).toContain(`EMAIL:${OTHER}`);
    expect(flat).not.toContain(`EMAIL:${EMAIL_ID}`);
    expect(t.stats.unknown).toBe(1);
  });
});

describe('ReidentifyStream: random chunkings of a chat stream (property)', () => {
  it('equals the whole-text restore for 300 seeded byte chunkings', async () => {
    const r = rng(42);
    const chunks = chatChunks('c', 'm', randomChunks(r, TEXT, 7).filter((p) => p.length > 0), { usage });
    const wire = wireOf([...chunks.map((data) => ({ data })), { data: '[DONE]' }]);
    for (let k = 0; k < 300; k++) {
      const { events } = await run(wire, bytesRandom(1000 + k, 40));
      expect(accumulateChat(events).content).toBe(RESTORED);
    }
  });
});

describe('ReidentifyStream: time to first byte', () => {
  it('sends the first output on its own when one chunk carries the whole answer, the rest right after', async () => {
    const chunks = chatChunks('c', 'm', ['Hello ', 'world, ', `[PERSON_${PERSON_ID}]`, ' here'], { usage });
    const wire = wireOf([...chunks.map((data) => ({ data })), { data: '[DONE]' }]);
    const t = new ReidentifyStream({ values });
    const pushes: string[] = [];
    t.on('data', (d: Buffer) => pushes.push(d.toString('utf8')));
    const ended = new Promise((resolve) => t.on('end', resolve));
    t.end(Buffer.from(wire, 'utf8'));
    await ended;
    expect(new SseFramer().push(pushes[0] ?? '')).toHaveLength(1);
    expect(pushes.length).toBeGreaterThan(1);
    const all = new SseFramer().push(pushes.join(''));
    expect(accumulateChat(all).content).toBe(`Hello world, ${PERSON} here`);
  });
});
