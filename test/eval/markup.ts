/** A labeled document: text plus gold spans. */
export interface GoldSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}
export interface LabeledDoc {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
  readonly gold: readonly GoldSpan[];
  /** a document with no personal data by design: any finding is a false positive */
  readonly hardNegative: boolean;
}

/** Parse inline markup `[[TYPE:value]]` into text + gold spans (used by the hand-written set). */
export function parseMarkup(id: string, kind: string, src: string, hardNegative = false): LabeledDoc {
  const gold: GoldSpan[] = [];
  let text = '';
  const re = /\[\[([A-Z_]+):([\s\S]*?)\]\]/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    text += src.slice(last, m.index);
    const value = m[2] ?? '';
    gold.push({ type: m[1] ?? '', start: text.length, end: text.length + value.length });
    text += value;
    last = m.index + m[0].length;
  }
  text += src.slice(last);
  return { id, kind, text, gold, hardNegative };
}
