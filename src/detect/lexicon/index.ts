import nlp from 'compromise';
import { AMBIGUOUS_NAMES, COMMON_WORDS, COMMON_WORDS_EUROPEAN, wordSet } from './common-words.js';
import { ENGLISH_WORDS } from './english-words.js';
import { PERSON_TITLES } from '../context-words.js';
import { GIVEN_NAMES, SURNAMES } from './names.js';
import { WORLD_GIVEN_NAMES, WORLD_SURNAMES } from './names-world.js';
import { CITY_NAMES, TOWN_NAMES } from './cities.js';
import { LOCALE_GIVEN_NAMES, LOCALE_SURNAMES, LOCALE_WORD_NAMES } from './names-locales.js';

/** Word classes used by the name, place and organization recognizers; built once at module load. */
export interface Lexicon {
  readonly given: ReadonlySet<string>;
  readonly surname: ReadonlySet<string>;
  readonly ambiguous: ReadonlySet<string>;
  /** ordinary words (any tag other than a name), lower case */
  readonly common: ReadonlySet<string>;
  /** everyday English words that are in no other list (a word the lists leave unknown is ordinary if here) */
  readonly english: ReadonlySet<string>;
  /** place names (one or more words, lower case) → kind */
  readonly place: ReadonlyMap<string, string>;
  /** towns that are also ordinary words or people's names elsewhere: places only after a cue (lower case) */
  readonly town: ReadonlySet<string>;
  /** first words of the places and towns */
  readonly placeFirstWords: ReadonlySet<string>;
  readonly org: ReadonlySet<string>;
}

const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific']);
const PLACE_TAGS = new Set(['City', 'Country', 'Region', 'Place']);

