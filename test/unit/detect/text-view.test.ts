import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';
import { detectionView, isInvisibleCode, withoutInvisibles } from '../../../src/detect/text-view.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const found = (text: string): Array<[string, string]> => detector.detect(text).map((f) => [f.type, text.slice(f.start, f.end)]);

describe('the detection view (look-alike characters folded, offsets kept)', () => {
  it('folds digits of other scripts, full-width ASCII, odd spaces and hyphens, one unit for one', () => {
    const cases: Array<[string, string]> = [
      ['০১৭১২-৩৪৫৬৭৮', '01712-345678'], // Bengali
      ['٠١٢٣٤٥٦٧٨٩', '0123456789'], // Arabic-Indic
      ['۰۱۲۳۴۵۶۷۸۹', '0123456789'], // Persian
      ['०१२३४५६७८९', '0123456789'], // Devanagari
      ['๐๑๒๓๔๕๖๗๘๙', '0123456789'], // Thai
      ['０９０－１２３４－５６７８', '090-1234-5678'],
      ['ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ', 'yamada@example.jp'],
      ['555\u2011123\u20114567', '555-123-4567'],
      ['Mr.\u00a0Smith\u3000x', 'Mr. Smith x'],
    ];
    for (const [text, view] of cases) {
      expect(detectionView(text)).toBe(view);
      expect(detectionView(text)).toHaveLength(text.length);
    }
  });

  it('leaves everything else alone, the same string when nothing needs folding', () => {
    const plain = 'Grüße — 12 – 14 Uhr, Mon–Fri, Zoë: 𝟙𝟚𝟛 and ¹²³';
    expect(detectionView(plain)).toBe(plain);
    // (an en dash between two digits is a hyphen a word processor typed: "085–92–8663")
    expect(detectionView('SSN 085–92–8663, 9–17')).toBe('SSN 085-92-8663, 9-17');
    expect(detectionView('abc 123')).toBe('abc 123');
  });

  it('finds values written in those characters and reports the original text', () => {
    expect(found('আমার মোবাইল: ০১৭১৮-৪৯২৩০৬')).toEqual([['PHONE', '০১৭১৮-৪৯২৩০৬']]);
    expect(found('メール：ｙａｍａｄａ．ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ')).toEqual([['EMAIL', 'ｙａｍａｄａ．ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ']]);
    expect(found('call me on 555\u2011201\u20114477 tonight')).toEqual([['PHONE', '555\u2011201\u20114477']]);
    expect(found('card ４１１１ １１１１ １１１１ １１１１')).toEqual([['CREDIT_CARD', '４１１１ １１１１ １１１１ １１１１']]);
  });
});

describe('phone after a key written without a space', () => {
  it('"Tel:555-…", "phone:+44 …" (the whole number, "+" included), "電話番号：090-…"', () => {
    expect(found('Tel:555-123-4567')).toEqual([['PHONE', '555-123-4567']]);
    expect(found('phone:+44 20 7946 0958')).toEqual([['PHONE', '+44 20 7946 0958']]);
    expect(found('電話番号：090-1234-5678。')).toEqual([['PHONE', '090-1234-5678']]);
  });
  it('not after a time\'s or an IPv6 address\'s ":"', () => {
    expect(found('from 10:30-11:45 today, 12:30 (2024)')).toEqual([]);
    expect(found('ratio 1:2000 3000 units')).toEqual([]);
  });
});

describe('phone cues in other languages and scripts', () => {
  it('an unformatted number after "फ़ोन", "celular", "no hp", "sđt", "মোবাইল", "موبائل", "Mobil"', () => {
    for (const [text, phone] of [
      ['मेरा फ़ोन 9876543210 है', '9876543210'],
      ['Mi celular es 5512345678', '5512345678'],
      ['no hp saya 081234567890', '081234567890'],
      ['sđt: 0912345678', '0912345678'],
      ['মোবাইল ০১৭১৮৪৯২৩০৬', '০১৭১৮৪৯২৩০৬'],
      ['رقم موبائل 03001234567', '03001234567'],
      ['Mobil: 01701234567', '01701234567'],
    ]) {
      expect(found(text as string)).toEqual([['PHONE', phone]]);
    }
  });
  it('without a cue, the same ten digits are not a phone', () => {
    expect(found('reference 9876543210 attached')).toEqual([]);
  });
});

