import { BoundedMap } from '../bounded-map.js';
import { createDetector } from '../detect/detect.js';
import type { Detector } from '../detect/types.js';
import type { EffectivePolicy } from '../policy/types.js';

/**
 * Compiled detectors by the policy's detectorKey (the same key means the same detector
 * configuration), bounded: the oldest compiled one is dropped first.
 */
export function compiledDetectors(max: number): (policy: EffectivePolicy) => Detector {
  const compiled = new BoundedMap<string, Detector>(max);
  return (policy) => {
    let d = compiled.get(policy.detectorKey);
    if (d === undefined) {
      d = createDetector(policy.detector);
      compiled.set(policy.detectorKey, d);
    }
    return d;
  };
}
