import type { FastifyError, FastifyInstance } from 'fastify';
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
    void reply.code(gw.status).headers(gw.headers).type('application/json').send(errorBody(gw));
  });
  app.setNotFoundHandler((req, reply) => {
    const gw = new GatewayError('GW_ERR_NOT_FOUND', { message: `Unknown route: ${req.method}` });
    void reply.code(404).type('application/json').send(errorBody(gw));
  });
}