describe('a phone after a word that names another number, in another clause', () => {
  it('the word before a comma or on the line above does not count against the number', () => {
    expect(found('Send your name, phone and ID?\nDriver: Budi Santoso, 0812-3348-9912, ID mitra DRV-7730214').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', '0812-3348-9912']]);
    expect(found('Maricel Dela Cruz po, 0917 482 3391. nag cash-in').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', '0917 482 3391']]);
  });
  it('in the same clause it still does', () => {
    expect(found('Order 0812-3348-9912 shipped')).toEqual([]);
  });
});

describe('birth cues and months of more languages', () => {
  it('né(e), cumple, nací, ipinanganak, Turkish and Tagalog months', () => {
    expect(found('Né(e) le : 03/07/1975')).toEqual([['DATE_OF_BIRTH', '03/07/1975']]);
    expect(found('mi cumple es el 3 de mayo de 1990 🎂')).toEqual([['DATE_OF_BIRTH', '3 de mayo de 1990']]);
    expect(found('ipinanganak noong Marso 3, 1960. Ako po')).toEqual([['DATE_OF_BIRTH', 'Marso 3, 1960']]);
    expect(found('Doğum tarihi: 12 Mart 1985')).toEqual([['DATE_OF_BIRTH', '12 Mart 1985']]);
  });
  it('without a cue a date stays a date', () => {
    expect(found('the meeting on 3 de mayo de 1990')).toEqual([]);
  });
});

describe('cards, URLs and secrets found in more shapes', () => {
  it('a card with an expiry written after it; a rediss:// URL with a password; a Sentry DSN key; a Mailgun key; a password in prose', () => {
    expect(found('expired: 6011818044640620 09/27 cvv 311')).toEqual([['CREDIT_CARD', '6011818044640620']]);
    expect(found('REDIS_URL=rediss://default:Hx9!pQ2vTm@cache-prod.tallyhq.io:6380/0')).toEqual([['URL', 'rediss://default:Hx9!pQ2vTm@cache-prod.tallyhq.io:6380/0']]);
    // (a '#' in the password, unencoded as connection strings are written; a fragment is no userinfo)
    expect(found('uri: mongodb+srv://svc:Vt7#qLm29!xRw@cluster0.k8f2q.mongodb.net/orders')).toEqual([['URL', 'mongodb+srv://svc:Vt7#qLm29!xRw@cluster0.k8f2q.mongodb.net/orders']]);
    expect(found('dsn: https://4f9c2a71d0e84b6a9b3e5c1d2f7a8e60@o450217.ingest.sentry.io/5538142')).toEqual([['SECRET', '4f9c2a71d0e84b6a9b3e5c1d2f7a8e60']]);
    expect(found("curl --user 'api:key-d8c947e0dedc8b137913993ed6da209d' x").map(([t]) => t)).toEqual(['SECRET']);
    expect(found('tried my usual pw sunflower1987 and also')).toEqual([['SECRET', 'sunflower1987']]);
    expect(found('ik heb mijn wachtwoord veranderd naar Tulp!2024amsterdam maar de app')).toEqual([['SECRET', 'Tulp!2024amsterdam']]);
  });
  it('near misses: a password word before an order number or a sentence', () => {
    expect(found('I need a password reset for order 12345abc')).toEqual([]);
    expect(found('my password expired yesterday')).toEqual([]);
  });
});

describe('numbers that are no phones', () => {
  it('after a carrier, a № sign, a tracking word in Japanese or Korean, or an account word right before it', () => {
    expect(found('Box 2: FedEx Home Delivery 7794 1203 8851 - expected Apr 23')).toEqual([]);
    expect(found('Тема: Не пришёл заказ № 55-118204')).toEqual([]);
    expect(found('追跡番号（4418-2290-7731）で確認')).toEqual([]);
    expect(found('반품 송장번호는 6892-1104-3357이고')).toEqual([]);
    expect(found('Subject: Address + phone change for acct 00418832')).toEqual([]);
  });
  it('a phone after "Contacto:" is one', () => {
    expect(found('O NIF mantém-se o mesmo. Contacto: 912 384 507.')).toEqual([['PHONE', '912 384 507']]);
  });
});

describe('a phone after a sentence that ends with a number, and a phone word before an order word', () => {
  it('"after 4. 07458 302117"; "her mobile on the order: 07821 447 306"', () => {
    expect(found('free any weekday after 4. 07458 302117')).toEqual([['PHONE', '07458 302117']]);
    expect(found("I've put her mobile on the order: 07821 447 306.")).toEqual([['PHONE', '07821 447 306']]);
  });
});

describe('phones in more shapes and places', () => {
  it('Brazil "(11) 98734-2210", after "cp ko", "Alt no.", "Port.", two numbers joined by " / ", one before a sentence end', () => {
    expect(found('Podem me ligar no (11) 98734-2210? Ou manda')).toEqual([['PHONE', '(11) 98734-2210']]);
    expect(found('taga Quezon City po ako. cp ko 0917 823 4410. salamat po').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', '0917 823 4410']]);
    expect(found('Refund raised. Alt no. 0866 247 1180. Refund raised')).toEqual([['PHONE', '0866 247 1180']]);
    expect(found('Tél. : 04 78 62 19 40 – Port. : 06 31 84 27 55')).toEqual([['PHONE', '04 78 62 19 40'], ['PHONE', '06 31 84 27 55']]);
    expect(found('Contact 020 8361 4729 / 07402 118 365. Address on file')).toEqual([['PHONE', '020 8361 4729'], ['PHONE', '07402 118 365']]);
    expect(found('Home (07) 3856 2210, mob 0401 773 918. 45 Latrobe Tce').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', '(07) 3856 2210'], ['PHONE', '0401 773 918']]);
  });
  it('an area code and its number joined by " / " stay one; an abbreviation\'s dot keeps its clause', () => {
    expect(found('Telefon: 0711 / 78 22 904')).toEqual([['PHONE', '0711 / 78 22 904']]);
    expect(found('Part no. 0041187663, batch 499943')).toEqual([]);
    expect(found('Vielen Dank für Ihre Bestellung Nr. 4410-2291. Die Lieferung')).toEqual([]);
  });
});

describe('numbers read out in a call', () => {
  it('digits among the words, a card read out, a phone word right before the number outweighs an other-number word', () => {
    expect(found('her cell is two eight one four four nine 7 3 1 2 0 the account').filter(([t]) => t === 'PHONE')).toEqual([['PHONE', 'two eight one four four nine 7 3 1 2 0']]);
    expect(found('the card is a discover six zero one one three nine zero two eight eight four seven one five two six expires')).toEqual([['CREDIT_CARD', 'six zero one one three nine zero two eight eight four seven one five two six']]);
    expect(found('geyser warranty claim um my number is oh eight three four four one two nine nine six and the address')).toEqual([['PHONE', 'oh eight three four four one two nine nine six']]);
  });
});

describe('invisible characters', () => {
  it('withoutInvisibles drops them and maps every remaining unit back', () => {
    const t = 'a\u200bb\u0000c\u00add\ufeff';
    const { view, at } = withoutInvisibles(t);
    expect(view).toBe('abcd');
    expect([...at]).toEqual([0, 2, 4, 6]);
    expect(isInvisibleCode(9) || isInvisibleCode(10) || isInvisibleCode(13) || isInvisibleCode(32)).toBe(false);
  });
  it('a value split by one is found whole, with the invisible character inside its span', () => {
    expect(found('mail maria.gonzalez\u200b@acmecorp.io now')).toContainEqual(['EMAIL', 'maria.gonzalez\u200b@acmecorp.io']);
    expect(found('mail maria.gonzalez\u0000@acmecorp.io now')).toContainEqual(['EMAIL', 'maria.gonzalez\u0000@acmecorp.io']);
    expect(found('card 4111 1111\u0000 1111 1111')).toContainEqual(['CREDIT_CARD', '4111 1111\u0000 1111 1111']);
    expect(found('هاتفي \u200f+44 20 7946 0958\u200f شكرا')).toContainEqual(['PHONE', '+44 20 7946 0958']);
    expect(found('Ma\u00adria Gonz\u00e1lez called about the refund')).toContainEqual(['PERSON', 'Ma\u00adria Gonz\u00e1lez']);
  });
  it('tabs and line breaks are not invisible: they still separate words and fields', () => {
    const found1 = found('Name:\tJonas\tBecker');
    expect(found1).toContainEqual(['PERSON', 'Jonas\tBecker']);
    expect(found('Kunde: Jonas Becker\nTel:\t030 901820 44')).toContainEqual(['PERSON', 'Jonas Becker']);
  });
});
