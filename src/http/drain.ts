import { setMaxListeners } from 'node:events';
import type { FastifyReply } from 'fastify';
import { GatewayError, errorBody } from '../errors.js';

/**
 * What SIGTERM needs to end in-flight work cleanly once its grace period has run out: one signal every
 * upstream call listens to (aborted with GW_ERR_SHUTTING_DOWN: a stream then ends with one SSE error
 * event, a request still waiting for its answer gets a 503), the replies not yet finished, and the audit
 * writes still pending, so that the process exits only after their records were queued.
 */
export class Drain {
  readonly #ac = new AbortController();
  readonly #inFlight = new Set<FastifyReply>();
  readonly #pending = new Set<Promise<void>>();

  constructor() {
    // every in-flight upstream call listens to it (and stops listening when it ends): no listener cap,
    // else Node warns of a leak with more than 10 calls in flight
    setMaxListeners(0, this.#ac.signal);
  }

  /** aborted (reason: a GatewayError GW_ERR_SHUTTING_DOWN) when the grace period has run out */
  get signal(): AbortSignal {
    return this.#ac.signal;
  }

  /** a request started */
  add(reply: FastifyReply): void {
    this.#inFlight.add(reply);
  }

  /** its response ended, failed, or its caller went away */
  delete(reply: FastifyReply): void {
    this.#inFlight.delete(reply);
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** An audit write (the record of one request) that close() must wait for. */
  track(work: Promise<void>): void {
    const p = work.catch(() => undefined).finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  /** Ends in-flight upstream calls with GW_ERR_SHUTTING_DOWN. */
  abort(): void {
    if (!this.#ac.signal.aborted) this.#ac.abort(new GatewayError('GW_ERR_SHUTTING_DOWN'));
  }

  /**
   * Answers 503 GW_ERR_SHUTTING_DOWN to every in-flight request that has sent nothing yet (one still
   * in the gateway's own stages); returns how many. Their handlers' later replies are dropped by Fastify.
   */
  refuseUnsent(): number {
    let n = 0;
    for (const reply of this.#inFlight) {
      if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) continue;
      const err = new GatewayError('GW_ERR_SHUTTING_DOWN');
      reply.request.facts?.fail(err);
      void reply.code(err.status).type('application/json').header('connection', 'close').send(errorBody(err));
      n++;
    }
    return n;
  }

  /** Resolves true once no audit write is pending (writes started meanwhile included), false after `limitMs`. */
  async settled(limitMs: number): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    while (this.#pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...this.#pending]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return true;
  }
}
