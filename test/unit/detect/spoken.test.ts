import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const found = (text: string): Array<[string, string]> => detector.detect(text).map((f) => [f.type, text.slice(f.start, f.end)]);

describe('numbers and dates spelled out in a call transcript', () => {
  it('phone numbers: with a cue, or ten digits and more, or an international "plus"', () => {
    expect(found('agent sure sir which number\ncaller nine eight two zero one four seven seven three six')).toContainEqual(['PHONE', 'nine eight two zero one four seven seven three six']);
    expect(found('caller uh mobile oh four one two three eight seven five five zero')).toContainEqual(['PHONE', 'oh four one two three eight seven five five zero']);
    expect(found('it is plus three five one nine one two four four seven three zero eight')).toContainEqual(['PHONE', 'plus three five one nine one two four four seven three zero eight']);
    expect(found('CALLER: zero eight two, four four one, nine zero three seven')).toContainEqual(['PHONE', 'zero eight two, four four one, nine zero three seven']);
    expect(found('un número de contacto\ncliente nueve seis dos cuatro uno ocho siete tres cero')).toContainEqual(['PHONE', 'nueve seis dos cuatro uno ocho siete tres cero']);
    expect(found('call me on seven double five one two nine three')).toContainEqual(['PHONE', 'seven double five one two nine three']);
  });
  it('a social security number after its cue (valid by the SSA rules)', () => {
    expect(found('caller his social is five one nine four eight three two zero seven')).toContainEqual(['US_SSN', 'five one nine four eight three two zero seven']);
    // area 666 is never issued: not an SSN (nor a phone, nine digits after no phone cue)
    expect(found('caller his social is six six six four eight three two zero seven').map(([t]) => t)).not.toContain('US_SSN');
  });
  it('birth dates after a birth cue', () => {
    expect(found('agent and your date of birth\ncaller fourteenth of february nineteen ninety')).toContainEqual(['DATE_OF_BIRTH', 'fourteenth of february nineteen ninety']);
    expect(found('his date of birth\ncaller april second nineteen fifty one')).toContainEqual(['DATE_OF_BIRTH', 'april second nineteen fifty one']);
    expect(found('and your date of birth\ncaller third of the sixth eighty seven')).toContainEqual(['DATE_OF_BIRTH', 'third of the sixth eighty seven']);
    expect(found('the parcel arrives on the fourteenth of february twenty twenty five').map(([t]) => t)).not.toContain('DATE_OF_BIRTH');
  });
  it('near misses: other numbers, counts and short runs', () => {
    const types = (t: string): string[] => found(t).map(([type]) => type);
    expect(types('what is the meter number\ncaller zero four one seven two two nine three one eight eight five')).not.toContain('PHONE');
    expect(types('me indica el número de seguimiento\ncliente ce ele cuatro cuatro uno ocho dos dos nueve')).not.toContain('PHONE');
    expect(types('one one one one one one one one')).not.toContain('PHONE');
    expect(types('we have one two three four five six seven')).not.toContain('PHONE');
    expect(types('pick two or three of the four five-star hotels')).not.toContain('PHONE');
  });
});
