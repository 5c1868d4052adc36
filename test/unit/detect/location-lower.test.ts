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

describe('places in scripts without case', () => {
  it('the large cities of those scripts, longest first, a word of its own where the script spaces its words', () => {
    expect(places('我是王晓雯，上周因家中有事取消了从上海飞往成都的航班')).toEqual(['上海', '成都']);
    expect(places('الرحلة OA 217 من دبي إلى مسقط بتاريخ 2025/04/02')).toEqual(['دبي', 'مسقط']);
    expect(places('住所は東京都渋谷区です')).toEqual(['東京都', '渋谷']);
    expect(places('저는 대전에서 왔어요')).toEqual(['대전']);
    expect(places('휴대전화: 010-4821-7736')).toEqual([]);
    expect(places('मैं अगले हफ़्ते दिल्ली जा रहा हूँ')).toEqual(['दिल्ली']);
    expect(places('من أبو ظبي إلى الدار البيضاء')).toEqual(['أبو ظبي', 'الدار البيضاء']);
  });
});

describe('places after the prepositions of other languages, and countries as other languages name them', () => {
  it('a town that needs a cue, after "à", "nach", "desde"', () => {
    expect(places('Je pars en vacances à Annecy le 20.')).toEqual(['Annecy']);
    expect(places('Né le 23/01/1988 à Rouen')).toEqual(['Rouen']);
  });
  it("a country's name in German, French, Portuguese, Turkish; the Philippines", () => {
    expect(places('sie wird nach dem Besuch in die Türkei zurückkehren')).toEqual(['Türkei']);
    expect(places('moro no Brasil, para o reembolso')).toEqual(['Brasil']);
    expect(places('{"hedef_ulke":"Almanya"}')).toEqual(['Almanya']);
    expect(places('Ich sehe Anmeldungen aus Brasilien von der IP.')).toEqual(['Brasilien']);
    expect(places('born in Iloilo City, Philippines.')).toEqual(['Iloilo', 'Philippines']);
  });
  it('a birthplace after "nato a", "à", a "Heimatort" key; French names of countries', () => {
    expect(places('Alessandro Marchetti, nato a Bologna il 14/05/1969')).toEqual(['Bologna']);
    expect(places('Geburtsdatum: 03.01.1985\nHeimatort: Appenzell\nAdresse: x')).toEqual(['Appenzell']);
    expect(places('née le 3 mai 1996 à Oran (Algérie), courriel')).toEqual(['Oran', 'Algérie']);
  });
  it('near misses: a name particle is no place preposition', () => {
    expect(places('a portrait by Leonardo da Vinci')).toEqual([]);
  });
});
