import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { expect } from 'vitest';
import type { Env } from '../../src/config/load.js';
import { signToken, type TestKeys } from './jwt.js';
import type { MockUpstream } from './mock-upstream.js';

/**
 * Shared pieces of the privacy end-to-end tests: realistic planted personal data, the two vault
 * backends (embedded in-memory, and the shared Redis under a per-run key prefix), raw Redis access
 * for the at-rest checks, temporary policy files.
 */

/** Realistic values the default detector finds (cards pass Luhn, IBAN passes mod 97). */
export const PII = {
  person1: 'Margaret Okonkwo',
  email1: 'margaret.okonkwo@example.org',
  phone1: '+1 415-555-0132',
  person2: 'Henrik Lindqvist',
  email2: 'henrik.lindqvist@northwind-clinic.org',
  person3: 'Priya Raghunathan',
  email3: 'priya.r@contoso.net',
  phone3: '(212) 555-0187',
  card1: '4111 1111 1111 1111',
  card2: '5555 5555 5555 4444',
  iban: 'DE89 3704 0044 0532 0130 00',
  ssn: '536-22-8471',
  ip1: '203.0.113.45',
  ip2: '198.51.100.7',
} as const;

/** A typed token as minted: `[TYPE_id]`, id 13 chars of Crockford base32 (lower case). */
export const TOKEN_RE = /\[([A-Z][A-Z0-9_]*?)_([0-9a-hjkmnp-tv-z]{13})\]/g;
export const NAME_TOKEN_RE = /^([A-Z][A-Z0-9_]*?)_([0-9a-hjkmnp-tv-z]{13})$/;

export function tokensIn(text: string, type?: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN_RE)) if (type === undefined || m[1] === type) out.push(m[0]);
  return out;
}

/** Forms of a value someone could find in a dump: as written, lower case, digits only. */
function forms(value: string): string[] {
  const out = new Set([value, value.toLowerCase()]);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 7) out.add(digits);
  const compact = value.replace(/\s+/g, '');
  if (compact !== value) out.add(compact);
  return [...out];
}

/** Asserts that none of the originals (in any common form) occurs in `haystack`. */
export function expectNoneOf(haystack: string, values: readonly string[], where: string): void {
  for (const v of values) for (const f of forms(v)) expect(haystack.includes(f), `${where} contains ${JSON.stringify(f)}`).toBe(false);
}

/** Everything the mock upstream received, as one string (bodies and headers). */
export function upstreamDump(mock: MockUpstream): string {
  return JSON.stringify(mock.requests);
}

export function client(url: string, token: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: token, maxRetries: 0 });
}

export async function clientFor(url: string, keys: TestKeys, tenant: string, scope = 'llm:chat llm:embed'): Promise<OpenAI> {
  return client(url, await signToken(keys, { tenant, scope, sub: `user-${tenant}` }));
}

/** Writes a policy YAML into a fresh temporary directory; returns its path. */
export function writePolicy(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pgw-policy-'));
  const file = join(dir, 'policy.yaml');
  writeFileSync(file, yaml);
  return file;
}

export function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'pgw-privacy-')), name);
}

/** A vault backend for describe.each: its env and a cleanup of whatever it wrote. */
export interface VaultMode {
  readonly name: 'memory' | 'redis';
  env(): Env;
  /** the run's key prefix (redis only) */
  readonly prefix: string | undefined;
  readonly redisUrl: string | undefined;
  cleanup(): Promise<void>;
}

export function vaultModes(redisUrl: string): VaultMode[] {
  const prefix = `pgwtest:${randomUUID()}:`;
  const vaultKey = randomBytes(32).toString('base64');
  return [
    { name: 'memory', prefix: undefined, redisUrl: undefined, env: () => ({}), cleanup: async () => {} },
    {
      name: 'redis',
      prefix,
      redisUrl,
      env: () => ({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, VAULT_KEY: vaultKey }),
      cleanup: () => deleteByPrefix(redisUrl, prefix),
    },
  ];
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

async function withRedis<T>(url: string, fn: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  r.on('error', () => {});
  await r.connect();
  try {
    return await fn(r);
  } finally {
    r.disconnect();
  }
}

async function scan(r: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await r.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Deletes every key under the run's prefix (never anything else; never FLUSH). */
export async function deleteByPrefix(url: string, prefix: string): Promise<void> {
  if (!prefix.startsWith('pgwtest:')) throw new Error('refusing to delete outside a pgwtest: prefix');
  await withRedis(url, async (r) => {
    const keys = await scan(r, prefix);
    for (let i = 0; i < keys.length; i += 500) await r.del(...keys.slice(i, i + 500));
  });
}

/** Every key under the prefix with its raw content (strings, hashes, sets, sorted sets, lists), as latin1 text. */
export async function rawDump(url: string, prefix: string): Promise<{ key: string; type: string; content: string }[]> {
  return withRedis(url, async (r) => {
    const keys = await scan(r, prefix);
    const out: { key: string; type: string; content: string }[] = [];
    for (const key of keys) {
      const type = await r.type(key);
      let parts: Buffer[] = [];
      if (type === 'string') parts = [(await r.getBuffer(key)) ?? Buffer.alloc(0)];
      else if (type === 'hash') parts = await r.hgetallBuffer(key).then((h) => Object.entries(h).flatMap(([k, v]) => [Buffer.from(k), v]));
      else if (type === 'set') parts = await r.smembersBuffer(key);
      else if (type === 'zset') parts = await r.zrangeBuffer(key, 0, -1);
      else if (type === 'list') parts = await r.lrangeBuffer(key, 0, -1);
      // utf8 and latin1 views: a plaintext value would show in one of them
      const content = parts.map((b) => `${b.toString('utf8')}\n${b.toString('latin1')}`).join('\n');
      out.push({ key, type, content });
    }
    return out;
  });
}
