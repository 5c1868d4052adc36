import type { EntityType, Finding } from '../detect/types.js';
import type { Action, EntityRule } from '../policy/types.js';

/** What was done to one finding. Offsets are those of the finding in the INPUT text. */
export interface AppliedAction {
  readonly type: EntityType;
  readonly action: Action;
  readonly start: number;
  readonly end: number;
}

export interface ApplyResult {
  readonly text: string;
  readonly applied: AppliedAction[];
}

/** Token text for a value (e.g. `[EMAIL_k3j9x2m4q8w1t]`); the caller owns keys and the vault. */
export type Mint = (type: EntityType, value: string) => string;

const SIGNIFICANT = /[\p{L}\p{N}]/u;

/**
 * Masks a value: letters and digits become `maskChar` except the last `keepLast` of them; separators
 * (spaces, dashes, dots, `@`, parentheses, `+`) stay, so the shape stays readable
 * (`4111 1111 1111 1111` keep 4 → `**** **** **** 1111`). Never reveals the whole value: at least one
 * significant character is always masked.
 */
export function maskValue(value: string, keepLast: number, maskChar: string, type?: EntityType): string {
  // (a secret's symbols are part of it: every character of a password or key is masked, "hunter2xyz!" keeps no "!")
  if (type === 'SECRET') return Array.from(value, (c) => (/\s/.test(c) ? c : (Array.from(maskChar)[0] ?? '*'))).join('');
  const chars = Array.from(value);
  let significant = 0;
  for (const c of chars) if (SIGNIFICANT.test(c)) significant++;
  const keep = Math.max(0, Math.min(keepLast, significant - 1));
  const maskCount = significant - keep;
  const mc = Array.from(maskChar)[0] ?? '*';
  let seen = 0;
  let out = '';
  for (const c of chars) {
    if (SIGNIFICANT.test(c)) {
      out += seen < maskCount ? mc : c;
      seen++;
    } else {
      out += c;
    }
  }
  return out;
}

/** Rule used for a finding whose type has no rule: tokenize (fail closed). */
const FALLBACK_RULE: EntityRule = { action: 'tokenize', minConfidence: 0, maskKeepLast: 0, maskChar: '*', restoreTo: 'caller' };

/**
 * Applies the policy's actions to the findings in one text. Pure.
 * - tokenize: the span becomes `mint(type, value)`
 * - mask:     the span is masked (maskKeepLast, maskChar)
 * - block:    reported, text left as is (the caller refuses the request)
 * - allow:    reported, text left as is
 * Findings may come in any order; one overlapping an earlier-starting (then longer) one is skipped.
 * A type without a rule is tokenized (fail closed).
 */
export function applyActions(
  text: string,
  findings: readonly Finding[],
  entities: Readonly<Record<EntityType, EntityRule>>,
  mint: Mint,
): ApplyResult {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const applied: AppliedAction[] = [];
  let out = '';
  let pos = 0;
  for (const f of sorted) {
    if (f.start < pos || f.end <= f.start || f.end > text.length) continue;
    const rule = Object.hasOwn(entities, f.type) ? (entities[f.type] ?? FALLBACK_RULE) : FALLBACK_RULE;
    const value = text.slice(f.start, f.end);
    let replacement: string;
    switch (rule.action) {
      case 'tokenize':
        replacement = mint(f.type, value);
        break;
      case 'mask':
        replacement = maskValue(value, rule.maskKeepLast, rule.maskChar, f.type);
        break;
      case 'block':
      case 'allow':
        replacement = value;
        break;
    }
    out += text.slice(pos, f.start) + replacement;
    pos = f.end;
    applied.push({ type: f.type, action: rule.action, start: f.start, end: f.end });
  }
  return { text: out + text.slice(pos), applied };
}
