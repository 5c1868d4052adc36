import nlp from 'compromise';
import { describe, expect, it } from 'vitest';
import { compromisePerson } from '../../../src/detect/nlp-person.js';

/** The staged compromise question must answer exactly as the plain nlp() call it replaces. */
function plain(window: string): boolean {
  const terms = nlp(window).terms();
  return terms.eq(0).has('#Person') && terms.eq(1).has('#Verb') && !terms.eq(1).has('#Modal');
}

const WINDOWS = [
  'Will said no',
  'Will you help me',
  'Grace called me yesterday',
  "Grace's going to call",
  'May I ask about the refund',
  'Bill sent it',
  'Mark the order as urgent',
  'Jean left early',
  'Faith van Dijk called',
  'Hope this helps',
  'Summer sale ends soon',
  'John Smith wrote',
  'Price $421 for the upgrade',
  'King Charles visited',
  'Frank answered the phone',
  'Rose replied within an hour',
  'Art is subjective',
  'Dawn broke',
  'Sue filed a complaint',
  'Max speed is limited',
  // settled before compromise: the second word cannot be a verb
  'Will the order ship',
  'Price USD 129',
  'Price €69,39 incl. VAT',
  'Grace, you were right',
  'May the refund arrive',
  'Hope you are well',
  'Faith it works',
  // not settled there: a contraction, a verb
  "Will you're late",
  'Will sent the order',
];

describe('compromisePerson', () => {
  it('answers as nlp() does', () => {
    for (const w of WINDOWS) expect([w, compromisePerson(w)]).toEqual([w, plain(w)]);
  });
  it('says yes for a person who does something at the start of a sentence', () => {
    expect(WINDOWS.some((w) => compromisePerson(w))).toBe(true);
    expect(compromisePerson('Mark the order as urgent')).toBe(false);
  });
});
