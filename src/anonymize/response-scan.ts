import type { Detector } from '../detect/types.js';
import { cachedDetect, type DetectCache } from './detect-cache.js';
import type { EffectivePolicy } from '../policy/types.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The texts of a (restored) non-streaming response that the caller will read. */
export function responseTexts(body: unknown): string[] {
  const out: string[] = [];
  if (!isObject(body)) return out;
  const choices = body['choices'];
  if (Array.isArray(choices)) {
    for (const c of choices) {
      if (!isObject(c)) continue;
      if (typeof c['text'] === 'string') out.push(c['text']);
      const m = c['message'];
      if (isObject(m) && typeof m['content'] === 'string') out.push(m['content']);
    }
  }
  const output = body['output'];
  if (Array.isArray(output)) {
    for (const item of output) {
      if (!isObject(item) || !Array.isArray(item['content'])) continue;
      for (const part of item['content']) if (isObject(part) && typeof part['text'] === 'string') out.push(part['text']);
    }
  }
  return out;
}

/**
 * Personal data in the model's output that did not come from the prompt: counts by type (for the audit
 * record), values never kept. Values the caller itself sent (the request's originals) are not counted.
 * With `cache` (the request path's detect cache) an answer that repeats a prompt text is not detected
 * again, and the next turn, which sends this answer back as history, finds it detected.
 */
export function countResponseFindings(detector: Detector, texts: readonly string[], policy: EffectivePolicy, fromPrompt: ReadonlySet<string>, cache?: DetectCache): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const text of texts) {
    for (const f of cachedDetect(detector, policy.detectorKey, text, cache)) {
      const rule = policy.entities[f.type];
      if (!rule || rule.action === 'allow' || f.confidence < rule.minConfidence) continue;
      if (fromPrompt.has(text.slice(f.start, f.end))) continue;
      counts[f.type] = (counts[f.type] ?? 0) + 1;
    }
  }
  return counts;
}
