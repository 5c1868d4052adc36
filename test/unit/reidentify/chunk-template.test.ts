import { describe, expect, it } from 'vitest';
import { learnTemplate, textOf, withText } from '../../../src/reidentify/chunk-template.js';

type Obj = Record<string, unknown>;

function chunk(content: string): Obj {
  return { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null };
}

function learn(content: string, data = JSON.stringify(chunk(content))) {
  const c = chunk(content);
  const delta = ((c['choices'] as Obj[])[0] as Obj)['delta'] as Obj;
  return learnTemplate(c, delta, 'content', data);
}

describe('chunk templates', () => {
  it('reads the text of a chunk that repeats the template, and writes a new text as JSON.stringify would', () => {
    const t = learn('Hel');
    expect(t).toBeDefined();
    if (!t) return;
    for (const text of ['lo', '', 'a "quoted" \\ word\n', 'Zürich 😀', '\u2028\u0001', '"},"x":{"content":"']) {
      const data = JSON.stringify(chunk(text));
      expect(textOf(t, data)).toBe(text);
      expect(withText(t, text)).toBe(data);
    }
  });

  it('leaves the learned chunk itself unchanged', () => {
    const c = chunk('Hel');
    const delta = ((c['choices'] as Obj[])[0] as Obj)['delta'] as Obj;
    learnTemplate(c, delta, 'content', JSON.stringify(c));
    expect(c).toEqual(chunk('Hel'));
  });

  it('does not match other chunks, broken literals or differently written JSON', () => {
    const t = learn('Hel');
    if (!t) throw new Error('no template');
    const other = { ...chunk('x'), model: 'n' };
    expect(textOf(t, JSON.stringify(other))).toBeUndefined();
    expect(textOf(t, JSON.stringify(chunk('a')).replace('"a"', '"a" '))).toBeUndefined();
    expect(textOf(t, JSON.stringify(chunk('a')).replace('"a"', '"a","b"'))).toBeUndefined();
    expect(textOf(t, JSON.stringify(chunk('a')).replace('"a"', '"a\\"'))).toBeUndefined();
    expect(textOf(t, JSON.stringify(chunk('a')).replace('"a"', '1'))).toBeUndefined();
    expect(textOf(t, JSON.stringify(chunk('a'), null, 1))).toBeUndefined();
  });

  it('learns nothing from data that JSON.stringify would write differently', () => {
    expect(learn('Hel', JSON.stringify(chunk('Hel'), null, 1))).toBeUndefined();
    expect(learn('Hel', JSON.stringify(chunk('Hel')).replace('"Hel"', '"\\u0048el"'))).toBeDefined();
  });
});
