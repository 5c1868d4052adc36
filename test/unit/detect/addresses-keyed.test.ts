import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const addresses = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'STREET_ADDRESS').map((f) => text.slice(f.start, f.end));
const types = (text: string): string[] => detector.detect(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);

describe('street addresses: the value of an address field, in any national format', () => {
  it('reads the value on the key line, to the end of the sentence or the next field', () => {
    expect(addresses('Billing address: Dizengoff St 142, Apt 8, Tel Aviv 6433117\nDate of birth: 1983-09-05')).toEqual(['Dizengoff St 142, Apt 8, Tel Aviv 6433117']);
    expect(addresses('Наш новый адрес: Невский проспект, д. 88, кв. 17, Санкт-Петербург, 191025. Мой телефон +7 921 304-58-71')).toEqual(['Невский проспект, д. 88, кв. 17, Санкт-Петербург, 191025']);
    expect(addresses('DOB, and address on file — The Old Rectory, Church Lane, Little Bardfield, Braintree CM7 4TS. He has the certificate.')).toEqual(['The Old Rectory, Church Lane, Little Bardfield, Braintree CM7 4TS']);
    expect(addresses('Address on file 56 Chase Side, London N14 5PA.')).toEqual(['56 Chase Side, London N14 5PA']);
    expect(addresses('Mijn nieuwe adres is Korte Hoogstraat 7, 2011 XP Haarlem. U kunt mij bellen.')).toEqual(['Korte Hoogstraat 7, 2011 XP Haarlem']);
    expect(addresses('notre nouvelle adresse est 12 rue des Lilas, 69003 Lyon. En cas de besoin, appelez-moi.')).toEqual(['12 rue des Lilas, 69003 Lyon']);
    expect(addresses('Residential address: Blk 456 Ang Mo Kio Ave 10, #08-1234, Singapore 560456\nPersonal email: x@y.sg')).toEqual(['Blk 456 Ang Mo Kio Ave 10, #08-1234, Singapore 560456']);
    expect(addresses('Current address: Unit 5/18 Smith St, Fitzroy VIC 3065 (2 yrs 4 mths, $640 p/w)')).toEqual(['Unit 5/18 Smith St, Fitzroy VIC 3065']);
  });
  it('street words in lower case, digits of other scripts, words between the key and its colon', () => {
    expect(addresses('Adresse: Thereses gate 14B, 0452 Oslo\nMobil: 924 18 355')).toEqual(['Thereses gate 14B, 0452 Oslo']);
    expect(addresses('آدرس فعلی: تهران، خیابان ولیعصر، کوچه نسترن، پلاک ۱۸، واحد ۴\nشماره تماس: ۰۹۱۲ ۴۱۸ ۷۷۳۰')).toEqual(['تهران، خیابان ولیعصر، کوچه نسترن، پلاک ۱۸، واحد ۴']);
    expect(addresses('mandar o endereço da chácara pros padrinhos: Estrada Municipal do Capivari, 2200, Campos do Jordão - SP, 12460-000\ne o pix')).toEqual([
      'Estrada Municipal do Capivari, 2200, Campos do Jordão - SP, 12460-000',
    ]);
    expect(addresses('Your address for the refund: 12 days')).toEqual([]);
  });
  it('an address a plot, lot, shop or unit opens, up to a known town or region (and its postcode)', () => {
    expect(addresses('- Kisumu: Mama Rose Adhiambo, Plot 44, Milimani Estate, Kisumu, +254 720 338 114')).toEqual(['Plot 44, Milimani Estate, Kisumu']);
    expect(addresses('Our shop is at Shop B12, Kahawa Sukari Plaza, Thika Road, Nairobi.')).toEqual(['Shop B12, Kahawa Sukari Plaza, Thika Road, Nairobi']);
    expect(addresses('Unit 1205 Tower 2, Avida Residences, Sta. Rosa, Laguna 4026')).toEqual(['Unit 1205 Tower 2, Avida Residences, Sta. Rosa, Laguna 4026']);
    expect(addresses('See Unit 5, Exercise 3, Question 2 of the workbook')).toEqual([]);
  });
  it('a value that opens with a unit needs no separator after its key', () => {
    expect(addresses('Billing address Unit 1207 Tower 2, Avida Towers, 34th St. cor. 11th Ave., Bonifacio Global City, Taguig 1634. Mobile +63 917 558 2041')).toEqual([
      'Unit 1207 Tower 2, Avida Towers, 34th St. cor. 11th Ave., Bonifacio Global City, Taguig 1634',
    ]);
  });
  it('Malaysian, Singaporean and Welsh streets after the house number', () => {
    expect(addresses('38 Jalan Kembangan, Singapore 419112\n\n15 January 2025')).toEqual(['38 Jalan Kembangan, Singapore 419112']);
    expect(addresses('Ty Newydd, 4 Heol y Bryn, Llandeilo SA19 6AB\nTel: 07866 310 492')).toEqual(['4 Heol y Bryn, Llandeilo SA19 6AB']);
  });
  it('a US address whose street has no suffix, before the city, the state and the ZIP code', () => {
    expect(addresses('ATTORNEY AT LAW\n1450 Broadway, Suite 902, New York, NY 10018\nTel. (212) 594-3381')).toEqual(['1450 Broadway, Suite 902, New York, NY 10018']);
    expect(addresses('We shipped 12 Items, Dallas, TX 75201')).toEqual([]);
  });
  it('a quoted value ends at its quote; an escaped line break ends it', () => {
    expect(addresses('{"address":"12 Shehab St, Mohandessin, Giza 12411"},"reason":"ADDRESS_INCOMPLETE"}')).toEqual(['12 Shehab St, Mohandessin, Giza 12411']);
    expect(addresses('"notes": "Home address: 15 Osu Badu Street, Airport West, Accra\\nDate of birth: 1999-11-02"')).toEqual(['15 Osu Badu Street, Airport West, Accra']);
  });
  it('goes on below a line that ends in a comma, and below a key that ends its line (not over the recipient)', () => {
    expect(addresses('ADDRESS : No. 48, 3rd Cross, Malleswaram,\nBengaluru 560003\nRR No : W-44018')).toEqual(['No. 48, 3rd Cross, Malleswaram,\nBengaluru 560003']);
    expect(addresses('Address:\n  12 Foo Street\n  Springfield, IL 62704\nPhone: 555-0134')).toEqual(['12 Foo Street\n  Springfield, IL 62704']);
    expect(types('send them to our new office address:\nMarie-Ève Tremblay-Singh\n1108-455 Granville St, Vancouver, BC V6C 1T1\nBest number is +1 (604) 817-2290')).toEqual([
      'PERSON:Marie-Ève Tremblay-Singh',
      'STREET_ADDRESS:1108-455 Granville St, Vancouver, BC V6C 1T1',
      'PHONE:+1 (604) 817-2290',
    ]);
  });
  it('stops before another field on the line ("Phone 555…"), but not at a city that starts like one ("Tel Aviv")', () => {
    expect(addresses('Address: 9 Herzl St, Tel Aviv 6688101 Phone +972 52 418 3307')).toEqual(['9 Herzl St, Tel Aviv 6688101']);
  });
  it('near misses: other kinds of address, no number, no word, prose after the key', () => {
    expect(addresses('Your email address: 3 attempts left')).toEqual([]);
    expect(addresses('IP address: 81.2.69.142')).toEqual([]);
    expect(addresses('wallet address: 0x71C7656EC7ab88b098defB751B7401B5f6d8976F')).toEqual([]);
    expect(addresses('address: see attached page 2')).toEqual([]);
    expect(addresses('Address: same as billing')).toEqual([]);
    expect(addresses('I changed my address 3 times this year')).toEqual([]);
    expect(addresses('the address 3 times')).toEqual([]);
    expect(addresses('Address: +1 555 0134')).toEqual([]);
    expect(addresses('The address field accepts 120 characters.')).toEqual([]);
  });
});

