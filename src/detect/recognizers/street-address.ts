import { factorAlternation, isAsciiDigitCode, isAsciiLetterCode, isSpaceCode } from '../context-words.js';
import type { Finding } from '../types.js';
import { lexicon } from '../lexicon/index.js';
import { capitalWordRuns } from '../proper-nouns.js';
import { fieldKeyAt } from '../fields.js';
import { codeAt, execAt, finding, type Recognizer } from './recognizer.js';

const SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Terr|Close|Crescent|Cres|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Row|Mews|Gardens|Gdns|Grove|Hill|Walk|Green|Parade|Esplanade|Alley|Loop|Pike|Quay|Wharf|Rise|Crossing|Xing|Plaza|Expressway|Freeway|Turnpike|Broadway|Park|Gate|View|Vale|Heights|Pde|Tce|Cct|Esp|Bvd';
const NAME_WORD = String.raw`(?:\d{1,3}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'’.-]*)`;
/** "221B Baker Street", "1600 Pennsylvania Ave NW", "12-14 old mill rd" */
const EN = new RegExp(
  String.raw`(?<![\w.,/-])\d{1,6}[A-Za-z]?(?:[-–/]\d{1,5}[A-Za-z]?)?,?\s+(?:${NAME_WORD}\s+){1,4}?(?:${factorAlternation(SUFFIX.split('|'), true)})\b\.?(?:[ \t]+(?:Dr|Drive|Rd|Road|St|Street|Ave|Avenue|Blvd|Ln|Lane|Ct|Way|Pl)\b\.?(?=(?:[ \t]+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:,|[ \t]*$|[ \t]*\r?\n)))?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?`,
  'giy',
);
/** "Hauptstraße 12", "Kerkstraat 5a", "Storgatan 4" */
const COMPOUND = /(?<![\p{L}])\p{Lu}[\p{Ll}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku|vegur|stígur|braut)\s+\d{1,4}(?:bis|ter|[-/](?:bis|ter|hs|huis|[IVX]{1,4}|[A-Za-z]|\d{1,3})|\s?[a-zA-Z])?(?![\p{L}\d])/uy;
/** "Schönhauser Allee 36", "Alter Markt 5", "Karl-Marx-Allee 93" */
const GERMAN_TWO = /(?<![\p{L}])\p{Lu}[\p{Ll}]+(?:(?:e[rsn]?)?\s+|(?:-\p{Lu}[\p{Ll}]+){0,3}-)(?:Allee|Straße|Strasse|Weg|Platz|Ring|Gasse|Damm|Ufer|Chaussee|Markt|Steig|Graben)\s+\d{1,4}\s?[a-zA-Z]?(?![\p{L}\d])/uy;
/** "Calle Mayor 3", "Via Roma 10", "Rue de Rivoli 5", "ul. Marszałkowska 10" */
const ROMANCE_KEYWORDS = String.raw`Calle|C\/|Avenida|Avda\.?|Paseo|Plaza|Pza\.?|Carrer|Via|Viale|Piazza|Corso|Largo|Rua|Praça|Travessa|Rue|Av\.|Avenue|Boulevard|Bd|Chemin|Chaussée|Allée|Impasse|Quai|ul\.|ulica|al\.|aleja|Strada|Str\.|Bulevardul|Calea|Aleea|Splaiul|Intrarea`;
const ROMANCE = new RegExp(
  String.raw`(?<![\p{L}])(?:${ROMANCE_KEYWORDS})\s+(?:(?:de|del|la|las|los|le|les|du|des|da|do|dos|das|della|delle|dei|di|degli|l['’]|d['’])\s*)*\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|del|la|di|da|do|des|du|dei|della|delle|degli|dos|das|los|las)\s+)?\p{Lu}[\p{L}'’.-]*){0,3},?\s+(?:n(?:[º°o.]|r\.?)\s*)?\d{1,4}[a-zA-Z]?(?![\p{L}\d])`,
  'gu',
);
/** the ROMANCE keywords spelled out ("Avda" and "Avda.", "C/"...), by their first (ASCII) character */
const ROMANCE_BY_FIRST: string[][] = Array.from({ length: 128 }, () => []);
for (const k of ROMANCE_KEYWORDS.replaceAll('\\/', '/').split('|')) {
  const forms = k.endsWith('\\.?') ? [k.slice(0, -3), `${k.slice(0, -3)}.`] : [k.replaceAll('\\.', '.')];
  for (const w of forms) ROMANCE_BY_FIRST[w.charCodeAt(0)]!.push(w);
}
/**
 * The first two characters of the ROMANCE keywords, as a small table: bit (b & 31) of ROMANCE_SECOND[a] is set
 * when a keyword starts with the (ASCII) characters a, b ("Ca", "C/"...). A set bit may also stand for another
 * b with the same low 5 bits: a superset, confirmed by the regex.
 */
const ROMANCE_SECOND = new Int32Array(128);
for (const k of ROMANCE_KEYWORDS.replaceAll('\\', '').split('|')) ROMANCE_SECOND[k.charCodeAt(0)]! |= 1 << (k.charCodeAt(1) & 31);
/** "12 rue de la Paix", "2207-1155 rue Metcalfe" (unit-civic), "1409 Calle del Sol" (US), "15 Shar3 Gamal Abdel Nasser" (EG),
 * "38 Jalan Kembangan" (MY, SG), "4 Heol y Bryn" (Wales) */
const FR =
  /(?<![\w.,/-])(?:\d{1,5}-)?\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|avenida|boulevard|bd|place|chemin|allée|impasse|quai|cours|route|calle|camino|calzada|callej[oó]n|paseo|shar3|share3|sharia|shari['’]a|jalan|jln\.?|lorong|lrg\.?|heol)\s+(?:(?:de|du|des|la|le|les|l['’]|d['’])\s*)*\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:de|du|des|la|le)\s+)?\p{Lu}[\p{L}'’-]*){0,3}/iuy;
