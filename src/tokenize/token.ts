import { createHmac, hkdfSync } from 'node:crypto';
import type { EntityType } from '../detect/types.js';

/**
 * Token text: `[TYPE_id]`, e.g. `[EMAIL_k3j9x2m4q8w1t]`.
 * - TYPE is the entity type in upper snake case, so the model knows what stands there.
 * - id is 13 characters of lowercase Crockford base32 (65 bits) of a per-tenant HMAC of the
 *   normalized value: it says nothing about the value, cannot be guessed, and is stable per tenant.
 * - Square brackets and an underscore are single, common BPE pieces; models copy such placeholders
 *   verbatim far more reliably than long hex strings or angle-bracket tags that look like markup.
 * In fields with a narrow syntax (a chat message `name`: ^[a-zA-Z0-9_-]{1,64}$) the brackets are left
 * out: `PERSON_k3j9x2m4q8w1t`.
 */
export const ID_LENGTH = 13;
export const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case
const ID_CLASS = '[0-9a-hjkmnp-tv-z]';

/** Strict form, as minted. Group 1: type, group 2: id. */
export const TOKEN_PATTERN = `\\[([A-Z][A-Z0-9_]*?)_(${ID_CLASS}{${ID_LENGTH}})\\]`;
export const TOKEN_REGEX = new RegExp(TOKEN_PATTERN, 'g');
/** Bare form used in narrow fields. */
export const NAME_TOKEN_REGEX = new RegExp(`^([A-Z][A-Z0-9_]*?)_(${ID_CLASS}{${ID_LENGTH}})$`);

export function formatToken(type: EntityType, id: string): string {
  return `[${type}_${id}]`;
}

export function formatNameToken(type: EntityType, id: string): string {
  return `${type}_${id}`;
}

/** Base32 (Crockford, lower case) of the first 65 bits of a digest. */
function encodeId(digest: Buffer): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  let i = 0;
  while (out.length < ID_LENGTH) {
    if (bits < 5) {
      acc = ((acc << 8) | (digest[i++] ?? 0)) & 0xffff;
      bits += 8;
    }
    bits -= 5;
    out += ID_ALPHABET[(acc >> bits) & 31];
  }
  return out;
}

/**
 * The value as it is compared and hashed: the same person written differently in the same way
 * gets the same token (e-mail case, phone/card punctuation, IBAN spacing, surrounding whitespace).
 */
export function normalizeValue(type: EntityType, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'EMAIL':
      return v.toLowerCase();
    case 'PHONE': {
      const digits = v.replace(/(?:ext\.?|x|extension)\s*\d+$/i, '').replace(/[^\d+]/g, '');
      return digits;
    }
    case 'CREDIT_CARD':
    case 'US_SSN':
      return v.replace(/\D/g, '');
    case 'IBAN':
      return v.replace(/\s+/g, '').toUpperCase();
    default:
      return v.replace(/\s+/g, ' ');
  }
}

/** Per-tenant token key, derived with HKDF-SHA256 from TOKEN_KEY. */
export function deriveTenantTokenKey(tokenKey: Buffer, tenant: string): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenKey, Buffer.from('pgw-token-v1'), Buffer.from(tenant, 'utf8'), 32));
}

/**
 * Token ids for one tenant: HMAC-SHA256(tenantKey, type NUL normalized value [NUL requestNonce]) → 65 bits.
 * With `requestNonce` (per-request linkability) the same value gets a different id in every request.
 * (A fresh createHmac() per id: on Node 20 it measured ~1.7 µs, faster than copying precomputed inner and
 * outer key-block hashes, ~2.05 µs, which an earlier version did.)
 */
export class TokenKeyer {
  constructor(private readonly tenantKey: Buffer) {}

  /**
   * Ids of recently seen values (tenant-wide tokens only): a conversation re-sends its history on
   * every turn. Bounded; lives in the gateway process like the request bodies themselves.
   */
  private readonly memo = new Map<string, string>();

  id(type: EntityType, value: string, requestNonce?: string): string {
    return this.idOfNormalized(type, normalizeValue(type, value), requestNonce);
  }

  /** id() of a value already normalized with normalizeValue(type, ...) */
  idOfNormalized(type: EntityType, normalized: string, requestNonce?: string): string {
    const memoKey = requestNonce === undefined ? `${type}\0${normalized}` : undefined;
    if (memoKey !== undefined) {
      const hit = this.memo.get(memoKey);
      if (hit !== undefined) return hit;
    }
    const id = encodeId(
      createHmac('sha256', this.tenantKey)
        .update(memoKey ?? `${type}\0${normalized}\0${requestNonce}`)
        .digest(),
    );
    if (memoKey !== undefined) {
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(memoKey, id);
    }
    return id;
  }
}

const MEMO_MAX = 4096;
const keyers = new WeakMap<Buffer, TokenKeyer>();

function keyerFor(tenantKey: Buffer): TokenKeyer {
  let k = keyers.get(tenantKey);
  if (k === undefined) {
    k = new TokenKeyer(tenantKey);
    keyers.set(tenantKey, k);
  }
  return k;
}

/** Token id of a value (see TokenKeyer); keyers are kept per tenant-key Buffer. */
export function tokenId(tenantKey: Buffer, type: EntityType, value: string, requestNonce?: string): string {
  return keyerFor(tenantKey).id(type, value, requestNonce);
}

/** tokenId() of a value already normalized with normalizeValue(type, ...) */
export function tokenIdOfNormalized(tenantKey: Buffer, type: EntityType, normalized: string, requestNonce?: string): string {
  return keyerFor(tenantKey).idOfNormalized(type, normalized, requestNonce);
}
