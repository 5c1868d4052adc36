import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { AuditChain, GENESIS, canonicalJson, verifyLines } from '../../../src/audit/chain.js';
import { canonicalRecordJson } from '../../../src/audit/canonical-json.js';
import { buildRecord, type RequestFacts } from '../../../src/audit/record.js';

function facts(i: number, over: Partial<RequestFacts> = {}): RequestFacts {
  return {
    endedAt: Date.UTC(2026, 0, 1, 0, 0, i),
    route: 'chat',
    status: 200,
    totalMs: 10 + i,
    upstreamMs: 8 + i,
    principal: { subject: `user-${i % 3}`, tenant: 'acme', clientId: 'app' },
    detected: { EMAIL: { tokenize: i } },
    ...over,
  };
}

function run(runId: string, n: number, key?: Buffer): string[] {
  const chain = new AuditChain(runId, key);
  const lines: string[] = [];
  for (let i = 1; i <= n; i++) lines.push(JSON.stringify(chain.seal(buildRecord(facts(i)))));
  return lines;
}

describe('AuditChain', () => {
  it('numbers records per run and links each to the previous hash', () => {
    const chain = new AuditChain('run-a');
    const a = chain.seal(buildRecord(facts(1)));
    const b = chain.seal(buildRecord(facts(2)));
    expect(a).toMatchObject({ id: 'run-a-1', runId: 'run-a', seq: 1, prev: GENESIS });
    expect(b).toMatchObject({ id: 'run-a-2', seq: 2, prev: a.hash });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fills a missing requestId with the record id', () => {
    const rec = new AuditChain('r').seal(buildRecord(facts(1, { requestId: 'bad id with spaces' })));
    expect(rec.requestId).toBe('r-1');
  });

  it('writes each line as the JSON of the sealed record, id first', () => {
    const chain = new AuditChain('run-l', Buffer.alloc(32, 7));
    for (let i = 1; i <= 3; i++) {
      const { record, line } = chain.sealLine(buildRecord(facts(i, { reason: 'other', usage: { total_tokens: 3 } })));
      expect(line).toBe(JSON.stringify(record));
      expect(Object.keys(JSON.parse(line) as object).slice(0, 3)).toEqual(['id', 'runId', 'seq']);
    }
  });

  it('rejects an unsafe run id', () => {
    expect(() => new AuditChain('a b')).toThrow();
  });
});

describe('canonicalJson', () => {
  it('sorts keys and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [1, 'x'] } })).toBe('{"a":{"c":[1,"x"]},"b":1}');
  });

  it('canonicalRecordJson gives the same text for records of every shape', () => {
    const shapes: Partial<RequestFacts>[] = [
      {},
      { upstreamMs: undefined, reidentify: { complete: false, restored: 1, unresolved: 2, unknown: 3 } },
      { reidentify: { complete: true, restored: 4, unresolved: 0, unknown: 0, issued: 5, returned: 4 }, usage: { total_tokens: 9 } },
      { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }, responseDetected: { PHONE: 2, EMAIL: 1, A_B: 3 } },
      { detected: { PERSON: { tokenize: 2, mask: 1 }, EMAIL: { block: 1, allow: 4 }, LOCATION: { tokenize: 1 } }, decision: 'blocked_by_policy', reason: 'pii_blocked' },
      { principal: { subject: 'ü "quoted" \\ sub\u0001', tenant: 't', clientId: 'c' }, model: 'gpt-4o', policyVersion: 'v1+2', admin: { action: 'erase_value', target: 'value' } },
      { principal: undefined, status: 401, decision: 'denied_by_auth', reason: 'expired', stream: true, shadow: true, totalMs: Number.NaN },
    ];
    const chain = new AuditChain('shapes');
    for (const [i, over] of shapes.entries()) {
      const { hash, ...body } = chain.seal(buildRecord(facts(i + 1, over)));
      expect(canonicalRecordJson(body)).toBe(canonicalJson(body));
      expect(hash).toBe(createHash('sha256').update(canonicalJson(body)).digest('hex'));
    }
  });
});

