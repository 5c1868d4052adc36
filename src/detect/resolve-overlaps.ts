import type { Finding } from './types.js';

/**
 * Pick a non-overlapping subset of findings, deterministically: higher confidence wins, then the longer
 * span, then the earlier start, then the recognizer name (so equal inputs in any order give equal output).
 * Result is sorted by start.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  if (findings.length <= 1) return findings.slice();
  const ranked = findings.slice().sort(compareRank);
  const kept: Finding[] = [];
  for (const f of ranked) {
    if (f.end <= f.start) continue;
    let clash = false;
    for (const k of kept) {
      if (f.start < k.end && k.start < f.end) {
        clash = true;
        break;
      }
    }
    if (!clash) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function compareRank(a: Finding, b: Finding): number {
  if (a.confidence !== b.confidence) return b.confidence - a.confidence;
  const la = a.end - a.start;
  const lb = b.end - b.start;
  if (la !== lb) return lb - la;
  if (a.start !== b.start) return a.start - b.start;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  return a.recognizer < b.recognizer ? -1 : a.recognizer > b.recognizer ? 1 : 0;
}
