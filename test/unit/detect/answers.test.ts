import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const found = (text: string): string[] => detector.detect(text).filter((f) => f.type !== 'PERSON' && f.type !== 'LOCATION').map((f) => `${f.type}:${text.slice(f.start, f.end)}`);

describe('a transcript: the answer to a question for an address, a birth date or a phone number', () => {
  it('reads the next speaker\'s turn as the value asked for, in any language, in words', () => {
    expect(found('Agent: und die adresse\nAnrufer: lindenstraße zwölf a neun null vier eins eins nürnberg\nAgent: danke')).toEqual(['STREET_ADDRESS:lindenstraße zwölf a neun null vier eins eins nürnberg']);
    expect(
      found(
        "conseiller: et votre date de naissance s'il vous plaît\nappelante: le vingt-neuf janvier quatre-vingt-sept\nconseiller: un numéro pour vous joindre\nappelante: zéro six douze quarante-huit soixante-treize quatre-vingt-quinze",
      ),
    ).toEqual(['DATE_OF_BIRTH:vingt-neuf janvier quatre-vingt-sept', 'PHONE:zéro six douze quarante-huit soixante-treize quatre-vingt-quinze']);
    expect(found('ejecutiva: para verificar su identidad me da su fecha de nacimiento\ncliente: diecisiete de agosto del ochenta y dos\nejecutiva: gracias')).toEqual(['DATE_OF_BIRTH:diecisiete de agosto del ochenta y dos']);
    expect(found("[00:00:15] agent: can i take the first line of the address and the postcode please\n[00:00:19] caller: it's twenty two rose hill road bristol b s four seven e h")).toEqual([
      'STREET_ADDRESS:twenty two rose hill road bristol b s four seven e h',
    ]);
    expect(found('agent: and a callback number in case we get disconnected\ncaller: seven one nine four four eight 2 0 6 1')).toEqual(['PHONE:seven one nine four four eight 2 0 6 1']);
  });
  it('an address after the name starts at the part with a number', () => {
    expect(found('Agent: and the delivery address?\nCustomer: Thandiwe Mokoena, 45 Jan Smuts Avenue, Rosebank')).toEqual(['STREET_ADDRESS:45 Jan Smuts Avenue, Rosebank']);
  });
  it('near misses: no number in the answer, another kind of number, a form\'s fields, the same speaker', () => {
    expect(found("agent: what's the address\ncaller: sorry can you repeat that")).toEqual([]);
    expect(found('agent: and your order number\ncaller: seven one nine four four eight 2 0 6 1')).toEqual([]);
    expect(found('Phone: ask at the desk\nSummary: 3 unrecognised debits on 21 Jul at an online merchant')).toEqual([]);
    expect(found('agent: we sent a code to that address\nuser: got it 481 902')).toEqual([]);
    expect(found('agent: what is your date of birth\nagent: twelve is the number of the room')).toEqual([]);
  });
});
