import { Worker } from 'node:worker_threads';
import type { AnonymizeResult } from '../anonymize/anonymize.js';
import { GatewayError, type GatewayErrorCode } from '../errors.js';
import type { AnonymizeJob, Job, ScanJob } from './anonymize-worker.js';

/**
 * A small pool of worker threads that run anonymize() for large request bodies, and the response scan
 * for large answers. The main thread only posts the text and receives the result (structured clone),
 * so its event loop stays free.
 */
export interface AnonymizePool {
  anonymize(input: AnonymizeJob): Promise<AnonymizeResult>;
  scan(input: ScanJob): Promise<Record<string, number>>;
  close(): Promise<void>;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; code: GatewayErrorCode };

/** The compiled worker entry; when running from TypeScript sources (tests), the built one in dist/. */
function workerUrl(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('../../dist/offload/anonymize-worker.js', here) : new URL('./anonymize-worker.js', here);
}

/** `url` (tests): another worker entry */
export function createAnonymizePool(size: number, url: URL = workerUrl()): AnonymizePool {
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void; worker: Worker }>();
  let nextId = 1;
  let turn = 0;
  const workers: Worker[] = [];
  const failAll = (): void => {
    for (const p of pending.values()) p.reject(new GatewayError('GW_ERR_INTERNAL'));
    pending.clear();
  };
  const spawn = (): Worker => {
    const w = new Worker(url);
    w.unref();
    w.on('message', (msg: Reply) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new GatewayError(msg.code));
    });
    w.on('error', failAll);
    w.on('exit', () => {
      const i = workers.indexOf(w);
      if (i >= 0) workers.splice(i, 1);
      // a worker gone without an 'error' event: its jobs fail (500), never hang
      for (const [id, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(id);
        p.reject(new GatewayError('GW_ERR_INTERNAL'));
      }
    });
    return w;
  };
  // started now, so each warms up (lexicon, JIT) before the first large body arrives
  for (let i = 0; i < size; i++) workers.push(spawn());
  const worker = (): Worker => {
    if (workers.length < size) workers.push(spawn());
    const w = workers[turn++ % workers.length] as Worker;
    return w;
  };
  const post = <T>(kind: Job['kind'], input: AnonymizeJob | ScanJob): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const w = worker();
      pending.set(id, { resolve: resolve as (r: unknown) => void, reject, worker: w });
      w.postMessage({ id, kind, input });
    });
  return {
    anonymize: (input) => post<AnonymizeResult>('anonymize', input),
    scan: (input) => post<Record<string, number>>('scan', input),
    async close() {
      failAll();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
