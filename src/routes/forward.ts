import { Readable, type Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, isGatewayError } from '../errors.js';
import type { Upstream, UpstreamResponse } from '../upstream/client.js';
import { downstreamHeaders, upstreamRequestHeaders } from '../upstream/headers.js';
import { mapUpstreamError, upstreamErrorKind } from '../upstream/map-error.js';

/** How the response is re-identified on its way back; both are optional (pass-through). */
export interface ResponseEncoder {
  /** whole JSON body of a successful non-streaming response (parsed and raw) → the text the caller gets */
  json?(body: unknown, raw: string): Promise<string> | string;
  /** a fresh Transform for a successful SSE stream (bytes in, bytes out) */
  sse?(): Transform;
  /** called once the response has ended (complete) or was cut (caller gone, stream error), for facts such as usage */
  done?(complete?: boolean): void;
}

/** Where and how requests go upstream. */
export interface UpstreamLink {
  readonly upstream: Upstream;
  /** the gateway's own key (UPSTREAM_API_KEY) */
  readonly apiKey: string | undefined;
  /** aborted when the shutdown grace has run out: the call ends with its reason (GW_ERR_SHUTTING_DOWN) */
  readonly shutdown: AbortSignal;
}

export interface ForwardRequest {
  readonly method: 'GET' | 'POST';
  /** path after the upstream base, e.g. `/v1/chat/completions` */
  readonly path: string;
  readonly body: string | undefined;
}

/**
 * Aborts the upstream request when the caller goes away before the response has ended, or when the
 * shutdown grace has run out (with the shutdown's reason, which the upstream call then throws).
 */
function abortOnClose(reply: FastifyReply, shutdown: AbortSignal): AbortController {
  const ac = new AbortController();
  const onShutdown = (): void => ac.abort(shutdown.reason);
  if (shutdown.aborted) onShutdown();
  else shutdown.addEventListener('abort', onShutdown, { once: true });
  reply.raw.once('close', () => {
    shutdown.removeEventListener('abort', onShutdown);
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac;
}

function sseErrorEvent(err: GatewayError): string {
  return `data: ${JSON.stringify({ error: { message: err.message, type: err.type, code: err.publicCode } })}\n\n`;
}

function isShutdown(err: unknown): err is GatewayError {
  return isGatewayError(err) && err.code === 'GW_ERR_SHUTTING_DOWN';
}

/** Yields the upstream's bytes; a failure after the first byte ends the stream with one SSE error event. */
async function* guarded(source: AsyncIterable<Buffer>, onEnd: (err: unknown) => void): AsyncGenerator<Buffer | string> {
  let failure: unknown;
  try {
    for await (const chunk of source) yield chunk;
  } catch (err) {
    failure = err;
    yield sseErrorEvent(isGatewayError(err) ? err : mapUpstreamError(err));
  } finally {
    onEnd(failure);
  }
}

/**
 * Sends the request upstream and the answer back: SSE streams flow through as they arrive (with
 * backpressure, through the encoder's Transform); JSON bodies are re-identified whole; errors pass
 * through with their status and body, except that the upstream refusing the gateway's own key is a 502.
 */
export async function forward(req: FastifyRequest, reply: FastifyReply, link: UpstreamLink, fwd: ForwardRequest, encoder: ResponseEncoder): Promise<FastifyReply> {
  const facts = req.facts;
  const ac = abortOnClose(reply, link.shutdown);
  const t0 = performance.now();
  let res: UpstreamResponse;
  try {
    res = await link.upstream.send({ method: fwd.method, path: fwd.path, headers: upstreamRequestHeaders(req.headers, req.id, link.apiKey), body: fwd.body, signal: ac.signal });
  } catch (err) {
    facts.upstreamMs = performance.now() - t0;
    if (!isShutdown(err)) facts.upstreamError = upstreamErrorKind((err as { cause?: unknown }).cause ?? err);
    throw err;
  }
  facts.upstreamStatus = res.status;
  if (res.status === 401 || res.status === 403) {
    await res.body.dump();
    facts.upstreamMs = performance.now() - t0;
    facts.upstreamError = 'auth';
    throw new GatewayError('GW_ERR_UPSTREAM_AUTH');
  }
  const headers = downstreamHeaders(res.headers);
  const contentType = String(res.headers['content-type'] ?? '');
  if (res.status === 200 && contentType.startsWith('text/event-stream')) {
    facts.stream = true;
    facts.decision ??= 'forwarded';
    const transform = encoder.sse?.();
    const source = guarded(res.body, (err) => {
      facts.upstreamMs = performance.now() - t0;
      if (err !== undefined && !reply.raw.destroyed) {
        // the stream broke after its first byte (or the shutdown grace ran out): the caller got an SSE error event
        facts.decision = 'failed';
        if (isShutdown(err)) facts.reason = err.publicCode;
        else {
          facts.reason = 'stream_error';
          facts.upstreamError = upstreamErrorKind(err);
        }
      }
    });
    let out: Readable = Readable.from(source, { objectMode: false });
    if (transform) out = out.pipe(transform);
    let finished = false;
    const done = (complete: boolean): void => {
      if (finished) return;
      finished = true;
      encoder.done?.(complete);
    };
    out.once('end', () => done(facts.decision !== 'failed'));
    out.once('error', () => done(false));
    reply.raw.once('close', () => {
      if (!out.destroyed) out.destroy();
      done(reply.raw.writableFinished);
    });
    return reply.code(200).headers(headers).header('cache-control', 'no-cache').header('x-accel-buffering', 'no').send(out);
  }
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw isShutdown(err) ? err : mapUpstreamError(err);
  } finally {
    facts.upstreamMs = performance.now() - t0;
  }
  if (res.status >= 200 && res.status < 300 && contentType.includes('json') && encoder.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new GatewayError('GW_ERR_UPSTREAM_UNAVAILABLE', { message: 'The upstream API sent an invalid response' });
    }
    const restored = await encoder.json(parsed, text);
    facts.decision ??= 'forwarded';
    encoder.done?.();
    delete headers['content-length'];
    return reply.code(res.status).headers(headers).type('application/json').send(restored);
  }
  // upstream errors (and non-JSON bodies) pass through with their status and body
  facts.decision ??= res.status < 400 ? 'forwarded' : 'failed';
  if (res.status >= 400) facts.reason ??= `upstream_${res.status}`;
  encoder.done?.();
  return reply.code(res.status).headers(headers).send(text);
}
