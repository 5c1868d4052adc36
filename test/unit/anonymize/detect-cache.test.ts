import { describe, expect, it } from 'vitest';
import { DetectCache, MIN_CACHED_TEXT_LENGTH, cachedDetect, detectCacheKey } from '../../../src/anonymize/detect-cache.js';
import type { Finding } from '../../../src/detect/types.js';
import { TestDetector } from './fixtures.js';

const f: Finding = { type: 'EMAIL', start: 0, end: 5, confidence: 0.9, recognizer: 'email' };

describe('DetectCache', () => {
  it('returns what was stored and counts hits and misses', () => {
    const c = new DetectCache(10);
    const k = detectCacheKey('d1', 'some text long enough');
    expect(c.get(k)).toBeUndefined();
    c.set(k, [f]);
    expect(c.get(k)).toEqual([f]);
    expect(c.hits).toBe(1);
    expect(c.misses).toBe(1);
  });

  it('keys by detector key and text, and keeps no text', () => {
    const a = detectCacheKey('d1', 'jane@example.com wrote this');
    expect(a).not.toBe(detectCacheKey('d2', 'jane@example.com wrote this'));
    expect(a).not.toBe(detectCacheKey('d1', 'jane@example.com wrote that'));
    expect(a).not.toContain('jane');
  });

  it('evicts the least recently used entry past its entry bound', () => {
    const c = new DetectCache(2);
    c.set('a', []);
    c.set('b', []);
    c.get('a');
    c.set('c', []);
    expect(c.size).toBe(2);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual([]);
    expect(c.get('c')).toEqual([]);
  });

  it('keeps an entry that is hit between inserts, however many pass', () => {
    const c = new DetectCache(100);
    c.set('hot', [f]);
    for (let i = 0; i < 1000; i++) {
      c.set(`key-${i}`, []);
      expect(c.get('hot')).toEqual([f]);
    }
    expect(c.size).toBe(100);
    expect(c.get('key-899')).toBeUndefined();
    expect(c.get('key-999')).toEqual([]);
  });

  it('stays within its byte budget', () => {
    const c = new DetectCache(1_000_000, 4096);
    for (let i = 0; i < 1000; i++) c.set(`key-${i}`, [f, f]);
    expect(c.bytes).toBeLessThanOrEqual(4096);
    expect(c.size).toBeGreaterThan(0);
    expect(c.size).toBeLessThan(1000);
  });

  it('does not let a caller change stored findings', () => {
    const c = new DetectCache(10);
    const list = [f];
    c.set('k', list);
    list.push(f);
    expect(c.get('k')).toHaveLength(1);
  });
});

describe('cachedDetect', () => {
  it('detects once per (detector key, text) and skips short texts', () => {
    const d = new TestDetector();
    const c = new DetectCache(10);
    const text = 'Mail jane.doe@example.com about the invoice';
    expect(text.length).toBeGreaterThanOrEqual(MIN_CACHED_TEXT_LENGTH);
    const first = cachedDetect(d, 'k', text, c);
    const second = cachedDetect(d, 'k', text, c);
    expect(second).toEqual(first);
    expect(d.calls).toBe(1);
    cachedDetect(d, 'k2', text, c);
    expect(d.calls).toBe(2);
    cachedDetect(d, 'k', 'hi Ann', c);
    cachedDetect(d, 'k', 'hi Ann', c);
    expect(d.calls).toBe(4);
    cachedDetect(d, 'k', text, undefined);
    expect(d.calls).toBe(5);
  });
});
