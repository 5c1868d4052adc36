import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLines } from '../../../src/audit/chain.js';
import { buildRecord } from '../../../src/audit/record.js';
import { createAuditSink } from '../../../src/audit/sink.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('createAuditSink', () => {
  it('writes one sealed record per line to a file in a new directory, flushes, and closes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgw-audit-'));
    const file = join(dir, 'nested', 'audit.log');
    const key = Buffer.alloc(32, 3);
    const sink = createAuditSink(file, { key, runId: 'run-1' });
    const first = sink.write(buildRecord({ endedAt: 0, route: 'chat', status: 200, totalMs: 5 }));
    expect(first.id).toBe('run-1-1');
    await sink.flush();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(1);
    sink.write(buildRecord({ endedAt: 1, route: 'embeddings', status: 401, totalMs: 1, decision: 'denied_by_auth', reason: 'expired' }));
    await sink.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    const rec = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
    // the line is the record: no pino level, time number, pid or hostname
    expect(rec).not.toHaveProperty('level');
    expect(rec).not.toHaveProperty('pid');
    expect(rec).not.toHaveProperty('hostname');
    expect(rec).toMatchObject({ id: 'run-1-2', seq: 2, reason: 'expired' });
    expect(verifyLines(lines, key)).toMatchObject({ ok: true, records: 2, runs: 1 });
    await sink.close(); // idempotent
  });

  it('appends a second run to the same file, and both verify', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgw-audit-'));
    const file = join(dir, 'audit.log');
    for (const runId of ['a', 'b']) {
      const sink = createAuditSink(file, { runId });
      for (let i = 0; i < 3; i++) sink.write(buildRecord({ endedAt: i, route: 'chat', status: 200, totalMs: i }));
      await sink.close();
    }
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(verifyLines(lines)).toEqual({ ok: true, records: 6, runs: 2, skipped: 0 });
  });

  it('flushes and closes on a pipe without reporting an error (fsync is not supported on a pipe)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgw-audit-'));
    const fifo = join(dir, 'audit.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    let read = '';
    const reader = createReadStream(fifo, 'utf8');
    reader.on('data', (d) => (read += String(d)));
    const ended = new Promise<void>((resolve) => reader.once('end', () => resolve()));
    const errors: Error[] = [];
    const sink = createAuditSink(fifo, { runId: 'pipe', onError: (err) => errors.push(err) });
    sink.write(buildRecord({ endedAt: 0, route: 'chat', status: 200, totalMs: 1 }));
    await sink.flush();
    sink.write(buildRecord({ endedAt: 1, route: 'chat', status: 200, totalMs: 1 }));
    await sink.close();
    await ended;
    expect(errors).toEqual([]);
    expect(verifyLines(read.trim().split('\n'))).toMatchObject({ ok: true, records: 2 });
  });
});
