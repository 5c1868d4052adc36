/**
 * Fail closed without hanging: a worker that exits without an 'error' event (process.exit in a
 * dependency, a terminate) must reject the jobs it held, so the request gets a 500 instead of hanging
 * until the caller gives up; the next job gets a fresh worker.
 */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../src/errors.js';
import { createAnonymizePool } from '../../../src/offload/anonymize-pool.js';
import type { ScanJob } from '../../../src/offload/anonymize-worker.js';
import { makePolicy } from '../anonymize/fixtures.js';

describe('anonymize pool', () => {
  it('rejects the pending jobs of a worker that exits', async () => {
    const pool = createAnonymizePool(1, new URL('./exiting-worker.mjs', import.meta.url));
    // a valid job (a healthy worker answers it): only the worker's exit can make it fail
    const job: ScanJob = { policy: makePolicy(), texts: [], fromPrompt: new Set<string>() };
    try {
      const outcome = await Promise.race([pool.scan(job).then(() => 'resolved', (e: unknown) => e), new Promise((r) => setTimeout(() => r('hung'), 3000))]);
      expect(outcome).toBeInstanceOf(GatewayError);
      const again = await Promise.race([pool.scan(job).then(() => 'resolved', (e: unknown) => e), new Promise((r) => setTimeout(() => r('hung'), 3000))]);
      expect(again).toBeInstanceOf(GatewayError);
    } finally {
      await pool.close();
    }
  });
});
