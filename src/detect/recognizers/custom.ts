import { runValidator } from '../checksums.js';
import { cueNear } from '../context-words.js';
import type { CustomRecognizer } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

/** Compile a policy-declared recognizer (regex with optional validator and context words, or a term list). */
export function compileCustom(spec: CustomRecognizer): Recognizer {
  const name = `custom.${spec.name}`;
  if (spec.kind === 'regex') {
    const flags = new Set((spec.flags ?? '').split(''));
    flags.add('g');
    flags.delete('y');
    const re = new RegExp(spec.pattern, [...flags].join(''));
    const context = spec.contextWords && spec.contextWords.length > 0 ? cueNear(spec.contextWords) : null;
    return {
      name,
      types: [spec.type],
      applies: () => true,
      find(text, out) {
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          if (spec.validator !== undefined && !runValidator(spec.validator, m[0])) continue;
          let conf = spec.confidence;
          if (context !== null) {
            const around = text.slice(Math.max(0, m.index - 40), Math.min(text.length, m.index + m[0].length + 20));
            conf = context.test(around) ? Math.min(1, conf + 0.2) : conf - 0.2;
          }
          out.push(finding(spec.type, m.index, m.index + m[0].length, conf, name));
        }
      },
    };
  }
  const terms = spec.terms.filter((t) => t.trim().length > 0).sort((a, b) => b.length - a.length);
  if (terms.length === 0) return { name, types: [spec.type], applies: () => false, find: () => undefined };
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.map(escapeRegex).join('|')})(?![\\p{L}\\p{N}_])`, spec.caseSensitive ? 'gu' : 'giu');
  return {
    name,
    types: [spec.type],
    applies: () => true,
    find(text, out) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) out.push(finding(spec.type, m.index, m.index + m[0].length, spec.confidence, name));
    },
  };
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
