import { describe, expect, it } from 'vitest';
import { scopesOf } from '../../../src/auth/scopes.js';

const sorted = (s: Set<string>): string[] => [...s].sort();

describe('scopesOf', () => {
  it('reads `scope` (space-delimited) and `scp` (array or string), their union', () => {
    expect(sorted(scopesOf({ scope: 'llm:chat llm:embed' }))).toEqual(['llm:chat', 'llm:embed']);
    expect(sorted(scopesOf({ scp: ['llm:chat'] }))).toEqual(['llm:chat']);
    expect(sorted(scopesOf({ scp: 'llm:embed privacy:admin' }))).toEqual(['llm:embed', 'privacy:admin']);
    expect(sorted(scopesOf({ scope: 'llm:embed', scp: ['llm:chat'] }))).toEqual(['llm:chat', 'llm:embed']);
  });

  it('tolerates repeated, leading and trailing ASCII whitespace between scopes', () => {
    expect(sorted(scopesOf({ scope: '  llm:chat   llm:embed  ' }))).toEqual(['llm:chat', 'llm:embed']);
    expect(sorted(scopesOf({ scope: 'llm:chat\tllm:embed\n' }))).toEqual(['llm:chat', 'llm:embed']);
  });

  it('never splits on Unicode spaces: a scope with a no-break or ideographic space in it is one (unknown) scope', () => {
    // "x\u00a0privacy:admin" is one scope-token to anyone reading it per RFC 6749 (delimited by %x20): it grants nothing
    for (const space of ['\u00a0', '\u2003', '\u3000', '\u2028', '\ufeff', '\u1680']) {
      const s = scopesOf({ scope: `llm:chat x${space}privacy:admin`, scp: `y${space}llm:embed` });
      expect(s.has('privacy:admin')).toBe(false);
      expect(s.has('llm:embed')).toBe(false);
      expect(s.has('llm:chat')).toBe(true);
    }
  });

  it('takes an array element whole, and ignores what is not a string', () => {
    expect(sorted(scopesOf({ scp: ['llm:chat privacy:admin', 5, null, { a: 1 }, ''] }))).toEqual(['llm:chat privacy:admin']);
    expect(sorted(scopesOf({ scope: 42, scp: { 0: 'llm:chat' } }))).toEqual([]);
  });
});
