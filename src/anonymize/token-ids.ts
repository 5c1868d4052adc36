import { createRequire } from 'node:module';
import { Tiktoken, getEncodingNameForModel } from 'js-tiktoken/lite';
import type { TiktokenBPE, TiktokenModel } from 'js-tiktoken/lite';

/**
 * Token-id inputs (embeddings `input` and completions `prompt` given as number[] / number[][]):
 * decoded to text with the model's tokenizer so they can be scanned, and re-encoded after replacement.
 * Rank tables are large (1-2 MB each), so each is loaded on first use and kept for the process.
 */
export type EncodingName = 'o200k_base' | 'cl100k_base' | 'p50k_base' | 'r50k_base' | 'gpt2';

const requireCjs = createRequire(import.meta.url);
const encodings = new Map<EncodingName, Tiktoken>();

function isRanks(v: unknown): v is TiktokenBPE {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r['pat_str'] === 'string' && typeof r['bpe_ranks'] === 'string' && typeof r['special_tokens'] === 'object';
}

function loadRanks(name: EncodingName): TiktokenBPE {
  // static specifiers so bundlers and the exports map see them; .cjs twins load synchronously
  let mod: unknown;
  switch (name) {
    case 'o200k_base':
      mod = requireCjs('js-tiktoken/ranks/o200k_base');
      break;
    case 'cl100k_base':
      mod = requireCjs('js-tiktoken/ranks/cl100k_base');
      break;
    case 'p50k_base':
      mod = requireCjs('js-tiktoken/ranks/p50k_base');
      break;
    case 'r50k_base':
      mod = requireCjs('js-tiktoken/ranks/r50k_base');
      break;
    case 'gpt2':
      mod = requireCjs('js-tiktoken/ranks/gpt2');
      break;
  }
  const ranks = isRanks(mod) ? mod : typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)['default'] : undefined;
  if (!isRanks(ranks)) throw new Error(`tokenizer ranks ${name} have an unexpected shape`);
  return ranks;
}

export function getTokenizer(name: EncodingName): Tiktoken {
  let enc = encodings.get(name);
  if (enc === undefined) {
    enc = new Tiktoken(loadRanks(name));
    encodings.set(name, enc);
  }
  return enc;
}

const O200K_PREFIX = /^(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o|gpt-oss)(?:$|[-.:_])/;
const CL100K_PREFIX = /^(?:gpt-4|gpt-3\.5|gpt-35|text-embedding-3-|text-embedding-ada-002)(?:$|[-.:_]|small|large)/;

/** Encoding of a model name (provider prefixes like `openai/` ignored), or undefined when unknown. */
export function encodingNameForModel(model: unknown): EncodingName | undefined {
  if (typeof model !== 'string' || model.length === 0) return undefined;
  const bare = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  try {
    const name = getEncodingNameForModel(bare as TiktokenModel);
    return name === 'p50k_edit' ? undefined : name;
  } catch {
    // not in js-tiktoken's table: fall back to family prefixes (dated and fine-tuned variants)
  }
  if (O200K_PREFIX.test(bare)) return 'o200k_base';
  if (CL100K_PREFIX.test(bare)) return 'cl100k_base';
  return undefined;
}

export function isTokenIdArray(v: unknown): v is number[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  for (const x of v) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) return false;
  return true;
}

/** Decoded text, or undefined when an id is not in the vocabulary. */
export function decodeTokenIds(enc: Tiktoken, ids: number[]): string | undefined {
  try {
    return enc.decode(ids);
  } catch {
    return undefined;
  }
}

export function encodeText(enc: Tiktoken, text: string): number[] {
  // 'all': special-token text that came from decoding special ids round-trips to the same ids
  return enc.encode(text, 'all');
}
