import type { Finding } from '../types.js';
import { lexicon } from '../lexicon/index.js';
import { finding, type Prescan, type Recognizer } from './recognizer.js';

/**
 * The value of an address field, in any national format: "Billing address: Dizengoff St 142, Apt 8, Tel Aviv
 * 6433117", "Наш новый адрес: Невский проспект, д. 88, кв. 17, Санкт-Петербург, 191025.", "address on file — The
 * Old Rectory, Church Lane, Little Bardfield, Braintree CM7 4TS", "ADDRESS : No. 48, 3rd Cross,\nBengaluru 560003".
 * The national recognizers know the shapes of addresses; this one knows where a text says an address is, and reads
 * the value word by word: numbers, capitalised words, words of scripts without case, street words and short
 * abbreviations ("д.", "ul.") go on, the first other word in lower case ends it, and so do a new key ("Phone:"), a
 * sentence's end and an e-mail address or a link. The value must hold a number and a word.
 */

/**
 * the key: "address" and its words in other languages, searched in the text in lower case (the words that may
 * stand before it, "billing", "home", "new", need not be read; a word boundary is checked by hand)
 */
const KEY =
  /address|addr\.|anschrift|adress[ei]?|direcci[oó]n|domicilio|endere[cç]o|morada|indirizzo|indirizz|adresas|adresą|adrese|adres[a]?|aadress|heimilisfang|osoite|lakc[ií]m|ünvan|manzil|anwani|tirahan|ikheli|адрес[ау]?|мекенжай|хаяг|alamat|địa chỉ|पता|ठेगाना|पत्ता|ঠিকানা|முகவரி|చిరునామా|ලිපිනය|လိပ်စာ|អាសយដ្ឋាន|አድራሻ|მისამართი|հասցե|العنوان|عنوان|כתובת|住所|地址|주소|ที่อยู่|διεύθυνση|آدرس|نشانی|پتہ/g;
