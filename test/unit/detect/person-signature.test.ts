import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const people = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PERSON').map((f) => text.slice(f.start, f.end));

describe('names: the line under a sign-off', () => {
  it('signs the message, also in words that are ordinary words or no list knows', () => {
    expect(people('my mobile is 0481 330 692.\n\nThank you very much,\nThu Hà')).toEqual(['Thu Hà']);
    expect(people('Telefoon: 050-3127845\n\nHartelijke groet,\nMien de Graaf')).toEqual(['Mien de Graaf']);
    expect(people('I can give you access.\n> Kind regards,\n> Priyanka Solanki\n> Property Manager | Northgate Residential')).toEqual(['Priyanka Solanki']);
    expect(people('Mit freundlichen Grüßen\nCan Özdemir')).toEqual(['Can Özdemir']);
    expect(people('Best,\nJames Wu\nSenior Engineer')).toEqual(['James Wu']);
  });
  it('not a team or a company, nor a line that ends in an ordinary word, nor a line without a sign-off above', () => {
    expect(people('Thanks,\nAcme Billing Team')).not.toContain('Acme Billing Team');
    expect(people('Kind regards,\nThe Support Desk')).toEqual([]);
    expect(people('Warm wishes,\nCustomer Care')).toEqual([]);
    expect(people('Mit freundlichen Grüßen\nIhre Buchhaltung')).toEqual([]);
    expect(people('The parcel left the depot.\nMien Graaf')).toEqual([]);
  });
});

describe('names in lower case in transcripts', () => {
  it('after the cues of other languages, spoken titles and a speaker word', () => {
    expect(people('ejecutiva: seguros andinos buenas tardes le habla constanza')).toEqual(['constanza']);
    expect(people("conseiller: mutuelle horizon bonjour yannick à l'appareil")).toEqual(['yannick']);
    expect(people('hei! det er kristian, glemte adgangskortet')).toEqual(['kristian']);
    expect(people('agent: sie sprechen mit frau becker')).toEqual(['becker']);
    expect(people("you've reached kiwi wheels rentals hemi speaking")).toEqual(['hemi']);
    expect(people('his name was cornelius van der merwe')).toEqual(['cornelius van der merwe']);
    expect(people('caller: yeah this is frank um frank delgado i got a flat')).toContain('frank');
  });
  it('a name that is also a word, greeted at a line\'s start or after "it\'s", before a comma, "!" or an emoji', () => {
    expect(people("hi bill, your car's ready 🚗")).toEqual(['bill']);
    expect(people('hey its jade 🙈 running 10 min late')).toEqual(['jade']);
    expect(people('hoi sandy! ben je er zaterdag')).toEqual(['sandy']);
    expect(people('hi there, my order is late')).toEqual([]);
    expect(people('i paid the bill, thanks')).toEqual([]);
  });
  it('near misses: a pronoun before "speaking", a word after an intro', () => {
    expect(people("thank you for calling, you're speaking to the billing team")).toEqual([]);
    expect(people('this is frank feedback about the update')).toEqual([]);
    expect(people('who is speaking please')).toEqual([]);
  });
});

describe('a nickname between the given name and the surname', () => {
  it('in double or single quotes, of one letter or more', () => {
    expect(people('Hi, I am Zoë "Z" Ångström.')).toEqual(['Zoë', 'Ångström']);
    expect(people("Robert 'Bob' Smith called")).toEqual(['Robert', 'Bob', 'Smith']);
    expect(people("we watched the 'A' Team")).toEqual([]);
  });
});

describe('brands named after people', () => {
  it('written with "&", an apostrophe, a title or a hyphen are no people', () => {
    expect(people("Retail partners include Ben & Jerry's, Tim Hortons, Wendy's and Dr. Martens.")).toEqual([]);
    expect(people('Group D – Mercedes-Benz C-Class or similar')).toEqual([]);
    expect(people("Mr. Martens called about Ben's order")).toEqual(['Martens', 'Ben']);
  });
});

describe("a message's last word after a dash or its last sentence", () => {
  it('signs the message', () => {
    expect(people('el mío es 655 902 318 por si lo pierdes — Arantxa')).toEqual(['Arantxa']);
    expect(people('Pagar kunci. Call 011-2874 9930 — Hafiz (rider)')).toEqual(['Hafiz']);
    expect(people('if not, ping me on +27 82 771 4039. Dineo')).toEqual(['Dineo']);
  });
  it('not a thanks or a month', () => {
    expect(people('Nipigie 0712 448 390. Asante')).toEqual([]);
    expect(people('o email thiagohs@uol.com.br. Valeu!')).toEqual([]);
    expect(people('Neue Vertragspartnerin ab 1. April.')).toEqual([]);
  });
});

describe('titles of churches, mosques, the law and the police', () => {
  it('name the person after them, outside the span; an everyday word and a surname after a title are a name', () => {
    expect(people('Team A: Bro. Gift Eze, Sis. Patience Amadi\nCoordinator: Deaconess Faith Adeyemi')).toEqual(['Gift Eze', 'Patience Amadi', 'Faith Adeyemi']);
    expect(people('My uncle Alhaji Musa Abdullahi made payment')).toEqual(['Musa Abdullahi']);
    expect(people('thanks bro, see you')).toEqual([]);
  });
});

describe('titles of other languages', () => {
  it('name the person after them', () => {
    expect(people('Madame Rousseau,\n\nnous vous écrivons')).toEqual(['Rousseau']);
    expect(people('o porteiro, seu Valdir, e ela chegou amassada')).toEqual(['Valdir']);
    expect(people('en el 5º vive doña Amparo, que tiene 89 años')).toEqual(['Amparo']);
    expect(people('o seu pedido chegou')).toEqual([]);
  });
});

describe('people of one\'s life and work', () => {
  it('name the person after them', () => {
    expect(people('Hi team, my driver Manjunath (KA 05 AJ 8812) asked me to cancel')).toEqual(['Manjunath']);
    expect(people('My neighbour Wiremu at number 44 wants to add a couch')).toEqual(['Wiremu']);
    expect(people('Looping in Raghav from infra.')).toEqual(['Raghav']);
    expect(people('my driver Uber was late')).toEqual([]);
  });
});

describe('a name in capitals under a sign-off', () => {
  it('signs the message', () => {
    expect(people('MOBILE 07700 900224.\n--\nOTHMAN TAWFIQ')).toEqual(['OTHMAN TAWFIQ']);
    expect(people('KIND REGARDS,\nRAGNA HOLMBERG')).toEqual(['RAGNA HOLMBERG']);
  });
});

describe("a saint's day", () => {
  it('is no person; the saint alone still is a name', () => {
    expect(people("On St. Patrick's Day and Boxing Day we open 10:00")).toEqual([]);
    expect(people('St. Patrick called yesterday')).toEqual(['Patrick']);
  });
});

describe('sign-offs of more languages; a signature confirms the whole name', () => {
  it('Icelandic "Kveðja," over a first name that the letter gives in full', () => {
    expect(people('Sæl,\nég heiti Sigríður Þórsdóttir og er að flytja.\nKveðja,\nSigríður')).toEqual(['Sigríður Þórsdóttir', 'Sigríður']);
  });
});
