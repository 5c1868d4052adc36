import type { EntityType, Finding } from '../types.js';
import { finding, type Prescan, type Recognizer } from './recognizer.js';

/**
 * A caller's answer in a call or chat transcript: the turn right after one that asks for an address, a date of birth
 * or a phone number is that value, in whatever words the speech-to-text wrote it ("agent: und die adresse\nAnrufer:
 * lindenstraße zwölf a neun null vier eins eins nürnberg", "conseiller: votre date de naissance\nappelante: le
 * vingt-neuf janvier quatre-vingt-sept", "callback number in case we get disconnected\ncaller: seven one nine four four
 * eight 2 0 6 1"). The pattern recognizers cannot read numbers spelled in words in every language; the question says
 * what the answer is. The answer must hold a number (a digit or two number words), so "caller: can you repeat that"
 * is none, and it is the next speaker's whole turn, up to its first sentence's end.
 */

/** what a question asks for, by its words (in lower case) */
const ASKS: ReadonlyArray<readonly [EntityType, RegExp]> = [
  ['DATE_OF_BIRTH', /date of birth|birth ?date|\bdob\b|birthday|geburtsdatum|date de naissance|fecha de nacimiento|data de nascimento|data di nascita|geboortedatum|födelsedatum|fødselsdato|syntymäaika|doğum tarihi|data urodzenia|datum narození|дата рождения|дата народження|ημερομηνία γέννησης|janam tithi|tarikh lahir|tanggal lahir/],
  ['STREET_ADDRESS', /address|adresse|direcci[oó]n|endere[cç]o|indirizzo|\badres\b|adresa|osoite|direksyon|anwani|адрес|διεύθυνση|pata\b|alamat/],
  ['PHONE', /phone|mobile|\bcell\b|callback|call you back|reach you|contact number|your number|a number|numéro|número|nummer|telefon|tel[eé]fono|telefone|cellulare|celular|handy|simu|mobil/],
];
/** a question about another number: an order, an account, a policy ("and the policy number") */
const OTHER_NUMBER = /order|account|policy|reference|\bref\b|tracking|meter|card|member|booking|confirmation|claim|case (?:number|id|ref)|ticket|invoice|serial|\bpin\b|code|otp|passport|licen[cs]e|registration|plate|vin\b|iban|routing|sort code|customer number|kundennummer|vertragsnummer|zählernummer|commande|pedido|contrato|póliza|apólice|polizza/;
/** number words of English, German, French, Spanish, Portuguese and Italian, and their German compounds */
const NUMBER_WORDS = new Set(
  (
    'zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand double triple ' +
    'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth ' +
    'null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend ' +
    'erster erste ersten zweiter zweite dritter dritte vierter vierte fünfter fünfte sechster siebter achter neunter zehnter elfter zwölfter premier première primero primera primeiro primo ' +
    'zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente quarante cinquante soixante cent mille quatre-vingt quatre-vingts ' +
    'cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento mil ' +
    'um dois três quatro sete oito nove dez doze treze vinte trinta quarenta oitenta noventa cem ' +
    'due tre quattro cinque sei sette otto dieci undici dodici venti cento'
  ).split(' '),
);
const GERMAN_COMPOUND = /(?:hundert|zig|zehn|und(?:zwanzig|dreißig)|zigster|zehnter|ßigster)$/;
/** words that open an answer and are not part of it ("yes it's …", "le …", "ja, …") */
const OPENERS = /^(?:(?:yes|yeah|yep|yup|sure|ok|okay|right|um+|uh+|erm|er|so|well|it's|its|it is|that's|that is|thats|mine is|my address is|my number is|ja|jo|also|oui|euh|alors|c'est|sí|si|sim|é|es|bueno|pues|the|le|la|el|de|del|da|do|am|der|den)[ ,.]+)+/i;
const SENTENCE_END = /[.!?](?:[ \t]|$)/;

/** a number word of the six languages, or a German compound of them ("neunzehnhundertneunundsechzig", "quatre-vingt-sept") */
function isNumberWord(w: string): boolean {
  return NUMBER_WORDS.has(w) || (w.length > 6 && GERMAN_COMPOUND.test(w)) || w.split('-').every((p) => NUMBER_WORDS.has(p));
}

/** how many digits and number words `value` holds ("seven one nine four four eight 2 0 6 1": 10) */
function numbersIn(value: string): number {
  let n = 0;
  for (const w of value.toLowerCase().split(/[\s,]+/)) {
    if (/^\p{Nd}+$/u.test(w)) n += w.length;
    else if (isNumberWord(w)) n++;
  }
  return n;
}

/** a digit, or two number words */
function hasNumber(value: string): boolean {
  return /\p{Nd}/u.test(value) || numbersIn(value) >= 2;
}

/** a number among the first four words ("twenty two rose hill road", "lindenstraße zwölf a …", "flat b four zero …") */
function numberNearStart(value: string): boolean {
  return numbersIn(value.trim().split(/\s+/).slice(0, 4).join(' ')) > 0;
}

/** The type a question asks for, or null. */
function asked(utterance: string): EntityType | null {
  const q = utterance.toLowerCase();
  for (const [type, re] of ASKS) {
    if (!re.test(q)) continue;
    if (type === 'PHONE' && OTHER_NUMBER.test(q)) return null;
    // (not an e-mail or IP address, nor a code sent to an address)
    if (type === 'STREET_ADDRESS' && /e-?mail|\bip\b|web|\bcode\b|otp|link/.test(q)) return null;
    return type;
  }
  return null;
}

/** the labels of a transcript's speakers, by role (lower case); a label that no role names must speak twice */
const SPEAKERS = new Set([
  'caller', 'customer', 'client', 'user', 'me', 'member', 'patient', 'visitor', 'guest', 'tenant', 'driver', 'rider', 'speaker 1', 'speaker 2', 'speaker a', 'speaker b',
  'agent', 'rep', 'representative', 'advisor', 'adviser', 'operator', 'csr', 'assistant', 'bot', 'support', 'staff', 'nurse', 'doctor', 'pharmacist', 'receptionist',
  'anrufer', 'anruferin', 'kunde', 'kundin', 'berater', 'beraterin', 'mitarbeiter', 'appelant', 'appelante', 'conseiller', 'conseillère', 'cliente', 'usuario', 'usuária', 'usuário',
  'ejecutiva', 'ejecutivo', 'agente', 'operador', 'operadora', 'atendente', 'assistente', 'operatore', 'klant', 'medewerker', 'beller', 'klient', 'konsultant', 'asiakas',
]);

interface Turn {
  readonly label: string;
  readonly at: number;
  readonly said: string;
}

/** a turn's label: maybe a time stamp in brackets, then one to three words */
const LABEL = /^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?([\p{L}][\p{L}\p{M}\d .'’-]{0,24}?)[ \t]*$/u;

/** The speaker's turn on the line from `start` to `end` whose first colon is at `colon`, or null. */
function turnAt(text: string, start: number, end: number, colon: number): Turn | null {
  // (a time stamp's colons come before the label's: "[00:00:19] caller: …")
  const bracket = text.indexOf('[', start);
  if (bracket !== -1 && bracket < colon && text.slice(start, bracket).trim() === '') {
    const close = text.indexOf(']', bracket);
    if (close === -1 || close >= end) return null;
    colon = text.indexOf(':', close);
    if (colon === -1 || colon >= end) return null;
  }
  const c = text.charCodeAt(colon + 1);
  if (c !== 32 && c !== 9) return null;
  const m = LABEL.exec(text.slice(start, colon));
  if (m === null) return null;
  let at = colon + 1;
  while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  if (at >= end) return null;
  return { label: (m[1] ?? '').toLowerCase(), at, said: text.slice(at, end) };
}

/** How many lines of `lower` start with `label` and a colon (after a time stamp maybe), up to two. */
function turnsBy(lower: string, label: string): number {
  let n = 0;
  for (let k = lower.indexOf(label); k !== -1 && n < 2; k = lower.indexOf(label, k + label.length)) {
    const lineStart = lower.lastIndexOf('\n', k - 1) + 1;
    const colon = lower.indexOf(':', k + label.length);
    if (colon === -1) break;
    const m = LABEL.exec(lower.slice(lineStart, colon));
    if (m !== null && m[1] === label) n++;
  }
  return n;
}

/** nothing but white space in text[start, end) */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** A role's label, or one that speaks twice in the text (memoised per text in `known`). */
function speaker(lower: string, label: string, known: Map<string, boolean>): boolean {
  if (SPEAKERS.has(label)) return true;
  let is = known.get(label);
  if (is === undefined) known.set(label, (is = turnsBy(lower, label) >= 2));
  return is;
}

/**
 * Each pair of speakers' turns on consecutive lines (blank lines between them aside): when the first asks for a
 * value (ASKS) the second answers it. Both must be speakers (a role, or a label that speaks twice). A line is a turn
 * only if it has a colon within its first 40 characters (found with one search per colon, not per line).
 */
function answers(text: string, lower: string, out: Finding[]): void {
  const speakers = new Map<string, boolean>();
  let prev: Turn | null = null;
  let colon = text.indexOf(':');
  for (let start = 0; start < text.length && colon !== -1; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (colon < start) colon = text.indexOf(':', start);
    if (colon === -1) break;
    if (colon >= end) {
      // (no colon on this line: no turn; a blank line keeps the turn before it)
      if (prev !== null && !blank(text, start, end)) prev = null;
      start = end + 1;
      continue;
    }
    const turn = colon - start <= 40 ? turnAt(text, start, end, colon) : null;
    // (the labels first: a form's "Name: …\nPhone: …" are no speakers, and its values are not asked about)
    if (prev !== null && turn !== null && prev.label !== turn.label && speaker(lower, prev.label, speakers) && speaker(lower, turn.label, speakers)) {
      const type = asked(prev.said);
      if (type !== null) answer(turn.at, turn.said, type, out);
    }
    prev = turn;
    start = end + 1;
  }
}

/** The answer `said` at `at`, without its openers, up to its first sentence's end, when it holds a number. */
function answer(at: number, said: string, type: EntityType, out: Finding[]): void {
  let opener = OPENERS.exec(said)?.[0].length ?? 0;
  // (an address given after the name: "Customer: Oluwaseun Adeyemi-Clarke, Flat 3, 27 Harrowgate Road" starts at the
  // first part that holds a number)
  if (type === 'STREET_ADDRESS') {
    const parts = said.slice(opener).split(',');
    let skip = 0;
    for (let k = 0; k < parts.length - 1 && !numberNearStart(parts[k] ?? ''); k++) skip += (parts[k] ?? '').length + 1;
    if (skip > 0 && numberNearStart(said.slice(opener + skip))) opener += skip + (/^\s*/.exec(said.slice(opener + skip))?.[0].length ?? 0);
  }
  // (a phone number is all numbers: it starts at the first one, "no it's a new one it's oh seven four six …")
  if (type === 'PHONE') {
    const words = /\S+/g;
    const rest = said.slice(opener);
    for (let w = words.exec(rest); w; w = words.exec(rest)) {
      const word = w[0].toLowerCase().replace(/[,.;]+$/, '');
      if (/^[+\p{Nd}]/u.test(word) || word === 'plus' || isNumberWord(word)) {
        opener += w.index;
        break;
      }
    }
  }
  let value = said.slice(opener);
  const stop = SENTENCE_END.exec(value);
  if (stop !== null) value = value.slice(0, stop.index);
  value = value.replace(/[\s,.;!?]+$/u, '');
  if (value.length < 6 || value.length > 140 || !hasNumber(value) || (type !== 'PHONE' && !numberNearStart(value))) return;
  // (a phone number has seven digits, or five number words: French reads it in pairs, "zéro six douze quarante-huit …")
  if (type === 'PHONE') {
    const n = numbersIn(value);
    if (n < 7 && !(n >= 5 && !/\p{Nd}/u.test(value))) return;
  }
  out.push(finding(type, at + opener, at + opener + value.length, 0.8, 'answer'));
}

/** Values that a transcript's next speaker gives when asked for them. */
export const answerRecognizer: Recognizer = {
  name: 'answer',
  types: ['STREET_ADDRESS', 'DATE_OF_BIRTH', 'PHONE'],
  applies: (scan: Prescan) => scan.colon,
  find(text: string, out: Finding[], scan: Prescan): void {
    // (the question's words are looked for in lower case: the text's own, when lower-casing kept its length)
    answers(text, scan.lower.length === text.length ? scan.lower : text.toLowerCase(), out);
  },
};