describe('verifyLines', () => {
  it('accepts an intact chain', () => {
    expect(verifyLines(run('r1', 5))).toEqual({ ok: true, records: 5, runs: 1, skipped: 0 });
  });

  it('verifies lines whose keys a log pipeline reordered', () => {
    const lines = run('r1', 3).map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify(Object.fromEntries(Object.entries(o).reverse()));
    });
    expect(verifyLines(lines)).toEqual({ ok: true, records: 3, runs: 1, skipped: 0 });
  });

  it('catches an edited record as bad_hash', () => {
    const lines = run('r1', 5);
    lines[2] = (lines[2] ?? '').replace('"status":200', '"status":500');
    const r = verifyLines(lines);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ line: 3, id: 'r1-3', reason: 'bad_hash' });
  });

  it('catches a deleted record as a seq gap', () => {
    const lines = run('r1', 5);
    lines.splice(2, 1);
    expect(verifyLines(lines).firstBroken).toEqual({ line: 3, id: 'r1-4', reason: 'seq_gap' });
  });

  it('catches a deleted first record', () => {
    const lines = run('r1', 3).slice(1);
    expect(verifyLines(lines).firstBroken?.reason).toBe('seq_gap');
    expect(verifyLines(lines, undefined, { allowPartial: true }).ok).toBe(true);
  });

  it('catches an inserted record', () => {
    const lines = run('r1', 4);
    // a forged record with the next seq and a correct link, hashed without a key (no AUDIT_KEY)
    const prev = JSON.parse(lines[1] ?? '{}') as { hash: string };
    const forger = new AuditChain('r1');
    forger.seal(buildRecord(facts(1)));
    forger.seal(buildRecord(facts(2)));
    const forged = forger.seal(buildRecord(facts(99, { decision: 'forwarded' })));
    expect(forged.prev).toBe(prev.hash);
    lines.splice(2, 0, JSON.stringify(forged));
    const r = verifyLines(lines);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ line: 4, id: 'r1-3', reason: 'duplicate' });
  });

  it('catches an inserted record with a wrong link', () => {
    const lines = run('r1', 4);
    const other = run('r1', 4, Buffer.alloc(32, 1)); // same run id, different chain
    lines.splice(2, 0, other[2] ?? '');
    // hashed under another key: bad hash for a keyless verify
    expect(verifyLines(lines).firstBroken).toMatchObject({ line: 3, reason: 'bad_hash' });
  });

  it('catches a replayed record as duplicate', () => {
    const lines = run('r1', 3);
    lines.push(lines[1] ?? '');
    expect(verifyLines(lines).firstBroken).toEqual({ line: 4, id: 'r1-2', reason: 'duplicate' });
  });

  it('catches swapped records', () => {
    const lines = run('r1', 4);
    const [a, b] = [lines[1] ?? '', lines[2] ?? ''];
    lines[1] = b;
    lines[2] = a;
    expect(verifyLines(lines).firstBroken?.reason).toBe('seq_gap');
  });

  it('verifies interleaved runs of several replicas independently', () => {
    const a = run('ra', 4);
    const b = run('rb', 3);
    const mixed = [a[0], b[0], b[1], a[1], 'plain log line', '{"level":30,"msg":"hello"}', a[2], b[2], '', a[3]].map((l) => l ?? '');
    expect(verifyLines(mixed)).toEqual({ ok: true, records: 7, runs: 2, skipped: 2 });
    // deleting one run's record breaks that run only, and names it
    const broken = mixed.filter((l) => l !== b[1]);
    expect(verifyLines(broken).firstBroken).toMatchObject({ id: 'rb-3', reason: 'seq_gap' });
  });

  it('reports a damaged record line as unparseable', () => {
    const lines = run('r1', 3);
    lines[1] = (lines[1] ?? '').slice(0, 40);
    expect(verifyLines(lines).firstBroken).toEqual({ line: 2, reason: 'unparseable' });
  });

  it('verifies an HMAC chain with the right key and fails with a wrong or missing key', () => {
    const key = Buffer.alloc(32, 7);
    const lines = run('r1', 3, key);
    expect(verifyLines(lines, key).ok).toBe(true);
    expect(verifyLines(lines, Buffer.alloc(32, 8)).firstBroken).toEqual({ line: 1, id: 'r1-1', reason: 'bad_hash' });
    expect(verifyLines(lines).firstBroken?.reason).toBe('bad_hash');
  });

  it('does not detect a removed tail (documented limit)', () => {
    expect(verifyLines(run('r1', 5).slice(0, 3)).ok).toBe(true);
  });
});
