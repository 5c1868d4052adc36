import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const places = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'LOCATION').map((f) => text.slice(f.start, f.end));

describe('places in lower-case text', () => {
  it('a listed place after a place preposition', () => {
    expect(places("agent: i'm sorry the flight to cebu tomorrow was cancelled")).toEqual(['cebu']);
    expect(places('caller: she scraped the bumper in a car park in rotorua')).toEqual(['rotorua']);
    expect(places('de bus vertrekt vanaf het station in zwolle')).toEqual(['zwolle']);
    expect(places('cancelling my membership at the kitchener location')).toEqual(['kitchener']);
  });
  it('near misses: places that are ordinary words or names', () => {
    expect(places('i live in reading and we go to nice restaurants')).toEqual([]);
    expect(places('i sent it to jordan yesterday')).toEqual([]);
  });
});
