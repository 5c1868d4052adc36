import { createHmac, hash as sha, timingSafeEqual } from 'node:crypto';
import { canonicalJson, canonicalRecordJson } from './canonical-json.js';
import type { AuditRecord, UnsealedRecord } from './record.js';

export { canonicalJson } from './canonical-json.js';

/**
 * Tamper evidence for the audit trail. Each process run (one replica start) writes its own chain:
 * records carry `runId`, `seq` (1, 2, 3...), `prev` (the previous record's hash; 64 zeros for seq 1)
 * and `hash` = SHA-256, or HMAC-SHA256 under AUDIT_KEY, of the canonical JSON of the record without
 * `hash` (keys sorted, undefined left out). Key order and whitespace in the line do not matter.
 *
 * What verification catches, per run: an edited record (bad_hash), a deleted record (seq_gap), an
 * inserted or reordered record (broken_link / duplicate / bad_hash), a replayed record (duplicate).
 * What it cannot catch:
 * - a truncated tail: the last records of a run removed leave a valid, shorter chain. Only an anchor
 *   kept elsewhere (e.g. the last hash shipped to another system periodically) can show that.
 * - a whole run removed, for the same reason.
 * - without AUDIT_KEY, someone who can rewrite the file can recompute every hash after an edit; the
 *   plain SHA-256 chain shows accidents and naive edits only. Set AUDIT_KEY (kept off the log host)
 *   for evidence against a deliberate editor.
 */

export const GENESIS = '0'.repeat(64);

function digest(text: string, key: Buffer | undefined): string {
  return key ? createHmac('sha256', key).update(text).digest('hex') : sha('sha256', text, 'hex');
}

/** The hash of a record (any object) without its `hash` field. */
export function recordHash(record: Readonly<Record<string, unknown>>, key?: Buffer): string {
  const { hash: _omit, ...rest } = record;
  void _omit;
  return digest(canonicalJson(rest), key);
}

export class AuditChain {
  readonly runId: string;
  readonly #key: Buffer | undefined;
  #seq = 0;
  #prev = GENESIS;

  constructor(runId: string, key?: Buffer) {
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(runId)) throw new Error('AuditChain: runId must match [A-Za-z0-9._:-]{1,64}');
    this.runId = runId;
    this.#key = key;
  }

  /** Adds id, runId, seq, prev and hash. Records must be written in the order they are sealed. */
  seal(record: UnsealedRecord): AuditRecord {
    return this.sealLine(record).record;
  }

  /** seal(), plus the record's JSON line (no newline). */
  sealLine(record: UnsealedRecord): { record: AuditRecord; line: string } {
    const seq = ++this.#seq;
    const id = `${this.runId}-${seq}`;
    const body: Omit<AuditRecord, 'hash'> = { id, runId: this.runId, seq, ...record, requestId: record.requestId ?? id, prev: this.#prev };
    const hash = digest(canonicalRecordJson(body), this.#key);
    this.#prev = hash;
    // `hash` added last, in place (a spread copy of the record costs more than a JSON.stringify)
    const sealed = body as AuditRecord;
    sealed.hash = hash;
    return { record: sealed, line: JSON.stringify(sealed) };
  }
}

export type BreakReason = 'bad_hash' | 'broken_link' | 'seq_gap' | 'unparseable' | 'duplicate';

export interface VerifyResult {
  ok: boolean;
  /** audit records checked (up to and including the first broken one) */
  records: number;
  /** distinct runs (replica starts) seen */
  runs: number;
  /** lines that are not audit records (no runId), skipped */
  skipped: number;
  /** 1-based line number in the input */
  firstBroken?: { line: number; id?: string; reason: BreakReason };
}

export interface VerifyOptions {
  /**
   * Accept a run whose first record in the input has seq > 1 (a rotated or partial file). Off by
   * default: then deleting the first records of a run is caught as a seq_gap.
   */
  allowPartial?: boolean;
}

interface RunState {
  lastSeq: number;
  lastHash: string;
}

function hashEquals(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function isRecordLike(v: unknown): v is Record<string, unknown> & { runId: string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { runId?: unknown }).runId === 'string';
}

/**
 * Verifies audit lines one at a time (JSON lines, possibly several replicas' runs interleaved,
 * possibly mixed with other lines). Each run's chain is checked on its own; lines without a runId
 * are skipped and counted. A line that is not JSON but mentions "runId" counts as a damaged record.
 * Stops at the first break: `push` then returns false and ignores further lines.
 */
export class ChainVerifier {
  readonly #key: Buffer | undefined;
  readonly #allowPartial: boolean;
  readonly #runs = new Map<string, RunState>();
  #line = 0;
  #records = 0;
  #skipped = 0;
  #broken: VerifyResult['firstBroken'];

  constructor(key?: Buffer, opts: VerifyOptions = {}) {
    this.#key = key;
    this.#allowPartial = opts.allowPartial === true;
  }

  result(): VerifyResult {
    const base = { ok: this.#broken === undefined, records: this.#records, runs: this.#runs.size, skipped: this.#skipped };
    return this.#broken === undefined ? base : { ...base, firstBroken: this.#broken };
  }

  push(line: string): boolean {
    if (this.#broken) return false;
    const lineNo = ++this.#line;
    const broken = (reason: BreakReason, id?: string): false => {
      this.#broken = id === undefined ? { line: lineNo, reason } : { line: lineNo, id, reason };
      return false;
    };
    const text = line.trim();
    if (text === '') return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (text.includes('"runId"')) {
        this.#records++;
        return broken('unparseable');
      }
      this.#skipped++;
      return true;
    }
    if (!isRecordLike(parsed)) {
      this.#skipped++;
      return true;
    }
    this.#records++;
    const rec = parsed;
    const id = typeof rec['id'] === 'string' ? rec['id'] : undefined;
    const seq = rec['seq'];
    const prev = rec['prev'];
    const hash = rec['hash'];
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || typeof prev !== 'string' || typeof hash !== 'string') {
      return broken('unparseable', id);
    }
    if (!hashEquals(recordHash(rec, this.#key), hash)) return broken('bad_hash', id);

    const run = this.#runs.get(rec.runId);
    if (run === undefined) {
      this.#runs.set(rec.runId, { lastSeq: seq, lastHash: hash });
      if (seq === 1 && prev !== GENESIS) return broken('broken_link', id);
      if (seq > 1 && !this.#allowPartial) return broken('seq_gap', id);
      return true;
    }
    // a seq already passed: a replayed record, or the original that follows an inserted one
    if (seq <= run.lastSeq) return broken('duplicate', id);
    if (seq > run.lastSeq + 1) return broken('seq_gap', id);
    if (prev !== run.lastHash) return broken('broken_link', id);
    run.lastSeq = seq;
    run.lastHash = hash;
    return true;
  }
}

/** `ChainVerifier` over an array of lines. */
export function verifyLines(lines: readonly string[], key?: Buffer, opts: VerifyOptions = {}): VerifyResult {
  const v = new ChainVerifier(key, opts);
  for (const line of lines) if (!v.push(line)) break;
  return v.result();
}
