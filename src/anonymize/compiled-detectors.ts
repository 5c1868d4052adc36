import { createDetector } from '../detect/detect.js';
import type { Detector } from '../detect/types.js';
import type { EffectivePolicy } from '../policy/types.js';

/**
 * Compiled detectors by the policy's detectorKey (the same key means the same detector
 * configuration), bounded: the oldest compiled one is dropped first.
 */
export function compiledDetectors(max: number): (policy: EffectivePolicy) => Detector {
  const compiled = new Map<string, Detector>();
  return (policy) => {
    let d = compiled.get(policy.detectorKey);
    if (d === undefined) {
      d = createDetector(policy.detector);
      if (compiled.size >= max) compiled.delete(compiled.keys().next().value as string);
      compiled.set(policy.detectorKey, d);
    }
    return d;
  };
}
