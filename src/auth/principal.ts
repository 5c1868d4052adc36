/** The verified caller, derived from the JWT once and then left alone for the rest of the request. */
export interface Principal {
  readonly subject: string;
  readonly tenant: string;
  readonly scopes: ReadonlySet<string>;
  readonly clientId: string | undefined;
  readonly jti: string | undefined;
  /** issued-at and expiry, seconds since the epoch */
  readonly iat: number | undefined;
  readonly exp: number;
}

/** Why a request was refused by auth; a fixed set, used by audit records and metrics labels. */
export type AuthFailureReason =
  | 'missing_token'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'unknown_key'
  | 'alg_not_allowed'
  | 'missing_claim'
  | 'missing_tenant'
  | 'too_old'
  | 'insufficient_scope'
  | 'revoked'
  | 'key_source_unavailable';
