/**
 * Incremental token restorer for one stream of text (one choice's content, one tool call's arguments…).
 * push() returns what is safe to emit now; only a suffix that could still become a token is held back
 * (at most a few dozen characters: brackets, spaces, a type and an id). flush() emits the rest.
 * For any chunking of the same input, the concatenated output equals restoreText(input) in one piece.
 */
import { makeScanConfig, scan, type Lookup, type ScanConfig, type TokenRef } from './token-scanner.js';
import { newStats, type RestoreStats } from './stats.js';

export interface RestorerOptions {
  /** the text is JSON source (tool-call arguments): restored values are JSON-escaped */
  readonly json?: boolean;
  /** type names a bracketless token may have (default: the built-in entity types) */
  readonly bareTypes?: Iterable<string>;
  /** stats object to count into (shared by all restorers of one response); a new one by default */
  readonly stats?: RestoreStats;
  /** a prebuilt config (avoids rebuilding the type set per restorer) */
  readonly config?: ScanConfig;
}

export class TokenRestorer {
  readonly stats: RestoreStats;
  private readonly cfg: ScanConfig;
  private held = '';
  private prevWord = false;

  constructor(
    private readonly lookup: Lookup,
    opts: RestorerOptions = {},
  ) {
    this.cfg = opts.config ?? makeScanConfig(opts.json ?? false, opts.bareTypes);
    this.stats = opts.stats ?? newStats();
  }

  /** Text that can be emitted now. */
  push(delta: string): string {
    if (delta.length === 0) return '';
    const s = this.held.length === 0 ? delta : this.held + delta;
    const r = scan(s, this.prevWord, this.cfg, this.lookup, this.stats, false);
    this.held = r.held < s.length ? s.slice(r.held) : '';
    this.prevWord = r.prevWord;
    return r.out;
  }

  /** Everything still held, decided as if the text ended here. */
  flush(): string {
    if (this.held.length === 0) return '';
    const r = scan(this.held, this.prevWord, this.cfg, this.lookup, this.stats, true);
    this.held = '';
    this.prevWord = r.prevWord;
    return r.out;
  }

  /** Number of characters held back. */
  get pending(): number {
    return this.held.length;
  }

  /**
   * Token references that would be decided by push(delta) (or flush() when `final`) and that the lookup
   * does not know yet. Changes nothing; lets an async caller resolve them before pushing.
   */
  missingRefs(delta: string, final = false): TokenRef[] {
    const s = this.held + delta;
    if (s.length === 0) return [];
    const refs: TokenRef[] = [];
    const probe: Lookup = (type, id) => {
      const v = this.lookup(type, id);
      if (v === undefined) refs.push({ type, id });
      return v;
    };
    scan(s, this.prevWord, this.cfg, probe, newStats(), final);
    return refs;
  }
}

/** Restores a complete text in one piece. */
export function restoreText(text: string, lookup: Lookup, opts: RestorerOptions = {}): { text: string; stats: RestoreStats } {
  const r = new TokenRestorer(lookup, opts);
  const out = r.push(text) + r.flush();
  return { text: out, stats: r.stats };
}