describe('address fields of more languages (Baltic, Caucasian, Central Asian, Indian, East African, Maltese, Burmese)', () => {
  it('their keys, street words, full stops and separators', () => {
    expect(addresses('Adresas: Gedimino pr. 9-14, LT-01103 Vilnius\nTel.: +370 612 47 305')).toEqual(['Gedimino pr. 9-14, LT-01103 Vilnius']);
    expect(addresses('Ünvan: Nizami küçəsi 88, mənzil 14, Bakı AZ1000. Əlaqə: +994 50 418 27 63')).toEqual(['Nizami küçəsi 88, mənzil 14, Bakı AZ1000']);
    expect(addresses('L-indirizz: 12, Triq il-Kbira, Żebbuġ ZBG 1304. Mobile 7912 4083')).toEqual(['12, Triq il-Kbira, Żebbuġ ZBG 1304']);
    expect(addresses('მისამართი: რუსთაველის გამზ. 12, ბინა 7, თბილისი 0108. ტელ: 599 41 82 07.')).toEqual(['რუსთაველის გამზ. 12, ბინა 7, თბილისი 0108']);
    expect(addresses('Հասցե՝ Տիգրան Մեծի 31, բն. 12, Երևան 0018։ Հեռ.՝ +374 77 508 214։')).toEqual(['Տիգրան Մեծի 31, բն. 12, Երևան 0018']);
    expect(addresses('చిరునామా: ఇంటి నం. 8-3-214, శ్రీనగర్ కాలనీ, హైదరాబాద్ 500073. ఫోన్: +91 90004 81726.')).toEqual(['ఇంటి నం. 8-3-214, శ్రీనగర్ కాలనీ, హైదరాబాద్ 500073']);
    expect(addresses('Anwani: Mtaa wa Samora, Nyumba Na. 18, Dar es Salaam | Maelezo: alilipa')).toEqual(['Mtaa wa Samora, Nyumba Na. 18, Dar es Salaam']);
  });
  it('a lower-case street word the lists lack, when a number follows it; not an everyday word nor after a comma', () => {
    expect(addresses('Хаяг: Сүхбаатар дүүрэг, 1-р хороо, Бага тойруу 14, 12 тоот, Улаанбаатар. Буцаалтыг')).toEqual(['Сүхбаатар дүүрэг, 1-р хороо, Бага тойруу 14, 12 тоот, Улаанбаатар']);
    expect(addresses('Address: 12 Main St please call 555 0134 later')).toEqual(['12 Main St']);
    expect(addresses('Address: 12 Main St, sekunde 555 0134 later')).toEqual(['12 Main St']);
  });
});

describe('US box addresses', () => {
  it('post-office, military and rural-route boxes, with the town, state and ZIP after them', () => {
    expect(addresses('Mailing: Unit 29351 Box 447, APO AE 09096')).toEqual(['Unit 29351 Box 447, APO AE 09096']);
    expect(addresses('Harlan Pettibone — RR 2 Box 118, Shell Knob, MO 65747 — TIN')).toEqual(['RR 2 Box 118, Shell Knob, MO 65747']);
    expect(addresses('{"street":"PO Box 2218","city":"Window Rock"}')).toEqual(['PO Box 2218']);
    expect(addresses('Send it to P.O. Box 91, Austin, TX 78701.')).toEqual(['P.O. Box 91, Austin, TX 78701']);
    expect(addresses('Ship to PSC 473 Box 1205 — thanks')).toEqual(['PSC 473 Box 1205']);
  });
  it('near misses: a box that is no address', () => {
    expect(addresses('The box office opens at 5. Check your inbox 12 times; box 3 of 4 arrived.')).toEqual([]);
    expect(addresses('Northfield Building Society\nPO Box 4410\n\n10 March 2025')).toEqual([]);
  });
});
