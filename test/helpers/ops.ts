import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import type { AuditRecord } from '../../src/audit/record.js';
import { AUDIENCE, ISSUER, type TestKeys } from './jwt.js';

/**
 * Shared bits of the operations tests (test/integration/ops-*.test.ts): a per-run Redis key prefix
 * and its cleanup, a vault key, temporary policy and audit files, audit record reading, HTTP helpers.
 */

export interface OpsRun {
  readonly prefix: string;
  readonly vaultKey: string;
  readonly dir: string;
  readonly auditFile: (name: string) => string;
  /** deletes every key under the prefix (never anything else) and disconnects */
  cleanup(): Promise<void>;
}

export function opsRun(redisUrl: string): OpsRun {
  const prefix = `pgwtest:${randomUUID()}:`;
  const dir = mkdtempSync(join(tmpdir(), 'pgw-ops-'));
  return {
    prefix,
    vaultKey: randomBytes(32).toString('base64'),
    dir,
    auditFile: (name) => join(dir, `${name}.audit.jsonl`),
    async cleanup() {
      const r = new Redis(redisUrl);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await r.del(...keys);
        } while (cursor !== '0');
      } finally {
        r.disconnect();
      }
    },
  };
}

/** The default policy (config/policy.yaml) with `tenants:` replaced by the given YAML block, in a temp file. */
export function policyFile(dir: string, tenantsYaml: string, extraTop = ''): string {
  const base = readFileSync('config/policy.yaml', 'utf8');
  if (!/^tenants: \{\}\s*$/m.test(base)) throw new Error('config/policy.yaml: expected a top-level "tenants: {}" line');
  const text = base.replace(/^tenants: \{\}\s*$/m, `tenants:\n${tenantsYaml}\n${extraTop}`);
  const file = join(dir, `policy-${randomUUID().slice(0, 8)}.yaml`);
  writeFileSync(file, text);
  return file;
}

export function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

export function readAudit(file: string): AuditRecord[] {
  return readLines(file).map((l) => JSON.parse(l) as AuditRecord);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls the audit file (the sink flushes at least every 250 ms) until `pred` holds for the records. */
export async function waitForAudit(file: string, pred: (records: AuditRecord[]) => boolean, limitMs = 3000): Promise<AuditRecord[]> {
  const start = Date.now();
  for (;;) {
    const recs = readAudit(file);
    if (pred(recs)) return recs;
    if (Date.now() - start > limitMs) throw new Error(`audit: condition not met within ${limitMs} ms (${recs.length} records)`);
    await sleep(50);
  }
}

/** Waits until `check` holds, polling every 20 ms; returns the ms it took, or throws after `limitMs`. */
export async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > limitMs) throw new Error(`not seen within ${limitMs} ms`);
    await sleep(20);
  }
  return Date.now() - start;
}

export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = { error?: { message: string; type: string; code: string } }>(): T;
}

export async function send(base: string, method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const h: Record<string, string> = { ...headers };
  if (token !== undefined) h['authorization'] = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(`${base}${path}`, { method, headers: h, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: <T>() => JSON.parse(text) as T };
}

export function chatBody(content: string, model = 'gpt-4o-mini', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model, messages: [{ role: 'user', content }], ...extra };
}

/** `[TYPE_id]` and bare `TYPE_id` tokens in a text (the gateway's token forms). */
export function mintedTokens(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\[([A-Z][A-Z0-9_]*?)_([0-9a-z]{13})\]/g)) {
    out.add(m[0]);
    out.add(`${m[1]}_${m[2]}`);
  }
  return [...out];
}

export interface OpsTokenOptions {
  tenant?: string;
  sub?: string;
  scope?: string;
  clientId?: string;
  jti?: string;
  expiresIn?: string;
}

/** An RS256 token like helpers/jwt.ts signToken, plus a client_id claim. */
export async function opsToken(keys: TestKeys, o: OpsTokenOptions = {}): Promise<string> {
  return new SignJWT({ tenant: o.tenant ?? 'acme', scope: o.scope ?? 'llm:chat llm:embed', ...(o.clientId ? { client_id: o.clientId } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(o.sub ?? 'user-1')
    .setJti(o.jti ?? randomUUID())
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '10m')
    .sign(keys.privateKey);
}

/** Waits until the gateway answers /readyz with 200 (shared store connected): what a load balancer waits for. */
export async function ready(url: string, limitMs = 5000): Promise<void> {
  await within(limitMs, async () => (await fetch(`${url}/readyz`)).status === 200);
}
