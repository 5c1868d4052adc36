import { createCipheriv, createDecipheriv, createHash, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Envelope encryption for the vault (pure given keys), AES-256-GCM throughout.
 *
 *   master key (VAULT_KEY, id VAULT_KEY_ID; retired ones in VAULT_OLD_KEYS)
 *     └─ seals each tenant's data key (DEK: 32 random bytes + a 4-byte random DEK id)
 *          └─ seals each value of that tenant
 *
 * Erasing a tenant deletes its sealed DEK: every value sealed under it is unreadable at once.
 * Rotating the master key only re-seals DEKs (one small blob per tenant), never values.
 *
 * Binary layouts (all integers big-endian):
 *   DEK blob   = 0x01 | kidLen u8 | kid (utf8) | dekId[4] | iv[12] | ct[32] | tag[16]   (66 + kid bytes)
 *   value blob = 0x01 | dekId[4] | iv[12] | ct[n] | tag[16]                             (33 + n bytes)
 * The clear header (everything before the iv) is part of the AAD, together with the context:
 *   DEK:   "pgw-dek" | len(tenant) tenant
 *   value: "pgw-val" | len(tenant) tenant | len(type) type | len(id) id
 * so a blob copied to another tenant, type or id (or given another header) fails to open.
 * IVs are random (96 bits): at most 2^32 seals per DEK before the GCM bound matters, which no
 * tenant's retention window comes near.
 */

export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export interface MasterKeys {
  readonly current: MasterKey;
  /** retired keys by id, still used to open DEKs sealed before a rotation */
  readonly old: ReadonlyMap<string, Buffer>;
}

export interface DataKey {
  /** 4 random bytes, stored in clear in every value blob: tells a stale entry from a live one */
  readonly id: Buffer;
  readonly key: Buffer;
}

export const SEAL_VERSION = 1;
const IV_LEN = 12;
const TAG_LEN = 16;
const KEY_LEN = 32;
export const DEK_ID_LEN = 4;
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Why a DEK blob could not be opened: its master key is not configured, or it does not authenticate. */
export class SealError extends Error {
  readonly reason: 'unknown-key' | 'malformed' | 'auth';
  /** the master key id named in the blob (an id, never key material) */
  readonly keyId: string | undefined;
  constructor(reason: 'unknown-key' | 'malformed' | 'auth', keyId?: string) {
    super(reason === 'unknown-key' ? `data key sealed under unknown master key id ${JSON.stringify(keyId)}` : `data key blob ${reason === 'auth' ? 'does not authenticate' : 'is malformed'}`);
    this.name = 'SealError';
    this.reason = reason;
    this.keyId = keyId;
  }
}

function checkKey(key: Buffer, what: string): void {
  if (key.length !== KEY_LEN) throw new Error(`${what} must be 32 bytes`);
}

/**
 * Builds MasterKeys from the configuration's strings: the current key (base64 of 32 bytes) with its
 * id, and VAULT_OLD_KEYS as `id:base64,id:base64`. Throws an Error naming the problem (never a key).
 */
export function parseMasterKeys(currentId: string, currentBase64: string, oldSpec?: string): MasterKeys {
  if (!KEY_ID_PATTERN.test(currentId)) throw new Error('VAULT_KEY_ID must be 1-64 characters of [A-Za-z0-9._-]');
  const key = Buffer.from(currentBase64.trim(), 'base64');
  if (key.length !== KEY_LEN) throw new Error('VAULT_KEY must be base64 of 32 bytes');
  const old = new Map<string, Buffer>();
  for (const part of (oldSpec ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const colon = part.indexOf(':');
    const id = colon > 0 ? part.slice(0, colon) : '';
    const k = Buffer.from(part.slice(colon + 1), 'base64');
    if (!KEY_ID_PATTERN.test(id) || k.length !== KEY_LEN) throw new Error('VAULT_OLD_KEYS must be id:base64,... with 32-byte keys');
    if (id === currentId) throw new Error('VAULT_OLD_KEYS must not repeat VAULT_KEY_ID');
    old.set(id, k);
  }
  return { current: { id: currentId, key }, old };
}

export function newDataKey(): DataKey {
  return { id: randomBytes(DEK_ID_LEN), key: randomBytes(KEY_LEN) };
}

function lenPrefixed(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function dekAad(tenant: string, header: Buffer): Buffer {
  return Buffer.concat([Buffer.from('pgw-dek', 'latin1'), lenPrefixed(tenant), header]);
}

const VALUE_AAD_TAG = Buffer.from('pgw-val', 'latin1');

/** The same bytes as concat(tag, lenPrefixed(tenant), lenPrefixed(type), lenPrefixed(id), header), in one buffer: sealed per value. */
function valueAad(tenant: string, type: string, id: string, header: Buffer): Buffer {
  const lens = [Buffer.byteLength(tenant, 'utf8'), Buffer.byteLength(type, 'utf8'), Buffer.byteLength(id, 'utf8')] as const;
  const aad = Buffer.allocUnsafe(VALUE_AAD_TAG.length + 12 + lens[0] + lens[1] + lens[2] + header.length);
  let at = VALUE_AAD_TAG.copy(aad, 0);
  for (const [i, s] of [tenant, type, id].entries()) {
    at = aad.writeUInt32BE(lens[i] as number, at);
    at += aad.write(s, at, 'utf8');
  }
  header.copy(aad, at);
  return aad;
}

/**
 * IVs come from a pool of CSPRNG bytes refilled 4 KiB at a time: one randomFillSync per ~340 IVs
 * instead of one randomBytes call (~4 µs) per value. Each IV is copied out and its bytes never reused.
 */
const IV_POOL = Buffer.alloc(4096);
let ivPoolOffset = IV_POOL.length;

function freshIv(): Buffer {
  if (ivPoolOffset + IV_LEN > IV_POOL.length) {
    randomFillSync(IV_POOL);
    ivPoolOffset = 0;
  }
  const iv = Buffer.from(IV_POOL.subarray(ivPoolOffset, ivPoolOffset + IV_LEN));
  ivPoolOffset += IV_LEN;
  return iv;
}

function encrypt(key: Buffer, aad: Buffer, plaintext: Buffer): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = freshIv();
  const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LEN });
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, ct, tag: c.getAuthTag() };
}

