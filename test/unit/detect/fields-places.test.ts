import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, createDetector } from '../../../src/detect/detect.js';

const detector = createDetector(DEFAULT_DETECTOR_CONFIG);
const places = (text: string): string[] => detector.detect(text).filter((f) => f.type === 'LOCATION').map((f) => text.slice(f.start, f.end));

describe('places in city/town/location fields', () => {
  it('finds the value of a CSV column or JSON key that holds towns', () => {
    expect(places('id;nombre;ciudad\n17;Ximena Quispe;Huancayo\n18;Rodrigo Mamani;Juliaca')).toEqual(['Huancayo', 'Juliaca']);
    expect(places('contact,stadt\nLukas Baumgartner,Wuppertal')).toEqual(['Wuppertal']);
    expect(places('{"customer": "Ana Lima", "ville": "Quimperlé", "plan": "pro"}')).toEqual(['Quimperlé']);
    expect(places('Name: Kwame Boateng\nTown: Techiman')).toEqual(['Techiman']);
  });
  it('near misses: no value, another column, a product under a header that names a city column', () => {
    expect(places('nombre;ciudad\nN/A;N/A')).toEqual([]);
    expect(places('{"city": "N/A", "status": "Open"}')).toEqual([]);
    expect(places('product,city\nSummit Backpack,')).toEqual([]);
    expect(places('{"location": "Main Warehouse"}')).toEqual([]);
  });
  it('a time zone in capitals is no place', () => {
    expect(places('happy to jump on a call tomorrow 3 pm IST. Could you confirm?')).toEqual([]);
    expect(places('I LIVE IN BERLIN NOW')).toEqual(['BERLIN']);
  });
});

describe('places by context', () => {
  it('"our X office", "the X branch", "X-based", "from X to Y", "I\'m from X"', () => {
    expect(places('Please ring our Sydney office today.')).toEqual(['Sydney']);
    expect(places('Escalated to the Wrexham branch yesterday.')).toEqual(['Wrexham']);
    expect(places('Our Leicester-based team handles returns.')).toEqual(['Leicester']);
    expect(places('I moved from Leeds to Bradwell last month.')).toEqual(['Leeds', 'Bradwell']);
    expect(places("Hi, I'm from Tarbes originally.")).toEqual(['Tarbes']);
  });
  it('near misses: brands and technologies', () => {
    expect(places('Visit the Apple store or the Main branch.')).toEqual([]);
    expect(places('We run a Java-based backend and a cloud-based CRM.')).toEqual([]);
    expect(places('Send it to Marketing and Finance.')).toEqual([]);
  });
});

describe('records written all in lower case', () => {
  const found = (text: string): string[] => detector.detect(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`);
  it('values of person and place columns / keys', () => {
    expect(found('customer_name,city\nwakanyi ondiek,nyeri\nn/a,n/a')).toEqual(['PERSON:wakanyi ondiek', 'LOCATION:nyeri']);
    expect(found('{"customer": "wakanyi ondiek", "city": "nyeri", "plan": "pro"}')).toEqual(['PERSON:wakanyi ondiek', 'LOCATION:nyeri']);
    expect(found('name: priya raman\ncity: coimbatore\nstatus: open')).toEqual(['PERSON:priya raman', 'LOCATION:coimbatore']);
  });
  it('near misses: placeholders, teams, products under "name"', () => {
    expect(found('customer_name,city\nsupport team,head office\nunknown,n/a')).toEqual([]);
    expect(found('product,name\nsummit backpack,trail runner')).toEqual([]);
    expect(found('{"name": "blue widget", "sku": "bw-1"}')).toEqual([]);
    expect(found('assignee=unassigned level=info')).toEqual([]);
  });
});

describe('markdown tables', () => {
  it('a cell of a person column is a name, known or not (the header row above the separator row)', () => {
    const text = 'Rooming list\n\n| Room | Guest | Mobile | Dietary |\n|------|-------|--------|---------|\n| 416 | Uwimana | +250 788 412 907 | - |\n| 418 | Ratu Epeli Naivalu | +679 992 4418 | no pork |\n';
    const d = createDetector(DEFAULT_DETECTOR_CONFIG);
    expect(d.detect(text).filter((f) => f.type === 'PERSON').map((f) => text.slice(f.start, f.end))).toEqual(['Uwimana', 'Ratu Epeli Naivalu']);
  });
  it('a cell of another column is not', () => {
    const text = '| SKU | Product | Stock |\n|---|---|---|\n| KX-12 | Harbor | 14 |\n';
    const d = createDetector(DEFAULT_DETECTOR_CONFIG);
    expect(d.detect(text).filter((f) => f.type === 'PERSON')).toEqual([]);
  });
});
