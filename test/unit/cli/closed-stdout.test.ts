/**
 * The security team's CLIs piped into a reader that stops early (`npm run audit -- report log | head`): the
 * closed pipe ended each of them with an unhandled EPIPE, a stack trace on stderr and exit 1 (probe 5).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs a CLI whose stdout is closed before it writes; returns its exit code and stderr. */
function runWithClosedStdout(args: string[], stdin = ''): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first write
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr += d));
    child.stdin.end(stdin);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('CLIs with a closed stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgw-cli-'));
  const log = join(dir, 'audit.log');
  writeFileSync(log, '');

  it.each([
    ['policy check', ['src/cli/policy.ts', 'check', 'config/policy.yaml'], ''],
    ['redact', ['src/cli/redact.ts', '--policy', 'config/policy.yaml'], 'Call Jane Doe at jane.doe@example.org\n'],
    ['audit report', ['src/cli/audit.ts', 'report', log], ''],
  ])('%s ends quietly with 0', async (_name, args, stdin) => {
    const r = await runWithClosedStdout(args, stdin);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|    at /);
    expect(r.code).toBe(0);
  });
});
