/**
 * Every error the gateway itself produces: a stable code, a fixed message, an HTTP status and
 * OpenAI's error `type`. One place turns these into `{error:{message,type,code}}` (http/error-handler.ts).
 * Messages are fixed text or name only non-personal facts (an entity type, a variable name): never a
 * value from a request, a token, or a library's message.
 */
export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'not_found_error';

export interface ErrorSpec {
  status: number;
  type: OpenAIErrorType;
  /** the `code` callers see (the contract's error table) */
  publicCode: string;
  message: string;
}

export const ERRORS = {
  GW_ERR_AUTH_INVALID_TOKEN: { status: 401, type: 'authentication_error', publicCode: 'invalid_token', message: 'Missing or invalid bearer token' },
  GW_ERR_AUTH_REVOKED: { status: 401, type: 'authentication_error', publicCode: 'token_revoked', message: 'The token or its subject has been revoked' },
  GW_ERR_AUTH_SCOPE: { status: 403, type: 'permission_error', publicCode: 'insufficient_scope', message: 'The token lacks the scope this route needs' },
  GW_ERR_MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error', publicCode: 'model_not_allowed', message: 'This model is not allowed for your tenant' },
  GW_ERR_PII_BLOCKED: { status: 400, type: 'invalid_request_error', publicCode: 'pii_blocked', message: 'The request contains personal data that the policy blocks' },
  GW_ERR_UNSUPPORTED_CONTENT: { status: 400, type: 'invalid_request_error', publicCode: 'unsupported_content', message: 'The request contains content the gateway cannot inspect, and the policy refuses it' },
  GW_ERR_INVALID_REQUEST: { status: 400, type: 'invalid_request_error', publicCode: 'invalid_request', message: 'Invalid request' },
  GW_ERR_TOO_LARGE: { status: 413, type: 'invalid_request_error', publicCode: 'request_too_large', message: 'Request body too large' },
  GW_ERR_HEADERS_TOO_LARGE: { status: 431, type: 'invalid_request_error', publicCode: 'request_too_large', message: 'Request headers too large' },
  GW_ERR_BAD_HTTP: { status: 400, type: 'invalid_request_error', publicCode: 'invalid_request', message: 'Malformed HTTP request' },
  GW_ERR_REQUEST_TIMEOUT: { status: 408, type: 'invalid_request_error', publicCode: 'invalid_request', message: 'The request was not received in time' },
  GW_ERR_RATE_LIMITED: { status: 429, type: 'rate_limit_error', publicCode: 'rate_limit_exceeded', message: 'Rate limit exceeded' },
  GW_ERR_VAULT_UNAVAILABLE: { status: 503, type: 'server_error', publicCode: 'vault_unavailable', message: 'The token vault is unavailable; the request was not forwarded' },
  GW_ERR_SERVICE_DISABLED: { status: 503, type: 'server_error', publicCode: 'service_disabled', message: 'The gateway is disabled for this tenant' },
  GW_ERR_STORE_UNAVAILABLE: { status: 503, type: 'server_error', publicCode: 'vault_unavailable', message: 'The shared store is unavailable; nothing was read or changed' },
  GW_ERR_SHUTTING_DOWN: { status: 503, type: 'server_error', publicCode: 'service_unavailable', message: 'The gateway is shutting down; retry the request' },
  GW_ERR_UPSTREAM_UNAVAILABLE: { status: 502, type: 'server_error', publicCode: 'upstream_unavailable', message: 'The upstream API could not be reached' },
  GW_ERR_UPSTREAM_AUTH: { status: 502, type: 'server_error', publicCode: 'upstream_auth_failed', message: "The upstream API refused the gateway's credentials" },
  GW_ERR_UPSTREAM_TIMEOUT: { status: 504, type: 'server_error', publicCode: 'upstream_timeout', message: 'The upstream API did not answer in time' },
  GW_ERR_NOT_FOUND: { status: 404, type: 'invalid_request_error', publicCode: 'not_found', message: 'Not found' },
  GW_ERR_METHOD: { status: 405, type: 'invalid_request_error', publicCode: 'method_not_allowed', message: 'Method not allowed' },
  GW_ERR_INTERNAL: { status: 500, type: 'server_error', publicCode: 'internal_error', message: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

export type GatewayErrorCode = keyof typeof ERRORS;

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly publicCode: string;
  /** extra response headers (WWW-Authenticate, Retry-After, ...) */
  readonly headers: Readonly<Record<string, string>>;

  /**
   * @param detail optional non-personal detail appended to the fixed message (e.g. an entity type
   *               name, a scope name). Never pass request text here.
   */
  constructor(code: GatewayErrorCode, opts: { detail?: string; headers?: Record<string, string>; cause?: unknown; message?: string } = {}) {
    const spec: ErrorSpec = ERRORS[code];
    super(opts.message ?? (opts.detail ? `${spec.message}: ${opts.detail}` : spec.message), opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = spec.status;
    this.type = spec.type;
    this.publicCode = spec.publicCode;
    this.headers = Object.freeze({ ...(opts.headers ?? {}) });
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

/** OpenAI's error body. */
export function errorBody(e: GatewayError): { error: { message: string; type: string; code: string; param: null } } {
  return { error: { message: e.message, type: e.type, code: e.publicCode, param: null } };
}

/** Thrown for a bad configuration at start; names the variable. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, expected: string) {
    super(`${variable}: ${expected}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
