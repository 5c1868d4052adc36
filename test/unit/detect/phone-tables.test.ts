import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const phones = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'PHONE').map((f) => text.slice(f.start, f.end));

describe('phones in tables and national groupings', () => {
  it('a CSV cell followed by a cell that starts with a year or a longer number', () => {
    expect(phones('M10221,Jade,Washington,jade.washington@yahoo.com,(404) 718-2290,1996-08-14,Premium')).toEqual(['(404) 718-2290']);
  });
  it('a TSV cell: the tab ends the number', () => {
    expect(phones('Rusty\tDog\tGareth Llewellyn\t07723 418 906\t18/03/2025\tBooster')).toEqual(['07723 418 906']);
  });
  it('a TSV cell is named by its column: a beneficiary_dob column holds birth dates', () => {
    const tsv = 'participant\tbeneficiary\trelationship\tbeneficiary_dob\tshare\nTomasz Wiśniewski\tAnna Wiśniewska\tspouse\t09/23/1979\t50%\nTomasz Wiśniewski\tKacper Wiśniewski\tchild\t06/05/2008\t50%';
    expect(detector.detect(tsv).filter((f) => f.type === 'DATE_OF_BIRTH').map((f) => tsv.slice(f.start, f.end))).toEqual(['09/23/1979', '06/05/2008']);
  });
  it('a Norwegian mobile in groups of three, two and three', () => {
    expect(phones('Mobil: 924 18 355\nE-post: ingrid@online.no')).toEqual(['924 18 355']);
  });
  it('near misses: a decimal after the number, a date, an HS code', () => {
    expect(phones('total 1 234 567,89 NOK')).toEqual([]);
    expect(phones('delivered on 12 05 2023')).toEqual([]);
    expect(phones('HS 8471.30.0100 · incoterm DAP')).toEqual([]);
  });
});

describe('names in table cells', () => {
  it('a tab separates cells: a pet and its species are no part of the owner\'s name', () => {
    const row = 'Rusty\tDog\tGareth Llewellyn\t07723 418 906\t18/03/2025';
    expect(detector.detect(row).filter((f) => f.type === 'PERSON').map((f) => row.slice(f.start, f.end))).toEqual(['Gareth Llewellyn']);
  });
});

describe('cards of issuers the list lacks', () => {
  const cards = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'CREDIT_CARD').map((f) => text.slice(f.start, f.end));
  it('a Luhn-valid number printed in four groups of four, or named a card', () => {
    expect(cards('カードは3515 3457 3528 1678で支払いました')).toEqual(['3515 3457 3528 1678']);
    expect(cards('card number 3515345735281678 expires 09/27')).toEqual(['3515345735281678']);
  });
  it('not the front of a longer grouped number, nor an ungrouped number with no card word', () => {
    expect(cards('Tracking number: 9400 9909 6534 6629 9413 06. Total charged: €198')).toEqual([]);
    expect(cards('reference 3515345735281678')).toEqual([]);
  });
  it('a CSV cell followed by the expiry date or a month cell; not a decimal comma', () => {
    const csv = 'name,card,exp\n"Reyes, Angelica",371837977452792,09/27\n"Nakamura, Hiroshi",3589 1048 6076 8194,01/26\nLee,4111111111111111,12,2027';
    expect(cards(csv)).toEqual(['371837977452792', '3589 1048 6076 8194', '4111111111111111']);
    expect(cards('3,Olumide Bankole,2221 0894 0168 1558,89.99 USD,duplicate')).toEqual(['2221 0894 0168 1558']);
    expect(cards('Total 4111111111111111,50 EUR')).toEqual([]);
  });
});

describe('personal codes, tax and prescription numbers are no phone numbers', () => {
  it('after their key: kennitala, personas kods, RX#, a bank; a US employer id by its shape', () => {
    expect(phones('- Kennitala: 120384-2369\n- Mobile: +354 661 4820')).toEqual(['+354 661 4820']);
    expect(phones('Jānis Kalniņš, personas kods 150876-10321, tālr. +371 2914 6620')).toEqual(['+371 2914 6620']);
    expect(phones('RX# 4410982-05722   FILLED 11/18/2025')).toEqual([]);
    expect(phones('Ridgeline Fence LLC — EIN 84-2291077 (business)')).toEqual([]);
    expect(phones('Folake Akinola: GTBank 0148822375 – Akinola Folake O.')).toEqual([]);
    expect(phones('מספר: 03-6123456')).toEqual(['03-6123456']);
  });
});

describe("a placeholder's digits are no phone number", () => {
  it('one digit repeated after the country code', () => {
    expect(phones('"phone": "+1-000-000-0000", call 0000 000000 or 555-555-5555; me: +44 7700 900123')).toEqual(['+44 7700 900123']);
  });
});

describe('time ranges are no phone numbers', () => {
  it('"09.30-17.30", "00.00–03.00"', () => {
    expect(phones('pukul 00.00–03.00 WIB karena pemeliharaan. Open 09.30-17.30 daily, 08:00 - 20:00 weekends')).toEqual([]);
    expect(phones('Call 0171.234-5678')).toEqual(['0171.234-5678']);
  });
});

describe('XML elements', () => {
  it("an element's tag names its text", () => {
    const xml = "<Customer>\n  <GivenName>Rose</GivenName>\n  <FamilyName>O'Sullivan</FamilyName>\n</Customer>";
    expect(detector.detect(xml).filter((f) => f.type === 'PERSON').map((f) => xml.slice(f.start, f.end))).toEqual(['Rose', "O'Sullivan"]);
    expect(detector.detect('<p>Will</p>').filter((f) => f.type === 'PERSON')).toEqual([]);
  });
});

describe('birth cues of Spanish and Romanian', () => {
  const births = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'DATE_OF_BIRTH').map((f) => text.slice(f.start, f.end));
  it('"nació el", "născut la data de"', () => {
    expect(births('Santiago Pérez Hernández, nació el 21 de enero de 2016. Mi celular')).toEqual(['21 de enero de 2016']);
    expect(births('Subsemnatul Andrei Popescu, născut la data de 21.09.1985, domiciliat')).toEqual(['21.09.1985']);
  });
  it('months of Russian, Ukrainian, Czech, Greek and Arabic', () => {
    expect(births('Дата рождения: 11 марта 1992 г.\nГород: Новосибирск')).toEqual(['11 марта 1992']);
    expect(births('تاريخ الميلاد: 5 أكتوبر 1994')).toEqual(['5 أكتوبر 1994']);
    expect(births('Datum narození: 4. března 1988')).toEqual(['4. března 1988']);
    expect(births('Ημερομηνία γέννησης: 12 Μαΐου 1985')).toEqual(['12 Μαΐου 1985']);
  });
  it('Estonian, Latvian, Georgian, Tamil cues', () => {
    expect(births('Isikukood: 38807120217\nSünniaeg: 12.07.1988\nE-post: x')).toEqual(['12.07.1988']);
    expect(births('Īrniece: Ilze Bērziņa, dzimusi 12.03.1993, e-pasts')).toEqual(['12.03.1993']);
    expect(births('დაბადების თარიღი: 14.02.1990')).toEqual(['14.02.1990']);
    expect(births('பிறந்த தேதி: 03/04/1985')).toEqual(['03/04/1985']);
  });
});
