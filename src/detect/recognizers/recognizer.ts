import { isInvisibleCode } from '../text-view.js';
import type { EntityType, Finding } from '../types.js';

/** Cheap facts about a text, gathered in one pass, that let recognizers skip texts they cannot match. */
export interface Prescan {
  readonly length: number;
  readonly at: boolean;
  readonly digits: number;
  readonly colon: boolean;
  readonly upper: boolean;
  readonly dash: boolean;
  /** some character beyond ASCII */
  readonly nonAscii?: boolean;
  /** some character that shows nothing (a control character, a zero-width space, a direction mark: `isInvisibleCode`) */
  readonly invisible?: boolean;
  /** the text in lower case (computed once, shared by recognizers for keyword gates) */
  readonly lower: string;
  /** start offsets of maximal runs of ASCII digits, in order */
  readonly digitRuns: readonly number[];
  /** where each of those runs ends (the offset after its last digit): digitRunEnds[n] goes with digitRuns[n] */
  readonly digitRunEnds: readonly number[];
  /** offsets of the characters that may start a capitalised word (A-Z and any non-ASCII character), in order */
  readonly capitals: readonly number[];
}

export function prescan(text: string): Prescan {
  let at = false;
  let digits = 0;
  let colon = false;
  let upper = false;
  let dash = false;
  let nonAscii = false;
  let invisible = false;
  const digitRuns: number[] = [];
  const digitRunEnds: number[] = [];
  const capitals: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // (lower-case ASCII letters and spaces, most of a text, first: nothing to note for them)
    if ((c >= 97 && c <= 122) || c === 32) continue;
    if (c >= 48 && c <= 57) {
      // a whole run of digits at once
      const start = i;
      while (i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d < 48 || d > 57) break;
        i++;
      }
      digits += i + 1 - start;
      digitRuns.push(start);
      digitRunEnds.push(i + 1);
      continue;
    }
    if (c >= 65 && c <= 90) {
      upper = true;
      capitals.push(i);
    } else if (c === 64) at = true;
    else if (c === 58) colon = true;
    else if (c === 45) dash = true;
    else if (c > 127) {
      nonAscii = true;
      capitals.push(i);
      if (!upper && text[i] !== text[i]?.toLowerCase()) upper = true;
      if (!invisible && isInvisibleCode(c)) invisible = true;
    } else if (c < 32 ? c < 9 || c > 13 : c === 127) invisible = true;
  }
  return { length: text.length, at, digits, colon, upper, dash, nonAscii, invisible, lower: text.toLowerCase(), digitRuns, digitRunEnds, capitals };
}

/**
 * Run a sticky (`y`) regex at each candidate offset in order, like a global `exec` loop whose matches can
 * only start at those offsets (the caller guarantees that); matches do not overlap.
 */
export function execAt(re: RegExp, text: string, starts: readonly number[], onMatch: (m: RegExpExecArray) => number | void): void {
  let next = 0;
  for (const p of starts) {
    if (p < next || p < 0) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m === null) continue;
    const resume = onMatch(m);
    next = typeof resume === 'number' ? resume : m.index + (m[0].length || 1);
  }
}

/** One recognizer: finds spans of one or more entity types. Compiled once; `find` must be pure. */
export interface Recognizer {
  readonly name: string;
  readonly types: readonly EntityType[];
  /** false when the prescan proves there is nothing to find */
  applies(scan: Prescan): boolean;
  /** `scan` is the prescan of `text` (callers that have none may pass `prescan(text)`) */
  find(text: string, out: Finding[], scan: Prescan): void;
}

export function finding(type: EntityType, start: number, end: number, confidence: number, recognizer: string): Finding {
  return { type, start, end, confidence: Math.max(0, Math.min(1, Math.round(confidence * 1000) / 1000)), recognizer };
}

/**
 * text.charCodeAt(i), or -1 outside the text. For the hot character tests around digit runs, which look before
 * and after them: a charCodeAt call site that has once read outside its string (NaN) is compiled by V8 into a
 * generic path for good, about twice as slow per call; through this one the reads stay in range.
 */
export const codeAt = (text: string, i: number): number => (i >= 0 && i < text.length ? text.charCodeAt(i) : -1);
