import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const persons = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON').map((f) => text.slice(f.start, f.end));

describe('names in person-typed fields', () => {
  it('the value of a customer/assignee/contact column or key is a person even if the lexicon does not know it', () => {
    expect(persons('id,customer,total\n1,Wakanyi Ondiek,20.00')).toEqual(['Wakanyi Ondiek']);
    expect(persons('id,assignee\n3,Taini Redcloud')).toEqual(['Taini Redcloud']);
    expect(persons('{"full_name": "Ferhat Oztoprak", "plan": "pro"}')).toEqual(['Ferhat Oztoprak']);
    expect(persons('product_name,customer\nSummit Backpack,Ferhat Oztoprak')).toEqual(['Ferhat Oztoprak']);
  });
  it('near misses: products under "name", companies, placeholders', () => {
    expect(persons('name,sku,price\nTrailblazer,TT-2,199.00\nSummit Backpack,SB-1,89.00')).toEqual([]);
    expect(persons('{"name": "Trailblazer", "sku": "TT-2", "price": 199}')).toEqual([]);
    expect(persons('{"city": "N/A", "customer": "Acme Holdings Ltd"}')).toEqual([]);
    expect(persons('{"customer": "Nordwind GmbH"}')).toEqual([]);
    expect(persons('status,assignee\nOpen,Unassigned')).toEqual([]);
  });
});

describe('initials', () => {
  it('"A.B. Smith", "J. R. Okafor"', () => {
    expect(persons('Signed, A.B. Smith')).toEqual(['A.B. Smith']);
    expect(persons('Per J. R. Okafor the refund was approved.')).toEqual(['J. R. Okafor']);
  });
  it('near misses: U.S., P.S.', () => {
    expect(persons('Shipped via U.S. Mail today.')).toEqual([]);
    expect(persons('P.S. Thanks again')).toEqual([]);
  });
});

describe('"Lastname, Firstname"', () => {
  it('a surname, a comma, then a given name', () => {
    expect(persons('Customer: Brzezinski, Tomasz')).toEqual(['Brzezinski, Tomasz']);
    expect(persons('Okafor, Chidi — account 4411 locked.')).toEqual(['Okafor, Chidi']);
    expect(persons('Reviewed by Smith, John')).toEqual(['Smith, John']);
  });
  it('near misses: an address, a greeting, a name then a comma and prose', () => {
    expect(persons('Mark, please see below.')).toEqual([]);
    expect(persons('Paris, France is our HQ.')).toEqual([]);
    expect(persons('Hola, Maria, gracias')).toEqual(['Maria']);
    expect(persons('Anyway, John said hi')).toEqual(['John']);
  });
});

describe('all-caps surnames', () => {
  it('"DUPONT Marie", "NAKAMURA Hiroshi", "Kenji WATANABE"', () => {
    expect(persons('DUPONT Marie called about her invoice.')).toEqual(['DUPONT Marie']);
    expect(persons('Applicant: NAKAMURA Hiroshi, born 1984.')).toEqual(['NAKAMURA Hiroshi']);
    expect(persons('Dear Mr. Kenji WATANABE,')).toEqual(['Kenji WATANABE']);
    expect(persons('Attn: Ana MÜLLER-LÜDENSCHEIDT')).toEqual(['Ana MÜLLER-LÜDENSCHEIDT']);
    expect(persons('From: GARCIA LOPEZ Maria <m@x.es>')).toEqual(['GARCIA LOPEZ Maria']);
    expect(persons('Best regards,\nVAN DER BERG Pieter\nSupport Lead')).toEqual(['VAN DER BERG Pieter']);
  });
  it('near misses: acronyms and shouting', () => {
    expect(persons('We ship to the USA and UK only. Contact API support.')).toEqual([]);
    expect(persons('Sent the PDF Maria asked for')).toEqual(['Maria']);
    expect(persons('URGENT Maria please call')).toEqual(['Maria']);
    expect(persons('PLEASE CALL MARIA NOW')).toEqual([]);
    expect(persons('PLEASE CALL THE OFFICE Maria')).toEqual(['Maria']);
  });
});

