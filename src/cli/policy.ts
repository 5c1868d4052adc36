#!/usr/bin/env node
/**
 * `policy check FILE`: validates a policy YAML. On success prints the effective policy for the
 * defaults and for each tenant in the file; on failure prints every problem as `file:line:col: ...`
 * and exits 1.
 */
import { readFileSync } from 'node:fs';
import { loadPolicy, PolicyError } from '../policy/load.js';
import { effectivePolicySummary, policyTenants } from '../policy/resolve.js';
import { exitQuietlyOnClosedStdout } from './stdout.js';

exitQuietlyOnClosedStdout();

const USAGE = 'usage: policy check FILE';

function main(argv: readonly string[]): number {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'check' || file === undefined || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : 'error';
    process.stderr.write(`${file}: cannot read (${code})\n`);
    return 1;
  }
  try {
    const policy = loadPolicy(text, file);
    const tenants = policyTenants(policy);
    const sections = [
      `${file}: OK (version ${policy.version}; ${tenants.length} tenant${tenants.length === 1 ? '' : 's'})`,
      effectivePolicySummary(policy, '*').replace(/^tenant \* \(not in the file: defaults\)/, 'defaults (any tenant not listed)'),
      ...tenants.map((t) => effectivePolicySummary(policy, t)),
    ];
    process.stdout.write(`${sections.join('\n\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof PolicyError) {
      process.stderr.write(`${e.message}\n${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} in ${file}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
