/**
 * Worker-thread entry: runs anonymize() and the response scan for large texts off the main event loop,
 * so detecting a megabyte of text does not stall other requests' streams. Detectors are compiled once
 * per detectorKey.
 */
import { parentPort } from 'node:worker_threads';
import { anonymize, type AnonymizeInput } from '../anonymize/anonymize.js';
import { countResponseFindings } from '../anonymize/response-scan.js';
import { compiledDetectors } from '../anonymize/compiled-detectors.js';
import { createDetector, DEFAULT_DETECTOR_CONFIG } from '../detect/detect.js';
import { isGatewayError } from '../errors.js';
import type { EffectivePolicy } from '../policy/types.js';
import { warmUp } from './warm-up.js';

export type AnonymizeJob = Omit<AnonymizeInput, 'detector' | 'detectCache' | 'tenantKey'> & { tenantKey: Uint8Array };
export interface ScanJob {
  readonly policy: EffectivePolicy;
  readonly texts: readonly string[];
  readonly fromPrompt: ReadonlySet<string>;
}
export type Job = { id: number; kind: 'anonymize'; input: AnonymizeJob } | { id: number; kind: 'scan'; input: ScanJob };

const detectorFor = compiledDetectors(64);
// before the first job: a cold worker would detect a large body several times slower
warmUp(createDetector(DEFAULT_DETECTOR_CONFIG));

parentPort?.on('message', (job: Job) => {
  try {
    const result =
      job.kind === 'anonymize'
        ? anonymize({ ...job.input, tenantKey: Buffer.from(job.input.tenantKey), detector: detectorFor(job.input.policy) })
        : countResponseFindings(detectorFor(job.input.policy), job.input.texts, job.input.policy, job.input.fromPrompt);
    parentPort?.postMessage({ id: job.id, ok: true, result });
  } catch (err) {
    // only the stable code crosses back: messages stay fixed, never request text
    parentPort?.postMessage({ id: job.id, ok: false, code: isGatewayError(err) ? err.code : 'GW_ERR_INTERNAL' });
  }
});