describe('Vietnamese names (family, van/thi, given)', () => {
  it('lower case, capitalised, with diacritics, family name in caps', () => {
    expect(persons('Spoke with nguyen van an about the outage.')).toEqual(['nguyen van an']);
    expect(persons('customer tran thi mai wants a refund')).toEqual(['tran thi mai']);
    expect(persons('Trần Thị Thu Hà called')).toEqual(['Trần Thị Thu Hà']);
    expect(persons('NGUYEN Van An')).toEqual(['NGUYEN Van An']);
  });
  it('near misses: "van" as a word', () => {
    expect(persons('we do van rentals on weekends')).toEqual([]);
    expect(persons('the le van blanc is parked')).toEqual([]);
    expect(persons('ho van the driver took')).toEqual([]);
  });
});

describe('other mentions of a name found', () => {
  it('each word of a name, lower case, minus an "\'s", wherever else it stands alone', () => {
    expect(persons("Spoke with Priya Raman's manager; later priya called back and raman said ok.")).toEqual(['Priya Raman', 'priya', 'raman']);
    expect(persons("Mr. Yusuf Bello'S order: bello paid.")).toEqual(['Yusuf Bello', 'bello']);
    expect(persons('Dear Ms. Okonkwo-Adeyemi, your refund is ready. okonkwo-adeyemi will get a mail.')).toEqual(['Okonkwo-Adeyemi', 'okonkwo-adeyemi']);
    // (letters beyond ASCII)
    expect(persons('Spoke with Chloé Dubois today. chloé and dubois both confirmed.')).toEqual(['Chloé Dubois', 'chloé', 'dubois']);
  });
  it('not a word that is also an ordinary word, an ambiguous name or a place', () => {
    expect(persons('Ask Grace Okafor. grace will know, okafor too.')).toEqual(['Grace Okafor', 'okafor']);
  });
});

