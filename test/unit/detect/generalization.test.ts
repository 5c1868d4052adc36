import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const persons = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON' && f.confidence >= 0.5).map((f) => text.slice(f.start, f.end));

describe('per-culture name lexicon', () => {
  it('finds names from many cultures with a weak cue or none', () => {
    expect(persons('I forwarded it to Oluwaseun Bakare yesterday.')).toContain('Oluwaseun Bakare');
    expect(persons('The refund was approved for Wojciech Zieliński.')).toContain('Wojciech Zieliński');
    expect(persons('thanks wojtek')).toContain('wojtek');
    expect(persons('Spoke with Dimitra Papadopoulou about the plan.')).toContain('Dimitra Papadopoulou');
  });
  it('does not turn ordinary words into names', () => {
    expect(persons('Long press the Park button to pair the device.')).toEqual([]);
    expect(persons('We can ship per pallet.')).toEqual([]);
  });
});
