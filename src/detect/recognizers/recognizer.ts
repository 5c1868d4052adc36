import type { EntityType, Finding } from '../types.js';

/** Cheap facts about a text, gathered in one pass, that let recognizers skip texts they cannot match. */
export interface Prescan {
  readonly length: number;
  readonly at: boolean;
  readonly digits: number;
  /** longest run of digits with at most single separators (space, dash, dot) between them */
  readonly colon: boolean;
  readonly upper: boolean;
  readonly dash: boolean;
}

export function prescan(text: string): Prescan {
  let at = false;
  let digits = 0;
  let colon = false;
  let upper = false;
  let dash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) upper = true;
    else if (c === 64) at = true;
    else if (c === 58) colon = true;
    else if (c === 45) dash = true;
    else if (c > 127 && !upper && text[i] !== text[i]?.toLowerCase()) upper = true;
  }
  return { length: text.length, at, digits, colon, upper, dash };
}

/** One recognizer: finds spans of one or more entity types. Compiled once; `find` must be pure. */
export interface Recognizer {
  readonly name: string;
  readonly types: readonly EntityType[];
  /** false when the prescan proves there is nothing to find */
  applies(scan: Prescan): boolean;
  find(text: string, out: Finding[]): void;
}

export function finding(type: EntityType, start: number, end: number, confidence: number, recognizer: string): Finding {
  return { type, start, end, confidence: Math.max(0, Math.min(1, Math.round(confidence * 1000) / 1000)), recognizer };
}