describe('everyday words, speaker labels and form keys are no names', () => {
  const people = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON').map((f) => text.slice(f.start, f.end));
  it('an everyday English word opening a line or after a label', () => {
    expect(people('Payments: the March run failed.\nIntake date: February 3')).toEqual([]);
    expect(people('March 4, 2025\n\nTo: Mortgage Underwriting\nRe: Employment verification')).toEqual([]);
  });
  it('what a speaker says after the label; a form key after a title; a particle alone', () => {
    expect(people('[19:11] Customer: Theek hai. And please note my alternate number')).toEqual([]);
    expect(people('1. Title: Mr    Surname: Kiprotich    Other names: Emmanuel Kipchumba')).toEqual(['Emmanuel Kipchumba']);
    expect(people('Von: Friederike von Allmen <f.vonallmen@web.de>\nGesendet: Mittwoch')).toEqual(['Friederike von Allmen']);
  });
  it('near misses: an everyday word after a given name, a person field of everyday words, a requester', () => {
    expect(people('Ask Grace Hopper about it.')).toEqual(['Grace Hopper']);
    expect(people('{"customer_name": "Valor Stone", "sku": "X1"}')).toEqual(['Valor Stone']);
    expect(people('Requester: Okonkwo\nStatus: open')).toEqual(['Okonkwo']);
  });
  it("a name that is also a word, then a word no name list holds, is a product's or a colour's name unless a cue says person", () => {
    expect(people('Spring colour card:\n- Rose Quartz (RQ-112): soft pink\n- Jade Mist (JM-408): pale green')).toEqual([]);
    expect(people('The Joy blender range: Joy Compact (600 W), and the new Faith Shield.')).toEqual([]);
    expect(people('Please ask Grace Hopper. Thanks, Penny Copper')).toEqual(['Grace Hopper', 'Penny Copper']);
    expect(people('Spoke with Grace Okafor and Faith Hill.')).toEqual(['Grace Okafor', 'Faith Hill']);
  });
  it("an everyday word right after one's relative is a name, with the name words after it; a title there is not", () => {
    expect(people('pls help my son Gift Mensah cannot access his portal')).toEqual(['Gift Mensah']);
    expect(people('Her brother Finn (Year 4) will come.')).toEqual(['Finn']);
    expect(people('Wir bitten, unseren Sohn Emir zu unterstützen.')).toEqual(['Emir']);
    expect(people('for my mother, Mrs. Indira Persaud, is held')).toEqual(['Indira Persaud']);
    expect(people('I paid with my husband Visa card.')).toEqual([]);
    expect(people('Please remove my ex Hunter from the family plan.')).toEqual(['Hunter']);
  });
  it("the value of a role's field, all of words no list knows, ending the field", () => {
    expect(people('Клиент: Жақсылықова Айгерім Нұрланқызы, ИИН 920315450215')).toEqual(['Жақсылықова Айгерім Нұрланқызы']);
    expect(people('Order 5521. Менеджер: Ерлан Беков.')).toEqual(['Ерлан Беков']);
    expect(people('Customer: Ngl Tbh the app keeps crashing')).toEqual([]);
  });
  it('titles of Swahili, Amharic, Tagalog, Greek, Russian and Hindi are outside the name; the name keys of Czech, Baltic, Slavic and Greek forms', () => {
    expect(people('Habari Bw. Mwinyi, mzigo wako umefika')).toEqual(['Mwinyi']);
    expect(people('Call note — caller: Ato Abebe Kebede (wrote his name)')).toEqual(['Abebe Kebede']);
    expect(people('Καλημέρα κύριε Κωνσταντινίδη. Σε ποιο τηλέφωνο')).toEqual(['Κωνσταντινίδη']);
    expect(people('Příjmení: Horáková\nJméno: Petra')).toEqual(['Horáková', 'Petra']);
    expect(people('Фамилия: Жақсылықова\nИмя: Айгерім')).toEqual(['Жақсылықова', 'Айгерім']);
  });
  it("a name that is also a word, before a possessive of what only a person has ('Rose's mobile', 'Summer's mum')", () => {
    expect(people("Follow up with Carol Diaz. Rose's mobile is (312) 709-6624.")).toEqual(['Carol Diaz', 'Rose']);
    expect(people("Best wishes,\nAmber Chase (Summer's mum)")).toEqual(['Amber Chase', 'Summer']);
    expect(people("The Rose's garden was lovely.")).toEqual([]);
    expect(people('Second referee (Mark, peer) did not reply. The (Will, testament) clause.')).toEqual(['Mark']);
  });
  it('a list of people: two capitalised words beside listed names are a name too; not places in a list', () => {
    expect(people('Katılımcılar: Ayşe Şahin, Elif Yılmaz, Can Öztürk\n- Müşteri tarafında')).toEqual(['Ayşe Şahin', 'Elif Yılmaz', 'Can Öztürk']);
    expect(people('We ship to Paris, London and Berlin. Sarah Chen and Tom Baker approved.')).toEqual(['Sarah Chen', 'Tom Baker']);
  });
  it("a company's name before a Norwegian, Turkish or cooperative suffix is no person", () => {
    expect(people('To: Halvorsen Marine AS (Org.nr 998 114 207)')).toEqual([]);
    expect(people('Satıcı: Mavi Elektronik A.Ş. — VKN 123')).toEqual([]);
  });
  it('the name that opens an action item of meeting notes, also a word-name; not a month heading a list', () => {
    expect(people('Action items:\n- June to send the revised terms by Friday.\n- Precious: chase the signed copy\n- May: no meeting\n• Hope will call back')).toEqual(['June', 'Precious', 'Hope']);
  });
  it("near misses: a YAML list's step name, a pronoun after a speaker's label, a Portuguese doctor's title", () => {
    expect(people('steps:\n  - name: Notify\n    env:\n      X: 1')).toEqual([]);
    expect(people('CALLER: It\'s Grace, Grace Pemberton.')).toEqual(['Grace', 'Grace Pemberton']);
    expect(people('Exma. Sra. Dra. Helena Magalhães,')).toEqual(['Helena Magalhães']);
  });
  it('after a greeting, one everyday word alone before a comma is the greeted name; not a team, a role or an office', () => {
    expect(people('Hi Hung,\nwe charged US$ 480.00 to your card')).toEqual(['Hung']);
    expect(people('Hi team, the build failed.\nDear Customer,\nHi Payroll, my W-2 is wrong.\nDear Headmistress,\nHello again!')).toEqual([]);
  });
});

describe('a name that is also a word, in lower case in a text with capitals, is the word', () => {
  it('is not another mention of the name', () => {
    expect(persons('Customer: Amber Whitfield\nShe wants the sky blue one instead of the amber colour.')).toEqual(['Amber Whitfield']);
    expect(persons('Hi, Will Turner here. We will need the credit note.')).toEqual(['Will Turner']);
  });
});
