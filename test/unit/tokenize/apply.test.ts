import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/detect/types.js';
import type { EntityRule } from '../../../src/policy/types.js';
import { applyActions, maskValue } from '../../../src/tokenize/apply.js';

const rule = (action: EntityRule['action'], maskKeepLast = 0): EntityRule => ({ action, minConfidence: 0.5, maskKeepLast, maskChar: '*', restoreTo: 'caller' });

function find(text: string, value: string, type: string): Finding {
  const start = text.indexOf(value);
  if (start < 0) throw new Error(`no ${value}`);
  return { type, start, end: start + value.length, confidence: 0.9, recognizer: type.toLowerCase() };
}

const mint = (type: string, value: string): string => `[${type}_${value.length}]`;

describe('applyActions', () => {
  const entities = { CREDIT_CARD: rule('mask', 4), EMAIL: rule('tokenize'), ORGANIZATION: rule('allow'), US_SSN: rule('block') };

  it('masks a card keeping the last 4 digits and the separators', () => {
    const text = 'card 4111 1111 1111 1234 thanks';
    const r = applyActions(text, [find(text, '4111 1111 1111 1234', 'CREDIT_CARD')], entities, mint);
    expect(r.text).toBe('card **** **** **** 1234 thanks');
    expect(r.applied).toEqual([{ type: 'CREDIT_CARD', action: 'mask', start: 5, end: 24 }]);
  });

  it('tokenizes with the minted token', () => {
    const text = 'mail jane@example.com now';
    const r = applyActions(text, [find(text, 'jane@example.com', 'EMAIL')], entities, mint);
    expect(r.text).toBe('mail [EMAIL_16] now');
  });

  it('leaves allowed and blocked spans as they are, and reports them', () => {
    const text = 'Acme has 078-05-1120';
    const r = applyActions(text, [find(text, '078-05-1120', 'US_SSN'), find(text, 'Acme', 'ORGANIZATION')], entities, mint);
    expect(r.text).toBe(text);
    expect(r.applied.map((a) => `${a.type}:${a.action}`)).toEqual(['ORGANIZATION:allow', 'US_SSN:block']);
  });

  it('applies several findings in order and skips overlaps', () => {
    const text = 'a@b.co and 4111 1111 1111 1234';
    const card = find(text, '4111 1111 1111 1234', 'CREDIT_CARD');
    const overlap: Finding = { ...card, type: 'EMAIL', start: card.start + 2, end: card.end - 2 };
    const r = applyActions(text, [card, find(text, 'a@b.co', 'EMAIL'), overlap], entities, mint);
    expect(r.text).toBe('[EMAIL_6] and **** **** **** 1234');
    expect(r.applied).toHaveLength(2);
  });

  it('tokenizes a type without a rule (fail closed)', () => {
    const text = 'id EMP-123456';
    expect(applyActions(text, [find(text, 'EMP-123456', 'EMPLOYEE_ID')], entities, mint).text).toBe('id [EMPLOYEE_ID_10]');
  });
});

describe('maskValue', () => {
  it('never reveals the whole value', () => {
    expect(maskValue('1234', 4, '*')).toBe('*234');
    expect(maskValue('sk-abcdef', 0, '#')).toBe('##-######');
  });
});

describe('maskValue of a secret', () => {
  it('masks every character of a password or key, symbols included', () => {
    expect(maskValue('hunter2xyz!', 0, '*', 'SECRET')).toBe('***********');
    expect(maskValue('S3cr3t!#', 4, '*', 'SECRET')).toBe('********');
    expect(maskValue('4111 1111 1111 1111', 4, '*', 'CREDIT_CARD')).toBe('**** **** **** 1111');
  });
});