function decrypt(key: Buffer, aad: Buffer, iv: Buffer, ct: Buffer, tag: Buffer): Buffer | undefined {
  try {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LEN });
    d.setAAD(aad);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]);
  } catch {
    return undefined;
  }
}

/** Seals a tenant's DEK under the current master key. */
export function sealDataKey(master: MasterKeys, tenant: string, dk: DataKey): Buffer {
  checkKey(master.current.key, 'master key');
  checkKey(dk.key, 'data key');
  const kid = Buffer.from(master.current.id, 'utf8');
  const header = Buffer.concat([Buffer.from([SEAL_VERSION, kid.length]), kid, dk.id]);
  const { iv, ct, tag } = encrypt(master.current.key, dekAad(tenant, header), dk.key);
  return Buffer.concat([header, iv, ct, tag]);
}

export interface OpenedDataKey {
  readonly dk: DataKey;
  /** the master key id it was sealed under */
  readonly keyId: string;
  /** sealed under a retired key: worth re-sealing under the current one */
  readonly stale: boolean;
}

/** Opens a DEK blob; throws SealError (unknown key id, malformed, or not authentic). */
export function openDataKey(master: MasterKeys, tenant: string, blob: Buffer): OpenedDataKey {
  if (blob.length < 2 || blob[0] !== SEAL_VERSION) throw new SealError('malformed');
  const kidLen = blob[1] ?? 0;
  const headerLen = 2 + kidLen + DEK_ID_LEN;
  if (blob.length !== headerLen + IV_LEN + KEY_LEN + TAG_LEN) throw new SealError('malformed');
  const keyId = blob.subarray(2, 2 + kidLen).toString('utf8');
  const stale = keyId !== master.current.id;
  const key = stale ? master.old.get(keyId) : master.current.key;
  if (!key) throw new SealError('unknown-key', keyId);
  const header = blob.subarray(0, headerLen);
  const iv = blob.subarray(headerLen, headerLen + IV_LEN);
  const ct = blob.subarray(headerLen + IV_LEN, headerLen + IV_LEN + KEY_LEN);
  const tag = blob.subarray(headerLen + IV_LEN + KEY_LEN);
  const plain = decrypt(key, dekAad(tenant, header), iv, ct, tag);
  if (!plain) throw new SealError('auth', keyId);
  return { dk: { id: Buffer.from(blob.subarray(2 + kidLen, headerLen)), key: plain }, keyId, stale };
}