/** an FR match whose street word is one of the Spanish or Arabic ones in lower case */
const FR_LOWER_FOREIGN = /^[\d\s,-]*(?:(?:bis|ter)[\s,]+)?(?:avenida|calle|camino|calzada|callej[oó]n|paseo|shar3|share3|sharia|shari['’]a)\s/;
// cheap keyword tests that let a text skip the costlier address patterns
const COMPOUND_GATE = /stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku|vegur|stígur|braut/i;
const GERMAN_GATE = /Allee|Straße|Strasse|Weg|Platz|Ring|Gasse|Damm|Ufer|Chaussee|Markt|Steig|Graben/;
// Calle|C\/|Av|Paseo|Pla|Pza|Carrer|Via|Piazza|Corso|Largo|Rua|Praça|Travessa|Rue|Boulevard|Bd|Chemin|Allée|Impasse|Quai|
// ul\.|ulica|al\.|aleja|Strada|Str\.|Bulevardul|Calea|Aleea|Splaiul|Intrarea, grouped by first letter (same order within a group: same matches, cheaper scan)
const ROMANCE_GATE_ALL = /C(?:alle|\/|arrer|orso|hemin|haussée|alea)|A(?:v|llée|leea)|P(?:aseo|la|za|iazza|raça)|Via|Largo|Ru[ae]|Travessa|B(?:oulevard|d|ulevardul)|Impasse|Quai|ul(?:\.|ica)|al(?:\.|eja)|Str(?:ada|\.)|Splaiul|Intrarea/g;
const FR_GATE = /rue|avenue|avenida|boulevard|bd|place|chemin|allée|impasse|quai|cours|route|calle|camino|calzada|callej[oó]n|paseo|shar3|share3|sharia|shari['’]a|jalan|jln|lorong|lrg|heol/i;
/** the word right before a house number in "Hauptstraße 12" / "Schönhauser Allee 36" */
const COMPOUND_WORD = /(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|dijk|steeg|kade|gatan|vägen|gränd|gade|vej|veien|gata|katu|tie|polku|vegur|stígur|braut|markt|steig|graben)$/i;
const FR_WORD = /^(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|avenida|boulevard|bd|place|chemin|allée|impasse|quai|cours|route|calle|camino|calzada|callej[oó]n|paseo|shar3|share3|sharia|shari['’]a|jalan|jln\.?|lorong|lrg\.?|heol)(?![\p{L}])/iu;
const UNIT = /^,?\s+(?:Apartment|Apto|Apt|Suite|Ste|Unit|Flat|Floor|Fl|Room|Rm|Building|Bldg|#|Dpto|Depto|Lgh|Whg|m\.|Int\.|interno|scala|piano|app|appt|esc|escalera|puerta|planta|Stiege|Top|bo[iî]te|bus|B[âa]t(?:iment)?|casa|bloco|lote|sala|conj|andar|piso|ap)\.?\s*#?[\w-]{1,6}(?![\w-])/i;
/** a floor and door after the house number: Spanish and Portuguese ", 3º B", ", 2.º izq.", Danish ", 3. tv." */
const FLOOR = /^,?[ \t]+(?:\d{1,2}\.?[º°ª](?:[ \t]?(?:[A-Z]\b|[Ii]z(?:q(?:uierda)?|da)\.?|[Dd]cha\.?|[Dd]erecha|[Ee]sq\.?|[Dd]to\.?))?|\d{1,2}\.[ \t]?(?:tv|th|mf|sal)\.?)/;
const LEAD = /(?:Apt|Apartment|Suite|Unit|Flat|Room)\.?\s*#?[\w-]{1,6},?\s+$/i;
const LEAD_BUILDING =
  /(?:(?:Apt|Apartment|Suite|Unit|Flat|Room)\.?[ \t]*#?[\w-]{1,6},?[ \t]+)?(?<![\p{L}])(?:\p{Lu}[\p{L}'’-]*[ \t]+){1,3}(?:House|Court|Mansions|Building|Tower|Towers|Lodge|Hall|Halls|Apartments|Heights|Residence|Chambers|Buildings|Cottage|Cottages|Flats|Plaza|Centre|Center|Business Park),[ \t]+$/u;
/** ", Springfield, IL 62704" / ", London SW1A 1AA" / ", 10115 Berlin" / ", Austin TX" */
const CITY_TAIL = [
  // ", Newtown NSW 2042" (AU state + 4 digits), ", Montréal, QC H3B 1K9" (CA province + postcode)
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+(?:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}(?!\d)/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*[\s-]+){0,2}\p{Lu}[\p{L}'-]*,?\s+(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/u,
  // ", Galway H91 X2Y3" (Irish Eircode)
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4}\b/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[A-Z]{2}\.?\s+\d{5}(?:-\d{4})?(?!\d)/u,
  /^,?\s+(?:\p{Lu}[\p{L}'-]*\s+){0,2}\p{Lu}[\p{L}'-]*,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/u,
  /^,\s+(?:[A-Z]-)?\d{4,5}\s+\p{Lu}[\p{L}'-]*(?:[ -]\p{Lu}[\p{L}'-]*){0,2}(?:\/\p{Lu}[\p{L}'-]*)?/u,
  // ", 1016 GV Amsterdam" (Dutch postcode), ", 1100-053 Lisboa" (Portuguese)
  /^,\s+(?:\d{4}\s?[A-Z]{2}|\d{4}-\d{3})\s+\p{Lu}[\p{L}'-]*(?:[ -]\p{Lu}[\p{L}'-]*){0,2}/u,
  // ", Drumcondra, Dublin 9", ", Dublin 6W" (a city district number)
  /^,\s+(?:\p{Lu}[\p{L}'-]*,\s+)?Dublin\s+\d{1,2}W?(?![\d\p{L}])/u,
  /^,\s+\d{2}-\d{3}\s+\p{Lu}[\p{L}'-]*/u,
  /^,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/,
  /^,\s+\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2},?\s+[A-Z]{2}\b(?!\w)/u,
  // ", Tel Aviv 6688218", ", Zürich 8001": city then a 4-7 digit postcode (not a phone: no digits after it)
  /^,\s+\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2},?\s+\d{4,7}(?![\d\p{L}]|[ \t.-]?\d)/u,
  /^,\s+(?!(?:Col|Fracc|Brgy|Urb|Bo|Int|Depto|Dpto|Blk|Bldg)\.)\p{Lu}[\p{L}'-]*(?:\s\p{Lu}[\p{L}'-]*){0,2}(?=\s*(?:[,.;\n)"'}\]]|$))/u,
];
/**
 * CITY_TAIL as one regex: the alternatives in the same order, so the match is that of the first pattern that
 * matches (the one without `u` means the same with it: no \p, no `i`). One regex call instead of up to eleven.
 */
const CITY_TAIL_ANY = new RegExp(`^(?:${CITY_TAIL.map((re) => `(?:${re.source.slice(1)})`).join('|')})`, 'u');
/** a Canadian postcode or an Eircode left after a "City, QC" tail */
const POSTCODE_AFTER = /^,?[ \t]+(?:[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d{2}[ \t]?[AC-FHKNPRTV-Y\d]{4})\b/;
/** "Rothschild Blvd 22," / "Nathan Road 88": street name and suffix before the house number (Israel, HK, SG...) */
const NUMBER_AFTER = /(?<![\p{L}\d])(?:\p{Lu}[\p{L}'’-]+\s+){1,3}(?:Street|Road|Avenue|Ave|Boulevard|Blvd|Rd|Lane|Drive)\.?\s+$/u;
const NUMBER_AFTER_SUFFIX = new Set(['Street', 'Road', 'Avenue', 'Ave', 'Boulevard', 'Blvd', 'Rd', 'Lane', 'Drive']);
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
    const ends = scan.digitRunEnds;
    for (let n = 0; n < runs.length; n++) {
      // same as execAt(EN, text, runs, ...): a sticky match tried at each digit run
      const r = runs[n]!;
      if (r < next || !enMayStartAt(text, r, ends[n]!)) continue;
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
    for (let n = 0; n < runs.length; n++) {
      const r = runs[n]!;
      const b = codeAt(text, r - 1);
      if (b !== 32 || seen.has(r)) continue;
      const e = scan.digitRunEnds[n]!;
      if (e - r > 4) continue;
      const after = codeAt(text, e);
      if (!(e === text.length || after === 44 || after === 10 || after === 13)) continue;
      // cheap gate: the word before the number is one of the suffixes
      let w = r - 1;
      if (codeAt(text, w - 1) === 46) w--;
      let k = w;
      while (k > 0 && k > w - 10 && isAsciiLetterCode(text.charCodeAt(k - 1))) k--;
      if (!NUMBER_AFTER_SUFFIX.has(text.slice(k, w))) continue;
      const before = NUMBER_AFTER.exec(text.slice(Math.max(0, r - 48), r));
      if (before === null) continue;
      pushAddress(text, out, seen, r - before[0].length, e, 0.75, 'street_address.number_after');
    }
    if (scan.lower.includes('box')) boxAddresses(text, out, seen);
    europeanForms(text, out, seen, runs, scan.digitRunEnds, scan.capitals);
    // the European forms written in capitals ("CALLE DE TOLEDO 103, 28018 MADRID", "MÜHLWEG 45"): their patterns
    // read the case of the letters, so they run again on a copy with those words capitalised (same offsets)
    if (scan.upper) {
      const titled = capitalStreetWordsTitled(text, scan.capitals);
      if (titled !== null) europeanForms(titled, out, seen, runs, scan.digitRunEnds, scan.capitals);
    }
    // "Am Kuhm 19a, 46325 Borken", "An der Alster 4, 20099 Hamburg": a German street named with a preposition
    if (DE_PREP_GATE.test(text)) execAll(DE_PREP, text, out, seen, 'street_address.de', 0.85);
    // "The Presbytery, Main Street, Castleisland, Co. Kerry V92 H2P0": Irish, back from the Eircode
    if (scan.upper && eircodeMayBeIn(text, runs, ends)) irish(text, out, seen);
    // "Bağdat Caddesi No: 145 D: 8", "Atatürk Bulvarı No: 88/4" (Turkish: street word, then "No")
    if (text.includes('No') && TR_GATE.test(text)) execAll(TR, text, out, seen, 'street_address.tr');
    worldForms(text, out, seen, runs, ends, scan.capitals, scan.nonAscii === true, scan.dash);
    // "3-14-2 Jingumae, Shibuya-ku, Tokyo 150-0001" (Japanese, romanised: block numbers, district, ward)
    if (scan.dash && jpBlockIn(text, runs, ends) && JP_GATE.test(text)) execAll(JP, text, out, seen, 'street_address.jp');
  },
};

/** a word in capitals that is a street keyword or ends in a street suffix (ROMANCE_KEYWORDS, COMPOUND_WORD) */
const CAPS_STREET_WORD = new RegExp(`^(?:${ROMANCE_KEYWORDS.toUpperCase()})$|${COMPOUND_WORD.source.toUpperCase()}`);

/**
 * The text with every run of capitals that holds a street word written capitalised ("CALLE DE TOLEDO" ->
 * "Calle De Toledo"), or null when no run holds one (or a letter would change length in lower case).
 */
function capitalStreetWordsTitled(text: string, capitals: readonly number[]): string | null {
  const runs = capitalWordRuns(text, capitals);
  if (runs.length === 0 || !runs.some((run) => run.some(([s, e]) => CAPS_STREET_WORD.test(text.slice(s, e))))) return null;
  let out = '';
  let last = 0;
  for (const run of runs) {
    for (const [s, e] of run) {
      out += text.slice(last, s + 1) + text.slice(s + 1, e).toLowerCase();
      last = e;
    }
  }
  out += text.slice(last);
  return out.length === text.length ? out : null;
}

/** the Turkish street words ("Caddesi", "Sokak", "Bulvarı"...) and the "No" after them */
const TR_STREET_NO = String.raw`(?:Caddesi|Cad\.|Cd\.|Sokak|Sokağı|Sk\.|Bulvarı|Blv\.|Mahallesi|Mah\.)\s*,?\s*No`;
const TR_GATE = new RegExp(String.raw`${TR_STREET_NO}\b`);
const TR = new RegExp(
  String.raw`(?<![\p{L}])\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){0,2}\s${TR_STREET_NO}\s*[:.]?\s*\d{1,4}(?:\s*\/\s*\d{1,4}|[A-Z](?![\p{L}]))?(?:\s+(?:D|Daire|Kat)\s*[:.]?\s*\d{1,3})?`,
  'gu',
);
const JP_GATE = /-(?:ku|shi|cho|machi|gun)\b/;
const JP = /(?<![\w-])\d{1,2}-\d{1,2}(?:-\d{1,3})?,?\s+\p{Lu}\p{Ll}+(?:-\p{Ll}+)?(?:\s\d-chome)?,\s+\p{Lu}\p{Ll}+-(?:ku|shi|cho|machi|gun)\b(?:,\s+\p{Lu}\p{Ll}+(?:-(?:to|fu|ken))?)?(?:\s+\d{3}-\d{4}(?!\d))?/gu;

/**
 * Does the text hold JP's block numbers, "3-14" (a match starts with (?<![\w-])\d{1,2}-\d{1,2}, then "-", ",", or
 * \s: two runs of one or two digits joined by a "-")? Over the prescan's digit runs: most dashes are in dates,
 * phone numbers and identifiers, whose runs are longer, so the text is not searched for the ward's "-ku".
 */
function jpBlockIn(text: string, runs: readonly number[], ends: readonly number[]): boolean {
  for (let n = 0; n + 1 < runs.length; n++) {
    const e = ends[n]!;
    if (e - runs[n]! <= 2 && runs[n + 1] === e + 1 && ends[n + 1]! - e <= 3 && text.charCodeAt(e) === 45) return true;
  }
  return false;
}

/**
 * Can EN match at the digit run from `r` to `end`? Its lookbehind (no [\w.,/-] before: \w is ASCII, there is no
 * `u` flag), at most 6 digits (\d{1,6} then a digit fits nothing that follows), then a character that can go on:
 * [A-Za-z], "-", "–", "/", "," or \s. Checked without a regex call: most runs fail here.
 */
function enMayStartAt(text: string, r: number, end: number): boolean {
  const b = codeAt(text, r - 1);
  if (b === 46 || b === 44 || b === 47 || b === 45 || b === 95 || isAsciiLetterCode(b) || isAsciiDigitCode(b) || end - r > 6) return false;
  const c = codeAt(text, end);
  return isSpace(c) || c === 44 || c === 45 || c === 0x2013 || c === 47 || isAsciiLetterCode(c);
}

/**
 * The European forms put a short house number right after the street name ("Hauptstraße 12", "Via Roma 10",
 * "Calle Mayor, nº 3") or right before it ("12 rue de la Paix"). Each family's regex runs only when the text
 * holds one of its keywords (the gate) and a digit run sits where its house number would.
 */
function europeanForms(text: string, out: Finding[], seen: Set<number>, runs: readonly number[], runEnds: readonly number[], capitals: readonly number[]): void {
  let compound = false;
  let fr = false;
  // where the word before each short number ends (the romance test's windows), and whether one of them can be
  // ROMANCE's street name
  const wordEnds: number[] = [];
  let romanceName = false;
  for (let n = 0; n < runs.length; n++) {
    const r = runs[n]!;
    const e = runEnds[n]!;
    if (e - r > 4) continue;
    if (!fr && frWordMayFollow(text, e) && FR_WORD.test(text.slice(e, e + 24))) fr = true;
    let j = r;
    const b = codeAt(text, j - 1);
    if (b === 0xba || b === 0xb0 || b === 111 || b === 46) {
      // "nº3", "n.3", "no3"; without the "n" ("5.7", "studio3") the number is no family's house number (ROMANCE
      // wants \s or n[º°o.] before it, COMPOUND and GERMAN_TWO \s): nothing to note
      j--;
      while (j > 0 && isSpace(text.charCodeAt(j - 1))) j--;
      if (j > 0 && (text.charCodeAt(j - 1) === 110 || text.charCodeAt(j - 1) === 78)) j--;
      else continue;
    }
    if (j === r && !isSpace(b)) continue;
    while (j > 0 && (isSpace(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) === 44)) j--;
    // (COMPOUND and GERMAN_TWO need a capital in the word before the number: "Hauptstraße", "Allee")
    if (!compound && compoundSuffixEnd(codeAt(text, j - 1)) && capitalInWordBefore(text, j)) {
      let k = j;
      while (k > 0 && !isSpace(text.charCodeAt(k - 1)) && j - k < 8) k--;
      // (a match is a suffix of at most 8 characters: the regex needs only the word's last 8)
      if (COMPOUND_WORD.test(text.slice(k, j))) compound = true;
    }
    wordEnds.push(j);
    if (!romanceName) romanceName = romanceNameBefore(text, j);
  }
  // The romance flag: a ROMANCE_GATE_ALL hit ending within 90 characters before one of the word ends (was
  // ROMANCE_GATE.test(text.slice(j - 90, j)), a superset). It is worked out only when ROMANCE can match at all
  // (a capitalised name before a number, a keyword followed by a space): otherwise it would make no difference.
  let romance = false;
  if (romanceName && romanceMayMatch(text, capitals)) {
    const hits = romanceKeywordHits(text);
    // both lists ascend and the hits do not overlap, so the last hit starting before j ends last: one merge
    let h = 0;
    for (const j of hits.length === 0 ? [] : wordEnds) {
      while (h + 2 < hits.length && (hits[h + 2] ?? 0) < j) h += 2;
      if ((hits[h] ?? 0) < j && (hits[h + 1] ?? 0) > j - 90) {
        romance = true;
        break;
      }
    }
  }
  // (the keyword gates are asked last, only for a flag that is set)
  // (the sticky COMPOUND and GERMAN_TWO can only start at a capital, FR at a digit run: tried there alone, they
  // find what a global scan of the text would)
  // (COMPOUND's match is one word, spaces and a short number: it starts in a word before one)
  if (compound && COMPOUND_GATE.test(text)) execAllAt(COMPOUND, text, compoundStartsBefore(text, wordEnds), out, seen, 'street_address.compound');
  if (compound && GERMAN_GATE.test(text)) execAllAt(GERMAN_TWO, text, capitals, out, seen, 'street_address.compound');
  if (romance) execAll(ROMANCE, text, out, seen, 'street_address.eu');
  if (fr && FR_GATE.test(text)) {
    execAt(FR, text, runs, (m) => {
      // (the Spanish and Arabic street words only capitalised: "1409 Calle del Sol", not "5 camino shoes")
      if (!FR_LOWER_FOREIGN.test(m[0])) pushAddress(text, out, seen, m.index, m.index + m[0].length, 0.8, 'street_address.fr');
    });
  }
}

/**
 * Where COMPOUND can start in the words that end at `wordEnds` (ascending), in order. Its match is a capital,
 * then lower-case letters, "-" and (in "str.") ".", up to the spaces before the number: so, walking back from the
 * word's end, the first capital A-Z is the last place it can start, and a character that is none of these
 * (a digit, a comma...) ends the walk. A character beyond ASCII may be a capital or a lower-case letter: a
 * possible start, and the walk goes on. Each word is read once (not before the previous end).
 */
function compoundStartsBefore(text: string, wordEnds: readonly number[]): number[] {
  const starts: number[] = [];
  let prev = 0;
  for (const j of wordEnds) {
    const first = starts.length;
    for (let k = j - 1; k >= prev; k--) {
      const c = text.charCodeAt(k);
      if (c > 127) {
        if (isSpace(c)) break;
        starts.push(k);
      } else if (c >= 65 && c <= 90) {
        starts.push(k);
        break;
      } else if (!((c >= 97 && c <= 122) || c === 45 || c === 46)) break;
    }
    // (found walking back: put this word's starts in text order)
    for (let x = first, y = starts.length - 1; x < y; x++, y--) [starts[x], starts[y]] = [starts[y]!, starts[x]!];
    prev = j;
  }
  return starts;
}

/** The hits of ROMANCE_GATE_ALL in the text, as [start, end) pairs. */
function romanceKeywordHits(text: string): number[] {
  const hits: number[] = [];
  ROMANCE_GATE_ALL.lastIndex = 0;
  for (let g = ROMANCE_GATE_ALL.exec(text); g; g = ROMANCE_GATE_ALL.exec(text)) hits.push(g.index, g.index + g[0].length);
  return hits;
}

function execAll(re: RegExp, text: string, out: Finding[], seen: Set<number>, name: string, conf = 0.8): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) pushAddress(text, out, seen, m.index, m.index + m[0].length, conf, name);
}

function execAllAt(re: RegExp, text: string, starts: readonly number[], out: Finding[], seen: Set<number>, name: string): void {
  execAt(re, text, starts, (m) => pushAddress(text, out, seen, m.index, m.index + m[0].length, 0.8, name));
}

/**
 * US box addresses: a post-office box ("PO Box 2218", "P.O. Box 91"), a military one ("PSC 473 Box 1205, FPO AP 96349",
 * "Unit 29351 Box 447, APO AE 09096") and a rural route's ("RR 2 Box 118"), with the town, state and ZIP after them.
 */
const BOX =
  /(?<![\w.])(?:P\.?[ \t]?O\.?[ \t]*Box|Post[ \t]+Office[ \t]+Box|(?:PSC|CMR|Unit)[ \t]+\d{1,5},?[ \t]+Box|(?:RR|R\.R\.|Rural[ \t]+Route|HC|Star[ \t]+Route)[ \t]*#?\d{1,3},?[ \t]+Box)[ \t]*#?\d{1,6}(?![\w-])(?:,?[ \t]+(?:APO|FPO|DPO)[ \t]+(?:AE|AP|AA)[ \t]+\d{5}(?:-\d{4})?(?!\d))?/gi;
/** the key of a field that holds an address line ("street", "address_line1", "Mailing") */
const ADDRESS_FIELD_KEY = /street|addr|mailing|line|postal/i;
function boxAddresses(text: string, out: Finding[], seen: Set<number>): void {
  BOX.lastIndex = 0;
  for (let m = BOX.exec(text); m; m = BOX.exec(text)) {
    // (a post-office box alone, with no town after it nor an address field's key, is often a company's: "Northfield
    // Building Society\nPO Box 4410"; a military or a rural box is a household's)
    const po = /^(?:P\.?[ \t]?O\.?[ \t]*Box|Post)/i.test(m[0]);
    pushAddress(text, out, seen, m.index, m.index + m[0].length, po && !ADDRESS_FIELD_KEY.test(fieldKeyAt(text, m.index)) ? 0.45 : 0.8, 'street_address.box');
  }
}

function pushAddress(text: string, out: Finding[], seen: Set<number>, start: number, coreEnd: number, conf: number, name: string): void {
  if (seen.has(start)) return;
  seen.add(start);
  let end = coreEnd;
  // "Prinsengracht 263-1", "Calle Mayor 12/3": a second number joined to the house number
  // (and a third: "Mariahilfer Straße 88/2/14", staircase and door)
  for (let hop = 0; hop < 2; hop++) {
    const joiner = codeAt(text, end);
    if (!((joiner === 45 || joiner === 47) && isAsciiDigitCode(codeAt(text, end - 1)) && isAsciiDigitCode(codeAt(text, end + 1)))) break;
    let k = end + 1;
    while (k - end <= 3 && isAsciiDigitCode(codeAt(text, k))) k++;
    if (k - end > 3 || isAsciiDigitCode(codeAt(text, k)) || isAsciiLetterCode(codeAt(text, k))) break;
    end = k;
  }
  if (codeAt(text, end) === 32 && isAsciiUpperCode(codeAt(text, end + 1))) {
    const side = STREET_SIDE.exec(text.slice(end, end + 12));
    if (side !== null) end += side[0].length;
  }
  // (UNIT and every CITY_TAIL pattern start with ",?\s+", POSTCODE_AFTER with ",?[ \t]+", and LEAD ends with "\s+":
  // the character tests spare regex calls that could not match)
  // "Hämeenkatu 21 B 14": a staircase letter and a flat number
  if (isAsciiLetterCode(codeAt(text, end - 1)) && codeAt(text, end - 2) === 32) {
    const flat = /^ \d{1,3}(?=[,\n]|$)/.exec(text.slice(end, end + 5));
    if (flat !== null) end += flat[0].length;
  }
  const unit = unitMayFollow(text, end) ? UNIT.exec(text.slice(end, end + 24)) : isAsciiDigitCode(codeAt(text, end + 2)) || isAsciiDigitCode(codeAt(text, end + 1)) ? FLOOR.exec(text.slice(end, end + 20)) : null;
  if (unit) {
    end += unit[0].length;
    // a second one: "scala B, int. 7", "Bldg 4, Apt 12"
    const second = unitMayFollow(text, end) ? UNIT.exec(text.slice(end, end + 24)) : null;
    if (second) end += second[0].length;
  }
  if (cityTailMayFollow(text, end)) {
    const t = CITY_TAIL_ANY.exec(text.slice(end, end + 60));
    if (t) {
      end += t[0].length;
      const pc = postcodeMayFollow(text, end) ? POSTCODE_AFTER.exec(text.slice(end, end + 12)) : null;
      if (pc) end += pc[0].length;
    }
  }
  end = placeSegmentsAfter(text, end);
  // "Flat 3, 12 High Street": take the unit in front too
  // ("Flat 12, Rosewood House, 40 Market Street": and a building's name, with its unit or without)
  const lead = isSpace(codeAt(text, start - 1)) ? (LEAD_BUILDING.exec(text.slice(Math.max(0, start - 70), start)) ?? LEAD.exec(text.slice(Math.max(0, start - 20), start))) : null;
  const s = lead ? start - lead[0].length : start;
  out.push(finding('STREET_ADDRESS', s, end, end > coreEnd ? Math.max(conf, 0.94) : conf, name));
}

/**
 * Can ROMANCE match anywhere in the text? A match starts with one of its keywords followed by a space (\s):
 * a capitalised one (Calle, Via, Rue...) at one of the prescan's capitals, or "ul." "ulica" "al." "aleja"
 * not after a letter. romanceKeywordAt is asked only where the first two characters fit, so most texts need
 * few string comparisons; when this says no, the romance gate need not be asked at all.
 */
function romanceMayMatch(text: string, capitals: readonly number[]): boolean {
  for (const p of capitals) {
    const a = text.charCodeAt(p);
    if (a < 128 && ((ROMANCE_SECOND[a]! >>> (codeAt(text, p + 1) & 31)) & 1) === 1 && romanceKeywordAt(text, p)) return true;
  }
  // the lower-case keywords: "al" or "ul" not after an (ASCII) letter, then ".", "eja" or "ica"
  for (let i = text.indexOf('l', 1); i !== -1; i = text.indexOf('l', i + 1)) {
    const before = codeAt(text, i - 1);
    const after = codeAt(text, i + 1);
    if ((before === 97 || before === 117) && (after === 46 || after === 101 || after === 105) && !isAsciiLetterCode(codeAt(text, i - 2)) && romanceKeywordAt(text, i - 1)) return true;
  }
  return false;
}

/** Does a ROMANCE keyword and a \s start at `p`? (was a sticky `(?:${ROMANCE_KEYWORDS})\s`: any keyword will do) */
function romanceKeywordAt(text: string, p: number): boolean {
  const c = codeAt(text, p);
  if (c < 0 || c > 127) return false;
  for (const w of ROMANCE_BY_FIRST[c]!) if (text.startsWith(w, p) && isSpace(codeAt(text, p + w.length))) return true;
  return false;
}

/** one more part of an address after a comma: capitalised words (district, city, region; not a postcode's letters,
 * "CB22"), maybe a postcode (not one that a phone number's next digits follow: "Cork 021 4567890") */
const PLACE_SEGMENT = /(?:,|[ \t]+-)[ \t]*(\p{Lu}[\p{Ll}'’.][\p{L}'’.]*(?:[ \t-]+(?:(?:de|del|la|di|da|do|am|sur|upon)[ \t]+)?\p{Lu}[\p{Ll}'’.][\p{L}'’.]*){0,3})(?:[ \t]*[-–/][ \t]*[A-Z]{2,3}\b)?(?:[ \t]*\(\p{Lu}[\p{L}'’.]*\))?([ \t]+(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]\d{2}[ \t]?[A-Z\d]{4}|\d{3}[ \t]\d{2}|\d{2,6}(?:-\d{3,4})?W?)(?![\w]|[ \t.-]?\d))?/uy;
/** a postcode alone, or before the city: ", 8001", ", 01304-001", ", 00-543 Warszawa", ", D6W Y2K7" */
const POSTCODE_SEGMENT = /,[ \t]*(?:(?:C\.?P\.?|CP)[ \t]*)?(?:\d{4,6}(?:-\d{3,4})?|\d{3}(?=[ \t]+\p{Lu}\p{Ll})|\d{2}-\d{3}|\d{3}[ \t]\d{2}|[A-Z]\d[\dW][ \t]?[A-Z\d]{4}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]\d{4}[A-Z]{3})(?![\w-]|[ \t.]?\d)(?:[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t](?:(?:de|del|la|am|sur|upon|di|da|do)[ \t])?\p{Lu}[\p{L}'’-]*){0,2})?/uy;
/** a part of an address named by its kind: a neighbourhood, a district, a sector ("Col. Roma Norte", "Brgy. San Isidro") */
const LOCALITY_SEGMENT = /,[ \t]*(?:Col\.|Colonia|Fracc\.|Fraccionamiento|Brgy\.|Barangay|Bairro|Barrio|Urb\.|Urbanización|Sector|Sec\.|Phase|Ph\.|District|Distrito|Quận|Phường|Mah\.|Mahallesi)[ \t]*[\p{L}\d][\p{L}\d'’.-]*(?:[ \t]+[\p{L}\d][\p{L}\d'’.-]*){0,3}/iuy;
/** a Mexican street's side after the house number: "1450 Pte.", "Sur 220 Ote." */
const STREET_SIDE = /^[ \t]+(?:Pte|Ote|Nte|Sur|Norte|Oriente|Poniente)\.?(?![\p{L}\d])/u;
/** a state or region's abbreviation closing an address: ", CDMX", ", N.L.", ", RJ" */
const REGION_SEGMENT = /,[ \t]*(?:[A-Z](?:\.?[A-Z]){1,4}\.?|[A-Z][a-z]{1,3}\.)(?![\p{L}\d])/uy;

/**
 * "…, Grey Lynn, Auckland 1021", "…, Consolação, São Paulo - SP, 01304-001": up to four more comma-separated
 * parts after an address, kept only through the last one that names a known place or holds a postcode (so a
 * name or a sentence after the address is not swallowed).
 */
/** a comma, or " - " as Brazilian addresses write it ("apto 72 - Consolação, São Paulo - SP") */
function segmentStarts(text: string, at: number): boolean {
  const c = codeAt(text, at);
  return c === 44 || (c === 32 && codeAt(text, at + 1) === 45 && codeAt(text, at + 2) === 32);
}

function placeSegmentsAfter(text: string, end: number): number {
  if (!segmentStarts(text, end)) return end;
  const lex = lexicon();
  let kept = end;
  let at = end;
  for (let n = 0; n < 4 && segmentStarts(text, at); n++) {
    POSTCODE_SEGMENT.lastIndex = at;
    const pc = POSTCODE_SEGMENT.exec(text);
    if (pc !== null) {
      at += pc[0].length;
      kept = at;
      continue;
    }
    LOCALITY_SEGMENT.lastIndex = at;
    const loc = LOCALITY_SEGMENT.exec(text);
    if (loc !== null) {
      at += loc[0].length;
      kept = at;
      continue;
    }
    // (a region's abbreviation only right after a kept part)
    if (kept === at) {
      REGION_SEGMENT.lastIndex = at;
      const region = REGION_SEGMENT.exec(text);
      if (region !== null && kept > end) {
        at += region[0].length;
        kept = at;
        continue;
      }
    }
    PLACE_SEGMENT.lastIndex = at;
    const m = PLACE_SEGMENT.exec(text);
    if (m === null) break;
    // (after " - ", a district that more parts follow: not "Berlin - Zählerstand 48213 kWh")
    if (codeAt(text, at) !== 44 && codeAt(text, at + m[0].length) !== 44) break;
    at += m[0].length;
    const words = (m[1] ?? '').toLowerCase();
    if (m[2] !== undefined || lex.place.has(words) || words.split(/[ \t-]+/).some((w) => lex.place.has(w) && !lex.common.has(w))) kept = at;
  }
  return kept;
}

/**
 * Can UNIT match at `i`? After an optional comma and at least one \s, it needs "#" or the first letter of one of
 * its words (Apt, Suite, Unit, Flat, Room, Bldg...) in any case (ASCII: there is no `u` flag).
 */
function unitMayFollow(text: string, i: number): boolean {
  if (codeAt(text, i) === 44) i++;
  if (!isSpace(codeAt(text, i))) return false;
  do i++;
  while (isSpace(codeAt(text, i)));
  const c = codeAt(text, i);
  const l = c | 32;
  // (# a s u f r b, and d l w m i for Dpto, Lgh, Whg, "m.", "Int.", p e t for piano, puerta, planta, esc., Top, c for casa, conj.)
  return c === 35 || l === 97 || l === 115 || l === 117 || l === 102 || l === 114 || l === 98 || l === 100 || l === 108 || l === 119 || l === 109 || l === 105 || l === 112 || l === 101 || l === 116 || l === 99;
}

/** Can POSTCODE_AFTER match at `i`? After an optional comma and spaces or tabs, both its forms start with A-Z, 0-9. */
function postcodeMayFollow(text: string, i: number): boolean {
  if (codeAt(text, i) === 44) i++;
  let c = codeAt(text, i);
  if (c !== 32 && c !== 9) return false;
  do c = codeAt(text, ++i);
  while (c === 32 || c === 9);
  return c >= 65 && c <= 90 && isAsciiDigitCode(codeAt(text, i + 1));
}

/**
 * Can a CITY_TAIL pattern match at `i`? Each starts with ",?\s+" (or ",\s+") and then a capital (\p{Lu} or
 * [A-Z]) or a digit: after an optional comma and all the spaces, that character must be A-Z, a digit or beyond ASCII.
 */
function cityTailMayFollow(text: string, i: number): boolean {
  if (codeAt(text, i) === 44) i++;
  if (!isSpace(codeAt(text, i))) return false;
  while (isSpace(codeAt(text, i))) i++;
  const c = codeAt(text, i);
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127;
}

/**
 * Can the word ending at `j` be the last word of ROMANCE's street name, right before its house number? It needs
 * a capital (\p{Lu}). ROMANCE allows "nº", "n°", "no" or "n." between name and number: then the word before counts.
 */
function romanceNameBefore(text: string, j: number): boolean {
  // the number's sign, skipped: "nº", "n°", "no", "n.", "nr" (two characters), Romanian "nr." (three)
  const sign = codeAt(text, j - 1);
  const len =
    codeAt(text, j - 2) === 110 && (sign === 0xba || sign === 0xb0 || sign === 111 || sign === 46 || sign === 114)
      ? 2
      : sign === 46 && codeAt(text, j - 2) === 114 && codeAt(text, j - 3) === 110
        ? 3
        : 0;
  if (len > 0 && (j === len || isSpace(codeAt(text, j - len - 1)))) {
    j -= len;
    while (j > 0 && (isSpace(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) === 44)) j--;
  }
  return capitalInWordBefore(text, j);
}

/**
 * Does the word ending at `j` (back to a space) hold a capital: A-Z or any character beyond ASCII? A word of
 * more than 64 characters counts as one that does: this is a gate before the regexes, so a yes costs a regex
 * run, never a finding, and the walk back stays bounded (unbounded, "1.1.1.1..." made it quadratic).
 */
function capitalInWordBefore(text: string, j: number): boolean {
  const lo = Math.max(0, j - 64);
  for (let k = j - 1; k >= lo; k--) {
    const c = text.charCodeAt(k);
    if (isSpace(c)) return false;
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return lo > 0;
}

/** Can a word ending in character `c` end with one of COMPOUND_WORD's suffixes? (e . g z m r t n k d j a u) */
function compoundSuffixEnd(c: number): boolean {
  const l = c | 32;
  return l === 101 || l === 46 || l === 103 || l === 122 || l === 109 || l === 114 || l === 116 || l === 110 || l === 107 || l === 100 || l === 106 || l === 97 || l === 117;
}

/**
 * Could FR_WORD match at `e`? After any spaces and commas it needs the first two letters of "bis" / "ter" or
 * of a street word (rue, avenue, avenida, boulevard, bd, place, chemin, allée, impasse, quai, cours, route,
 * calle, camino, calzada, callejón, paseo, shar3...), in any case (no other character folds to these letters).
 */
function frWordMayFollow(text: string, e: number): boolean {
  let k = e;
  let c = codeAt(text, k);
  while (k < e + 24 && (isSpace(c) || c === 44)) c = codeAt(text, ++k);
  const d = codeAt(text, k + 1) | 32;
  switch (c | 32) {
    case 98: // b: bis, boulevard, bd
      return d === 105 || d === 111 || d === 100;
    case 116: // t: ter
      return d === 101;
    case 114: // r: rue, route
      return d === 117 || d === 111;
    case 97: // a: avenue, allée
      return d === 118 || d === 108;
    case 112: // p: place, paseo ("pas")
      return d === 108 || (d === 97 && (codeAt(text, k + 2) | 32) === 115);
    case 99: {
      // c: chemin, cours; calle, calzada, callejón, camino ("cal", "cam")
      if (d !== 97) return d === 104 || d === 111;
      const t = codeAt(text, k + 2) | 32;
      return t === 108 || t === 109;
    }
    case 115: // s: shar3, share3, sharia, shari'a ("shar")
      return d === 104 && (codeAt(text, k + 2) | 32) === 97 && (codeAt(text, k + 3) | 32) === 114;
    case 105: // i: impasse
      return d === 109;
    case 106: // j: jalan, jln (Malaysia, Singapore)
      return d === 97 || d === 108;
    case 108: // l: lorong, lrg
      return d === 111 || d === 114;
    case 104: // h: heol (Wales)
      return d === 101;
    case 113: // q: quai
      return d === 117;
    default:
      return false;
  }
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && isSpaceCode(c));

// ---- national formats beyond the English and western European ones ----

/** a capitalised word of a street or place name, in any script ("Vinohradská", "Ερμού", "Karl-Marx-Allee") */
const CAP = String.raw`\p{Lu}[\p{L}\p{M}'’-]*`;
/**
 * "Ερμού 45, 105 63 Αθήνα", "Vinohradská 1511/230, 100 00 Praha 10", "Zonnehof 4, 5211 HJ 's-Hertogenbosch",
 * "Karl-Marx-Allee 93, 10243 Berlin": a street name, its number, then a postcode and the city (Greek, Czech and
 * Slovak "NNN NN", Dutch "NNNN AA", Polish "NN-NNN", Portuguese "NNNN-NNN", or four or five digits), maybe
 * the city's district number. Tried (sticky, at its capitals) in a window around a number followed by ", " and a
 * postcode's digits.
 */
const PC_FORM = new RegExp(
  String.raw`(?<![\p{L}\p{M}\d'’.-])${CAP}(?:[ \t]+${CAP}){0,2}[ \t]+\d{1,4}(?:[a-zA-Z]{1,3}|\/\d{1,4}[a-zA-Z]?)?,[ \t]*(\d{3}[ \t]\d{2}|\d{4}[ \t]?[A-Z]{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4,5})[ \t]+((?:['’]s-)?${CAP})(?:[ \t]+\d{1,2}(?![\d\p{L}]))?`,
  'uy',
);
/** the PC_FORM postcodes that no other number takes (NNN NN, NNNN AA, NN-NNN, NNNN-NNN) */
const PC_STRONG = /^\d{3}[ \t]\d{2}$|[A-Z-]/;
/** words that a number follows in things other than addresses ("Order 12, 2024 ...", "Chapter 3, 1999 Edition") */
const PC_NOT_STREET = /^(?:Order|Invoice|Ticket|Case|Room|Page|Item|Version|Chapter|Flight|Gate|Seat|Table|Row|Level|Step|Box|Bus|Line|Zone|Sector|Block|Route|Platform|Terminal|Season|Episode|Part|Section|Article|Volume|Vol|Unit|Team|Group|Class|Grade|Week|Day|Year|Windows|Street|House|In|On|At|By|Since|From|Until|And|Or|The|Of|For|To|With|After|Before|About|Circa|Ca)$/;

/**
 * "1133 Budapest, Váci út 76. 4/12", "Andrássy út 60.": Hungarian, street then a lower-case street word (utca,
 * út, tér...) and the number (with a dot), floor and door; the postcode and city may come first.
 */
const HU = /(?<![\p{L}\d])(?:\d{4}[ \t]+\p{Lu}[\p{L}-]*(?:[ \t]+[IVX]{1,4}\.)?,[ \t]*)?\p{Lu}[\p{L}-]*(?:[ \t]+\p{Lu}[\p{L}-]*){0,2}[ \t]+(?:utca|út|u\.|útja|tér|körút|krt\.|köz|fasor|sétány|rakpart|lakótelep)[ \t]+\d{1,4}(?:\/[A-Za-z]|[A-Za-z])?\.?(?:[ \t]*(?:\d{1,2}\/\d{1,3}\.?|\d{1,2}\.[ \t]*em(?:elet)?\.?[ \t]*\d{1,3}\.?|fszt\.?[ \t]*\d{1,3}\.?))?(?![\p{L}\d])/gu;
const HU_GATE = /utca|út|u\.|tér|körút|krt\.|köz|fasor|sétány|rakpart|lakótelep/;
/**
 * "vul. Sumska 72, kv. 19", "вул. Хрещатик, 22", "ул. Ленина, д. 5, кв. 12": Ukrainian and Russian street
 * words (romanised too), the name, the house number, maybe the flat.
 */
const UA = /(?<![\p{L}])(?:[vV]ul\.|[vV]ulytsi?a|[vV]ulytsya|[pP]rosp\.|[pP]rospekt|[bB]ulv\.|[pP]rov\.|[pP]rovulok|[вВ]ул\.|[вВ]улиця|[пП]росп\.|[пП]роспект|[бБ]ульв\.|[пП]ров\.|[уУ]л\.|[уУ]лица|[пП]ер\.|[пП]ереулок)[ \t]*\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2},?[ \t]+(?:(?:bud\.|буд\.|д\.|dom)[ \t]*)?\d{1,4}[a-zA-Zа-яА-Я]?(?:\/\d{1,4})?(?![\p{L}\d])(?:,?[ \t]*(?:kv\.|кв\.|kvartyra|оф\.|ofis)[ \t]*\d{1,4}(?![\p{L}\d]))?/gu;
const UA_GATE_CYRILLIC = /[вВуУ]л|[пП]ро|[бБ]ульв|[пП]ер/;
const UA_GATE_ASCII = /vul\.|vulyts|rosp|rov\./;
const NON_ASCII_KEYWORDS = /út|tér|köz|sétány|lakótelep|u\. \d|krt\.|fasor|rakpart|[вВуУ]л|[пП]ро|[бБ]ульв|[пП]ер|Số|số|Ngõ|ngõ|Ngách|Hẻm|Kiệt|Phường|Quận|Huyện|Xã|Thị xã|Thị trấn/;
/**
 * "Jl. Kemang Raya No. 27, RT 05/RW 02", "Jl. Kaliurang Km 5,5 No. 17": Indonesian, Jalan and the street name,
 * maybe its kilometre, the number, maybe the neighbourhood (RT/RW).
 */
const ID = /(?<![\p{L}])(?:Jl|JL|Jln|Jalan)\.?[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?![\d,.]))){0,4}(?:[ \t]+[kK][mM]\.?[ \t]*\d{1,3}(?:[,.]\d{1,2})?)?,?[ \t]+(?:No|NO|Nomor|no)\.?[ \t]*\d{1,4}[A-Za-z]?(?:[-\/]\d{1,4}[A-Za-z]?)?(?![\p{L}\d])(?:,?[ \t]*RT\.?[ \t]*\d{1,3}[ \t]*\/[ \t]*RW\.?[ \t]*\d{1,3})?/gu;
/**
 * "Calle 93B # 13-47", "Carrera 7 # 71-21", "Av. Cra. 68 No. 24-50 Sur": Colombian, the street's kind and number,
 * "#" or "No." and the cross street's number, a dash and the distance.
 */
const CO = /(?<![\p{L}])(?:Calle|Carrera|Cra|Kra|Cr|Kr|Cl|Avenida|Av|Ak|Ac|Diagonal|Dg|Transversal|Tv|Circular|Autopista)\.?[ \t]+\d{1,3}[ \t]?[A-Z]?(?:[ \t]?[Bb]is)?(?:[ \t]?[A-Z])?(?:[ \t]+(?:Sur|Este|Norte|Oeste))?[ \t]*(?:#|No\.?|N[º°o]\.?)[ \t]*\d{1,3}[ \t]?[A-Z]?[ \t]*-[ \t]*\d{1,3}(?![\d\p{L}])(?:[ \t]+(?:Sur|Este))?/gu;
/**
 * "Số 18 Ngõ 52 Tô Ngọc Vân", "Số 12 Ngõ 55 Huỳnh Thúc Kháng", "Hẻm 12/3 Lê Lợi": Vietnamese, the house number
 * (Số), the lanes and alleys (Ngõ, Ngách, Hẻm, Kiệt), maybe Đường / Phố, then the street's capitalised words.
 */
const VN = /(?<![\p{L}])(?:(?:Số|số)[ \t]*\d{1,4}[A-Za-z]?(?:\/\d{1,4})?(?:[ \t,]+(?:Ngõ|ngõ|Ngách|ngách|Hẻm|hẻm|Kiệt|kiệt)[ \t]*\d{1,4}(?:\/\d{1,4}){0,2}){0,3}|(?:Ngõ|Ngách|Hẻm|Kiệt)[ \t]*\d{1,4}(?:\/\d{1,4}){0,2})(?:[ \t,]+(?:Đường|đường|Phố|phố))?[ \t]+\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,4}(?:[ \t]+\d{1,3}(?![\d\p{L}]))?/gu;
const VN_GATE = /Số|số|Ngõ|ngõ|Ngách|Hẻm|Kiệt/;
/** "42 Lý Thường Kiệt, Phường Trần Hưng Đạo, Quận Hoàn Kiếm": a house number and street, then a ward or district */
const VN_PLAIN = /(?<![\p{L}\d\/.-])\d{1,4}[A-Za-z]?(?:\/\d{1,4}[A-Za-z]?)?[ \t]+(?:(?:Đường|Phố)[ \t]+)?\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,4}(?=,[ \t]*(?:Phường|P\.|Quận|Q\.|Huyện|Xã|Thị xã|Thị trấn)[ \t]*[\p{Lu}\d])/gu;
const VN_PLAIN_GATE = /Phường|Quận|Huyện|Xã|Thị xã|Thị trấn/;
/** a Vietnamese district, ward or city after the street: "Phường Bến Nghé", "Quận 1", "Hà Nội 100000", "TP. Hồ Chí Minh" */
const VN_SEGMENT = /,[ \t]*(?:(?:Phường|P\.|Quận|Q\.|Huyện|Xã|Thị xã|Thị trấn|TP\.|Tp\.|Thành phố|Tỉnh)[ \t]*)?(?:\d{1,2}(?![\d\p{L}])|\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,3})(?:[ \t]+\d{5,6}(?!\d))?/uy;

/**
 * An Eircode (routing key and unique identifier, which holds a digit) after a county, "Dublin N" or a town, and the
 * address it ends: up to six comma-separated parts before it on its line, each one to five words that start with
 * a capital or a digit ("Apt 9", "The Maltings", "Bishop Street", "Co. Kerry"). At least two parts, or a county.
 */
// (the words before it are checked by hand: a lookbehind leading the pattern made the engine try every position)
const EIRCODE = /(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ \t]?(?=[A-Z\d]{0,3}\d)[AC-FHKNPRTV-Y\d]{4}(?![\p{L}\d])/gu;
const EIRCODE_BEFORE = /[\p{L}\d.][ \t]*,?[ \t]+$/u;
const IE_PART = /^(?:[\p{Lu}\d][\p{L}\d'’.-]*)(?:[ \t]+(?:[\p{Lu}\d][\p{L}\d'’.-]*|of|the|na|an|on|upon))*$/u;
const IE_COUNTY = /^(?:Co\.?|County)[ \t]+\p{Lu}|^Dublin[ \t]+\d{1,2}W?$/u;
/** Could an Eircode be in the text? A routing key is a capital and two digits ("V92", "D08"), or "D6W". */
function eircodeMayBeIn(text: string, runs: readonly number[], ends: readonly number[]): boolean {
  for (let n = 0; n < runs.length; n++) {
    const r = runs[n]!;
    const len = ends[n]! - r;
    const b = codeAt(text, r - 1);
    if (b >= 65 && b <= 90 && (len === 2 || (len === 1 && b === 68 && text.charCodeAt(r + 1) === 87))) return true;
  }
  return false;
}

function irish(text: string, out: Finding[], seen: Set<number>): void {
  EIRCODE.lastIndex = 0;
  for (let m = EIRCODE.exec(text); m; m = EIRCODE.exec(text)) {
    if (!EIRCODE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const head = text.slice(lineStart, m.index).replace(/[ \t,]+$/, '');
    const parts = head.split(',');
    let taken = 0;
    let county = false;
    let start = m.index;
    for (let i = parts.length - 1; i >= 0 && taken < 6; i--) {
      const part = (parts[i] ?? '').trim();
      // the last part may begin with a field's key or quote: "Address: The Old Rectory", "\"Knockanure"
      let words = part.replace(/^.*[:"'(]\s*/u, '');
      // (the first part may follow prose on its line: "Ship to The Old Rectory" gives "The Old Rectory")
      while (words.length > 0 && !IE_PART.test(words)) words = words.replace(/^\S+[ \t]*/u, '');
      if (words.length === 0 || words.split(/[ \t]+/).length > 5) break;
      if (IE_COUNTY.test(words)) county = true;
      taken++;
      start = lineStart + parts.slice(0, i).join(',').length + (i > 0 ? 1 : 0) + (parts[i] ?? '').indexOf(words);
      if (words !== part) break;
    }
    if (taken < 2 && !county) continue;
    if (seen.has(start)) continue;
    seen.add(start);
    out.push(finding('STREET_ADDRESS', start, m.index + m[0].length, 0.9, 'street_address.ie'));
  }
}

/** a German street named with a preposition, when a five-digit postcode and a town follow */
const DE_PREP = /(?<![\p{L}])(?:Am|An der|An den|Auf der|Auf dem|Auf den|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Hinter dem|Vor dem|Vor der|Bei der|Beim)[ \t]+\p{Lu}[\p{Ll}ß-]+(?:[ \t]+\p{Lu}[\p{Ll}ß-]+)?[ \t]+\d{1,4}[ \t]?[a-z]?(?![\p{L}\d])(?=,?[ \t]+\d{5}[ \t]+\p{Lu})/gu;
const DE_PREP_GATE = /(?:Am|An|Auf|Im|In|Zum|Zur|Unter|Hinter|Vor|Bei|Beim) [\p{Lu}dD]/u;

/** the words before a flat, house or plot number that start a South Asian or Gulf address */
const SA_LEAD = String.raw`(?:(?:Flat|Plot|House|Villa|Door|Shop|Apartment|Apt|H\.?[ \t]?No|No|Blk|Block|Unit|Level|Lvl|Suite)\.?[ \t]*(?:No\.?[ \t]*)?#?[ \t]*|[A-Z]-)`;
/**
 * "Flat 402, Sai Krupa Apartments, 14th Cross, Indiranagar, Bengaluru 560038", "House 42, Road 11, Banani, Dhaka
 * 1213", "B-204, Shivalik Apartments, Sector 62, Noida 201309": the flat or house, up to five comma-separated parts
 * (building, cross, sector, area), then the city and its PIN or postcode (four or five digits not followed by a
 * word: "London 2012 Olympics" is no city and postcode).
 */
const SA_LIST = new RegExp(
  String.raw`${SA_LEAD}\d{1,5}[A-Z]?(?:[-\/]\d{1,4}[A-Z]?)?(?:[ \t]+Lot[ \t]*\d{1,4})?,[ \t]*(?:[\p{Lu}\d][^,\n]{0,39},[ \t]*){0,5}\p{Lu}[\p{L}.'’-]*(?:[ \t]+\p{Lu}[\p{L}.'’-]*){0,2}[ \t]+(?:\d{6}|\d{3}[ \t]\d{3}|\d{4,5}(?![ \t]+\p{L}))(?![\d\p{L}]|[ \t.-]?\d)` +
    // (or the postcode before the city: "…, 2 Jalan Binjai, 50450 Kuala Lumpur")
    String.raw`|${SA_LEAD}\d{1,5}[A-Z]?(?:[-\/]\d{1,4}[A-Z]?)?,[ \t]*(?:[\p{Lu}\d][^,\n]{0,39},[ \t]*){1,5}\d{5}[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}(?![\p{L}\d])`,
  'uy',
);
/** "House 42, Road 11", "Villa 12, Street 23, Al Barsha 2": a house, the numbered road it is on, maybe the area ending the line or field */
const SA_ROAD = new RegExp(String.raw`${SA_LEAD}\d{1,5}[A-Z]?(?:[-\/]\d{1,4}[A-Z]?)?,[ \t]*(?:Road|Street|Lane|Sector|Block|Gali|St|Rd)\.?[ \t]*(?:No\.?[ \t]*)?\d{1,3}[A-Z]?(?![\d\p{L}])(?:,[ \t]*\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}(?:[ \t]+\d{1,2})?(?=[ \t]*(?:["'\n\r,;)}\]]|$)))?`, 'uy');
/** an address word among SA_LIST's parts, or the lead of a dwelling */
const SA_WORD = /\b(?:Road|Rd|Street|St|Lane|Cross|Main|Sector|Block|Phase|Stage|Nagar|Colony|Society|Apartments?|Apts|Residency|Towers?|Enclave|Layout|Marg|Vihar|Bagh|Chowk|Avenue|Building|Bldg|Complex|Heights|Gali|Mohalla|Estate|Extension|Ext|Village|Town|Jalan|Jln|Menara|Wisma|Plaza|Centre|Center|City)\b/;
/** the words leadWordMayEnd accepts right before the number (or before its "No.") */
const SA_LEAD_WORDS = new Set(['flat', 'plot', 'house', 'villa', 'door', 'shop', 'apartment', 'apt', 'no', 'h.no', 'hno', 'blk', 'block', 'unit', 'level', 'lvl', 'suite']);
/** the last letters of those words (lower case), built from them */
const SA_LEAD_LAST = new Set([...SA_LEAD_WORDS].map((w) => w.charCodeAt(w.length - 1)));
/** the lead word before a number, back from it: "Flat ", "House No. ", "B-" */
const SA_LEAD_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}\d])${SA_LEAD}$`, 'u');

/** Vietnamese addresses: each match of `re`, extended over the ward, district and city after it, and the postcode. */
function vietnamese(re: RegExp, text: string, out: Finding[], seen: Set<number>): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let end = m.index + m[0].length;
    for (let k = 0; k < 4; k++) {
      VN_SEGMENT.lastIndex = end;
      const seg = VN_SEGMENT.exec(text);
      if (seg === null) break;
      end += seg[0].length;
    }
    if (!seen.has(m.index)) {
      seen.add(m.index);
      out.push(finding('STREET_ADDRESS', m.index, end, 0.95, 'street_address.vn'));
    }
  }
}

/**
 * The national formats above. Each runs only when its anchor is in the text: a keyword (Jl., vul., utca, Số,
 * Calle ... #), or, for the postcode forms, a number followed by ", " and a postcode's digits (checked over the
 * prescan's digit runs).
 */
function worldForms(text: string, out: Finding[], seen: Set<number>, runs: readonly number[], ends: readonly number[], capitals: readonly number[], nonAscii: boolean, dash: boolean): void {
  // (the keyword forms first: a number inside their match is no South Asian house number, "Jl. Kaliurang No. 17, ...")
  // (cheap tests say which keyword forms may apply: one walk over the digit runs, a search for "J",
  // and for a text beyond ASCII one regex over its keywords)
  const candidates: number[] = [];
  const k = runFlags(text, runs, ends, candidates, dash);
  const beyond = nonAscii && NON_ASCII_KEYWORDS.test(text);
  if ((beyond || (k & RUN_HU) !== 0) && HU_GATE.test(text)) execAll(HU, text, out, seen, 'street_address.hu', 0.9);
  // (RUN_UA is set only in a text that UA_GATE_ASCII matches)
  if ((beyond && UA_GATE_CYRILLIC.test(text)) || (k & RUN_UA) !== 0) execAll(UA, text, out, seen, 'street_address.ua', 0.9);
  if (indonesianKeyword(text)) execAll(ID, text, out, seen, 'street_address.id', 0.9);
  if (dash && (k & RUN_CO) !== 0) execAll(CO, text, out, seen, 'street_address.co', 0.9);
  if (beyond && VN_GATE.test(text)) vietnamese(VN, text, out, seen);
  if (beyond && VN_PLAIN_GATE.test(text)) vietnamese(VN_PLAIN, text, out, seen);
  let lex: ReturnType<typeof lexicon> | null = null;
  for (const n of candidates) {
    const r = runs[n]!;
    const e = ends[n]!;
    const c = codeAt(text, e);
    // the dwellings of South Asia and the Gulf: a number after Flat / House / Plot..., then a comma
    if (isLeadNumberEnd(text, e) && leadWordMayEnd(text, r)) {
      const lead = SA_LEAD_BEFORE.exec(text.slice(Math.max(0, r - 16), r));
      const s = lead === null ? -1 : r - lead[0].length + (/^[^\p{L}\d]/u.test(lead[0]) ? 1 : 0);
      // (inside an address that starts before the lead, "Jl. Kaliurang No. 17, ...", it is no house of its own)
      if (s >= 0 && !seen.has(s) && !coveredAt(out, r, s)) {
        SA_LIST.lastIndex = s;
        const m = SA_LIST.exec(text);
        lex ??= lexicon();
        if (m !== null && (SA_WORD.test(m[0]) || lex.place.has(lastWordsBefore(m[0])))) {
          seen.add(s);
          out.push(finding('STREET_ADDRESS', s, s + m[0].length, 0.95, 'street_address.south_asia'));
          continue;
        }
        SA_ROAD.lastIndex = s;
        const road = SA_ROAD.exec(text);
        if (road !== null) {
          pushAddress(text, out, seen, s, s + road[0].length, 0.9, 'street_address.south_asia');
          continue;
        }
      }
    }
    // "Ερμού 45, 105 63 Αθήνα": a number of one to four digits (maybe with letters or "/n" before its comma),
    // ", ", then a postcode's first digits (two to five of them); a name's word, a space or a "/" before the number
    if (e - r > 4 || n + 1 >= runs.length || c === 45 || c === 47) continue;
    const next = runs[n + 1]!;
    const pcDigits = ends[n + 1]! - next;
    if (next - e < 2 || next - e > 8 || pcDigits < 2 || pcDigits > 5 || !postcodeAfterComma(text, e, next)) continue;
    const hb = codeAt(text, r - 1);
    if (hb !== 47 && !((hb === 32 || hb === 9) && !isAsciiDigitCode(codeAt(text, r - 2)) && codeAt(text, r - 2) !== 44)) continue;
    if (coveredAt(out, next)) continue;
    lex ??= lexicon();
    postcodeForm(text, out, seen, r, next, lex, capitals);
  }
}

/** PC_FORM in a window around the house number at `r` and the postcode at `next`: the first match over both, if the words say it is a street */
function postcodeForm(text: string, out: Finding[], seen: Set<number>, r: number, next: number, lex: ReturnType<typeof lexicon>, capitals: readonly number[]): void {
  const lo = Math.max(0, r - 72);
  const win = text.slice(lo, Math.min(text.length, next + 48));
  // (the matches a global scan of the window would find, in order, up to the house number: each starts with a
  // capital, so the sticky regex is tried at the prescan's capitals alone, past the end of the last match)
  let from = lo;
  for (let n = firstAtOrAfter(capitals, lo); n < capitals.length && capitals[n]! <= r; n++) {
    if (capitals[n]! < from) continue;
    PC_FORM.lastIndex = capitals[n]! - lo;
    const m = PC_FORM.exec(win);
    if (m === null) continue;
    const start = lo + m.index;
    from = start + m[0].length;
    if (start + m[0].length <= next) continue;
    if (lo > 0 && m.index === 0 && /[\p{L}\p{M}\d'’.-]/u.test(text[lo - 1]!)) continue;
    const first = /^[^ \t]+/.exec(m[0])![0];
    // (not a label or a sentence's first word: "Order 12, ...", "In 2024, 105 63 Athens ...", "Page 3, 1999 ...")
    const oneWord = !/[ \t]\p{Lu}/u.test(m[0].slice(first.length, m[0].indexOf(',')));
    if (PC_NOT_STREET.test(first) || (oneWord && lex.common.has(first.toLowerCase()) && !COMPOUND_WORD.test(first))) return;
    const city = (m[2] ?? '').toLowerCase();
    const name = m[0].slice(0, m[0].indexOf(','));
    const lastWord = name.replace(/[ \t]+\d.*$/, '').split(/[ \t-]+/).pop() ?? '';
    if ((PC_STRONG.test(m[1] ?? '') || lex.place.has(city) || COMPOUND_WORD.test(lastWord)) && !seen.has(start)) {
      seen.add(start);
      out.push(finding('STREET_ADDRESS', start, start + m[0].length, 0.95, 'street_address.postcode'));
    }
    return;
  }
}

/**
 * Can SA_LEAD end right before the number at `r`? Back over spaces, "#" and one ".", it needs one of its words
 * (Flat, Plot, House, Villa, Door, Shop, Apt, No, H.No) in any case, or a capital and "-" ("B-204"). Most numbers
 * followed by a comma ("at 3, ...", "to 12, ...") fail here, before any regex call.
 */
function leadWordMayEnd(text: string, r: number): boolean {
  let k = r - 1;
  let c = codeAt(text, k);
  if (c === 45) return codeAt(text, k - 1) >= 65 && codeAt(text, k - 1) <= 90 && !isAsciiLetterCode(codeAt(text, k - 2));
  // (a space, a tab, "#" or "." between the word and the number: "Flat 4", "No.14", "Door #3"; a letter right
  // before the number, as in identifiers and keys, is no lead word)
  if (!(c === 32 || c === 9 || c === 35 || c === 46)) return false;
  while (k > r - 6 && (c === 32 || c === 9 || c === 35)) c = codeAt(text, --k);
  if (c === 46) c = codeAt(text, --k);
  // (a cheap test first: the word must end in the last letter of some lead word)
  if (!SA_LEAD_LAST.has(c | 32)) return false;
  // the whole word, back to a character that is no letter or "." ("H.No")
  let w = k;
  while (w > k - 10 && (isAsciiLetterCode(codeAt(text, w - 1)) || codeAt(text, w - 1) === 46)) w--;
  return SA_LEAD_WORDS.has(text.slice(w, k + 1).toLowerCase());
}

const RUN_CO = 1;
const RUN_HU = 2;
const RUN_UA = 4;

/**
 * One walk over the digit runs: the candidates for worldForms' house numbers (their indices, into `candidates`),
 * and the keyword forms whose keyword sits near a short number:
 * RUN_CO, a number of at most three digits followed, after spaces and letters ("93B", "40A Bis Sur"), by "#" or
 * "No" / "N°" / "Nº" (Colombian); RUN_HU, a number right after "utca " or "u. " (Hungarian without accents);
 * RUN_UA, a number after a capitalised word with a romanised Ukrainian street word ("vul.", "prosp.", "prov.",
 * "vulytsia") in the 40 characters before it, in a text that UA_GATE_ASCII matches.
 */
function runFlags(text: string, runs: readonly number[], ends: readonly number[], candidates: number[], dash: boolean): number {
  // (a flag that cannot matter or cannot be set is marked absent first, so the walk never looks for it: CO runs
  // only in a text with a "-", and needs "#" or "No" / "N°" / "Nº" in it; UA's flag counts only where the gate
  // matches, and its words "vul" / "rosp" / "rov" are in every text it matches. The UA gate, a regex over the
  // whole text, is asked only at the first number that could set the flag.)
  let k = 0;
  if (!dash || !(text.includes('#') || text.includes('No') || text.includes('N°') || text.includes('Nº'))) k |= RUN_CO;
  let absent = k;
  let uaGate: boolean | undefined;
  for (let n = 0; n < runs.length; n++) {
    const r = runs[n]!;
    const e = ends[n]!;
    if (e - r > 5) continue;
    const a = codeAt(text, r - 1);
    // (the house numbers of SA_LIST / SA_ROAD and PC_FORM: a comma, a letter, "-" or "/" after the number, a
    // space, a tab, "#", ".", "-" or "/" before it)
    const c = codeAt(text, e);
    // (and "Blk 12 Lot 8,": a space and "Lot" after it)
    if ((c === 44 || c === 45 || c === 47 || isAsciiLetterCode(c) || (c === 32 && codeAt(text, e + 1) === 76 && text.startsWith('Lot', e + 1))) && (a === 32 || a === 9 || a === 35 || a === 46 || a === 45 || a === 47)) candidates.push(n);
    // (the keyword forms want a space right before the number: "Calle 93B", "utca 5", "Sumska 72")
    if (e - r > 4 || a !== 32) continue;
    if ((k & RUN_CO) === 0 && e - r <= 3) {
      let i = e;
      let c = codeAt(text, i);
      while (i < e + 12 && (c === 32 || c === 9 || (isAsciiLetterCode(c) && c !== 78))) c = codeAt(text, ++i);
      if (c === 35 || (c === 78 && (codeAt(text, i + 1) === 111 || codeAt(text, i + 1) === 0xba || codeAt(text, i + 1) === 0xb0))) k |= RUN_CO;
    }
    const b = codeAt(text, r - 2);
    if ((b === 97 && text.startsWith('utca', r - 5)) || (b === 46 && codeAt(text, r - 3) === 117 && codeAt(text, r - 4) === 32)) k |= RUN_HU;
    if ((k & RUN_UA) === 0 && isAsciiLetterCode(b)) {
      if (!(uaGate ??= UA_GATE_ASCII.test(text))) {
        k |= RUN_UA;
        absent |= RUN_UA;
      } else {
        const w = text.slice(Math.max(0, r - 40), r);
        if (w.includes('vul') || w.includes('rosp') || w.includes('rov')) k |= RUN_UA;
      }
    }
  }
  return k & ~absent;
}

/** Is there "Jl", "JL" or "Jalan" (Jl., Jln., JL, Jalan)? (a search for "J", a rare letter, beats a walk over the capitals) */
function indonesianKeyword(text: string): boolean {
  for (let i = text.indexOf('J'); i !== -1; i = text.indexOf('J', i + 1)) {
    const d = codeAt(text, i + 1);
    if (d === 108 || d === 76 || (d === 97 && text.startsWith('lan', i + 2))) return true;
  }
  return false;
}

/** Is the number ending at `e` followed by a comma (maybe after a letter or a second number: "12B,", "204,", "12-3,")? */
function isLeadNumberEnd(text: string, e: number): boolean {
  let k = e;
  if (isAsciiLetterCode(codeAt(text, k))) k++;
  // "Blk 12 Lot 8," (a Philippine block and lot)
  if (codeAt(text, k) === 32 && text.startsWith('Lot', k + 1)) {
    k += 4;
    while (codeAt(text, k) === 32) k++;
    while (k - e < 12 && isAsciiDigitCode(codeAt(text, k))) k++;
  }
  // "12-3,", "5/112,"
  const j = codeAt(text, k);
  if ((j === 45 || j === 47) && isAsciiDigitCode(codeAt(text, k + 1))) {
    k++;
    while (k - e < 8 && isAsciiDigitCode(codeAt(text, k))) k++;
    if (isAsciiLetterCode(codeAt(text, k))) k++;
  }
  return codeAt(text, k) === 44;
}

/** Between `e` and `next`: up to three letters or a "/n" tail, a comma, spaces or tabs (the PC_FORM house number's end) */
function postcodeAfterComma(text: string, e: number, next: number): boolean {
  let k = e;
  while (k - e < 3 && isAsciiLetterCode(codeAt(text, k))) k++;
  if (codeAt(text, k) !== 44) return false;
  k++;
  while (k < next && (codeAt(text, k) === 32 || codeAt(text, k) === 9)) k++;
  return k === next && k - e >= 2;
}

/** The index of the first offset in the ascending `offsets` that is at or after `x` (offsets.length if none). */
function firstAtOrAfter(offsets: readonly number[], x: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does a street address already found, starting before `before`, cover offset `i`? (the last few findings) */
function coveredAt(out: readonly Finding[], i: number, before = i + 1): boolean {
  for (let k = out.length - 1; k >= 0 && k >= out.length - 8; k--) {
    const f = out[k]!;
    if (f.type === 'STREET_ADDRESS' && f.start <= i && i < f.end && f.start < before) return true;
  }
  return false;
}

/** the city's words (lower case) before the postcode at the end of an SA_LIST match */
function lastWordsBefore(s: string): string {
  const m = /([\p{L}.'’ -]+?)[ \t]+[\d \t]+$/u.exec(s.slice(s.lastIndexOf(',') + 1));
  return (m?.[1] ?? '').trim().toLowerCase();
}

const isAsciiUpperCode = (c: number): boolean => c >= 65 && c <= 90;
