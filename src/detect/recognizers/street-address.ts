import { factorAlternation, isSpaceCode } from '../context-words.js';
import type { Finding } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

const SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Terr|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Row|Mews|Gardens|Gdns|Grove|Hill|Walk|Green|Parade|Esplanade|Alley|Loop|Pike|Quay|Wharf|Rise|Crossing|Xing|Plaza|Expressway|Freeway|Turnpike|Broadway';
const NAME_WORD = String.raw`(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'’.-]*)`;
/** "221B Baker Street", "1600 Pennsylvania Ave NW", "12-14 old mill rd" */
const EN = new RegExp(
  String.raw`(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:[-–]\d{1,5}[A-Za-z]?)?,?\s+(?:${NAME_WORD}\s+){1,4}?(?:${factorAlternation(SUFFIX.split('|'), true)})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?`,
  'giy',
);
/** "Hauptstraße 12", "Kerkstraat 5a", "Storgatan 4" */
const COMPOUND = /(?<![\p{L}])\p{Lu}[\p{Ll}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku)\s+\d{1,4}\s?[a-zA-Z]?(?![\p{L}\d])/gu;
/** "Calle Mayor 3", "Via Roma 10", "Rue de Rivoli 5", "ul. Marszałkowska 10" */
/** "Schönhauser Allee 36", "Alter Markt 5" */
const GERMAN_TWO = /(?<![\p{L}])\p{Lu}[\p{Ll}]+(?:e[rsn]?)?\s+(?:Allee|Straße|Strasse|Weg|Platz|Ring|Gasse|Damm|Ufer|Chaussee|Markt|Steig|Graben)\s+\d{1,4}\s?[a-zA-Z]?(?![\p{L}\d])/gu;
const ROMANCE =
  /(?<![\p{L}])(?:Calle|C\/|Avenida|Avda\.?|Paseo|Plaza|Pza\.?|Carrer|Via|Viale|Piazza|Corso|Largo|Rua|Praça|Travessa|Rue|Av\.|Boulevard|Bd|Chemin|Allée|Impasse|Quai|ul\.|ulica|al\.|aleja|Strada|Bulevardul)\s+(?:(?:de|del|la|las|los|le|les|du|des|da|do|dos|das|della|delle|dei|di|degli|l['’]|d['’])\s*)*\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|del|la|di|da|do|des|du)\s+)?\p{Lu}[\p{L}'’.-]*){0,3},?\s+(?:n[º°o.]\s*)?\d{1,4}[a-zA-Z]?(?![\p{L}\d])/gu;
/** "12 rue de la Paix" */
const FR =
  /(?<![\w.,/-])\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|cours|route)\s+(?:(?:de|du|des|la|le|les|l['’]|d['’])\s*)*\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|du|des|la|le)\s+)?\p{Lu}[\p{L}'’-]*){0,3}/giu;
// cheap keyword tests that let a text skip the costlier address patterns
const COMPOUND_GATE = /stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku/i;
const GERMAN_GATE = /Allee|Straße|Strasse|Weg|Platz|Ring|Gasse|Damm|Ufer|Chaussee|Markt|Steig|Graben/;
// Calle|C\/|Av|Paseo|Pla|Pza|Carrer|Via|Piazza|Corso|Largo|Rua|Praça|Travessa|Rue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|
// ul\.|ulica|al\.|aleja|Strada|Bulevardul, grouped by first letter (same order within a group: same matches, cheaper scan)
const ROMANCE_GATE_ALL = /C(?:alle|\/|arrer|orso|hemin)|A(?:v|llée)|P(?:aseo|la|za|iazza|raça)|Via|Largo|Ru[ae]|Travessa|B(?:oulevard|d|ulevardul)|Impasse|Quai|ul(?:\.|ica)|al(?:\.|eja)|Strada/g;
const FR_GATE = /rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|cours|route/i;
/** the word right before a house number in "Hauptstraße 12" / "Schönhauser Allee 36" */
const COMPOUND_WORD = /(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku|markt|steig|graben)$/i;
const FR_WORD = /^(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|cours|route)(?![\p{L}])/iu;
const UNIT = /^,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Room|Rm|Bldg|Building|#)\.?\s*#?[\w-]{1,6}/i;
const LEAD = /(?:Apt|Apartment|Suite|Unit|Flat|Room)\.?\s*#?[\w-]{1,6},?\s+$/i;
/** ", Springfield, IL 62704" / ", London SW1A 1AA" / ", 10115 Berlin" / ", Austin TX" */
const CITY_TAIL = [
  // ", Newtown NSW 2042" (AU state + 4 digits), ", Montréal, QC H3B 1K9" (CA province + postcode)
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}(?!\d)/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*[\s-]+){0,2}\p{Lu}[\p{L}'-]*,?\s+(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/u,
  // ", Galway H91 X2Y3" (Irish Eircode)
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4}\b/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?(?!\d)/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/u,
  /^,\s+(?:[A-Z]-)?\d{4,5}\s+\p{Lu}[\p{L}'-]*(?:[ -]\p{Lu}[\p{L}'-]*){0,2}/u,
  /^,\s+\d{2}-\d{3}\s+\p{Lu}[\p{L}'-]*/u,
  /^,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/,
  /^,\s+\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2},?\s+[A-Z]{2}\b(?!\w)/u,
  // ", Tel Aviv 6688218", ", Zürich 8001": city then a 4-7 digit postcode (not a phone: no digits after it)
  /^,\s+\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2},?\s+\d{4,7}(?![\d\p{L}]|[ \t.-]?\d)/u,
  /^,\s+\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2}(?=\s*(?:[,.;\n)"'}\]]|$))/u,
];
/** a Canadian postcode or an Eircode left after a "City, QC" tail */
const POSTCODE_AFTER = /^,?[ \t]+(?:[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d{2}[ \t]?[AC-FHKNPRTV-Y\d]{4})\b/;
/** "Rothschild Blvd 22," / "Nathan Road 88": street name and suffix before the house number (Israel, HK, SG...) */
const NUMBER_AFTER = /(?<![\p{L}\d])(?:\p{Lu}[\p{L}'’-]+\s+){1,3}(?:Street|Road|Avenue|Ave|Boulevard|Blvd|Rd|Lane|Drive)\.?\s+$/u;
const NUMBER_AFTER_SUFFIX = new Set(['Street', 'Road', 'Avenue', 'Ave', 'Boulevard', 'Blvd', 'Rd', 'Lane', 'Drive']);
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const NOT_STREET_WORD = /^(?:items?|units?|pcs|pieces|days?|weeks?|months?|years?|hours?|minutes?|times?|orders?|people|users?|of|the|and|or|in|on|at|to|for|with|my|our|your|his|her|their|a|an)$/i;

/** Street addresses in English and common European formats, extended over unit, city and postcode. */
export const streetAddressRecognizer: Recognizer = {
  name: 'street_address',
  types: ['STREET_ADDRESS'],
  applies: (s) => s.digits >= 1 && s.length >= 8,
  find(text, out, scan) {
    const seen = new Set<number>();
    const runs = scan.digitRuns;
    let next = 0;
    for (const r of runs) {
      // same as execAt(EN, text, runs, ...): a sticky match tried at each digit run
      if (r < next) continue;
      EN.lastIndex = r;
      const m = EN.exec(text);
      if (m === null) continue;
      next = m.index + m[0].length;
      const words = m[0].split(/\s+/).slice(1, -1);
      if (words.some((w) => NOT_STREET_WORD.test(w))) continue;
      const capitalised = words.every((w) => /^[A-Z\d]/.test(w));
      pushAddress(text, out, seen, m.index, next, capitalised ? 0.85 : 0.6, 'street_address');
    }
    // "Rothschild Blvd 22, Tel Aviv": a 1-4 digit number right after a capitalised street name and suffix,
    // then a comma or line end (a number followed by words is a quantity: "Main Street 5 minutes")
    for (const r of runs) {
      const b = text.charCodeAt(r - 1);
      if (b !== 32 || seen.has(r)) continue;
      let e = r;
      while (e < text.length && e - r <= 4 && text.charCodeAt(e) >= 48 && text.charCodeAt(e) <= 57) e++;
      if (e - r > 4) continue;
      const after = text.charCodeAt(e);
      if (!(e === text.length || after === 44 || after === 10 || after === 13)) continue;
      // cheap gate: the word before the number is one of the suffixes
      let w = r - 1;
      if (text.charCodeAt(w - 1) === 46) w--;
      let k = w;
      while (k > 0 && k > w - 10 && isLetter(text.charCodeAt(k - 1))) k--;
      if (!NUMBER_AFTER_SUFFIX.has(text.slice(k, w))) continue;
      const before = NUMBER_AFTER.exec(text.slice(Math.max(0, r - 48), r));
      if (before === null) continue;
      pushAddress(text, out, seen, r - before[0].length, e, 0.75, 'street_address.number_after');
    }
    europeanForms(text, out, seen, runs);
  },
};

/**
 * The European forms put a short house number right after the street name ("Hauptstraße 12", "Via Roma 10",
 * "Calle Mayor, nº 3") or right before it ("12 rue de la Paix"). Each family's regex runs only when the text
 * holds one of its keywords (the gate) and a digit run sits where its house number would.
 */
function europeanForms(text: string, out: Finding[], seen: Set<number>, runs: readonly number[]): void {
  let compound = false;
  let romance = false;
  let fr = false;
  // the French keyword gate: -1 not asked yet, 0 no, 1 yes
  let frGate = -1;
  let romanceHits: number[] | null = null;
  for (const r of runs) {
    let e = r;
    while (e < text.length && e - r <= 4 && text.charCodeAt(e) >= 48 && text.charCodeAt(e) <= 57) e++;
    if (e - r > 4) continue;
    if (!fr && frWordMayFollow(text, e)) {
      if (frGate === -1) frGate = FR_GATE.test(text) ? 1 : 0;
      if (frGate === 1 && FR_WORD.test(text.slice(e, e + 24))) fr = true;
    }
    let j = r;
    const b = text.charCodeAt(j - 1);
    if (b === 0xba || b === 0xb0 || b === 111 || b === 46) {
      // "nº 3", "n. 3", "no 3"
      j--;
      while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
      if (j > 0 && (text.charCodeAt(j - 1) === 110 || text.charCodeAt(j - 1) === 78)) j--;
    }
    if (j === r && !isSpace(b)) continue;
    while (j > 0 && (isSpace(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) === 44)) j--;
    if (!compound && compoundSuffixEnd(text.charCodeAt(j - 1))) {
      let k = j;
      while (k > 0 && !isSpace(text.charCodeAt(k - 1)) && j - k < 8) k--;
      // (a match is a suffix of at most 8 characters: the regex needs only the word's last 8)
      if (COMPOUND_WORD.test(text.slice(k, j))) compound = true;
    }
    if (!romance) {
      // was ROMANCE_GATE.test(text.slice(j - 90, j)): a keyword match ending in that window (superset)
      if (romanceHits === null) {
        romanceHits = [];
        ROMANCE_GATE_ALL.lastIndex = 0;
        for (let g = ROMANCE_GATE_ALL.exec(text); g; g = ROMANCE_GATE_ALL.exec(text)) romanceHits.push(g.index, g.index + g[0].length);
      }
      for (let h = 0; h < romanceHits.length; h += 2) {
        if ((romanceHits[h] ?? 0) < j && (romanceHits[h + 1] ?? 0) > j - 90) {
          romance = true;
          break;
        }
      }
    }
  }
  // (a set flag implies its gate was asked; the romance keyword gate holds exactly when ROMANCE_GATE_ALL found a hit)
  if (compound && COMPOUND_GATE.test(text)) execAll(COMPOUND, text, out, seen, 'street_address.compound');
  if (compound && GERMAN_GATE.test(text)) execAll(GERMAN_TWO, text, out, seen, 'street_address.compound');
  if (romance) execAll(ROMANCE, text, out, seen, 'street_address.eu');
  if (fr && frGate === 1) execAll(FR, text, out, seen, 'street_address.fr');
}

function execAll(re: RegExp, text: string, out: Finding[], seen: Set<number>, name: string): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) pushAddress(text, out, seen, m.index, m.index + m[0].length, 0.8, name);
}

function pushAddress(text: string, out: Finding[], seen: Set<number>, start: number, coreEnd: number, conf: number, name: string): void {
  if (seen.has(start)) return;
  seen.add(start);
  let end = coreEnd;
  const unit = UNIT.exec(text.slice(end, end + 24));
  if (unit) end += unit[0].length;
  const tail = text.slice(end, end + 60);
  for (const re of CITY_TAIL) {
    const t = re.exec(tail);
    if (t) {
      end += t[0].length;
      const pc = POSTCODE_AFTER.exec(text.slice(end, end + 12));
      if (pc) end += pc[0].length;
      break;
    }
  }
  // "Flat 3, 12 High Street": take the unit in front too
  const lead = LEAD.exec(text.slice(Math.max(0, start - 20), start));
  const s = lead ? start - lead[0].length : start;
  out.push(finding('STREET_ADDRESS', s, end, end > coreEnd ? Math.max(conf, 0.94) : conf, name));
}

/** Can a word ending in character `c` end with one of COMPOUND_WORD's suffixes? (e . g z m r t n k d j a u) */
function compoundSuffixEnd(c: number): boolean {
  const l = c | 32;
  return l === 101 || l === 46 || l === 103 || l === 122 || l === 109 || l === 114 || l === 116 || l === 110 || l === 107 || l === 100 || l === 106 || l === 97 || l === 117;
}

/**
 * Could FR_WORD match at `e`? After any spaces and commas it needs the first letter of "bis" / "ter" or of
 * a street word (rue, avenue, boulevard, bd, place, chemin, allée, impasse, quai, cours, route).
 */
function frWordMayFollow(text: string, e: number): boolean {
  let k = e;
  let c = text.charCodeAt(k);
  while (k < e + 24 && (isSpace(c) || c === 44)) c = text.charCodeAt(++k);
  c |= 32;
  return c === 114 || c === 97 || c === 98 || c === 112 || c === 99 || c === 105 || c === 113 || c === 116;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && isSpaceCode(c));
