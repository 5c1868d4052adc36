import { describe, expect, it } from 'vitest';
import { restoreJsonResponse, restoreJsonText, restoreText, scopedLookup } from '../../../src/reidentify/json.js';
import { chatCompletion, completion, embeddings, responseObject } from '../../../src/dev/openai-shapes.js';
import { EMAIL, EMAIL_ID, PERSON, PERSON_ID, lookup, values } from './helpers.js';

type Obj = Record<string, unknown>;
const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
const T = `Hi [PERSON_${PERSON_ID}], mail [email_${EMAIL_ID}] or [PHONE_${EMAIL_ID}]`;
const R = `Hi ${PERSON}, mail ${EMAIL} or [PHONE_${EMAIL_ID}]`;

describe('restoreJsonResponse', () => {
  it('chat completion: content, refusal, tool-call arguments (JSON-escaped), legacy function_call', () => {
    const args = JSON.stringify({ to: `[EMAIL_${EMAIL_ID}]`, who: `PERSON_${PERSON_ID}` });
    const body = chatCompletion('c1', 'gpt-4o', T, usage, [{ id: 'call_1', name: 'send', arguments: args }]);
    const msg = ((body['choices'] as Obj[])[0] as Obj)['message'] as Obj;
    msg['refusal'] = `no, [PERSON_${PERSON_ID}]`;
    msg['function_call'] = { name: 'f', arguments: args };
    const { body: out, stats, changed } = restoreJsonResponse(body, lookup);
    expect(changed).toBe(true);
    const m = ((out['choices'] as Obj[])[0] as Obj)['message'] as Obj;
    expect(m['content']).toBe(R);
    expect(m['refusal']).toBe(`no, ${PERSON}`);
    const tc = (m['tool_calls'] as Obj[])[0] as Obj;
    expect(JSON.parse(String((tc['function'] as Obj)['arguments']))).toEqual({ to: EMAIL, who: PERSON });
    expect(JSON.parse(String((m['function_call'] as Obj)['arguments']))).toEqual({ to: EMAIL, who: PERSON });
    expect(stats.restored).toEqual({ PERSON: 4, EMAIL: 3 });
    expect(stats.unknown).toBe(1);
    // and the whole body still serializes and parses
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('completions: choices[].text', () => {
    const { body } = restoreJsonResponse(completion('x', 'm', T, usage), lookup);
    expect(((body['choices'] as Obj[])[0] as Obj)['text']).toBe(R);
  });

  it('Responses object: message text, function_call arguments, output_text', () => {
    const body = responseObject('r1', 'gpt-4o', T, usage);
    (body['output'] as Obj[]).push({ type: 'function_call', id: 'fc', call_id: 'c', name: 'f', arguments: JSON.stringify({ a: `[PERSON_${PERSON_ID}]` }) });
    body['output_text'] = T;
    const { body: out } = restoreJsonResponse(body, lookup);
    const output = out['output'] as Obj[];
    expect(((output[0] as Obj)['content'] as Obj[])[0]).toMatchObject({ text: R });
    expect(JSON.parse(String((output[1] as Obj)['arguments']))).toEqual({ a: PERSON });
    expect(out['output_text']).toBe(R);
  });

  it('embeddings and unknown shapes are left alone', () => {
    const e = embeddings('text-embedding-3-small', ['x']);
    const before = JSON.stringify(e);
    expect(restoreJsonResponse(e, lookup).changed).toBe(false);
    expect(JSON.stringify(e)).toBe(before);
    expect(restoreJsonResponse({ foo: T }, lookup).changed).toBe(false);
  });

  it('restoreJsonText keeps the original bytes when nothing changes, and passes non-JSON', () => {
    const raw = '{ "object": "chat.completion", "choices": [ { "message": { "content": "plain" } } ] }';
    expect(restoreJsonText(raw, lookup).text).toBe(raw);
    expect(restoreJsonText('not json [EMAIL_x]', lookup).text).toBe('not json [EMAIL_x]');
    const withToken = JSON.stringify(chatCompletion('c', 'm', T, usage));
    expect(JSON.parse(restoreJsonText(withToken, lookup).text).choices[0].message.content).toBe(R);
  });
});

describe('restore scope', () => {
  it('only tokens in scope and of allowed types are restored', () => {
    const l = scopedLookup({ values, mayRestore: (t) => t !== 'EMAIL' });
    const r = restoreText(T, l);
    expect(r.text).toBe(`Hi ${PERSON}, mail [email_${EMAIL_ID}] or [PHONE_${EMAIL_ID}]`);
    expect(r.stats.unknown).toBe(2);
    expect(restoreText(T, scopedLookup({ values: new Map() })).text).toBe(T);
  });
});