/** The DEK id named in a DEK blob's clear header, without opening it (undefined if malformed). */
export function dataKeyIdOfDekBlob(blob: Buffer): Buffer | undefined {
  if (blob.length < 2 || blob[0] !== SEAL_VERSION) return undefined;
  const kidLen = blob[1] ?? 0;
  if (blob.length < 2 + kidLen + DEK_ID_LEN) return undefined;
  return Buffer.from(blob.subarray(2 + kidLen, 2 + kidLen + DEK_ID_LEN));
}

/** Seals one value under a tenant's DEK, bound to (tenant, type, id). */
export function sealValue(dk: DataKey, tenant: string, type: string, id: string, value: string): Buffer {
  const header = Buffer.allocUnsafe(1 + DEK_ID_LEN);
  header[0] = SEAL_VERSION;
  dk.id.copy(header, 1);
  const { iv, ct, tag } = encrypt(dk.key, valueAad(tenant, type, id, header), Buffer.from(value, 'utf8'));
  return Buffer.concat([header, iv, ct, tag]);
}

/** The DEK id a value blob was sealed under (undefined if malformed). */
export function dataKeyIdOfValue(blob: Buffer): Buffer | undefined {
  if (blob.length < 1 + DEK_ID_LEN + IV_LEN + TAG_LEN || blob[0] !== SEAL_VERSION) return undefined;
  return Buffer.from(blob.subarray(1, 1 + DEK_ID_LEN));
}

/** Opens a value blob; undefined when it was sealed under another DEK, for another context, or is damaged. */
export function openValue(dk: DataKey, tenant: string, type: string, id: string, blob: Buffer): string | undefined {
  const dekId = dataKeyIdOfValue(blob);
  if (!dekId || !dekId.equals(dk.id)) return undefined;
  const headerLen = 1 + DEK_ID_LEN;
  const header = blob.subarray(0, headerLen);
  const iv = blob.subarray(headerLen, headerLen + IV_LEN);
  const ct = blob.subarray(headerLen + IV_LEN, blob.length - TAG_LEN);
  const tag = blob.subarray(blob.length - TAG_LEN);
  const plain = decrypt(dk.key, valueAad(tenant, type, id, header), iv, ct, tag);
  return plain?.toString('utf8');
}

/**
 * A short, key-safe name for a tenant in Redis keys: base64url of the first 9 bytes of
 * SHA-256("pgw-tenant" NUL tenant), 12 characters (72 bits). Any tenant string is safe; it is not
 * keyed (so rotating keys never renames keys), which means someone with Redis access can confirm a
 * guessed tenant name: tenant names are not personal data.
 */
const tenantHashes = new Map<string, string>();

export function tenantHash(tenant: string): string {
  let h = tenantHashes.get(tenant);
  if (h === undefined) {
    h = createHash('sha256').update('pgw-tenant\0').update(tenant, 'utf8').digest().subarray(0, 9).toString('base64url');
    if (tenantHashes.size >= 10_000) tenantHashes.clear();
    tenantHashes.set(tenant, h);
  }
  return h;
}
