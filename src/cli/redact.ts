#!/usr/bin/env node
/**
 * `redact --policy FILE [--tenant T] [--route chat] [--model M]`: reads text on stdin, applies the
 * policy as the gateway would for that tenant, route and model, and prints the redacted text, then a
 * JSON list of findings (type, start, end, confidence, recognizer, action; never the values).
 * Tokens are minted with a random key: they are illustrative and differ on every run.
 * Exit codes: 0 done, 1 invalid policy, 2 usage, 3 the text holds a type the policy blocks.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDetector } from '../detect/detect.js';
import { loadPolicy, PolicyError, type Policy } from '../policy/load.js';
import { resolvePolicy } from '../policy/resolve.js';
import type { RouteKind } from '../policy/types.js';
import { applyActions } from '../tokenize/apply.js';
import { deriveTenantTokenKey, formatToken, tokenId } from '../tokenize/token.js';
import { exitQuietlyOnClosedStdout } from './stdout.js';

exitQuietlyOnClosedStdout();

const USAGE = 'usage: redact --policy FILE [--tenant T] [--route chat|completions|embeddings|responses] [--model M] < text';
const ROUTES: readonly RouteKind[] = ['chat', 'completions', 'embeddings', 'responses'];

function isRoute(s: string): s is RouteKind {
  return (ROUTES as readonly string[]).includes(s);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let values: { policy?: string | undefined; tenant?: string | undefined; route?: string | undefined; model?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: {
        policy: { type: 'string' },
        tenant: { type: 'string' },
        route: { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const file = values.policy;
  const route = values.route ?? 'chat';
  if (file === undefined || !isRoute(route)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const tenant = values.tenant ?? 'default';

  let policy: Policy;
  try {
    policy = loadPolicy(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof PolicyError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : 'error';
    process.stderr.write(`${file}: cannot read (${code})\n`);
    return 1;
  }

  const effective = resolvePolicy(policy, tenant, route, values.model);
  const text = await readStdin();
  const findings = createDetector(effective.detector).detect(text);
  const key = deriveTenantTokenKey(randomBytes(32), tenant);
  const result = applyActions(text, findings, effective.entities, (type, value) => formatToken(type, tokenId(key, type, value)));

  const actionAt = new Map(result.applied.map((a) => [`${a.start}:${a.end}`, a.action]));
  const report = findings.map((f) => ({
    type: f.type,
    start: f.start,
    end: f.end,
    confidence: f.confidence,
    recognizer: f.recognizer,
    action: actionAt.get(`${f.start}:${f.end}`) ?? 'skipped',
  }));

  process.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

  const notes = [`policy ${policy.version}, tenant ${tenant}, route ${route}${values.model ? `, model ${values.model}` : ''}`];
  notes.push('tokens are illustrative: minted with a random key, they differ on every run and from the gateway');
  if (effective.shadow) notes.push('shadow mode is on for this tenant/route: the gateway would forward the text unchanged');
  if (values.model !== undefined && !effective.modelAllowed) notes.push('this model is not allowed for the tenant: the gateway would refuse (403 model_not_allowed)');
  const blocked = [...new Set(result.applied.filter((a) => a.action === 'block').map((a) => a.type))];
  if (blocked.length > 0) notes.push(`blocked types found (${blocked.join(', ')}): the gateway would refuse this request (400 pii_blocked)`);
  process.stderr.write(notes.map((n) => `note: ${n}\n`).join(''));
  return blocked.length > 0 ? 3 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`redact failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
