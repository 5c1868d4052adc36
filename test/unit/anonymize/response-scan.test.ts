import { describe, expect, it } from 'vitest';
import { DetectCache } from '../../../src/anonymize/detect-cache.js';
import { countResponseFindings } from '../../../src/anonymize/response-scan.js';
import { TestDetector, makePolicy } from './fixtures.js';

describe('countResponseFindings', () => {
  const text = 'Write to jane@example.com or call John Smith, who knows Jane Doe.';

  it('counts values that were not in the prompt, with or without the detect cache', () => {
    const policy = makePolicy();
    const fromPrompt = new Set(['Jane Doe']);
    const plain = countResponseFindings(new TestDetector(), [text], policy, fromPrompt);
    expect(plain).toEqual({ EMAIL: 1, PERSON: 1 });
    const cache = new DetectCache();
    expect(countResponseFindings(new TestDetector(), [text], policy, fromPrompt, cache)).toEqual(plain);
    expect(cache.size).toBe(1);
    // the same answer again (or sent back as history): answered from the cache
    expect(countResponseFindings(new TestDetector(), [text], policy, fromPrompt, cache)).toEqual(plain);
    expect(cache.hits).toBe(1);
  });
});