/** the same, for the rare text whose lower case has another length (a dotted capital I) */
const KEY_ANY_CASE = new RegExp(KEY.source, 'giu');
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** what may stand between the key and its value */
// (up to five words may stand between the key and its colon: "o endereço da chácara pros padrinhos: …")
const SEPARATOR = /^(?:[ \t]+(?:on file|on record|is now|is|was|changed to|updated to|to|es|est|ist|é|è)(?![\p{L}])|(?:[ \t]+[\p{L}\p{M}'’]+){1,5}?(?=[ \t]*[:：]))?["']?[ \t]*(?:[:：=፦՝]|[-–—](?=[ \t]))?[ \t]*["']?/iu;
/** the start of a value that needs no separator after its key: a house number, a unit */
const VALUE_OPENS = /^[ \t]+(?:\d{1,5}[A-Za-z]?[ ,]|(?:Unit|Flat|Apt|Apartment|Suite|Blk|Block|Lot|Plot|House|No\.)[ \t]*#?\d)/;
/** a line that starts with a key of its own ("Phone: …", "RR No : …"): the value above it has ended */
const KEY_LINE = /^[ \t]*[\p{L}][\p{L}\d .#_-]{0,30}[ \t]*[:：]/u;
/** a key that names an address of something other than a place: "e-mail address", "IP address", "wallet address" */
const OTHER_ADDRESS = /(?:e-?mail|mail|ip|ipv[46]|mac|web|wallet|server|host|memory|bitcoin|btc|eth|ethereum|crypto|contract|network|node|url|link|reply|return-path|hex|base|start|end|load|bind|listen|remote|local|sender|recipient)[ \t_-]*$/i;

/** words in lower case that an address holds: particles of names, street and unit words */
const LOWER_WORDS = new Set([
  'de', 'del', 'la', 'las', 'los', 'le', 'les', 'du', 'des', 'di', 'da', 'do', 'dos', 'das', 'van', 'von', 'der', 'den', 'y', 'e', 'et', 'am', 'an', 'im', 'upon', 'on', 'sur', 'bis', 'ter', 'x',
  'rue', 'avenue', 'allée', 'chemin', 'boulevard', 'place', 'impasse', 'quai', 'route', 'cours', 'calle', 'avenida', 'carrera', 'rua', 'travessa', 'via', 'viale', 'piazza', 'corso', 'strada', 'ulica', 'utca', 'út', 'tér', 'sokak', 'sokağı', 'caddesi', 'mahallesi', 'jalan', 'gang', 'lorong', 'street', 'road', 'lane', 'drive',
  'gate', 'gata', 'gaten', 'gatan', 'vei', 'veien', 'vegen', 'vej', 'vejen', 'gade', 'väg', 'vägen', 'straße', 'strasse', 'str', 'weg', 'gasse', 'platz', 'laan', 'straat', 'gracht', 'plein', 'katu', 'tie', 'kuja', 'ulice', 'cesta', 'bulvarı',
  'проспект', 'улица', 'переулок', 'шоссе', 'бульвар', 'набережная', 'площадь', 'проезд', 'тупик', 'вулиця', 'провулок', 'дом', 'корпус', 'квартира', 'строение',
  'apt', 'apto', 'unit', 'flat', 'floor', 'suite', 'piso', 'andar', 'bloco', 'lote', 'casa', 'bus', 'km', 'no', 'nr', 'st', 'nd', 'rd', 'th', 'ª', 'º',
  'mnt', 'tn', 'pst', 'pr', 'g', 'al', 'krt', 'es',
  // street, house and flat words of the Baltic, Caucasian, Central Asian and East African languages
  'iela', 'gatve', 'prospektas', 'butas', 'korter', 'küçəsi', 'prospekti', 'mənzil', 'ev', 'ko\'chasi', 'koʻchasi', 'ko‘chasi', 'uy', 'xonadon', 'kvartal', 'mavzesi',
  'даңғылы', 'көшесі', 'пәтер', 'үй', 'дүүрэг', 'хороо', 'тоот', 'гудамж', 'байр', 'mtaa', 'wa', 'barabara', 'nyumba', 'na', 'il', 'ta', 'tal', 'emelet', 'ajtó', 'byt',
]);
/** capitalised words that begin another field on the same line ("…, 62704 Phone 555-0134") */
const FIELD_WORDS = /^(?:phone|tel|telephone|mobile|mob|cell|fax|e-?mail|mail|dob|born|date|name|contact|ref|reference|order|account|card|iban|ssn|id|whatsapp|passport|тел|моб|телефон|telefon|teléfono|telefone|telefono|handy|móvil|celular|cel|hp|no\. hp)$/iu;
/** copulas and particles of scripts without case that follow a value ("… 242 입니다", "… です") */
const AFTER_WORDS = new Set(['입니다', '이에요', '예요', '입니다.', 'です', 'です。', 'ค่ะ', 'ครับ', 'है', 'हैं', 'है।']);
const SENTENCE_END = /[.!?;。।؟։።။។]$/u;
/** abbreviations in addresses, after which a full stop does not end the sentence ("Sok. No: 1", "Bât. B") */
const ABBREVIATIONS = new Set([
  'st', 'ave', 'av', 'avda', 'rd', 'blvd', 'dr', 'ln', 'apt', 'apto', 'no', 'nr', 'nº', 'sok', 'cad', 'cd', 'sk', 'mah', 'str', 'bât', 'bat', 'brgy', 'gg', 'jl', 'jln', 'ul', 'al', 'pl', 'sq',
  'ct', 'cres', 'terr', 'tce', 'gdns', 'dept', 'depto', 'dpto', 'esq', 'izq', 'izda', 'dcha', 'int', 'ext', 'col', 'fracc', 'urb', 'sec', 'ph', 'blk', 'bldg', 'fl', 'rm', 'ste', 'km', 'cp', 'co',
  'cor', 'sta', 'sto', 'mt', 'ft', 'pte', 'ote', 'nte', 'tp', 'hwy', 'pkwy', 'pde', 'esp', 'hts', 'twr', 'bl', 'sc', 'ap', 'et', 'nos', 'n°', 'д', 'кв', 'ул', 'пр', 'пер', 'корп', 'стр', 'оф', 'буд', 'вул',
  'pr', 'g', 'mnt', 'tn', 'pst', 'krt', 'dz', 'č', 'br', 'bb', 'gamz', 'бн', 'բն', 'გამზ',
]);
const LEAD_PUNCT = /^["'“‘(\[#]+/u;
const TRAIL_PUNCT = /["'”’)\],.;:!?。।،؟։።။។፣၊]+$/u;
/** a letter of a script without case (Georgian's Mkhedruli letters are lower case to Unicode, but have no capitals in use) */
const CASELESS_LETTER = /^[\p{Lo}\u10D0-\u10FF]/u;
/** an article or a particle joined to a capitalised name by a hyphen: "il-Kbira", "al-Rashid", "ad-Dawha" */
const PARTICLE_NAME = /^\p{Ll}{1,3}-\p{Lu}/u;
/** a word in lower case, letters only */
const LOWER_WORD = /^\p{Ll}[\p{Ll}\p{M}'’ʻ‘]*$/u;
/** a token that holds a digit */
const HAS_DIGIT = /\p{Nd}/u;

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';

/** The end of the value that starts at `i` on its line (ending at `lineEnd`), or `i` when there is none. */
function valueEnd(text: string, i: number, lineEnd: number): { end: number; stopped: boolean } {
  // (a quoted value ends at its closing quote: "address":"12 Shehab St, Giza 12411"},"reason":…)
  const quote = text[i - 1];
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, i);
    if (close >= 0 && close < lineEnd) lineEnd = close;
  }
  let end = i;
  let p = i;
  while (p < lineEnd) {
    while (p < lineEnd && isBlank(text[p])) p++;
    if (p >= lineEnd) break;
    let q = p;
    while (q < lineEnd && !isBlank(text[q])) q++;
    let token = text.slice(p, q);
    // (an escaped line break inside a JSON string ends the value: "…, Accra\\nDate of birth")
    const escape = token.indexOf('\\');
    if (escape >= 0) {
      token = token.slice(0, escape);
      q = p + escape;
      lineEnd = q;
    }
    // (a bracket starts a remark: "Fitzroy VIC 3065 (2 yrs at this address)", unless the value starts with it)
    if (token.startsWith('(') && end > i) return { end, stopped: true };
    if (token === '|' || token.includes('@') || token.includes('://') || token.startsWith('www.')) return { end, stopped: true };
    const lead = LEAD_PUNCT.exec(token)?.[0].length ?? 0;
    const trail = TRAIL_PUNCT.exec(token)?.[0].length ?? 0;
    const core = token.slice(lead, Math.max(lead, token.length - trail));
    if (token.endsWith(':') && core.length > 0) return { end, stopped: true };
    if (core.length === 0 || /^[-–—/]+$/.test(core)) {
      if (token !== '-' && token !== '–' && token !== '/' && token !== ',' && token !== '#') return { end, stopped: true };
      p = q;
      continue;
    }
    if (AFTER_WORDS.has(token)) return { end, stopped: true };
    // ("Phone 555-0134" starts another field; "Tel Aviv" does not)
    if (FIELD_WORDS.test(core) && /^[ \t]+[+(\d]/.test(text.slice(q, q + 3))) return { end, stopped: true };
    const lower = core.toLowerCase();
    const ok =
      HAS_DIGIT.test(core) ||
      (core[0] !== lower[0] && core[0] !== undefined) ||
      CASELESS_LETTER.test(core) ||
      LOWER_WORDS.has(lower) ||
      LOWER_WORDS.has(lower.replace(/\.$/, '')) ||
      (token.length <= 5 && /^\p{Ll}{1,4}\.$/u.test(token.slice(lead))) ||
      PARTICLE_NAME.test(core) ||
      (LOWER_WORD.test(core) && !afterComma(text, p) && !everyday(lower) && numberFollows(text, q, lineEnd));
    if (!ok) return { end, stopped: true };
    end = p + lead + core.length;
    // a sentence ends after a full stop ("… 191025. Мой телефон", "… 69007 Lyon. L'ancienne"), but not after an
    // abbreviation or an initial ("Sok. No: 1", "Bât. B", "St. Louis")
    // (nor after a short word whose number follows, "Nyumba Na. 18", "ఇంటి నం. 8-3-214")
    if (SENTENCE_END.test(token) && (!token.endsWith('.') || (core.length > 1 && !ABBREVIATIONS.has(lower) && !(core.length <= 3 && /^[ \t]+\p{Nd}/u.test(text.slice(q, q + 3)))))) return { end, stopped: true };
    p = q;
  }
  return { end, stopped: false };
}

/**
 * A street or unit word of a language the lists lack ("Бага тойруу 14", "Nizami küçəsi 88"): a lower-case word that
 * no list calls an ordinary word, not opening a part after a comma, is part of the value when a number follows it on
 * the line, after at most one more such word, with no sentence end between.
 */
function numberFollows(text: string, q: number, lineEnd: number): boolean {
  if (SENTENCE_END.test(text.slice(q - 1, q)) || text[q - 1] === ',') return false;
  let p = q;
  for (let words = 0; words < 2; words++) {
    while (p < lineEnd && isBlank(text[p])) p++;
    if (p >= lineEnd) return false;
    let e = p;
    while (e < lineEnd && !isBlank(text[e])) e++;
    const token = text.slice(p, e);
    if (HAS_DIGIT.test(token.charAt(0))) return true;
    if (words === 1 || !/^\p{Ll}+$/u.test(token)) return false;
    p = e;
  }
  return false;
}

/** the token at `p` follows a comma */
function afterComma(text: string, p: number): boolean {
  let k = p - 1;
  while (k >= 0 && isBlank(text[k])) k--;
  return text[k] === ',';
}
/** an ordinary word of English or of the lists ("please", "call", "deliver") */
function everyday(lower: string): boolean {
  const lex = lexicon();
  return lex.common.has(lower) || lex.english.has(lower);
}

const lineEndAt = (text: string, i: number): number => {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
};
const firstNonSpace = (text: string, i: number): number => {
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
};

/** Does the value hold a number and a word of three letters or more (or of a script without case)? */
function looksLikeAddress(value: string): boolean {
  return /\p{Nd}/u.test(value) && /\p{L}{3}|\p{Lo}/u.test(value) && !/^[\p{Nd}\s.:+()-]+$/u.test(value);
}

function keyedAddresses(text: string, lower: string, out: Finding[]): void {
  const key = lower.length === text.length ? KEY : KEY_ANY_CASE;
  const hay = lower.length === text.length ? lower : text;
  key.lastIndex = 0;
  for (let m = key.exec(hay); m; m = key.exec(hay)) {
    const keyEnd = m.index + m[0].length;
    // (a word of its own: not "addressed", "readdress", "adressiert"; words of scripts without spaces need no boundary)
    const letterKey = /^[a-zа-яάέήίόύώα-ω]/.test(m[0]);
    if (letterKey && (WORD_CHAR.test(text[m.index - 1] ?? '') || WORD_CHAR.test(text[keyEnd] ?? ''))) continue;
    if (OTHER_ADDRESS.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const sep = SEPARATOR.exec(text.slice(keyEnd, keyEnd + 64));
    // (something must stand between key and value, unless the key ends its line: "Address 12 …" is no field)
    // (or the value starts with a number or a unit right after the key: "Billing address Unit 1207 Tower 2, …")
    if (sep === null || (sep[0].trim() === '' && !/^[ \t]*\r?(?:\n|$)/.test(text.slice(keyEnd, keyEnd + 8)) && !VALUE_OPENS.test(text.slice(keyEnd, keyEnd + 16)))) continue;
    let i = keyEnd + sep[0].length;
    let lineEnd = lineEndAt(text, i);
    let start = -1;
    let end = i;
    // after a value that ends its line with a comma, the next line goes on ("ADDRESS : No. 48, 3rd Cross,\nBengaluru
    // 560003"); a key that ends its line has its value on the lines below, each read whole, up to a blank line
    let below: 'comma' | 'block' | null = null;
    const first = valueEnd(text, i, lineEnd);
    if (first.end > i) {
      start = firstNonSpace(text, i);
      end = first.end;
      if (!first.stopped && /^,[ \t\r]*$/.test(text.slice(end, lineEnd))) below = 'comma';
    } else if (text.slice(i, lineEnd).trim() === '') below = 'block';
    for (let lines = 0; below !== null && lines < 4 && lineEnd < text.length; lines++) {
      i = lineEnd + 1;
      lineEnd = lineEndAt(text, i);
      if (KEY_LINE.test(text.slice(i, Math.min(lineEnd, i + 40)))) break;
      const v = valueEnd(text, i, lineEnd);
      if (v.end <= i) break;
      const whole = !v.stopped && /^,?[ \t\r]*$/.test(text.slice(v.end, lineEnd));
      // (below a key, each line is an address line, read whole; the recipient's name above the street is none:
      // "address:\nMarie-Ève Tremblay-Singh\n1108-455 Granville St, …")
      if (below === 'block' && !whole) break;
      if (below === 'block' && start < 0 && !/\d/.test(text.slice(i, v.end)) && /\d/.test(text.slice(lineEnd, lineEndAt(text, lineEnd + 1)))) continue;
      if (start < 0) start = firstNonSpace(text, i);
      end = v.end;
      if (!whole || (below === 'comma' && text[end] !== ',')) break;
    }
    if (start < 0 || !looksLikeAddress(text.slice(start, end))) continue;
    out.push(finding('STREET_ADDRESS', start, end, 0.9, 'street_address.keyed'));
    key.lastIndex = Math.max(key.lastIndex, end);
  }
}

/**
 * An address that a plot, lot, shop or unit opens, then parts separated by commas up to a known town or region, with
 * no postcode: "Plot 44, Milimani Estate, Kisumu", "Lot 47, Cumberland Meadows, Portmore, St. Catherine", "Shop B12,
 * Kahawa Sukari Plaza, Thika Road, Nairobi", "Unit 1205 Tower 2, Avida Residences, Sta. Rosa, Laguna 4026".
 */
const LEAD_ADDRESS =
  /(?<![\p{L}\d])(?:Plot|Lot|Shop|Unit|Flat|House|Hse|Blk|Block|Villa|Suite|Stall|Apartment|Apt)\.?[ \t]*(?:No\.?[ \t]*)?#?[A-Z]?\d{1,5}[A-Z]?(?:[-/]\d{1,4}[A-Z]?)?(?:[ \t]+(?:Lot|Tower|Phase|Block|Blk|Bldg|Building|Floor|Section|Sec)\.?[ \t]*[A-Z\d]{1,4})*((?:,[ \t]*[\p{Lu}\d][\p{L}\d.'’ -]{0,39}){1,6})/gu;
// (grouped by first letter: the engine tries fewer alternatives at each position)
const LEAD_GATE = /P(?:lot)|L(?:ot)|S(?:hop|uite|tall)|U(?:nit)|F(?:lat)|H(?:ouse|se)|B(?:lk|lock)|V(?:illa)|A(?:partment|pt)/;
const POSTCODE_AFTER = /^[ \t]+\d{4,6}(?![\d\p{L}])/u;

function leadAddresses(text: string, out: Finding[]): void {
  const lex = lexicon();
  LEAD_ADDRESS.lastIndex = 0;
  for (let m = LEAD_ADDRESS.exec(text); m; m = LEAD_ADDRESS.exec(text)) {
    const partsText = m[1] ?? '';
    const partsStart = m.index + m[0].length - partsText.length;
    // the last part that names a known town or region ends the address (its postcode after it, if any)
    const parts = partsText.split(',');
    let end = -1;
    let offset = partsStart;
    for (const part of parts) {
      const name = part.trim().replace(/[ \t]+\d{4,6}$/, '').replace(/[.'’ -]+$/, '');
      const partEnd = offset + part.length;
      if (name !== '' && (lex.place.has(name.toLowerCase()) || lex.town.has(name.toLowerCase()))) end = partEnd;
      offset = partEnd + 1;
    }
    if (end < 0) continue;
    while (end > m.index && /[ \t.]/.test(text[end - 1] ?? '')) end--;
    const postcode = POSTCODE_AFTER.exec(text.slice(end, end + 8));
    if (postcode !== null) end += postcode[0].length;
    out.push(finding('STREET_ADDRESS', m.index, end, 0.85, 'street_address.lead'));
  }
}

/** the US states' and territories' codes */
const US_STATES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI'.split(' '));
/**
 * A US address whose street has no suffix ("1450 Broadway, Suite 902, New York, NY 10018", "350 Fifth Avenue" has
 * one): a house number, one to four capitalised words, maybe a unit, then the city, the state's code and the ZIP
 * code, on one line, ending at the ZIP code.
 */
const US_LINE = /(?<![\w.,/-])\d{1,6}[A-Z]?[ \t]+(?:[NSEW]\.?[ \t]+)?\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}(?:,?[ \t]+(?:Suite|Ste|Apt|Unit|Floor|Fl|Room|Rm|#)\.?[ \t]*#?[\w-]{1,6})?,[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2},?[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?$/u;

/** a number of things, not a house number ("12 Items, Dallas, TX 75201") */
const COUNTED = /^\d{1,6}[A-Z]?[ \t]+(?:Items?|Units?|Pcs|Pieces|Orders?|Days?|Weeks?|Months?|Years?|Hours?|People|Users?|Boxes|Cases|Pallets|Seats|Tickets|Packages|Parcels)(?![\p{L}])/u;

function usLines(text: string, scan: Prescan, out: Finding[]): void {
  for (let n = 0; n < scan.digitRuns.length; n++) {
    const r = scan.digitRuns[n] as number;
    const e = scan.digitRunEnds[n] as number;
    if (e - r !== 5 || text.charCodeAt(r - 1) !== 32 || !US_STATES.has(text.slice(r - 3, r - 1))) continue;
    let end = e;
    if (text.charCodeAt(end) === 45 && /^-\d{4}(?!\d)/.test(text.slice(end, end + 6))) end += 5;
    if (/[\p{L}\d]/u.test(text[end] ?? '')) continue;
    const lineStart = text.lastIndexOf('\n', r) + 1;
    const from = Math.max(lineStart, r - 120);
    const m = US_LINE.exec(text.slice(from, end));
    if (m === null || COUNTED.test(m[0])) continue;
    out.push(finding('STREET_ADDRESS', from + m.index, end, 0.85, 'street_address.us'));
  }
}

/** Addresses found by what names them: an address key's value, a plot or unit that opens one, a US city, state and ZIP. */
export const keyedAddressRecognizer: Recognizer = {
  name: 'street_address.keyed',
  types: ['STREET_ADDRESS'],
  applies: (scan: Prescan) => scan.digits > 0,
  find(text: string, out: Finding[], scan: Prescan): void {
    keyedAddresses(text, scan.lower, out);
    if (scan.upper && LEAD_GATE.test(text)) leadAddresses(text, out);
    if (scan.upper) usLines(text, scan, out);
  },
};
