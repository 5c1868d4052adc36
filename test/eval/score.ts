/**
 * Scoring. Match rule: a predicted span counts as correct if it overlaps (shares at least one character
 * with) a gold span of the same type; a gold span counts as found if some predicted span of its type
 * overlaps it. Precision = correct predictions / predictions, recall = found gold / gold, per type and
 * micro-averaged overall. Leak rate = gold characters of types whose default action is tokenize or mask
 * (every type but ORGANIZATION) not covered by any finding of any type / all such gold characters.
 * False-positive rate = share of hard-negative documents with at least one finding.
 */
import type { Finding } from '../../src/detect/types.js';
import type { LabeledDoc } from './markup.js';

export interface TypeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface EvalScore {
  perType: Record<string, TypeScore>;
  overall: TypeScore;
  leakRate: number;
  hardNegativeFpRate: number;
  hardNegatives: number;
  docs: number;
}
export interface Miss {
  doc: string;
  kind: 'fn' | 'fp';
  type: string;
  text: string;
}

const PROTECTED = new Set(['PERSON', 'EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IBAN', 'IP_ADDRESS', 'STREET_ADDRESS', 'DATE_OF_BIRTH', 'URL', 'LOCATION', 'SECRET']);

export function score(docs: readonly LabeledDoc[], predict: (text: string) => Finding[], misses?: Miss[]): EvalScore {
  const counts = new Map<string, { predOk: number; pred: number; goldOk: number; gold: number }>();
  const get = (t: string): { predOk: number; pred: number; goldOk: number; gold: number } => {
    let c = counts.get(t);
    if (!c) counts.set(t, (c = { predOk: 0, pred: 0, goldOk: 0, gold: 0 }));
    return c;
  };
  let leakChars = 0;
  let protectedChars = 0;
  let negDocs = 0;
  let negHit = 0;
  for (const doc of docs) {
    const preds = predict(doc.text);
    if (doc.hardNegative) {
      negDocs++;
      if (preds.length > 0) negHit++;
    }
    for (const p of preds) {
      const c = get(p.type);
      c.pred++;
      if (doc.gold.some((g) => g.type === p.type && g.start < p.end && p.start < g.end)) c.predOk++;
      else misses?.push({ doc: doc.id, kind: 'fp', type: p.type, text: doc.text.slice(p.start, p.end) });
    }
    for (const g of doc.gold) {
      const c = get(g.type);
      c.gold++;
      if (preds.some((p) => p.type === g.type && g.start < p.end && p.start < g.end)) c.goldOk++;
      else misses?.push({ doc: doc.id, kind: 'fn', type: g.type, text: doc.text.slice(g.start, g.end) });
      if (PROTECTED.has(g.type)) {
        for (let i = g.start; i < g.end; i++) {
          protectedChars++;
          if (!preds.some((p) => p.start <= i && i < p.end)) leakChars++;
        }
      }
    }
  }
  const perType: Record<string, TypeScore> = {};
  let all = { predOk: 0, pred: 0, goldOk: 0, gold: 0 };
  for (const [t, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    perType[t] = toScore(c);
    all = { predOk: all.predOk + c.predOk, pred: all.pred + c.pred, goldOk: all.goldOk + c.goldOk, gold: all.gold + c.gold };
  }
  return {
    perType,
    overall: toScore(all),
    leakRate: protectedChars === 0 ? 0 : leakChars / protectedChars,
    hardNegativeFpRate: negDocs === 0 ? 0 : negHit / negDocs,
    hardNegatives: negDocs,
    docs: docs.length,
  };
}

function toScore(c: { predOk: number; pred: number; goldOk: number; gold: number }): TypeScore {
  const precision = c.pred === 0 ? 1 : c.predOk / c.pred;
  const recall = c.gold === 0 ? 1 : c.goldOk / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp: c.goldOk, fp: c.pred - c.predOk, fn: c.gold - c.goldOk, precision, recall, f1 };
}