function asTags(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function build(): Lexicon {
  const given = wordSet(GIVEN_NAMES);
  const surname = wordSet(SURNAMES);
  const ambiguous = wordSet(AMBIGUOUS_NAMES);
  const common = wordSet(COMMON_WORDS);
  const place = new Map<string, string>();
  const org = new Set<string>();
  /** words compromise knows as people ("sydney", "austin") */
  const personTagged = new Set<string>();
  const model: unknown = nlp.model();
  const lexicon = (model as { one?: { lexicon?: Record<string, unknown> } }).one?.lexicon ?? {};
  for (const [word, raw] of Object.entries(lexicon)) {
    const tags = asTags(raw);
    if (tags.includes('FirstName') || tags.includes('MaleName') || tags.includes('FemaleName')) {
      if (!word.includes(' ')) given.add(word);
      continue;
    }
    if (tags.includes('LastName')) {
      if (!word.includes(' ')) surname.add(word);
      continue;
    }
    if (tags.includes('Person')) {
      personTagged.add(word);
      continue;
    }
    const placeTag = tags.find((t) => PLACE_TAGS.has(t));
    if (placeTag !== undefined && !tags.includes('Abbreviation') && word.length > 2) {
      place.set(word, placeTag);
      continue;
    }
    if (tags.includes('Organization') || tags.includes('SportsTeam')) {
      org.add(word);
      continue;
    }
    // a proper noun compromise cannot place ("florence", "hudson", "franco") is no ordinary word: the name lists may
    // claim it
    if (tags.length === 1 && tags[0] === 'ProperNoun') continue;
    if (!word.includes(' ') && !tags.some((t) => NAME_TAGS.has(t))) common.add(word);
  }
  for (const w of ambiguous) given.add(w);
  for (const w of PERSON_TITLES) common.add(w);
  // compromise tags a few names as plain nouns; names in our own lists are not "common"
  for (const w of wordSet(GIVEN_NAMES)) if (!ambiguous.has(w)) common.delete(w);
  for (const w of wordSet(SURNAMES)) if (!ambiguous.has(w)) common.delete(w);
  // the per-culture lists add names only where the word is not also an ordinary word ("long", "park", "can")
  for (const w of wordSet(WORLD_GIVEN_NAMES)) if (w.length > 2 && !common.has(w) && !place.has(w)) given.add(w);
  for (const w of wordSet(WORLD_SURNAMES)) if (w.length > 2 && !common.has(w) && !place.has(w)) surname.add(w);
  // and the names of faker's 77 locales, on the same terms, except the names of towns ("Sydney", "Milano", "Athina"):
  // there a capitalised word says too little
  const cities = CITY_NAMES.trim().toLowerCase().split(/\|\n?/);
  const towns = TOWN_NAMES.trim().toLowerCase().split(/\|\n?/);
  const endonyms = PLACE_ENDONYMS.trim().split(/\s*,\s*/);
  const townNames = new Set([...cities, ...towns, ...endonyms]);
  const localeName = (w: string): boolean => w.length > 2 && !common.has(w) && !place.has(w) && !townNames.has(w);
  for (const w of wordSet(LOCALE_GIVEN_NAMES)) if (localeName(w) && !surname.has(w)) given.add(w);
  for (const w of wordSet(LOCALE_SURNAMES)) if (localeName(w) && !given.has(w)) surname.add(w);
  // the locales' names that are also less frequent English words ("Jasmine", "Tamer", "Strand"): ambiguous names,
  // which count beside another name or after a cue (not titles, places, companies or ordinary words of Europe)
  const titles = new Set<string>(PERSON_TITLES);
  const european = wordSet(COMMON_WORDS_EUROPEAN);
  for (const w of wordSet(LOCALE_WORD_NAMES)) {
    if (given.has(w) || surname.has(w) || place.has(w) || townNames.has(w) || org.has(w) || titles.has(w) || european.has(w)) continue;
    ambiguous.add(w);
    given.add(w);
  }
  // ordinary words of other languages are no names even where a list has them ("Sou", "Ben", "Ola"); pronouns
  // and articles neither ("He" and "An" are also a Chinese surname and a Vietnamese given name)
  for (const w of [...wordSet(COMMON_WORDS_EUROPEAN), 'he', 'an']) {
    given.delete(w);
    surname.delete(w);
    place.delete(w);
    common.add(w);
  }
  for (const o of PERSON_NAMED_ORGS.trim().split(/\s*,\s*/)) org.add(o);
  // the names cities have in their own languages, where they differ from the English ones compromise knows
  for (const p of endonyms) if (!place.has(p)) place.set(p, 'City');
  // the world's towns of 15,000 people or more: a city no list knows as an ordinary word or a person's name is a
  // place ("Guarulhos"); the others ("Bologna", "Sydney", "Este") are towns, places only after a cue ("in", "from")
  const town = new Set<string>();
  const ordinary = (p: string): boolean => !p.includes(' ') && (common.has(p) || org.has(p));
  const personal = (p: string): boolean => !p.includes(' ') && (given.has(p) || surname.has(p) || personTagged.has(p));
  const add = (p: string, strong: boolean): void => {
    if (place.has(p) || ordinary(p)) return;
    if (strong && !personal(p)) place.set(p, WORLD_CITY);
    else town.add(p);
  };
  for (const [list, strong] of [[cities, true], [towns, false]] as const) {
    for (const lower of list) {
      add(lower, strong);
      if (!ASCII.test(lower)) add(withoutDiacritics(lower), strong);
    }
  }
  const placeFirstWords = new Set<string>();
  for (const p of [...place.keys(), ...town]) placeFirstWords.add(p.split(' ')[0] ?? p);
  // the everyday English vocabulary (SCOWL) that no name, place or company list has: what the other lists leave
  // unknown, these call an ordinary word ("Payments", "Intake", "Escrow" opening a line are no names)
  // (nor a word of a place's name: "Chi" of "Ho Chi Minh City", "Island" of "Victoria Island", "Rhode Island")
  const placeWords = new Set<string>();
  for (const name of [...place.keys(), ...townNames]) if (name.includes(' ')) for (const w of name.split(' ')) placeWords.add(w);
  const english = new Set<string>();
  for (const w of wordSet(ENGLISH_WORDS)) if (!common.has(w) && !given.has(w) && !surname.has(w) && !place.has(w) && !town.has(w) && !townNames.has(w) && !placeWords.has(w) && !personTagged.has(w) && !org.has(w)) english.add(w);
  return { given, surname, ambiguous, common, english, place, town, placeFirstWords, org };
}

/** the kind of the places from the world's towns list (not compromise's): many are also surnames ("Valdivia") */
export const WORLD_CITY = 'WorldCity';
const ASCII = /^[\x00-\x7f]*$/;

/** Companies and brands named after people, which compromise's list lacks (comma-separated, lower case) */
const PERSON_NAMED_ORGS = `
  morgan stanley, wells fargo, charles schwab, merrill lynch, lloyds bank, barclays bank, goldman sachs, jp morgan, j.p. morgan,
  dow jones, ernst & young, marks & spencer, marks and spencer, john lewis, ben & jerry's, tommy hilfiger, calvin klein, ralph lauren,
  hugo boss, louis vuitton, estée lauder, dolce & gabbana, tim hortons, mary kay, jack daniel's, harley davidson, rolls royce,
  mercedes benz, aston martin, johnson controls, bristol myers squibb, eli lilly, kimberly clark, sherwin williams, hewlett packard,
  dr. martens, dr martens, jack wolfskin, wendy's, mcdonald's, arby's, denny's, papa john's, trader joe's, sam's club, kellogg's,
  sainsbury's, dave & buster's, barnes & noble, procter & gamble, johnson & johnson, tiffany & co, abercrombie & fitch,
  crate & barrel, bath & body works, mercedes-benz, rolls-royce, harley-davidson, porsche macan, walt disney, giorgio armani,
  christian dior, yves saint laurent, michael kors, kate spade, tory burch, ted baker, paul smith, karl lagerfeld, jimmy choo,
  stella mccartney, vivienne westwood, marc jacobs, fred perry, ben sherman, levi strauss, john deere, charles tyrwhitt, jack wills,
  ralph lauren polo, tommy bahama, victoria's secret, macy's, kohl's, lowe's, dillard's, nordstrom rack, earl grey, lady grey,
  johnnie walker, jack daniels, jim beam, jose cuervo, captain morgan, john jameson, william grant, ben & jerry, aunt jemima,
  uncle ben's, betty crocker, sara lee, marie callender's, little debbie, chef boyardee
`;

/** Cities as their own languages write them (and with their diacritics), comma-separated */
const PLACE_ENDONYMS = `
  münchen, köln, nürnberg, düsseldorf, zürich, genève, wien, praha, warszawa, kraków, łódź, gdańsk, wrocław, poznań, lisboa, porto,
  são paulo, brasília, belém, goiânia, napoli, milano, roma, torino, firenze, venezia, genova, antwerpen, brussel, bruxelles, gent,
  luik, den haag, 's-gravenhage, den bosch, københavn, göteborg, malmö, reykjavík, moskva, sankt-peterburg, kyiv, athina, beograd,
  bucurești, sevilla, málaga, córdoba, cádiz, a coruña, donostia, bogotá, medellín, méxico, ciudad de méxico, mérida, san josé,
  asunción, montréal, québec, trois-rivières, zaragoza, bilbao, españa, deutschland, österreich, schweiz, suisse, italia, polska,
  nederland, belgië, belgique, türkiye, istanbul, ankara, izmir, al-qahira, dubayy, hà nội, thành phố hồ chí minh, ho chi minh city,
  marrakech, philippines, pilipinas,
  frankreich, spanien, italien, griechenland, polen, türkei, niederlande, großbritannien, vereinigte staaten, russland, ägypten, marokko,
  allemagne, angleterre, royaume-uni, états-unis, espagne, italie, grèce, pologne, turquie, pays-bas, belgique, égypte, maroc, brésil,
  alemania, inglaterra, reino unido, estados unidos, francia, grecia, polonia, turquía, países bajos, egipto, marruecos, brasil, filipinas,
  alemanha, frança, espanha, grécia, polônia, holanda, egito, marrocos, germania, spagna, grecia, polonia, paesi bassi, stati uniti,
  almanya, fransa, ingiltere, ispanya, italya, yunanistan, hollanda, amerika, duitsland, frankrijk, spanje, engeland, griekenland,
  verenigde staten, marokko, turkije, polska, niemcy, francja, hiszpania, włochy, wielka brytania, stany zjednoczone,
  algérie, tunisie, sénégal, liban, syrie, cameroun, côte d'ivoire, argélia, argelia, túnez, tunísia, líbano, siria, síria,
  brasilien, mexiko, kanada, indien, südafrika, argentinien, kolumbien, kroatien, rumänien, ungarn, tschechien, schweden, norwegen, dänemark
`;

/** "lucía" -> "lucia", "łukasz" -> "lukasz", "đức" -> "duc" (letters without their marks; others unchanged) */
export function withoutDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/đ/g, 'd').replace(/ø/g, 'o').replace(/ß/g, 'ss');
}

let cached: Lexicon | undefined;
export function lexicon(): Lexicon {
  cached ??= build();
  return cached;
}
