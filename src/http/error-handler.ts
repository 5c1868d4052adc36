import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError, errorBody, isGatewayError } from '../errors.js';

/** Fastify's own errors, mapped by their stable code to the gateway's. */
function fromFastify(err: FastifyError): GatewayError {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GatewayError('GW_ERR_TOO_LARGE', { cause: err });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Expected Content-Type: application/json' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Empty request body' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Request body is not valid JSON' });
    default:
      break;
  }
  if (err instanceof SyntaxError || err.statusCode === 400) return new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Request body is not valid JSON' });
  if (err.statusCode === 413) return new GatewayError('GW_ERR_TOO_LARGE', { cause: err });
  if (err.statusCode === 415) return new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Expected Content-Type: application/json' });
  if (err.statusCode === 429) return new GatewayError('GW_ERR_RATE_LIMITED', { cause: err });
  return new GatewayError('GW_ERR_INTERNAL', { cause: err });
}

/**
 * The one place that turns errors into OpenAI's shape `{error:{message,type,code}}`. Only gateway
 * messages reach the caller, never a library's; the cause is logged by name and code only.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const gw = isGatewayError(err) ? err : fromFastify(err);
    if (gw.status >= 500) req.log.error({ err: gw.cause ?? gw, code: gw.code }, 'request failed');
    req.facts?.fail(gw);
    const send = (): void => void reply.code(gw.status).headers(gw.headers).type('application/json').send(errorBody(gw));
    // a body refused as too large is still arriving: read it (and throw it away) before answering, or the close that
    // follows the answer meets the rest of the upload with a reset, and the client sees a broken pipe, not a 413
    if (gw.code === 'GW_ERR_TOO_LARGE' && !req.raw.complete && !req.raw.destroyed) {
      void drainBody(req.raw).then(send);
      return reply;
    }
    send();
    return reply;
  });
  app.setNotFoundHandler((req, reply) => {
    const gw = new GatewayError('GW_ERR_NOT_FOUND', { message: `Unknown route: ${req.method}` });
    void reply.code(404).type('application/json').send(errorBody(gw));
  });
}

/** how much of a refused body is read and thrown away before the 413, at most, and for how long */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
const DRAIN_MAX_MS = 10_000;

/** Reads the rest of a request body and drops it; resolves at its end, or when the bounds are reached (then the request is destroyed). */
export function drainBody(raw: NodeJS.ReadableStream & { destroy(): void; complete?: boolean }, maxBytes = DRAIN_MAX_BYTES, maxMs = DRAIN_MAX_MS): Promise<void> {
  return new Promise((resolve) => {
    let read = 0;
    const finish = (): void => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      read += chunk.length;
      if (read > maxBytes) {
        raw.destroy();
        finish();
      }
    };
    const timer = setTimeout(() => {
      raw.destroy();
      finish();
    }, maxMs);
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}

/**
 * The raw HTTP response for a request Node's parser refused before Fastify saw it (Fastify's
 * `clientErrorHandler`): headers over Node's limit (431), a malformed request line or header such as
 * `Content-Length: abc` (400), a request not received in time (408). OpenAI's shape, as everywhere;
 * never the parser's message. Pure.
 */
export function clientErrorResponse(code: string | undefined): string {
  const gw =
    code === 'HPE_HEADER_OVERFLOW'
      ? new GatewayError('GW_ERR_HEADERS_TOO_LARGE')
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new GatewayError('GW_ERR_REQUEST_TIMEOUT')
        : new GatewayError('GW_ERR_BAD_HTTP');
  const body = JSON.stringify(errorBody(gw));
  return `HTTP/1.1 ${gw.status} ${STATUS_CODES[gw.status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Fastify's `clientErrorHandler` option: answers in OpenAI's shape, then closes the connection. */
export function handleClientError(this: FastifyInstance, err: Error & { code?: string }, socket: Duplex): void {
  // a connection reset: nothing to answer
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.debug({ code: err.code }, 'client error');
  // destroyed once the answer is handed to the OS (the socket allows half-open, so end() alone may linger)
  if (socket.writable) socket.end(clientErrorResponse(err.code), () => socket.destroy());
  else socket.destroy();
}

/**
 * Fastify's `frameworkErrors` option: a URL that cannot be decoded, a path parameter over its limit, a
 * failed route constraint. Fastify's own answer echoes the path, which may carry personal data.
 */
export function handleFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const gw =
    err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new GatewayError('GW_ERR_INVALID_REQUEST', { cause: err, message: 'Invalid request URL' })
      : new GatewayError('GW_ERR_INTERNAL', { cause: err });
  void reply.code(gw.status).type('application/json').send(errorBody(gw));
}
