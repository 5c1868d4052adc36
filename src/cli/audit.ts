#!/usr/bin/env node
/**
 * `audit verify FILE [--key-file F] [--partial]`: checks the hash chains (AUDIT_KEY or AUDIT_KEY_FILE
 * from the environment when no --key-file). Prints OK with counts, or the first broken record, exit 1.
 * `audit report FILE... [--json]`: KPIs over audit records, as tables or JSON.
 * A thin shell over audit/chain.ts and audit/report.ts.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier } from '../audit/chain.js';
import { buildReport, formatReport } from '../audit/report.js';
import { exitQuietlyOnClosedStdout } from './stdout.js';

exitQuietlyOnClosedStdout();

const USAGE = `usage:
  audit verify FILE [--key-file F] [--partial]   check the audit hash chain (key: --key-file, AUDIT_KEY or AUDIT_KEY_FILE)
  audit report FILE... [--json]                  KPIs: requests, decisions, statuses, values by type, auth failures, latency
  FILE may be - for stdin`;

class UsageError extends Error {}

async function* linesOf(file: string): AsyncGenerator<string> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

function decodeKey(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < 16) throw new UsageError(`${from}: expected base64 of at least 16 bytes`);
  return key;
}

function keyFrom(keyFile: string | undefined, env: NodeJS.ProcessEnv): Buffer | undefined {
  if (keyFile !== undefined) return decodeKey(readFileSync(keyFile, 'utf8'), '--key-file');
  const inline = env['AUDIT_KEY'];
  if (inline !== undefined && inline !== '') return decodeKey(inline, 'AUDIT_KEY');
  const file = env['AUDIT_KEY_FILE'];
  if (file !== undefined && file !== '') return decodeKey(readFileSync(file, 'utf8'), 'AUDIT_KEY_FILE');
  return undefined;
}

async function verify(args: string[]): Promise<number> {
  let keyFile: string | undefined;
  let partial = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--key-file') {
      keyFile = args[++i];
      if (keyFile === undefined) throw new UsageError('--key-file needs a file');
    } else if (a === '--partial') partial = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  const file = files[0];
  if (file === undefined || files.length > 1) throw new UsageError('verify takes one FILE');
  const key = keyFrom(keyFile, process.env);
  const v = new ChainVerifier(key, { allowPartial: partial });
  for await (const line of linesOf(file)) if (!v.push(line)) break;
  const r = v.result();
  const mode = key ? 'HMAC-SHA256' : 'SHA-256';
  if (r.ok) {
    process.stdout.write(`OK: ${r.records} records in ${r.runs} run(s) verified (${mode}); ${r.skipped} other line(s) skipped\n`);
    process.stdout.write('note: a removed tail of a run cannot be detected without an external anchor\n');
    return 0;
  }
  const b = r.firstBroken;
  process.stdout.write(`BROKEN: line ${b?.line ?? '?'}${b?.id ? ` (record ${b.id})` : ''}: ${b?.reason ?? 'unknown'} (${mode}; ${r.records} records checked)\n`);
  if (b?.reason === 'bad_hash' && r.records === 1) process.stdout.write('hint: every hash failing from the first record usually means a wrong or missing AUDIT_KEY\n');
  return 1;
}

async function report(args: string[]): Promise<number> {
  let json = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '--json') json = true;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError('report needs at least one FILE');
  const lines: string[] = [];
  for (const f of files) for await (const line of linesOf(f)) lines.push(line);
  const r = buildReport(lines);
  process.stdout.write(json ? `${JSON.stringify(r, null, 2)}\n` : formatReport(r));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'verify':
        return await verify(rest);
      case 'report':
        return await report(rest);
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(cmd === undefined ? 'missing command' : `unknown command ${cmd}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`audit: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    const code = (err as { code?: unknown } | null)?.code;
    process.stderr.write(`audit: ${typeof code === 'string' ? code : 'error'}: ${err instanceof Error ? err.message : 'failed'}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
