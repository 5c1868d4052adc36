import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../../src/errors.js';
import { Drain } from '../../../src/http/drain.js';

describe('Drain', () => {
  it('aborts its signal with GW_ERR_SHUTTING_DOWN (503 service_unavailable)', () => {
    const drain = new Drain();
    expect(drain.signal.aborted).toBe(false);
    drain.abort();
    drain.abort();
    const reason: unknown = drain.signal.reason;
    expect(isGatewayError(reason) && { code: reason.code, status: reason.status, publicCode: reason.publicCode, type: reason.type }).toEqual({
      code: 'GW_ERR_SHUTTING_DOWN',
      status: 503,
      publicCode: 'service_unavailable',
      type: 'server_error',
    });
  });

  it('its signal takes one listener per in-flight upstream call without a MaxListenersExceededWarning', async () => {
    const drain = new Drain();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => void warnings.push(w);
    process.on('warning', onWarning);
    try {
      const listeners = Array.from({ length: 50 }, () => () => {});
      for (const l of listeners) drain.signal.addEventListener('abort', l, { once: true });
      await new Promise((r) => setImmediate(r));
      for (const l of listeners) drain.signal.removeEventListener('abort', l);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('answers 503 in OpenAI shape to an in-flight request that has sent nothing, and leaves finished ones alone', async () => {
    const drain = new Drain();
    const app = Fastify();
    let handlerReached!: () => void;
    const reached = new Promise<void>((r) => (handlerReached = r));
    app.addHook('onRequest', async (_req, reply) => drain.add(reply));
    app.addHook('onResponse', async (_req, reply) => drain.delete(reply));
    // a handler still busy in the gateway's own stages, nothing sent
    app.get('/busy', async () => {
      handlerReached();
      await new Promise(() => undefined);
    });
    app.get('/done', async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/done' })).statusCode).toBe(200);
    const busy = app.inject({ method: 'GET', url: '/busy' });
    await reached;
    expect(drain.inFlight).toBe(1);
    expect(drain.refuseUnsent()).toBe(1);
    const res = await busy;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: { type: 'server_error', code: 'service_unavailable', message: expect.stringContaining('shutting down') } });
    expect(drain.inFlight).toBe(0);
    expect(drain.refuseUnsent()).toBe(0);
    await app.close();
  });

  it('settled() waits for pending audit writes, including ones started meanwhile, within its limit', async () => {
    const drain = new Drain();
    const order: string[] = [];
    drain.track(
      new Promise<void>((r) =>
        setTimeout(() => {
          order.push('first');
          drain.track(new Promise<void>((r2) => setTimeout(() => (order.push('second'), r2()), 20)));
          r();
        }, 20),
      ),
    );
    drain.track(Promise.reject(new Error('a failed write does not hold the shutdown')));
    expect(await drain.settled(1000)).toBe(true);
    expect(order).toEqual(['first', 'second']);
    drain.track(new Promise<void>(() => undefined));
    expect(await drain.settled(30)).toBe(false);
  });
});
