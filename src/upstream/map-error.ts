import { GatewayError, isGatewayError } from '../errors.js';

/**
 * Maps an undici/network failure to the gateway's error, by the error's stable code; keeps the cause.
 * A GatewayError (an abort's reason, e.g. the shutdown's) stays as it is.
 */
export function mapUpstreamError(err: unknown): GatewayError {
  if (isGatewayError(err)) return err;
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new GatewayError('GW_ERR_UPSTREAM_TIMEOUT', { cause: err });
    default:
      return new GatewayError('GW_ERR_UPSTREAM_UNAVAILABLE', { cause: err });
  }
}

/** A short, fixed label for metrics and logs (no messages). */
export function upstreamErrorKind(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'unknown';
}
