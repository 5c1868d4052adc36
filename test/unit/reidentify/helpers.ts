import { lookupFromMap, tokenKey } from '../../../src/reidentify/token-scanner.js';

export const EMAIL_ID = 'k3j9x2m4q8w1t';
export const PERSON_ID = 'abcdefghjkmnp';
export const CARD_ID = '0123456789abc';
export const EMAIL = 'alice@example.com';
export const PERSON = 'Bob "B." \\ Smith\nJr.';
export const CARD = '4111 1111 1111 1111';

export const values = new Map<string, string>([
  [tokenKey('EMAIL', EMAIL_ID), EMAIL],
  [tokenKey('PERSON', PERSON_ID), PERSON],
  [tokenKey('CREDIT_CARD', CARD_ID), CARD],
]);
export const lookup = lookupFromMap(values);

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  const x = xs[Math.floor(r() * xs.length)];
  if (x === undefined) throw new Error('empty');
  return x;
}

/** Splits s into random pieces (some empty). */
export function randomChunks(r: () => number, s: string, maxLen = 12): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const n = Math.floor(r() * (maxLen + 1));
    out.push(s.slice(i, i + n));
    i += n;
  }
  return out;
}
