import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';
import { AuditChain } from './chain.js';
import type { AuditRecord, UnsealedRecord } from './record.js';

export interface AuditSink {
  readonly runId: string;
  /** seals the record into this run's chain and queues one JSON line; returns the sealed record */
  write(record: UnsealedRecord): AuditRecord;
  /** resolves once every queued line has been handed to the OS */
  flush(): Promise<void>;
  /** flushes, then closes the file (stdout stays open); writes after close are dropped */
  close(): Promise<void>;
}

export interface AuditSinkOptions {
  /** AUDIT_KEY: makes the chain an HMAC chain */
  key?: Buffer | undefined;
  /** defaults to a fresh time-ordered id (one per process run) */
  runId?: string | undefined;
  /** called on a write error of the destination (disk full, permissions); the sink never throws on write */
  onError?: ((err: Error) => void) | undefined;
}

/** fsync refused because the descriptor does not support it (stdout on a pipe, a terminal) */
function fsyncUnsupported(err: Error): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return (code === 'EINVAL' || code === 'ENOTSUP') && (err as NodeJS.ErrnoException).syscall === 'fsync';
}

/** a named pipe, socket or device (a log shipper reads it): opening it for writing waits for a reader */
function isPipe(dest: string): boolean {
  try {
    const st = statSync(dest);
    return st.isFIFO() || st.isSocket() || st.isCharacterDevice();
  } catch {
    return false;
  }
}

/** A time-ordered run id: base-36 milliseconds then 8 random hex digits, e.g. `mbx3k2a1-9f3c01ab`. */
export function newRunId(now: number = Date.now()): string {
  return `${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * The audit trail: a pino destination of its own (sonic-boom; not the application logger's) on
 * `stdout` or a file, JSON lines, each line exactly one sealed record. We write through
 * `pino.destination` rather than a pino logger because a logger adds level/time/pid/hostname, and
 * turning those off (`base: null`, `timestamp: false`, an empty level formatter) leaves a malformed
 * `{,` at the start of each line in pino 9; the record carries its own `time`, and `runId` names
 * the replica run.
 *
 * The destination is asynchronous (sonic-boom, `sync: false`), so lines are buffered: pino's
 * asynchronous-logging caveat applies, and the shutdown path must `await sink.close()`. Lines are
 * pushed out at least every 250 ms and whenever 4 KiB are buffered.
 */
export function createAuditSink(dest: 'stdout' | string, opts: AuditSinkOptions = {}): AuditSink {
  const runId = opts.runId ?? newRunId();
  const chain = new AuditChain(runId, opts.key);
  const isStdout = dest === 'stdout' || dest === '-';
  if (!isStdout) mkdirSync(dirname(dest), { recursive: true });
  // (a file is opened here, synchronously: one that cannot be appended to throws now, at start, not on the
  // first write, after which sonic-boom's flush timer would write to fd -1 and crash the process; a named
  // pipe is left to sonic-boom's background open, which waits for the pipe's reader)
  const target = isStdout ? 1 : isPipe(dest) ? dest : openSync(dest, 'a');
  const stream = pino.destination({ dest: target, sync: false, minLength: 4096, periodicFlush: 250, append: true });
  const onError = opts.onError;
  stream.on('error', (err: Error) => {
    onError?.(err);
  });
  let closed = false;

  function flush(): Promise<void> {
    if (closed) return Promise.resolve();
    return new Promise((resolve) => {
      // flush with a callback resolves on drain, after an fsync; an error resolves too (reported through
      // onError). A pipe or a terminal cannot be fsynced (EINVAL, ENOTSUP): its lines were handed to the
      // OS all the same, which is all a flush means there.
      stream.flush((err) => {
        if (err && !fsyncUnsupported(err)) onError?.(err);
        resolve();
      });
    });
  }

  return {
    runId,
    write(record) {
      const sealed = chain.sealLine(record);
      if (!closed) stream.write(`${sealed.line}\n`);
      return sealed.record;
    },
    flush,
    async close() {
      if (closed) return;
      await flush();
      closed = true;
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}
