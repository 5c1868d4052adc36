import { compromisePerson } from '../nlp-person.js';
import { Cues, isAlnumCode, isAsciiDigitCode, isAsciiLetterCode, isLetterCode, isSpaceCode, GREETINGS, PERSON_AFTER, PERSON_TITLES, SIGN_OFFS } from '../context-words.js';
import { lexicon, withoutDiacritics, WORLD_CITY } from '../lexicon/index.js';
import { scanCaselessNames } from '../caseless-names.js';
import { scanSpeakers } from '../speakers.js';
import { companyFollows, fieldEndsAt, fieldKeyAt, isFieldStart, lowerFieldValues, PERSON_FIELD_KEY, productNamed } from '../fields.js';
import { capitalisedRuns, capitalisesNouns, capitalWordRuns, HONORIFIC_AFTER, isUpperAt, PARTICLES, type Token } from '../proper-nouns.js';
import { PairIndex } from '../../pair-index.js';
import type { Finding } from '../types.js';
import { finding, type Recognizer } from './recognizer.js';

const TITLE = new Cues(PERSON_TITLES.map((t) => `${t}.`).concat(PERSON_TITLES));
const TITLE_WORDS = new Set<string>(PERSON_TITLES);
const GREETING_WORDS = new Set<string>(GREETINGS.filter((g) => !g.includes(' ')));
const STRONG_INTRO = new Cues([
  'my name is', "my name's", 'name is', "name's", 'i am', "i'm", 'this is', "it's", 'call me', 'speaking with', 'spoke with',
  'spoke to', 'speak to', 'speak with', 'talked to', 'talked with', 'ask for', 'asked for', 'assigned to', 'attn', 'attention',
  'c/o', 'signed', 'name', 'full name', 'customer', 'customer name', 'account holder', 'cardholder', 'card holder', 'client', 'patient',
  'applicant', 'recipient', 'sender', 'passenger', 'guest', 'tenant', 'contact person', 'contact name', 'my wife', 'my husband', 'my son',
  'my daughter', 'my mother', 'my mom', 'my mum', 'my father', 'my dad', 'my brother', 'my sister', 'my friend', 'my partner',
  'my boss', 'my manager', 'my colleague', 'my coworker', 'married to', 'on behalf of', 'hand over to', 'escalated to', 'escalate to',
  'forwarded by', 'submitted by', 'reported by', 'requested by', 'approved by', 'created by', 'opened by', 'written by', 'sent by',
  'technician', 'from:', 'to:', 'cc:', 'named', 'called', 'dear', 'hi', 'hello', 'hey', 'thanks', 'thank you', 'cheers',
  'brother', 'sister', 'son', 'daughter', 'mother', 'father', 'mom', 'mum', 'dad', 'grandson', 'granddaughter', 'nephew', 'niece',
  'cousin', 'fiancé', 'fiancée', 'boyfriend', 'girlfriend', 'operator', 'adım', 'adi', 'nama',
  'regards', 'best', 'sincerely', 'greetings', 'good morning', 'good afternoon', 'good evening', 'morning', 'welcome', 'bye', 'hiya',
  'author:', 'owner:', 'user:', 'reporter:', 'assignee:', 'requester:', 'agent:', 'by', 'wife', 'husband', 'colleague',
  // "I am" and "my name is" in other languages ("soy Facundo", "je suis Amélie", "nama saya Dewi")
  'soy', 'je suis', "c'est", 'ich bin', 'ik ben', 'sono', 'sou', 'jestem', 'me llamo', 'mi chiamo', 'me chamo', 'mi nombre es',
  'meu nome é', 'mein name ist', 'mijn naam is', "je m'appelle", 'il mio nome è', 'nazywam się', 'nama saya', 'saya', 'ako si',
  'ako po si', 'mera naam', 'benim adım', 'aqui é a', 'aqui é o', 'aqui fala a', 'aqui fala o', 'quem fala é', 'le habla',
  'habla', 'hier ist', 'hier spricht', 'qui è', 'parla', 'jmenuji se',
  // people of one's life and work ("my driver Manjunath", "my neighbour Wiremu", "looping in Raghav")
  'my driver', 'my neighbour', 'my neighbor', 'my landlord', 'my landlady', 'my tenant', 'my lawyer', 'my solicitor', 'my doctor', 'my teacher',
  'my roommate', 'my flatmate', 'my housemate', 'my nanny', 'my cleaner', 'my assistant', 'my uncle', 'my aunt', 'my cousin', 'my nephew',
  'my niece', 'my grandson', 'my granddaughter', 'my grandmother', 'my grandfather', 'my grandma', 'my grandpa', 'my fiancé', 'my fiancée',
  'my stepson', 'my stepdaughter', 'my child', 'my kid', 'my mother-in-law', 'my father-in-law', 'my sister-in-law', 'my brother-in-law',
  'my carer', 'my caregiver', 'my accountant', 'my coach', 'my trainer', 'my tutor', 'my supervisor', 'my colleague', 'my mate',
  'looping in', 'loop in', 'cc-ing', "cc'ing", 'cc’ing',
  'mi hijo', 'mi hija', 'mi esposo', 'mi esposa', 'mi marido', 'mi mujer', 'mi hermano', 'mi hermana', 'mi madre', 'mi padre', 'mi abogado', 'mi abogada',
  'meu filho', 'minha filha', 'meu marido', 'minha esposa', 'minha mulher', 'meu irmão', 'minha irmã', 'minha mãe', 'meu pai',
  'mon fils', 'ma fille', 'mon mari', 'ma femme', 'mon frère', 'ma sœur', 'ma mère', 'mon père',
  'mein sohn', 'meine tochter', 'mein mann', 'meine frau', 'mein bruder', 'meine schwester', 'mijn zoon', 'mijn dochter', 'mijn man', 'mijn vrouw',
]);
const WEAK_INTRO = new Cues(['with', 'and', 'for', 'to', 'from', 're', 'regarding', 'contact', 'ask', 'tell', 'told', 'thank', 'let', 'met', 'meet', 'email', 'emailed', 'call', 'called', 'cc', 'ping', 'or', 'via', 'like', 'as']);
const AFTER = new RegExp(`^(?:'s\\b|’s\\b|,?\\s+(?:${PERSON_AFTER.join('|')})\\b|\\s*\\((?:customer|client|user|cc|me|agent)\\)|\\s*\\(my\\s+(?:husband|wife|son|daughter|mother|father|mom|mum|dad|brother|sister|partner|friend)\\b|,\\s*(?:our|my|the|your)\\s+\\w+|\\s+(?:\\(|<)[^\\s@]+@)`, 'i');
const SIGN_OFF_LINE = new RegExp(`^\\s*(?:[-–—~]+\\s*)?(?:${SIGN_OFFS.map((s) => s.replace(/ /g, '\\s+')).join('|')})\\s*[,.!:-]*\\s*$`, 'i');
/** the last word of each sign-off (they are letters and single spaces) */
const SIGN_OFF_LAST_WORDS = new Set<string>(SIGN_OFFS.map((w) => w.slice(w.lastIndexOf(' ') + 1)));
/** the characters a sign-off line can start with (lower case; a non-ASCII one is left to the regex) */
const SIGN_OFF_FIRST = new Set<number>([45, 126, ...SIGN_OFFS.map((w) => w.charCodeAt(0))]);
// tested on the part of a line before a name: it holds no line break, so `(?:^|\n)` is just `^`
const SIGN_OFF_INLINE = new RegExp(`^\\s*(?:${SIGN_OFFS.map((s) => s.replace(/ /g, '\\s+')).join('|')})\\s*[,.!-]*\\s*$`, 'i');
// the alternatives grouped by first letter, in their original order within a group (alternatives with
// different first letters never match at one position, so every match and capture is unchanged; the
// factored form is ~40% cheaper for the regex engine). Was:
// (my name is|my name's|name's|names|i'm|im|i am|this is|it's|its|hey|hi|hello|hiya|thanks|thx|ty|cheers|call me|ask for|
//  spoke to|spoke with|talked to|regards|best|love|xoxo|my (?:wife|...|niece)|[-–—]{1,2})
// and since then "my name" alone and the intros of other languages ("me llamo", "ik ben", "je suis", "soy")
const LOWER_CUE =
  /(m(?:y name is|y name's|y name|e llamo|i chiamo|e chamo|i nombre es|eu nome é|ein name ist|ijn naam is|y (?:wife|husband|son|daughter|mother|mom|mum|father|dad|brother|sister|friend|partner|boss|colleague|coworker|girlfriend|boyfriend|fiancée?|grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|nephew|niece))|n(?:ame's|ames|azywam się)|i(?:'m|m| am|t's|ts|ch bin|k ben|l mio nome è)|j(?:e suis|e m'appelle|estem)|t(?:his is|hanks|hx|y|alked to)|h(?:ey|i|ello|iya|er name is|is name is)|c(?:heers|all me)|ask for|s(?:poke (?:to|with)|oy|ono|ou)|regards|b(?:est|in)|love|xoxo|[-–—]{1,2})[ \t]*,?[ \t]+(?=\p{Ll})/giu;
/** "a guy called frank", "someone named …": in a regex of its own, asked only when the text says "called" or "named" */
const LOWER_CALLED = /((?:guy|man|woman|lady|girl|boy|bloke|chap|someone|somebody|person|engineer|technician|tech|driver|courier|rep) (?:called|named))[ \t]*,?[ \t]+(?=\p{Ll})/giu;
const RELATION_CUE = /^my /;
// "3 Jun 2024", "Mar 14": a month abbreviation beside a number is a date, not a name ("Jun", "Mar", "Jan")
const MONTH_ABBR = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const LOWER_WORD = /^\p{Ll}[\p{Ll}'-]{1,20}(?![\p{L}\d])/u;

const cache = new Map<string, boolean>();
const DETERMINER = new Cues(['the', 'a', 'an', 'our', 'your', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'my', 'new', 'old']);
const PLACE_INTRO = new Cues(['in', 'at', 'near', 'visiting', 'moved to', 'moved from', 'moving to', 'flying to', 'flight to', 'traveling to', 'travelling to', 'trip to', 'live in', 'living in', 'lives in', 'based in', 'located in', 'from', 'to']);

/**
 * PERSON: capitalised-word runs scored by a name lexicon and cues (titles, greetings, sign-offs,
 * "my name is", verbs like "said"), informal lower-case introductions, names spelled by e-mail local
 * parts, and other mentions of a name already found in the same text. compromise is asked only about
 * an ambiguous name that opens a sentence ("Will", "Mark", "Grace"), one short window at a time.
 */
export const personRecognizer: Recognizer = {
  name: 'person',
  types: ['PERSON'],
  applies: (s) => s.length >= 2,
  find(text, out, scan) {
    const found: Finding[] = [];
    if (scan.upper && (asciiCapitalIn(text, scan.capitals) || /\p{Lu}/u.test(text))) {
      scanRuns(text, scan.capitals, found);
      scanUpperNames(text, scan.capitals, found);
    }
    scanLowercase(text, scan.lower, scan.capitals.length * 20 < scan.length, found);
    scanVietnamese(text, scan.lower, scan.nonAscii !== false, found);
    if (scan.colon) scanSpeakers(text, found);
    if (scan.nonAscii) scanCaselessNames(text, scan.capitals, found);
    if (scan.upper && (text.includes('"') || text.includes('“') || text.includes(" '") || text.includes(' ‘'))) scanNicknames(text, found);
    if (scan.upper && capitalsAroundSlash(text)) scanPassengerNames(text, found);
    // a record written all in lower case: the values of its person fields
    if (!scan.upper && (scan.colon || text.includes('\n'))) {
      const lex = lexicon();
      lowerFieldValues(text, (s, e, kind, words, bare) => {
        if (kind !== 'person') return;
        // not a plain phrase: some word is a name, or no word is an ordinary word
        const named = words.some((w) => lex.given.has(w) || lex.surname.has(w));
        const ordinary = words.some((w) => (lex.common.has(w) || STOP.has(w)) && !lex.given.has(w) && !lex.surname.has(w));
        if (NOT_A_NAME.has(words.join(' ')) || (!named && (ordinary || bare)) || (words.length === 1 && !named)) return;
        found.push(finding('PERSON', s, e, 0.8, 'person.lower_field'));
      });
    }
    // a writer who capitalises the names they write is not asked about lower-case pairs (and saves the scan)
    if (found.length === 0) scanLowerPairs(text, found);
    propagate(text, scan.lower, found);
    if (found.length >= 2 && scan.upper) listSiblings(text, scan.capitals, found);
    if (found.length === 0) return;
    // (a brand named after people, written with '&', an apostrophe, a title or a hyphen: "Ben & Jerry's", "Dr. Martens",
    // "Wendy's", "Mercedes-Benz"; the runs never hold these whole)
    // (asked only when a finding has one of those characters beside it or inside it)
    let brands: Array<readonly [number, number]> | null = null;
    for (const f of found) {
      if (brandNear(text, f)) {
        brands = scan.lower.length === text.length ? brandSpans(scan.lower) : [];
        break;
      }
    }
    // (the persona's name only takes findings away: with none, the two searches are skipped)
    const persona = scan.lower.length === text.length && PERSONA_WORDS.some((w) => scan.lower.includes(w)) ? personaNames(text, scan.lower) : null;
    // (scan.lower has the text's offsets here: persona is only asked for when the lengths agree)
    for (const f of found) {
      if (persona !== null && isPersona(scan.lower.slice(f.start, f.end), persona)) continue;
      if (brands !== null && brands.some(([s, e]) => s <= f.start && f.end <= e)) continue;
      // (a saint's day: "St. Patrick's Day", "Saint Andrew's Day", "St John's Eve")
      if (SAINT_BEFORE.test(text.slice(Math.max(0, f.start - 7), f.start)) && SAINTS_DAY_AFTER.test(text.slice(f.end, f.end + 8))) continue;
      out.push(f);
    }
  },
};

const SAINT_BEFORE = /(?:^|[^\p{L}])(?:St\.?|Saint|San|Santa|Sankt)[ \t]+$/u;
const SAINTS_DAY_AFTER = /^['’]s[ \t]+(?:Day|Eve|Night)(?![\p{L}])/u;

/** the brands of the lexicon whose names hold a character other than letters and spaces (and their "’" forms), built once */
let brandNames: readonly string[] | null = null;
/** "Ben & …", "… & Jerry's", "Wendy's", "Dr. Martens", "Mercedes-Benz": an ampersand, an apostrophe, a title's dot or a hyphen right at the finding */
const BRAND_BEFORE = /(?:&|Dr\.?)[ \t]*$/;
function brandNear(text: string, f: Finding): boolean {
  const a = text.charCodeAt(f.end);
  if (a === 39 || a === 0x2019 || text.slice(f.end, f.end + 3).includes('&') || BRAND_BEFORE.test(text.slice(Math.max(0, f.start - 5), f.start))) return true;
  for (let k = f.start; k < f.end; k++) if (text.charCodeAt(k) === 45) return true;
  return false;
}
/** Where those brands stand in the text (`lower`: the text in lower case, with its offsets), each a word of its own. */
function brandSpans(lower: string): Array<readonly [number, number]> {
  // (the brands named after people: a word of theirs is a given name or a surname)
  if (brandNames === null) {
    const lex = lexicon();
    brandNames = [...lex.org]
      .filter((o) => /[&'.-]/.test(o) && o.split(/[ &'.-]+/).some((w) => lex.given.has(w) || lex.surname.has(w)))
      .flatMap((o) => (o.includes("'") ? [o, o.replace(/'/g, '’')] : [o]));
  }
  const spans: Array<readonly [number, number]> = [];
  for (const name of brandNames) {
    for (let k = lower.indexOf(name); k !== -1; k = lower.indexOf(name, k + 1)) {
      const end = k + name.length;
      if (isLetterCode(lower.charCodeAt(k - 1)) || isLetterCode(lower.charCodeAt(end))) continue;
      spans.push([k, end]);
    }
  }
  return spans;
}

/** words before "assistant" (or "agent", "helper") that make it a bot: "virtual assistant", "digitaler Assistent", "AI helper" */
const BOT_QUALIFIER_WORDS = ['virtual', 'virtuel', 'virtuelle', 'virtueller', 'virtuale', 'ai', 'ki', 'ia', 'digital', 'digitale', 'digitaler', 'automated', 'chat'];
const BOT_QUALIFIER = BOT_QUALIFIER_WORDS.join('|');
/** "assistant" in the languages the persona rules read */
const ASSISTANT_WORDS = 'assistant|assistante|asistente|assistente|assistent|assistentin';
/**
 * "Hi! I'm Aria, your virtual assistant", "This is Max, the Acme bot", "Pip (virtual assistant):", "You are Juniper,
 * the student services assistant" (a system prompt naming the model): the name a chatbot introduces itself
 * with is its persona, not a person; every mention of it in the text is left alone (lower case, or null).
 * Looked for only in the 80 characters before each "assistant" / "bot" (a regex anchored at that word).
 */
// (also a launch or a hand-over, "Meet Ava — the assistant that…", "launching Ava, a new assistant", and the intros of
// other languages, "Soy Kit, el asistente virtual", "Je suis Léa, votre assistante")
const PERSONA_BEFORE = new RegExp(
  String.raw`(?:i'm|i’m|i am|this is|my name is|it's|you are|meet|introducing|launching|say hello to|named|called|chat with|soy|je suis|sono|ich bin|eu sou|sou)[ \t]+([^\s,.!?;:]+)(?:[ \t]+here)?(?:[ \t]*[^\sa-z0-9,]{1,4})?,?[ \t]+(?:the|your|an?|our|new|el|la|le|il|lo|der|die|das|o|tu|su|votre|ton|dein|ihr|seu|sua|vostro|tuo|vuestro|nuestro|nuestra|notre|unser|unsere|un|una|une|ein|eine|um|uma)[ \t]+(?:\S+[ \t]+){0,3}?(?:(?:virtual|ai|digital|automated)[ \t]+(?:agent|helper|concierge)|(?:chat)?bot|${ASSISTANT_WORDS}|helper)$`,
  'd',
);
/**
 * "Pip (virtual assistant)", "Max (bot)", "Ollie (Marlowe & Finch assistant)": the name before a bracket that says
 * what it is, maybe with the company's name first (read back from the word)
 */
const PERSONA_PAREN = /([^\s(),.!?;:]+)[ \t]*\((?:[^()\n]{1,40}[ \t]+)?$/d;
/**
 * "Ollie, our virtual assistant", "asking Wren, the AI assistant": an appositive that calls the name a bot outright
 * (a bare "assistant" may be a person's: "Sarah, our assistant"); "unser digitaler Assistent Ollie", "our chatbot
 * Max": the bot word right before the name
 */
const PERSONA_APPOSITIVE = new RegExp(
  String.raw`(\p{L}[\p{L}'-]+),[ \t]+(?:the|your|an?|our|el|la|le|il|der|die|o|tu|su|votre|notre|unser|unsere|nuestro|nuestra|seu|sua|vostro|nostro)[ \t]+(?:\S+[ \t]+){0,2}?(?:(?:${BOT_QUALIFIER})[ \t]+(?:${ASSISTANT_WORDS}|agent|helper|concierge)|(?:chat)?bot)$`,
  'du',
);
const PERSONA_NAME_AFTER = /^[ \t]*[,:]?[ \t]*(\p{Lu}[\p{L}'-]+)/u;
const BOT_QUALIFIER_BEFORE = new RegExp(String.raw`(?:^|[^\p{L}])(?:${BOT_QUALIFIER})[ \t]+$`, 'u');
/** "Emma (Dental assistant):", "Sales assistant": an assistant who is a person */
const HUMAN_ROLE_BEFORE = /(?:^|[^\p{L}])(?:dental|teaching|sales|shop|personal|executive|medical|legal|administrative|admin|care|nursing|pharmacy|store|service|office|research|lab|library|marketing|hr|finance|accounts?|billing|support|practice|clinical|veterinary|vet|kitchen|retail|team|department|store)[ \t]+$/u;
const PERSONA_NAME = /^\p{L}[\p{L}'-]+$/u;
const PERSONA_WORDS = ['assistant', 'bot', 'agent', 'helper', 'concierge', 'asistente', 'assistente', 'assistent', 'assistentin', 'assistante', 'persona'];
/** "assistant manager", "assistant professor": a person's job */
const HUMAN_ASSISTANT = /^[ \t]+(?:manager|director|professor|editor|coach|principal|teacher|secretary|nurse|engineer|store|buyer|producer|to)\b/;
/** '"bot": "Pip"', 'assistant_name: Nova', '"persona":"Kit"': a key naming the bot, then its name (read after the word) */
// (the value quoted, or alone on its line: "assistant: Ananya, your leave…" is a chat turn addressing a person)
const PERSONA_KEY_AFTER = /^(?:[_ -]?name)?["']?[ \t]*[:=][ \t]*(?:"(\p{L}[\p{L}'-]+)"|'(\p{L}[\p{L}'-]+)'|(\p{L}[\p{L}'-]+)[ \t]*(?:\r?\n|$))/u;
/** "virtual agent", "AI helper": the three words that are a bot's only after such a qualifier */
const BOT_QUALIFIED = /(?:virtual|ai|digital|automated)[ \t]$/;
/** the persona's name, maybe with its bot word ("Assistent Ollie" in German capitalises the noun) */
function isPersona(lowerValue: string, persona: ReadonlySet<string>): boolean {
  if (persona.has(lowerValue)) return true;
  const words = lowerValue.split(/\s+/);
  // (and a mention of the bot word alone, which that capitalised run spread: "Assistent")
  return words.length <= 3 && words.every((w) => persona.has(w) || PERSONA_WORDS.includes(w) || BOT_QUALIFIERS.has(w));
}
const BOT_QUALIFIERS = new Set(BOT_QUALIFIER_WORDS);
function personaNames(text: string, lower: string): Set<string> | null {
  let names: Set<string> | null = null;
  for (const w of PERSONA_WORDS) {
    for (let k = lower.indexOf(w); k !== -1; k = lower.indexOf(w, k + 1)) {
      const end = k + w.length;
      if (isLetterCode(lower.charCodeAt(end)) || (k > 0 && isLetterCode(lower.charCodeAt(k - 1)) && w !== 'bot')) continue;
      // (a human's role, "Pratik (Agent)", "your support agent": an agent or concierge is a bot's only when qualified)
      if ((w === 'agent' || w === 'concierge') && !BOT_QUALIFIED.test(lower.slice(Math.max(0, k - 10), k))) continue;
      // '"bot": "Pip"': a key that names the bot (the word starts the key)
      if (k === 0 || !isLetterCode(lower.charCodeAt(k - 1))) {
        const kv = PERSONA_KEY_AFTER.exec(text.slice(end, end + 48));
        const value = kv === null ? undefined : (kv[1] ?? kv[2] ?? kv[3]);
        if (value !== undefined && (w === 'bot' || w === 'assistant' || w === 'persona')) {
          (names ??= new Set()).add(value.toLowerCase());
          continue;
        }
      }
      if (w === 'persona' || HUMAN_ASSISTANT.test(lower.slice(end, end + 16))) continue;
      // "Pip (virtual assistant):", "Max (bot)": the word closes a bracket
      const before = lower.slice(Math.max(0, k - 24), k);
      if (lower.charCodeAt(end) === 41) {
        const p = PERSONA_PAREN.exec(lower.slice(Math.max(0, k - 60), k));
        const name = p?.[1];
        if (name !== undefined && PERSONA_NAME.test(name) && !HUMAN_ROLE_BEFORE.test(before)) (names ??= new Set()).add(name);
        continue;
      }
      // (on the lower-case text, whose offsets are the text's: a plain regex; the name's letters checked after)
      const from = Math.max(0, end - 80);
      const window = lower.slice(from, end);
      const m = PERSONA_BEFORE.exec(window) ?? PERSONA_APPOSITIVE.exec(window);
      const span = m?.indices?.[1];
      if (span !== undefined && PERSONA_NAME.test(text.slice(from + span[0], from + span[1]))) {
        (names ??= new Set()).add(m?.[1] ?? '');
        continue;
      }
      // "unser digitaler Assistent Ollie", "our chatbot Max": the name right after the bot word
      if (w === 'bot' || w === 'chatbot' || BOT_QUALIFIER_BEFORE.test(before)) {
        const after = PERSONA_NAME_AFTER.exec(text.slice(end, end + 32))?.[1];
        if (after !== undefined && PERSONA_NAME.test(after)) (names ??= new Set()).add(after.toLowerCase());
      }
    }
  }
  return names;
}

/**
 * 'Rodrigo "Rigo" Salinas', 'Elizabeth “Liz” Okafor': a given name, a nickname in quotes, a surname. Each is a
 * name (and so is looked for again in the rest of the text: "Rigo wants SSO").
 */
// (a nickname of one letter too, 'Zoë "Z" Ångström', and in single quotes, "Robert 'Bob' Smith")
const NICKNAME = /(\p{Lu}\p{Ll}+)[ \t]+(?:["“](\p{Lu}[\p{Ll}'’-]{0,15})["”]|['‘](\p{Lu}[\p{Ll}-]{0,15})['’])[ \t]+(\p{Lu}[\p{L}\p{M}'’-]+)/dgu;
function scanNicknames(text: string, out: Finding[]): void {
  const lex = lexicon();
  NICKNAME.lastIndex = 0;
  for (let m = NICKNAME.exec(text); m; m = NICKNAME.exec(text)) {
    const given = (m[1] ?? '').toLowerCase();
    const ix = m.indices;
    if (ix === undefined || !lex.given.has(given) || lex.common.has((m[2] ?? m[3] ?? '').toLowerCase())) continue;
    for (const g of [1, 2, 3, 4]) {
      const span = ix[g];
      // (a one-letter nickname is not reported: its token would stand for every "Z" of the text)
      if (span !== undefined && span[1] - span[0] > 1) out.push(finding('PERSON', span[0], span[1], 0.85, 'person.nickname'));
    }
  }
}

/**
 * The airline form of a name, as tickets, boarding passes and passenger lists write it: "OYELARAN/TEMITOPE MS",
 * "FERNANDEZ ORTEGA/JOSE LUIS", "KOWALCZYK/MAGDALENA MRS". A title after it, a passenger key before it on its line,
 * or a known name on one side (and no everyday word on either: not "AND/OR", "TCP/IP") makes it one.
 */
const PASSENGER_NAME = /(?<![\p{L}\d\/])(\p{Lu}[\p{Lu}'-]+(?: \p{Lu}[\p{Lu}'-]+){0,2})\/(\p{Lu}[\p{Lu}'-]+(?: (?!(?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF)(?![\p{L}]))\p{Lu}[\p{Lu}'-]+){0,2})(?: (?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF))?(?![\p{L}\d\/])/gu;
const PASSENGER_TITLE = / (?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF)$/;
const PASSENGER_KEY = /(?:passenger|pax|traveller|traveler|guest|name|nombre|nom|passagier|passageiro|passeggero)s?\b[^\n]{0,40}$/i;
/** a '/' between two capitals somewhere ("OYELARAN/TEMITOPE"): the gate of the passenger-name regex */
function capitalsAroundSlash(text: string): boolean {
  for (let k = text.indexOf('/', 1); k !== -1; k = text.indexOf('/', k + 1)) {
    const b = text.charCodeAt(k - 1);
    const a = text.charCodeAt(k + 1);
    if (((b >= 65 && b <= 90) || b > 127) && ((a >= 65 && a <= 90) || a > 127)) return true;
  }
  return false;
}
function scanPassengerNames(text: string, out: Finding[]): void {
  const lex = lexicon();
  PASSENGER_NAME.lastIndex = 0;
  for (let m = PASSENGER_NAME.exec(text); m; m = PASSENGER_NAME.exec(text)) {
    const family = (m[1] ?? '').toLowerCase();
    const given = (m[2] ?? '').toLowerCase();
    const words = [...family.split(' '), ...given.split(' ')];
    const everyday = words.some((w) => w.length < 2 || lex.common.has(w) || lex.english.has(w) || STOP.has(w));
    const titled = PASSENGER_TITLE.test(m[0]);
    const keyed = PASSENGER_KEY.test(text.slice(Math.max(0, m.index - 60), m.index));
    const named = family.split(' ').some((w) => lex.surname.has(w) || lex.given.has(w)) || given.split(' ').some((w) => lex.given.has(w));
    if (everyday && !titled) continue;
    if (!(titled || keyed || (named && words.every((w) => w.length >= 3)))) continue;
    out.push(finding('PERSON', m.index, m.index + (m[1] ?? '').length + 1 + (m[2] ?? '').length, titled || keyed ? 0.88 : 0.8, 'person.passenger'));
  }
}

/** some A-Z among the prescan's capital offsets (then the text surely has a \p{Lu}: no regex pass needed) */
function asciiCapitalIn(text: string, capitals: readonly number[]): boolean {
  for (const p of capitals) {
    const c = text.charCodeAt(p);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** nouns after a town's name that make the pair a place ("Lincoln Park", "Jackson Heights") */
const PLACE_NOUNS = new Set(['park', 'hill', 'hills', 'green', 'heights', 'gardens', 'square', 'bay', 'beach', 'valley', 'springs', 'falls', 'lake', 'point', 'ridge', 'grove', 'wood', 'woods', 'field', 'fields', 'bridge', 'port', 'mount', 'cross', 'hall', 'station', 'airport', 'centre', 'center', 'city', 'town', 'village', 'county', 'island', 'harbour', 'harbor', 'north', 'south', 'east', 'west', 'road', 'street', 'avenue', 'lane', 'way', 'court', 'place', 'house', 'college', 'university', 'hospital', 'school']);
const PLACE_PREP_BEFORE = /(?:^|[^\p{L}])(?:in|at|from|near|via|of|into|around|outside|visit(?:ing|ed)?)[ \t]+$/iu;

function scanRuns(text: string, capitals: readonly number[], out: Finding[]): void {
  const lex = lexicon();
  const runs = capitalisedRuns(text, capitals);
  for (let r = 0; r < runs.length; r++) {
    const toks = runs[r]?.tokens ?? [];
    // the whole value of a person-keyed field is a name even in ordinary words ('"customer_name": "Valor Stone"')
    if (fieldRun(text, toks, out)) continue;
    if (signatureRun(text, toks, out)) continue;
    const only = toks.length === 1 ? toks[0] : undefined;
    if (only !== undefined && (only.cls === 'S' || only.cls === 'U')) lastnameFirst(text, only, runs[r + 1]?.tokens, out);
    // an all-caps word right before or after a given name (two capitals in a row there): few tokens qualify
    for (const t of toks) {
      if (t.cls !== 'G' && t.cls !== 'g') continue;
      const a1 = text.charCodeAt(t.end + 1);
      const b2 = text.charCodeAt(t.start - 2);
      if ((((a1 >= 65 && a1 <= 90) || a1 > 127) && isUpperAt(text, t.end + 2)) || (((b2 >= 65 && b2 <= 90) || b2 > 127) && isUpperAt(text, t.start - 3))) capsSurname(text, toks, t, lex, out);
    }
    let i = 0;
    let cuePrefix = '';
    while (i < toks.length) {
      const t = toks[i];
      if (t === undefined) break;
      // "Florence Nakamura", "Austin Reyes": a town's name that is also a given name (the name lists leave those
      // out), then a known surname; not after a place word ("in Florence …") nor before a place's noun
      const n = toks[i + 1];
      if (n !== undefined && n.cls === 'S' && n.lower.length > 2 && !PARTICLES.has(n.lower) && toks[i + 2]?.cls !== 'S' && t.cls !== 'G' && t.cls !== 'g' && t.cls !== 'S' && t.cls !== 'I' && lex.town.has(t.lower) && !PLACE_NOUNS.has(n.lower) && !PLACE_PREP_BEFORE.test(text.slice(Math.max(0, t.start - 8), t.start))) {
        pushPerson(text, toks, i, i + 2, 0.8, 'person.run', out);
        cuePrefix = '';
        i += 2;
        continue;
      }
      // "Bro. Gift Eze", "Sis. Memory Chukwu": after a title, an everyday word and a known surname are a name
      if (t.cls === 'C' && n !== undefined && n.cls === 'S' && !PARTICLES.has(n.lower) && TITLE.endsAt(text, t.start, 40)) {
        pushPerson(text, toks, i, i + 2, 0.85, 'person.run', out);
        cuePrefix = '';
        i += 2;
        continue;
      }
      // "my son Gift Mensah", "her brother Finn", "unseren Sohn Emir": right after one's relative an everyday word
      // is a name, with the name words after it
      // (German writes the relative with a capital: "unseren Sohn Emir", the run's first word)
      if (t.cls === 'C' || t.cls === 'U') {
        const b = t.cls === 'C' && KIN.endsAt(text, t.start, 40, 2) ? i : n !== undefined && text.charCodeAt(t.end) === 32 && KIN.endsAt(text, t.end, 40, 0) ? i + 1 : -1;
        const name = toks[b];
        if (name !== undefined && (name.cls === 'C' || isNameClass(name.cls) || name.cls === 'U') && !TITLE_WORDS.has(name.lower)) {
          let e = b + 1;
          while (e < toks.length && (isNameClass(toks[e]?.cls) || toks[e]?.cls === 'U')) e++;
          pushPerson(text, toks, b, e, 0.8, e > b + 1 ? 'person.run' : 'person.word', out);
          cuePrefix = '';
          i = e;
          continue;
        }
      }
      // "Hi Hung,", "Dear Long,": after a greeting, one everyday word alone before a comma or the line's end is the name
      // of whom the message greets (not "Hi team,", "Dear customer,")
      if (t.cls === 'C' && cuePrefix === 'greeting' && i === toks.length - 1 && !ADDRESSEES.has(t.lower) && !TITLE_WORDS.has(t.lower) && /^[ \t]*(?:[,!]|\r?\n|$)/.test(text.slice(t.end, t.end + 3))) {
        out.push(finding('PERSON', t.start, t.end, 0.7, 'person.word'));
        cuePrefix = '';
        i++;
        continue;
      }
      if (t.cls === 'C' || t.cls === 'O') {
        if (TITLE_WORDS.has(t.lower)) cuePrefix = 'title';
        else if (GREETING_WORDS.has(t.lower) && (i === 0 ? t.sentenceStart : cuePrefix !== '')) cuePrefix = 'greeting';
        else cuePrefix = '';
        i++;
        continue;
      }
      let j = i;
      while (j < toks.length) {
        const u = toks[j];
        if (u === undefined || u.cls === 'O') break;
        // (an everyday word that only the English vocabulary knows is a surname right after a name: "Grace Hopper";
        // not a product's noun: "Grace Table Lamp", "Will Cabinet Hinge Set", "the May Sale")
        if (u.cls === 'C' && !(j > i && lex.english.has(u.lower) && !PRODUCT_NOUNS.has(u.lower) && isNameClass(toks[j - 1]?.cls))) break;
        j++;
      }
      scoreSegment(text, toks, i, j, cuePrefix, lex, out);
      cuePrefix = '';
      i = j;
    }
  }
}

/** whom a greeting may address that is nobody's name ("Hi team,", "Dear customer,", "Hello again!") */
const ADDRESSEES = new Set([
  'team', 'all', 'everyone', 'everybody', 'there', 'folks', 'guys', 'support', 'customer', 'customers', 'sir', 'sirs', 'madam', 'maam', "ma'am",
  'friend', 'friends', 'world', 'again', 'both', 'colleagues', 'partner', 'partners', 'member', 'members', 'user', 'users', 'client', 'clients',
  'valued', 'dear', 'manager', 'agent', 'admin', 'guest', 'guests', 'neighbour', 'neighbours', 'neighbors', 'neighbor', 'ladies', 'gentlemen',
  'people', 'mate', 'mates', 'buddy', 'love', 'darling', 'sweetie', 'doctor', 'doc', 'boss', 'chief', 'bro', 'sis', 'fam', 'crew', 'gang',
  'officer', 'recruiter', 'reader', 'readers', 'subscriber', 'subscribers', 'parent', 'parents', 'student', 'students', 'teacher', 'class',
  'community', 'morning', 'afternoon', 'evening', 'night', 'back', 'thanks', 'thank', 'please', 'yes', 'no', 'ok', 'okay', 'sure', 'here', 'you',
  'sender', 'recipient', 'owner', 'host', 'landlord', 'tenant', 'seller', 'buyer', 'hiring', 'applicant', 'candidate', 'patient', 'nurse',
  'equipo', 'todos', 'amigo', 'amiga', 'señor', 'señora', 'cliente', 'clientes', 'tout', 'monsieur', 'madame', 'équipe', 'zusammen', 'allerseits',
  // a department or an office
  'payroll', 'bursar', 'registrar', 'admissions', 'accounts', 'billing', 'sales', 'reception', 'finance', 'legal', 'compliance', 'security',
  'helpdesk', 'service', 'care', 'office', 'department', 'dept', 'hr', 'it', 'ops', 'operations', 'marketing', 'shipping', 'returns', 'orders',
  'procurement', 'purchasing', 'recruitment', 'management', 'director', 'principal', 'editor', 'editors', 'committee', 'board', 'council',
  'trustees', 'concierge', 'warden', 'secretary', 'treasurer', 'chair', 'president', 'accounting', 'bookkeeping', 'dispatch', 'logistics',
  'warehouse', 'frontdesk', 'housekeeping', 'maintenance', 'facilities', 'estates', 'lettings', 'claims', 'underwriting', 'collections', 'moderators',
  'headmistress', 'headmaster', 'headteacher', 'head', 'dean', 'provost', 'rector', 'vicar', 'pastor', 'captain', 'coach', 'professor', 'judge',
  'mayor', 'counsellor', 'councillor', 'supervisor', 'landlady', 'caretaker', 'librarian', 'organiser', 'organizer', 'coordinator', 'sponsor',
]);

/** one's relatives and the people of one's home, after a possessive, in several languages ("my son", "ihre Tochter") */
const KIN = new Cues(
  [
    [['my', 'her', 'his', 'our', 'their', 'your'], ['son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'mother', 'father', 'mom', 'mum', 'dad', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'grandma', 'grandpa', 'nephew', 'niece', 'cousin', 'uncle', 'aunt', 'fiancé', 'fiancée', 'boyfriend', 'girlfriend', 'partner', 'child', 'kid', 'stepson', 'stepdaughter', 'twin', 'friend', 'flatmate', 'roommate', 'housemate', 'neighbour', 'neighbor', 'ex', 'ex-wife', 'ex-husband']],
    [['mi', 'su', 'nuestro', 'nuestra'], ['hijo', 'hija', 'esposo', 'esposa', 'marido', 'hermano', 'hermana', 'madre', 'padre', 'nieto', 'nieta', 'sobrino', 'sobrina', 'primo', 'prima']],
    [['meu', 'minha', 'seu', 'sua', 'nosso', 'nossa'], ['filho', 'filha', 'marido', 'esposa', 'esposo', 'irmão', 'irmã', 'mãe', 'pai', 'neto', 'neta', 'sobrinho', 'sobrinha']],
    [['mon', 'ma', 'son', 'sa', 'notre'], ['fils', 'fille', 'mari', 'femme', 'frère', 'sœur', 'mère', 'père', 'neveu', 'nièce', 'cousin', 'cousine']],
    [['mein', 'meine', 'meinen', 'meinem', 'meiner', 'unser', 'unsere', 'unseren', 'unserem', 'ihr', 'ihre', 'ihren', 'ihrem', 'sein', 'seine', 'seinen', 'seinem'], ['sohn', 'tochter', 'mann', 'frau', 'bruder', 'schwester', 'mutter', 'vater', 'enkel', 'enkelin', 'neffe', 'nichte']],
    [['mijn', 'onze', 'haar', 'zijn'], ['zoon', 'dochter', 'man', 'vrouw', 'broer', 'zus', 'moeder', 'vader', 'kleinzoon', 'kleindochter']],
    [['mio', 'mia', 'il mio', 'la mia', 'nostro', 'nostra'], ['figlio', 'figlia', 'marito', 'moglie', 'fratello', 'sorella', 'madre', 'padre', 'nipote']],
  ].flatMap(([owners, kin]) => (owners as string[]).flatMap((o) => (kin as string[]).map((k) => `${o} ${k}`))),
);

/** the determiners that open a team's signature in several languages */
const SIGNATURE_DETERMINERS = new Set(['the', 'your', 'our', 'ihr', 'ihre', 'unser', 'unsere', 'das', 'die', 'der', 'votre', 'notre', 'vos', 'nos', "l'équipe", 'le', 'la', 'les', 'su', 'sus', 'nuestro', 'nuestra', 'el', 'los', 'las', 'o', 'a', 'os', 'as', 'seu', 'sua', 'nosso', 'nossa', 'il', 'lo', 'vostro', 'vostra', 'nostro', 'nostra', 'uw', 'ons', 'onze', 'het', 'de', 'din', 'ditt', 'vår', 'vårt', 'jeres', 'deres']);
/** words of a team's or a company's name under a sign-off ("Kind regards,\nNorthwind Customer Care") */
const TEAM_WORDS = new Set(['buchhaltung', 'kundenservice', 'kundendienst', 'abteilung', 'verwaltung', 'équipe', 'service', 'servicio', 'atención', 'equipo', 'soporte', 'atendimento', 'equipe', 'klantenservice', 'administratie', 'zespół', 'ekibi', 'team', 'support', 'care', 'service', 'services', 'desk', 'helpdesk', 'billing', 'customer', 'customers', 'office', 'department', 'dept', 'group', 'inc', 'ltd', 'llc', 'gmbh', 'company', 'bank', 'store', 'shop', 'crew', 'staff', 'hr', 'it', 'sales', 'accounts', 'management', 'admin', 'administration', 'operations', 'ops', 'reception', 'clinic', 'school', 'council', 'hotel', 'agency', 'partners', 'holdings', 'solutions', 'systems', 'technologies', 'labs', 'studio', 'foundation', 'trust', 'association', 'club', 'center', 'centre', 'family', 'everyone', 'all']);

/**
 * A line of two to four capitalised words under a sign-off ("Thank you very much,\nThu Hà", "Hartelijke groet,\nMien
 * de Graaf", "> Kind regards,\n> Priyanka Solanki") signs the message: a name, even when its words are also ordinary
 * words, unless it ends in one (a team: "Northwind Customer Care") or names a team or company.
 */
function signatureRun(text: string, toks: readonly Token[], out: Finding[]): boolean {
  const first = toks[0];
  const last = toks[toks.length - 1];
  if (first === undefined || last === undefined || toks.length < 2 || toks.length > 4 || !first.sentenceStart) return false;
  if (last.cls === 'C' || last.cls === 'O' || last.cls === 'P' || last.cls === 'I') return false;
  for (const t of toks) if (TEAM_WORDS.has(t.lower) || t.cls === 'O') return false;
  // (a possessive or an article names a team, not a person: "Ihre Buchhaltung", "Votre équipe", "The Crew")
  if (SIGNATURE_DETERMINERS.has(first.lower)) return false;
  // (the run is its line: nothing but '>', dashes and spaces before it, nothing but a comma or spaces after it)
  let k = first.start - 1;
  for (let c = 0; k >= 0 && (c = text.charCodeAt(k)) !== 10; k--) if (!(c === 62 || c === 45 || c === 0x2013 || c === 0x2014 || c === 126 || isSpaceCode(c))) return false;
  let e = last.end;
  for (let c = 0; e < text.length && (c = text.charCodeAt(e)) !== 10; e++) if (!(c === 44 || c === 13 || isSpaceCode(c))) return false;
  if (!signOffBefore(text, first.start, last.end)) return false;
  out.push(finding('PERSON', first.start, last.end, 0.85, 'person.signature'));
  return true;
}

/** greetings in other languages: "Hola, Maria" is not "Lastname, Firstname" */
const FOREIGN_GREETINGS = new Set(['hola', 'bonjour', 'ciao', 'salut', 'hallo', 'namaste', 'shalom', 'salaam', 'salam', 'ola', 'olá', 'hej', 'hei', 'moi', 'servus', 'buongiorno', 'buenas', 'buenos', 'konnichiwa', 'merhaba', 'selamat', 'aloha', 'howdy', 'jambo', 'habari', 'chào', 'sawubona', 'ahoj', 'cześć', 'czesc', 'privet', 'salve', 'bom', 'boa', 'guten', 'moin', 'tere', 'labas', 'sveiki', 'szia', 'yassou', 'geia', 'dag', 'goedemorgen', 'goedemiddag', 'grazie', 'gracias', 'merci', 'danke', 'obrigado', 'obrigada', 'tak', 'kiitos']);

/**
 * "Okafor, Chidi", "Customer: Brzezinski, Tomasz": a lone surname-like word, a comma, then a given name
 * (the form's order). An unknown first word needs a person cue or field, or the name must end its line/field.
 */
function lastnameFirst(text: string, a: Token, next: readonly Token[] | undefined, out: Finding[]): void {
  const b = next?.[0];
  if (b === undefined || text.charCodeAt(a.end) !== 44) return;
  const gap = b.start - a.end;
  if (gap > 2 || (gap === 2 && text.charCodeAt(a.end + 1) !== 32)) return;
  // (a given name the lists lack after a known surname, where the field ends there: "Krüger, Heinz")
  const unknownGiven = b.cls === 'U' && a.cls === 'S' && (next?.length ?? 0) === 1 && fieldEndsAt(text, b.end) && isFieldStart(text, a.start);
  if (FOREIGN_GREETINGS.has(a.lower) || (b.cls !== 'G' && !unknownGiven) || a.lower.includes('-') === false && a.lower.length < 2) return;
  let e = 1;
  while (e < 3 && next !== undefined && next[e] !== undefined && /[GgSUI]/.test(next[e]?.cls ?? 'C')) e++;
  const last = next?.[e - 1];
  if (last === undefined) return;
  if (a.cls === 'U' && !(STRONG_INTRO.endsAt(text, a.start, 40) || TITLE.endsAt(text, a.start, 40) || personField(text, a.start, last.end) || fieldEndsAt(text, last.end) || /^[ \t]*[—–-][ \t]/.test(text.slice(last.end, last.end + 3)))) return;
  if (companyFollows(text, last.end)) return;
  out.push(finding('PERSON', a.start, last.end, 0.93, 'person.last_first'));
}

/** all-caps words that are not surnames */
const ACRONYMS = new Set(['api', 'faq', 'pdf', 'csv', 'sms', 'usb', 'vpn', 'sso', 'crm', 'erp', 'ceo', 'cto', 'cfo', 'coo', 'vip', 'asap', 'fyi', 'url', 'html', 'json', 'xml', 'ios', 'ssn', 'dob', 'iban', 'bic', 'swift', 'atm', 'pin', 'otp', 'qa', 'hr', 'it', 'eu', 'usa', 'uae', 'uk', 'us', 'nhs', 'irs', 'tba', 'tbd', 'eta', 'rsvp', 'ps', 'nb', 'cc', 'bcc', 're', 'fw', 'fwd', 'am', 'pm', 'utc', 'gmt', 'est', 'pst', 'cet', 'id', 'ok', 'no', 'na', 'attn', 'mr', 'mrs', 'ms', 'dr', 'hq', 'gdpr', 'ccpa', 'hipaa', 'sla', 'kyc', 'aml', 'pos', 'sku', 'rma', 'dm', 'pr', 'ux', 'ui', 'ai', 'ml', 'llm', 'gpt', 'ip', 'dns', 'ssl', 'tls', 'aws', 'gcp', 'sdk', 'cli', 'ide', 'cpu', 'gpu', 'ram', 'ssd', 'hdd', 'lol', 'omg', 'btw', 'imo', 'thx', 'pls', 'plz', 'urgent', 'important', 'note', 'update', 'help', 'info', 'error', 'warning', 'dear', 'hi', 'hello', 'team', 'support', 'admin', 'ref', 'inv', 'msg', 'tel', 'fax', 'mob', 'vat', 'gst', 'tax', 'llc', 'ltd', 'inc', 'gmbh', 'plc', 'mvp', 'kpi', 'roi', 'b2b', 'b2c', 'saas', 'nyc', 'la', 'sf', 'dc', 'nz', 'au', 'ca', 'de', 'fr', 'es', 'it', 'nl', 'jp', 'cn', 'in', 'br', 'mx']);
const CAPS_AFTER = /[ \t]((?:\p{Lu}[\p{Lu}'’]*\p{Lu})(?:-\p{Lu}{2,})?)(?![\p{L}\p{N}_@.\/-]|\.\p{L})/uy;
const CAPS_BEFORE = /(?:^|[^\p{L}\p{N}_@.\/'’-])((?:\p{Lu}[\p{Lu}'’]*\p{Lu})(?:-\p{Lu}{2,})?)[ \t]$/u;

/**
 * "DUPONT Marie", "NAKAMURA Hiroshi", "Marie DUPONT": an all-caps surname beside a given name, as European
 * and Asian forms write it. Not an acronym, place or ordinary word, and not inside shouting (caps beyond).
 */
function capsSurname(text: string, toks: readonly Token[], t: Token, lex: ReturnType<typeof lexicon>, out: Finding[]): void {
  const c1 = text.charCodeAt(t.end + 1);
  const after = (text.charCodeAt(t.end) === 32 || text.charCodeAt(t.end) === 9) && ((c1 >= 65 && c1 <= 90) || c1 > 127) && isUpperAt(text, t.end + 2);
  const b2 = t.start >= 3 ? text.charCodeAt(t.start - 2) : 0;
  const before = !after && t.start >= 3 && (text.charCodeAt(t.start - 1) === 32 || text.charCodeAt(t.start - 1) === 9) && ((b2 >= 65 && b2 <= 90) || b2 > 127) && isUpperAt(text, t.start - 3);
  if (!after && !before) return;
  let word: string;
  let start = t.start;
  let end = t.end;
  if (after) {
    CAPS_AFTER.lastIndex = t.end;
    const m = CAPS_AFTER.exec(text);
    if (m === null || m[1] === undefined) return;
    word = m[1];
    end = t.end + m[0].length;
    // more caps surnames / particles ("Maria GARCIA LOPEZ"); anything else in caps is shouting
    for (let hop = 0; hop < 2; hop++) {
      const more = CAPS_NEXT.exec(text.slice(end, end + 30));
      if (more === null) break;
      if (!capsNamePart(more[1] ?? '', lex)) return;
      end += more[0].length;
    }
    if (/^[ \t]+\p{Lu}{2,}/u.test(text.slice(end, end + 4))) return;
  } else {
    const m = CAPS_BEFORE.exec(text.slice(Math.max(0, t.start - 30), t.start));
    if (m === null || m[1] === undefined) return;
    word = m[1];
    start = t.start - word.length - 1;
    // more caps surnames / particles before ("GARCIA LOPEZ Maria", "VAN DER BERG Pieter")
    for (let hop = 0; hop < 2; hop++) {
      const more = CAPS_PREV.exec(text.slice(Math.max(0, start - 30), start));
      if (more === null) break;
      if (!capsNamePart(more[1] ?? '', lex)) return;
      start -= (more[1] ?? '').length + 1;
    }
    if (/\p{Lu}{2,}[ \t]+$/u.test(text.slice(Math.max(0, start - 20), start))) return;
  }
  const lw = word.toLowerCase();
  const known = lex.surname.has(lw);
  if (!known && (t.cls === 'g' || word.length < 3 || ACRONYMS.has(lw) || lex.common.has(lw) || lex.place.has(lw) || lex.org.has(lw) || lex.given.has(lw) || !/[AEIOUYÀ-ÖØ-Ý]/.test(word))) return;
  if (ACRONYMS.has(lw)) return;
  // the whole name segment around the given name ("Jean Marie DUPONT")
  let k = toks.indexOf(t);
  while (k > 0 && /[GgSU]/.test(toks[k - 1]?.cls ?? 'C') && after) k--;
  let e = toks.indexOf(t);
  while (e + 1 < toks.length && /[GgSU]/.test(toks[e + 1]?.cls ?? 'C') && before) e++;
  start = Math.min(start, toks[k]?.start ?? start);
  end = Math.max(end, toks[e]?.end ?? end);
  out.push(finding('PERSON', start, end, known ? 0.93 : 0.91, 'person.caps_surname'));
}

const CAPS_NEXT = /^[ \t]((?:\p{Lu}[\p{Lu}'’]*\p{Lu})(?:-\p{Lu}{2,})?)(?![\p{L}\p{N}_@.\/-]|\.\p{L})/u;
const CAPS_PREV = /(?:^|[^\p{L}\p{N}_@.\/'’-])((?:\p{Lu}[\p{Lu}'’]*\p{Lu})(?:-\p{Lu}{2,})?)[ \t]$/u;
const CAPS_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'dos', 'das', 'le', 'la', 'du', 'al', 'el', 'bin', 'ibn', 'ter', 'ten', 'mac']);
/** another word of an all-caps surname: a known surname, a particle, or an unknown word that is not an acronym */
function capsNamePart(w: string, lex: ReturnType<typeof lexicon>): boolean {
  const lw = w.toLowerCase();
  if (CAPS_PARTICLES.has(lw) || lex.surname.has(lw)) return true;
  return w.length >= 3 && !ACRONYMS.has(lw) && !lex.common.has(lw) && !lex.place.has(lw) && !lex.org.has(lw) && /[AEIOUYÀ-ÖØ-Ý]/.test(w);
}

/** a word in capitals ("SMITH", "O'BRIEN", "NGUYEN-TRAN") or capitalised ("Heinz", "Klaus-Dieter") at a word start */
const NAME_WORD_AT = /(?:\p{Lu}[\p{Lu}'’]*\p{Lu}(?:-\p{Lu}{2,})?|\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?)(?![\p{L}\p{N}_@-]|\/(?!\p{Lu})|\.[\p{L}\p{N}])/uy;
/** between two words of a name: a space, ", " (inverted: "MARTINEZ, Ana") or "/" (a booking's "ADEBAYO/TEMI") */
const NAME_GAP_AT = /,?[ \t]|\/(?=\p{Lu})/uy;

/**
 * Names with a word in capitals, which the capitalised-run scan does not read: "Name: KOFI MENSAH",
 * "name on card JOHN SMITH", "PLEASE CALL JOHN SMITH", and the surname-first forms of forms, lists and
 * bookings: "MARTINEZ, Ana", "NGUYEN, Minh Khoa", "ADEBAYO/TEMI". A sequence of up to six such words on one
 * line (", " or "/" only after the first) is split at ordinary words; a part is a name where
 *  - it follows a person cue or field key ("Name:", "Cardholder", "customer", "Dear"), or
 *  - it has two or more words, a given name among them, and every word is a known name or an unknown word.
 * A word in capitals must start the sequence, so ordinary capitalised runs are left to the run scan.
 */
function scanUpperNames(text: string, capitals: readonly number[], out: Finding[]): void {
  let next = 0;
  for (const run of capitalWordRuns(text, capitals)) {
    for (const [p, firstEnd] of run) {
      if (p < next) continue;
      const words: Array<[number, number, boolean]> = [[p, firstEnd, false]];
      let end = firstEnd;
      let inverted = false;
      while (words.length < 6) {
        NAME_GAP_AT.lastIndex = end;
        const gap = NAME_GAP_AT.exec(text);
        if (gap === null) break;
        // (", " and "/" invert the order, surname first: only after the first word, once)
        const inverts = gap[0].charCodeAt(0) === 44 || gap[0] === '/';
        if (inverts && (words.length > 1 || inverted)) break;
        NAME_WORD_AT.lastIndex = end + gap[0].length;
        const w = NAME_WORD_AT.exec(text);
        if (w === null) break;
        if (inverts) inverted = true;
        words.push([w.index, w.index + w[0].length, inverts]);
        end = w.index + w[0].length;
      }
      next = end;
      upperNameParts(text, words, out);
    }
  }
}

function upperNameParts(text: string, words: ReadonlyArray<readonly [number, number, boolean]>, out: Finding[]): void {
  const lex = lexicon();
  let i = 0;
  while (i < words.length) {
    // a part: the words up to the next ordinary word
    let j = i;
    let given = 0;
    let unknown = 0;
    let caps = false;
    while (j < words.length) {
      const [s, e] = words[j] ?? [0, 0];
      const raw = text.slice(s, e);
      const w = raw.toLowerCase();
      const plain = /^[a-z'’-]*$/.test(w) ? w : withoutDiacritics(w);
      const isGiven = lex.given.has(plain) && !lex.ambiguous.has(plain);
      const isName = isGiven || lex.surname.has(plain) || (plain.includes('-') && plain.split('-').every((x) => lex.given.has(x) || lex.surname.has(x)));
      // (an unknown word in capitals needs four letters and a vowel: "GB", "USD", "WARN" and the like are no names)
      // (a place is a surname after a given name: "DEREK CALDWELL")
      // (a town of the world list is a surname as often: "MARISELA VALDIVIA")
      const ordinary = !isName && (e - s < 4 || !/[aeiouy]/.test(plain) || lex.common.has(plain) || lex.english.has(plain) || STOP.has(plain) || lex.ambiguous.has(plain) || (given === 0 && lex.place.has(plain) && lex.place.get(plain) !== WORLD_CITY) || lex.org.has(plain) || ACRONYMS.has(plain) || NOT_A_NAME.has(plain));
      // (a part ends at an ordinary word, and at an inverting separator once it holds two words)
      if (ordinary || (j > i && (words[j]?.[2] ?? false) && j - i > 1)) break;
      if (isGiven) given++;
      else if (!isName) unknown++;
      if (raw === raw.toUpperCase()) caps = true;
      j++;
    }
    if (j === i) {
      i++;
      continue;
    }
    const [start] = words[i] ?? [0];
    const [, end] = words[j - 1] ?? [0, 0];
    const n = j - i;
    // (a name in capitals under a sign-off signs the message too: "--\nOTHMAN TAWFIQ")
    const cue = STRONG_INTRO.endsAt(text, start, 40) || TITLE.endsAt(text, start, 40) || personField(text, start, end) || (n >= 2 && signOffBefore(text, start, end));
    const named = n >= 2 && given >= 1 && unknown <= 1;
    if (caps && (cue || named) && !(n === 1 && unknown === 1 && !cue)) {
      // (above a capitalised run's 0.92 with a cue: "NGUYEN, Minh Khoa" is one name, not "Minh Khoa")
      out.push(finding('PERSON', start, end, cue ? 0.93 : 0.8, 'person.capitals'));
    }
    i = j;
  }
}

function scoreSegment(text: string, toks: readonly Token[], i: number, j: number, cuePrefix: string, lex: ReturnType<typeof lexicon>, out: Finding[]): void {
  const first = toks[i];
  const last = toks[j - 1];
  if (first === undefined || last === undefined) return;
  const n = j - i;
  const at = first.start;
  if (n === 1 && MONTH_ABBR.has(first.lower) && (/\d[ \t]?$/.test(text.slice(Math.max(0, at - 2), at)) || /^[ \t]?\d/.test(text.slice(first.end, first.end + 2)))) return;
  // a place name that is not also a person's name ("New York", "Berlin") is left to the location recognizer
  let place: boolean;
  if (n === 1) {
    // (one word: its class was read from these lists by the lower-case form it carries: P is a place, U is
    // none, G and S are exempt; only g and I are looked up)
    const c = first.cls;
    place = c === 'P' || (c !== 'U' && c !== 'G' && c !== 'S' && lex.place.has(first.lower));
  } else if (first.cls !== 'I' && !multiWordFirsts(lex).has(first.lower)) {
    // (several words: the joined text's first word, up to the white space after the first token, is the
    // token's lower case form or the form it was classified by without diacritics; no company or place of
    // two or more words starts with either)
    place = false;
  } else {
    const joined = text.slice(first.start, last.end).toLowerCase();
    // a company that bears a person's name ("Morgan Stanley", "Wells Fargo") is no person
    if (lex.org.has(joined)) return;
    place = lex.place.has(joined);
  }
  if (place && !(n === 1 && (first.cls === 'G' || first.cls === 'S'))) {
    if (cuePrefix !== 'title' && cuePrefix !== 'greeting' && !TITLE.endsAt(text, at, 40)) return;
  }
  // cues are computed on first use (pure functions of the text, so laziness changes nothing)
  // (module-level helpers, not closures: a closure per segment costs more than the cues it saves)
  let strong = -1;
  const atStart = first.sentenceStart && cuePrefix === '';
  let conf = 0;
  if (n >= 2) {
    if (cuePrefix !== 'title' && !hasLexiconName(toks, i, j) && productContext(text, first.start, last.end) && !personField(text, first.start, last.end, true)) return;
    const isStrong = strongCueAt(text, cuePrefix, first.start, last.end) === 1;
    // (a segment holds no C or O word: its classes are among G g S U I P)
    const weakCue = !isStrong && (WEAK_INTRO.endsAt(text, at, 40) || afterCueAt(text, last.end));
    const lexName = hasLexiconName(toks, i, j);
    const hasName = lexName || cuePrefix === 'title';
    let nameLike = true;
    for (let k = i; k < j; k++) {
      const t = toks[k];
      if (t !== undefined && t.cls === 'P' && !lex.given.has(t.lower) && !lex.surname.has(t.lower)) {
        nameLike = false;
        break;
      }
    }
    const c0 = first.cls;
    if ((c0 === 'G' || c0 === 'g' || c0 === 'I') && lexName) conf = 0.92;
    else if (c0 === 'g' && !isStrong && cuePrefix !== 'title' && onlyEverydayAfter(toks, i, j)) conf = weakCue ? 0.62 : 0.45; // "Rose Quartz", "Joy Compact": a product's or a colour's name
    else if (c0 === 'G' || c0 === 'g') conf = 0.85; // "Will Smith", "Grace Hopper"
    else if (hasName && nameLike) conf = 0.82;
    else if (onlyUnknownPlaceOrInitial(toks, i, j)) {
      // (German capitalises every noun: there unknown words with no cue are no evidence of a name)
      conf = isStrong ? 0.85 : weakCue ? 0.62 : roleLabelValue(text, toks, i, j) ? 0.75 : atStart || capitalisesNouns(text) ? 0.35 : 0.55;
      if (n > 3) conf -= 0.25;
    } else conf = isStrong ? 0.75 : 0.4;
    if (isStrong) conf = Math.max(conf, 0.85);
    if (n > 4) conf -= 0.3;
    pushPerson(text, toks, i, j, conf, 'person.run', out);
    return;
  }
  switch (first.cls) {
    case 'G':
      conf = (strong === -1 ? (strong = strongCueAt(text, cuePrefix, first.start, last.end)) : strong) === 1 ? 0.9 : atStart ? 0.7 : 0.8;
      if (lex.place.has(first.lower) && PLACE_INTRO.endsAtSpaced(text, at, 40)) conf = 0;
      break;
    case 'g':
      // (after a speaker's label, "Agent: Hope you're well!", "Agent: Will do.", the word opens what is said: asked)
      if ((strong === -1 ? (strong = strongCueAt(text, cuePrefix, first.start, last.end)) : strong) === 1) conf = afterLabel(text, at) && !fieldEndsAt(text, last.end) ? (ambiguousIsPerson(text, first) ? 0.7 : 0) : 0.85;
      else if (DETERMINER.endsAtSpaced(text, at, 40)) conf = 0;
      else if (KIN.endsAt(text, first.start, 40, 2)) conf = 0.85; // "my ex Hunter", "her daughter Joy"
      else if (atStart && bulletAction(text, first)) conf = 0.75;
      else if (POSSESSED_PERSONAL.test(text.slice(last.end, last.end + 24)) || (text.charCodeAt(first.start - 1) === 40 && ROLE_IN_BRACKETS.test(text.slice(last.end, last.end + 32)))) conf = 0.8;
      else if (atStart || afterCueAt(text, last.end)) conf = ambiguousIsPerson(text, first) ? 0.7 : 0;
      else conf = 0;
      break;
    case 'S':
      conf = (strong === -1 ? (strong = strongCueAt(text, cuePrefix, first.start, last.end)) : strong) === 1 ? 0.88 : WEAK_INTRO.endsAt(text, at, 40) || afterCueAt(text, last.end) ? 0.6 : 0.45;
      break;
    case 'U':
      // (after a speaker's label an unknown word that does not end the field opens what is said: "Customer: Theek
      // hai.", "Client: Ndio. ID ni…", "To: Mortgage Underwriting"; a form's key after a title is no name: "Mr Surname:")
      if ((strong === -1 ? (strong = strongCueAt(text, cuePrefix, first.start, last.end)) : strong) === 1) conf = (afterLabel(text, at) && !fieldEndsAt(text, last.end) && !endsMessage(text, last.end)) || keyWordAt(text, first) ? 0 : 0.82;
      else conf = afterCueAt(text, last.end) && !atStart && !DETERMINER.endsAtSpaced(text, at, 40) && !PLACE_INTRO.endsAtSpaced(text, at, 40) ? 0.6 : 0;
      break;
    case 'P':
      conf = TITLE.endsAt(text, at, 40) || cuePrefix === 'title' ? 0.9 : cuePrefix === 'greeting' || signOffBefore(text, first.start, last.end) ? 0.75 : 0;
      break;
    case 'I':
      conf = 0;
      break;
    default:
      conf = (strong === -1 ? (strong = strongCueAt(text, cuePrefix, first.start, last.end)) : strong) === 1 && cuePrefix !== '' ? 0.7 : 0;
  }
  if (first.cls === 'P' || first.cls === 'I') {
    if (conf > 0) out.push(finding('PERSON', first.start, last.end, conf, 'person.word'));
    return;
  }
  pushPerson(text, toks, i, j, conf, 'person.word', out);
}

/** every word after the first is an everyday word that no name list holds (class C) */
function onlyEverydayAfter(toks: readonly Token[], i: number, j: number): boolean {
  for (let k = i + 1; k < j; k++) if (toks[k]?.cls !== 'C') return false;
  return true;
}

/**
 * The first words (up to the first white space) of the companies and places of more than one word, as written
 * and without diacritics (the forms a token's `lower` may take): a run whose first token is none of these
 * is no such company or place.
 */
let firstsOf: ReturnType<typeof lexicon> | undefined;
let firsts = new Set<string>();
function multiWordFirsts(lex: ReturnType<typeof lexicon>): ReadonlySet<string> {
  if (firstsOf !== lex) {
    firsts = new Set();
    for (const keys of [lex.org, lex.place.keys()]) {
      for (const k of keys) {
        const ws = /\s/.exec(k);
        if (ws === null) continue;
        const w = k.slice(0, ws.index);
        firsts.add(w);
        firsts.add(withoutDiacritics(w));
      }
    }
    firstsOf = lex;
  }
  return firsts;
}

/** keys whose value is a person: a run of 1–4 name-like words that fills the field is one */
const isNameClass = (c: string | undefined): boolean => c === 'G' || c === 'g' || c === 'S';

/** A run of one to four ordinary or unknown words that is the whole value of a person-keyed field: pushed, true. */
function fieldRun(text: string, toks: readonly Token[], out: Finding[]): boolean {
  const first = toks[0];
  const last = toks[toks.length - 1];
  if (first === undefined || last === undefined || toks.length > 4 || !toks.some((t) => t.cls === 'C')) return false;
  if (!toks.every((t) => t.cls === 'C' || t.cls === 'U' || t.cls === 'g' || t.cls === 'G' || t.cls === 'S') || (toks.length === 1 && NOT_A_NAME.has(first.lower))) return false;
  if (!personField(text, first.start, last.end, true)) return false;
  out.push(finding('PERSON', first.start, last.end, 0.85, 'person.field'));
  return true;
}

function personField(text: string, start: number, end: number, strict = false): boolean {
  if (!isFieldStart(text, start) || !fieldEndsAt(text, end)) return false;
  const key = fieldKeyAt(text, start);
  // (strict: a bare "name" may be a product's; only a key that names a person)
  // (a YAML list's "- name:" names a step, a container or a job: "  - name: Notify")
  const bare = key.replace(/^[-_ ]+/, '');
  return PERSON_FIELD_KEY.test(key) && !(strict && (bare === 'name' || bare === 'label'));
}

const GERMAN_ARTICLES = new Set(['das', 'der', 'die', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'ihr', 'ihre', 'ihren', 'ihrem', 'unser', 'unsere', 'mein', 'meine', 'dein', 'deine', 'kein', 'keine']);
/** nouns of products and sales that, capitalised right after a name, make it a product's or an event's name */
const PRODUCT_NOUNS = new Set(['table', 'lamp', 'cabinet', 'hinge', 'cushion', 'sofa', 'chair', 'armchair', 'bed', 'desk', 'rug', 'shelf', 'stool', 'bench', 'mattress', 'pillow', 'blanket', 'throw', 'mug', 'bowl', 'vase', 'candle', 'mirror', 'sideboard', 'dresser', 'wardrobe', 'sale', 'deal', 'deals', 'offer', 'bundle', 'kit', 'collection', 'edition', 'series', 'model', 'plan', 'tier', 'pack', 'jacket', 'boots', 'sneakers', 'backpack', 'tote', 'speaker', 'headphones', 'charger', 'bottle', 'tent', 'stroller', 'blender', 'kettle', 'toaster', 'cookware', 'skillet', 'planter', 'lounge', 'recliner', 'loveseat', 'ottoman', 'duvet', 'quilt', 'towel', 'curtain', 'curtains']);
function productNounAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  const c = text.charCodeAt(end + 1);
  if (c < 65 || c > 90) return false;
  let k = end + 2;
  while (k < text.length && k < end + 16 && isAsciiLetterCode(text.charCodeAt(k))) k++;
  return PRODUCT_NOUNS.has(text.slice(end + 1, k).toLowerCase());
}

/** placeholder values of a person field */
const NOT_A_NAME = new Set(['it', 'he', 'she', 'they', 'we', 'you', 'this', 'that', 'there', 'here', 'who', 'what', 'yes', 'no', 'ok', 'okay', 'hello', 'hi', 'unassigned', 'unknown', 'anonymous', 'nobody', 'none', 'null', 'nil', 'pending', 'tbd', 'tba', 'system', 'admin', 'administrator', 'automation', 'bot', 'various', 'multiple', 'everyone', 'redacted', 'withheld', 'guest', 'customer', 'support',
  // the first word of a chat turn after its speaker ("Customer: Yes, this is …", "AGENT: Okay, I'll open …")
  'yes', 'yeah', 'yep', 'no', 'nope', 'okay', 'ok', 'noted', 'sure', 'thanks', 'thank', 'hello', 'hi', 'hey', 'great', 'perfect', 'right', 'understood', 'alright', 'certainly', 'absolutely', 'sorry', 'well', 'so', 'um', 'uh', 'hmm', 'done', 'correct', 'exactly', 'indeed', 'wonderful', 'excellent', 'fine', 'good', 'lovely', 'bye', 'goodbye', 'welcome', 'oh', 'ah', 'please']);

/** "A.B. Smith": compact initials before a surname (not "U.S.", "P.S.") */
const INITIALS_BEFORE = /(?:^|[^\p{L}\p{N}.])((?:\p{Lu}\.){2,3})[ \t]$/u;
const NOT_INITIALS = new Set(['U.S.', 'U.K.', 'E.U.', 'U.N.', 'P.S.', 'N.B.', 'P.O.', 'D.C.', 'A.M.', 'P.M.', 'I.E.', 'E.G.', 'B.C.', 'A.D.', 'N.Y.', 'L.A.', 'S.F.', 'U.S.A.', 'R.I.P.', 'P.P.S.', 'Q.A.', 'T.V.', 'H.R.', 'I.T.', 'O.K.']);

/**
 * Push a name segment toks[i..j) with its confidence, after the structural checks that apply to every
 * segment: a company suffix after it ("Acme Holdings Ltd") makes it no person; a person-typed field
 * ("customer_name", a CSV "contact" column) makes it one; compact initials before it join it.
 */
function pushPerson(text: string, toks: readonly Token[], i: number, j: number, conf: number, rec: string, out: Finding[]): void {
  const first = toks[i];
  const last = toks[j - 1];
  if (first === undefined || last === undefined) return;
  let start = first.start;
  if (conf > 0 && companyFollows(text, last.end)) return;
  // "the Madison floor lamp", "| Victoria 3-seater sofa |": a product's name (one or two words, no title before it)
  if (conf > 0 && conf < 0.9 && j - i <= 2 && productNamed(text, first.start, last.end)) return;
  // "Das Widerrufsrecht", "Die Rechnung": a German article before a noun, in a text that capitalises its nouns
  if (conf > 0 && conf < 0.9 && j - i === 2 && GERMAN_ARTICLES.has(first.lower) && capitalisesNouns(text)) return;
  // "Grace Table Lamp", "The May Sale": a capitalised product or sale noun right after the name
  if (conf > 0 && conf < 0.9 && j - i <= 3 && (productNounAfter(text, last.end) || (j - i >= 2 && PRODUCT_NOUNS.has(last.lower)))) return;
  if (conf < 0.85 && j - i <= 4 && !(j - i === 1 && NOT_A_NAME.has(first.lower)) && personField(text, first.start, last.end)) conf = 0.85;
  // a single unknown word as a product record's "name" ("Trailblazer" with a sku and a price)
  if (conf > 0 && j - i === 1 && first.cls === 'U' && isFieldStart(text, first.start) && productContext(text, first.start, last.end, true)) return;
  if (start >= 3 && text.charCodeAt(start - 2) === 46 && (first.cls === 'S' || first.cls === 'G' || first.cls === 'U')) {
    const m = INITIALS_BEFORE.exec(text.slice(Math.max(0, start - 10), start));
    const ini = m?.[1];
    if (ini !== undefined && !NOT_INITIALS.has(ini)) {
      start -= ini.length + 1;
      conf = Math.max(conf, first.cls === 'U' ? 0.75 : 0.88);
    }
  }
  if (conf > 0) out.push(finding('PERSON', start, last.end, conf, rec));
}

/** a person's role as a field's key, in several languages ("Customer:", "Клиент:", "Menedżer:") */
const ROLE_KEY = /(?:^|[\s"'])(?:customer|client|clienta|cliente|kunde|kundin|klant|klient|klientas|klients|asiakas|kund|müşteri|pelanggan|manager|menedżer|менеджер|клиент|кліент|клієнт|заказчик|покупатель|абонент|agent|агент|operator|оператор|courier|курьер|кур'єр|driver|водитель|водій|technician|техник|consultant|консультант|sender|recipient|отправитель|получатель|одержувач|відправник)[ \t]*:[ \t]*$/iu;
/**
 * The value of a role's field, all of words no list knows, two to four of them, ending its field: "Клиент: Жақсылықова
 * Айгерім Нұрланқызы, ИИН …", "Менеджер: Ерлан Беков." (a speaker's turn after such a label opens with ordinary words)
 */
function roleLabelValue(text: string, toks: readonly Token[], i: number, j: number): boolean {
  const first = toks[i];
  const last = toks[j - 1];
  if (first === undefined || last === undefined || j - i < 2 || j - i > 4 || !afterLabel(text, first.start)) return false;
  for (let k = i; k < j; k++) if (toks[k]?.cls !== 'U' || (toks[k]?.lower.length ?? 0) < 3) return false;
  if (!(fieldEndsAt(text, last.end) || /^\.[ \t]*(?:$|\r?\n)/.test(text.slice(last.end, last.end + 3)))) return false;
  return ROLE_KEY.test(text.slice(Math.max(0, first.start - 24), first.start));
}

function onlyUnknownPlaceOrInitial(toks: readonly Token[], i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    const c = toks[k]?.cls;
    if (c !== 'U' && c !== 'I' && c !== 'P') return false;
  }
  return true;
}

function hasLexiconName(toks: readonly Token[], i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    const c = toks[k]?.cls;
    if (c === 'G' || c === 'S') return true;
  }
  return false;
}

// a size, quantity or price right after a capitalised pair: "Summit Backpack 30L", "Harmony Speaker — $129"
const PRODUCT_AFTER = /(?:[ \t]?\d+(?:[.,]\d+)?[ \t]?(?:l|ml|gb|tb|mb|mm|cm|m|kg|g|oz|lb|lbs|in|inch|w|kw|mah|v|hz|pcs|pack|pk|x)(?![\p{L}\d])|[ \t]*(?:[-–—:,(]|for|at|only|costs?|is)?[ \t]*(?:[$€£¥₹]|usd|eur|gbp)[ \t]?\d|[ \t]*[,;|\t]?[ \t]*\d+[.,]\d\d(?!\d))/iuy;
/** keys and column headers that hold goods (a value there is a product, not a person) */
const PRODUCT_KEY = /^(?:product|item|sku|model|title|article|description|desc|variant|bundle|product_?name|item_?name|productname|itemname|line_?item)s?$/;
/** keys that hold people even in an order record */
const PERSON_KEY = /(?:customer|client|buyer|holder|user|contact|first|last|full|given|family|surname|recipient|sender|owner|person|author|agent|employee|passenger|guest|patient|assignee|reporter|requester|ship_?to|bill_?to|attn)/;
/** a record (JSON object, CSV header) that describes goods */
const PRODUCT_FIELDS = /(?:^|[^\p{L}])(?:sku|price|qty|quantity|stock|msrp|upc|ean|asin|unit_?price|inventory|in_stock|product_?id|item_?id)(?![\p{L}])/iu;

/**
 * Is a capitalised pair with no name in it ("Summit Backpack", "Harmony Speaker") a product? Only asked for
 * such pairs: the key or column header it stands under, the record's other fields, and what follows it.
 */
function productContext(text: string, start: number, end: number, fieldOnly = false): boolean {
  PRODUCT_AFTER.lastIndex = end;
  if (!fieldOnly && PRODUCT_AFTER.test(text)) return true;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // JSON / key=value: "name": "Summit Backpack" / name=Summit Backpack
  let k = start;
  if (text.charCodeAt(k - 1) === 34 || text.charCodeAt(k - 1) === 39) k--;
  while (k > lineStart && isSpaceCode(text.charCodeAt(k - 1))) k--;
  const sep = text.charCodeAt(k - 1);
  if (sep === 58 || sep === 61) {
    k--;
    while (k > lineStart && isSpaceCode(text.charCodeAt(k - 1))) k--;
    if (text.charCodeAt(k - 1) === 34 || text.charCodeAt(k - 1) === 39) k--;
    let b = k;
    while (b > lineStart && b > k - 40 && /[\w-]/.test(text[b - 1] ?? '')) b--;
    const key = text.slice(b, k).toLowerCase();
    if (key.length === 0) return false;
    if (PERSON_KEY.test(key)) return false;
    if (PRODUCT_KEY.test(key)) return true;
    if (key !== 'name' && key !== 'label') return false;
    const open = text.lastIndexOf('{', start);
    const close = text.indexOf('}', end);
    const from = open !== -1 && start - open < 300 ? open : lineStart;
    const lineEnd = text.indexOf('\n', end);
    const to = close !== -1 && close - end < 300 ? close : lineEnd === -1 ? text.length : lineEnd;
    return PRODUCT_FIELDS.test(text.slice(from, to));
  }
  // CSV / TSV: the column header on the text's first line
  if (lineStart === 0) return false;
  const d = sep === 44 || sep === 59 || sep === 9 || sep === 124 ? sep : lineStart === start ? -1 : 0;
  if (d === 0) return false;
  if (memoHeaderText !== text) {
    memoHeaderText = text;
    const headerEnd = text.indexOf('\n');
    const header = headerEnd > 400 ? '' : text.slice(0, headerEnd);
    memoDelim = /[,;\t|]/.exec(header)?.[0] ?? '';
    memoColumns = memoDelim === '' ? [] : header.split(memoDelim).map((h) => h.trim().replace(/^["']|["']$/g, '').toLowerCase());
    memoProductRecord = PRODUCT_FIELDS.test(header);
  }
  const delim = memoDelim;
  if (delim === '' || (d !== -1 && delim !== String.fromCharCode(d))) return false;
  let col = 0;
  for (let p = lineStart; p < start; p++) if (text[p] === delim) col++;
  const name = memoColumns[col] ?? '';
  if (PERSON_KEY.test(name)) return false;
  if (PRODUCT_KEY.test(name)) return true;
  return (name === 'name' || name === 'label') && memoProductRecord;
}
// the header row of the last text asked about (the three recognizer passes ask about one text at a time)
let memoHeaderText: string | undefined;
let memoDelim = '';
let memoColumns: string[] = [];
let memoProductRecord = false;

function strongCueAt(text: string, cuePrefix: string, start: number, end: number): number {
  return cuePrefix !== '' || TITLE.endsAt(text, start, 40) || STRONG_INTRO.endsAt(text, start, 40) || signOffBefore(text, start, end) || honorificAt(text, end) ? 1 : 0;
}

/** a field's key, "Surname:", "Name:": a word of a person key followed by ':' */
function keyWordAt(text: string, t: Token): boolean {
  return text.charCodeAt(t.end) === 58 && PERSON_FIELD_KEY.test(t.lower);
}

/** nothing but a full stop or '!' and white space after `end`: the word ends the message ("… Agent: Bethan.") */
function endsMessage(text: string, end: number): boolean {
  return end + 3 >= text.length && /^[.!]?\s*$/.test(text.slice(end));
}

/** a ':' before `at` (spaces and tabs between): a label, "Agent: ...", "Name: ..." */
function afterLabel(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k >= 0 && text.charCodeAt(k) === 58;
}

/** "-san", "-sensei", "-ssi" right after a name */
function honorificAt(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 45) return false;
  let e = end + 1;
  while (e < text.length && e - end <= 7 && isAsciiLetterCode(text.charCodeAt(e))) e++;
  return !isLetterCode(text.charCodeAt(e)) && HONORIFIC_AFTER.has(text.slice(end + 1, e));
}

function afterCueAt(text: string, end: number): boolean {
  // every alternative of AFTER starts with an apostrophe, a comma, whitespace or '('
  const c = text.charCodeAt(end);
  if (!(c === 39 || c === 0x2019 || c === 44 || c === 40 || isSpaceCode(c))) return false;
  return AFTER.test(text.slice(end, end + 30));
}

/** what may follow a signature at a message's end: a role in brackets ("— Hafiz (rider)"), white space, a full stop */
const MESSAGE_END = /^[ \t]*(?:\([\p{L} ]{1,20}\))?[\s.!]*$/u;
/** the words that end a message and are no names: thanks and goodbyes of many languages, months */
const LAST_WORDS = new Set([
  'thanks', 'thx', 'ty', 'cheers', 'bye', 'love', 'xoxo', 'regards', 'best', 'valeu', 'obrigado', 'obrigada', 'dzięki', 'dziękuję', 'dhanyavaad', 'dhanyavad', 'shukriya',
  'groetjes', 'groeten', 'kiitos', 'asante', 'gracias', 'merci', 'danke', 'grazie', 'tack', 'takk', 'tak', 'spasibo', 'salamat', 'cheers', 'arigato', 'arigatou', 'shukran',
  'teşekkürler', 'sağol', 'efharisto', 'köszönöm', 'mahalo', 'ngiyabonga', 'dankie', 'ciao', 'adios', 'adiós', 'tchau', 'saludos', 'besos', 'bisous', 'abrazos', 'kisses',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'januar', 'februar', 'märz', 'mai', 'juni', 'juli', 'oktober', 'dezember',
]);
/** a sentence's end or a dash right before a name */
const SIGNATURE_BEFORE = /(?:[.!?]|[ \t][—–-]{1,2})[ \t]+$/;

function signOffBefore(text: string, start: number, end: number): boolean {
  // the message's last word after its last sentence or a dash: "… por si lo pierdes — Arantxa", "… 771 4039. Dineo"
  if (text.length - end < 40 && MESSAGE_END.test(text.slice(end)) && SIGNATURE_BEFORE.test(text.slice(Math.max(0, start - 4), start)) && !LAST_WORDS.has(text.slice(start, end).toLowerCase())) return true;
  // the name stands alone on its line (maybe followed by a title/company after a comma or dash)
  // only dashes, '~', '>', '*' and spaces before the name on its line? (walked back from the name: the line's
  // start is looked for only when needed, not at every name of a long line)
  let k = start - 1;
  let c = 0;
  while (k >= 0 && (c = text.charCodeAt(k)) !== 10 && (c === 45 || c === 0x2013 || c === 0x2014 || c === 126 || c === 62 || c === 42 || isSpaceCode(c))) k--;
  if (k >= 0 && c !== 10) {
    // (a prefix of marks only holds no sign-off word) else: is the line's prefix a sign-off? SIGN_OFF_INLINE ends
    // with [\s,.!-] only, after a sign-off of letters and single spaces: its last word ends right before the
    // line's trailing [\s,.!-], after white space or the line's start. Read back over ASCII letters, that word
    // must be a sign-off's last word (/i pairs ASCII letters only with ASCII letters); a word that reaches a
    // character beyond ASCII is left to the regex
    while (k >= 0 && (c = text.charCodeAt(k)) !== 10 && (c === 44 || c === 46 || c === 33 || c === 45 || isSpaceCode(c))) k--;
    if (k < 0 || c === 10) return false;
    let ws = k + 1;
    while (ws > 0 && isAsciiLetterCode(text.charCodeAt(ws - 1))) ws--;
    if (c < 128 && (ws === 0 || text.charCodeAt(ws - 1) < 128) && !SIGN_OFF_LAST_WORDS.has(text.slice(ws, k + 1).toLowerCase())) return false;
    return SIGN_OFF_INLINE.test(text.slice(text.lastIndexOf('\n', k) + 1, start));
  }
  const lineStart = k + 1;
  // "- Bashir", "~ Steffi" on the message's last line: a signature after a dash
  if (lineStart < start && /[-–—~]/.test(text.slice(lineStart, start)) && /^[\s.!]*$/.test(text.slice(end, end + 8)) && text.slice(end).trim().length <= 1) return true;
  // (no line break within 60 characters after the name: was text.indexOf('\n', end), which reads to the
  // text's end when there is none)
  const lim = Math.min(text.length, end + 61);
  let nl = end;
  while (nl < lim && text.charCodeAt(nl) !== 10) nl++;
  if (nl - end > 60) return false;
  if (lineStart === 0) return false;
  const prevEnd = lineStart - 1;
  const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
  const prevLine = text.slice(prevStart, prevEnd);
  if (/^\s*(?:--|—|–)\s*$/.test(prevLine)) return true;
  // a sign-off line starts (after whitespace) with a dash or '~', or with a sign-off's first letter
  // (in a quoted reply the lines start with '>': "> Kind regards,\n> Priyanka Solanki")
  let f = 0;
  while (f < prevLine.length && (isSpaceCode(prevLine.charCodeAt(f)) || prevLine.charCodeAt(f) === 62)) f++;
  const c0 = prevLine.charCodeAt(f);
  if (c0 >= 65 && c0 <= 90 ? !SIGN_OFF_FIRST.has(c0 + 32) : c0 < 128 && !SIGN_OFF_FIRST.has(c0)) return false;
  return SIGN_OFF_LINE.test(f === 0 ? prevLine : prevLine.slice(f));
}

/** what separates the items of a list of people: ", ", "; ", " and ", " & ", "、" */
const LIST_SEPARATOR = /^[ \t]*(?:[,;、،]|and|&|y|et|und|e|ve|i)[ \t]*$/;
/**
 * A list of people ("Attendees: Sarah Chen, Elif Yılmaz, Can Öztürk"): a run of two or three capitalised words between
 * list separators, beside a name that is itself beside another name in the list, is a name too, even with words the
 * lists do not know as names ("Can" is an English word).
 */
function listSiblings(text: string, capitals: readonly number[], found: Finding[]): void {
  const names = found.filter((f) => f.type === 'PERSON' && f.confidence >= 0.8).sort((a, b) => a.start - b.start);
  if (names.length < 2) return;
  const joined = (aEnd: number, bStart: number): boolean => bStart > aEnd && bStart - aEnd <= 6 && LIST_SEPARATOR.test(text.slice(aEnd, bStart));
  // the names that stand in a list beside another name, by where they end and where they start
  const listedByEnd = new Map<number, Finding>();
  const listedByStart = new Map<number, Finding>();
  for (let k = 0; k < names.length; k++) {
    const f = names[k] as Finding;
    const prev = names[k - 1];
    const next = names[k + 1];
    if ((prev !== undefined && joined(prev.end, f.start)) || (next !== undefined && joined(f.end, next.start))) {
      listedByEnd.set(f.end, f);
      listedByStart.set(f.start, f);
    }
  }
  if (listedByEnd.size < 2) return;
  const besideListed = (start: number, end: number): boolean => {
    for (let d = 1; d <= 6; d++) if ((listedByEnd.has(start - d) && joined(start - d, start)) || (listedByStart.has(end + d) && joined(end, end + d))) return true;
    return false;
  };
  // (a weaker reading of the same words, below the threshold, gives way: only findings at 0.5 or more count as taken)
  const taken = found.filter((f) => f.confidence >= 0.5).sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  let far = -1;
  for (const f of taken) reach.push((far = Math.max(far, f.end)));
  const overlapsTaken = (start: number, end: number): boolean => {
    // the last taken finding that starts before `end`; one of those up to it reaches past `start`?
    let lo = 0;
    let hi = taken.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((taken[mid] as Finding).start < end) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && (reach[k] as number) > start;
  };
  for (const run of capitalisedRuns(text, capitals)) {
    const toks = run.tokens;
    const first = toks[0];
    const last = toks[toks.length - 1];
    if (first === undefined || last === undefined || toks.length < 2 || toks.length > 3) continue;
    if (toks.some((t) => t.cls === 'O' || t.cls === 'P' || t.cls === 'I') || toks.every((t) => t.cls === 'C')) continue;
    if (besideListed(first.start, last.end) && !overlapsTaken(first.start, last.end)) found.push(finding('PERSON', first.start, last.end, 0.7, 'person.list'));
  }
}

/** what only a person has, after a possessive: "Rose's mobile", "Grace's husband", "Will's e-mail" */
const POSSESSED_PERSONAL = /^['’]s[ \t]+(?:mobile|cell|cellphone|phone|number|e-?mail|address|husband|wife|son|daughter|mum|mom|dad|mother|father|brother|sister|partner|boyfriend|girlfriend|birthday|date of birth|dob|passport|ssn|account|card|flat|apartment|house|home)\b/i;

/** a name in brackets with its role: "(Mark, peer)", "(Joy, my manager)", "(Will, landlord)" */
const ROLE_IN_BRACKETS = /^,[ \t]*(?:(?:my|our|his|her|their|the|a|an)[ \t]+)?(?:peer|manager|line manager|colleague|friend|husband|wife|son|daughter|mother|father|mum|mom|dad|brother|sister|partner|supervisor|landlord|landlady|tenant|neighbour|neighbor|referee|reference|director|owner|agent|driver|nurse|doctor|teacher|student|customer|client|contact|engineer|developer|designer|assistant|intern|lawyer|solicitor|accountant|caller|guest|patient|cousin|aunt|uncle|niece|nephew|grandson|granddaughter|fiancée?|boss|team lead|lead|recruiter|candidate|applicant|employee|member|host|buyer|seller)\b[^)\n]{0,20}\)/i;

/**
 * An action item of meeting notes: a bullet, a name, then what the person is to do ("- June to send the revised
 * terms", "- Precious: chase the signed copy", "• Hope will call back").
 */
const ACTION_AFTER = /^(?::[ \t]+\p{Ll}|[ \t]+(?:to|will|owns|has to|needs to|should|is to)[ \t]+\p{Ll})/u;
function bulletAction(text: string, tok: Token): boolean {
  let k = tok.start - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  const b = text.charCodeAt(k);
  if (!(b === 45 || b === 42 || b === 0x2022 || b === 0x2013 || b === 0x25aa)) return false;
  k--;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k >= 0 && text.charCodeAt(k) !== 10) return false;
  const m = ACTION_AFTER.exec(text.slice(tok.end, tok.end + 16));
  // (a month before a colon heads a list: "- May: no meeting")
  return m !== null && !(m[0].startsWith(':') && MONTH_NAMES.has(tok.lower));
}
const MONTH_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** compromise, on the sentence around an ambiguous capitalised name that opens it. Cached. */
function ambiguousIsPerson(text: string, tok: Token): boolean {
  const end = Math.min(text.length, tok.end + 60);
  // the first '.', '!', '?' or line break before `end` (a bounded loop: four searches to the text's end
  // cost a long text's length for each name asked about)
  let stop = tok.end;
  for (let c = 0; stop < end && (c = text.charCodeAt(stop)) !== 46 && c !== 33 && c !== 63 && c !== 10; stop++);
  const window = text.slice(tok.start, stop);
  const hit = cache.get(window);
  if (hit !== undefined) return hit;
  let isPerson = false;
  try {
    isPerson = compromisePerson(window);
  } catch {
    isPerson = false;
  }
  if (cache.size > 2000) cache.clear();
  cache.set(window, isPerson);
  return isPerson;
}

interface CueKind {
  /** "my wife", "my boss": a relation word */
  readonly relation: boolean;
  /** "my name is", "call me": whatever follows is a name */
  readonly strong: boolean;
  readonly signoff: boolean;
  readonly greeting: boolean;
  /** "i'm", "this is" */
  readonly intro: boolean;
  /** the bare word "name" */
  readonly bare: boolean;
  /** "a guy called", "someone named": whatever given name follows is one, even a word's ("a guy called frank") */
  readonly called: boolean;
  /** a title, "mr", "dr." */
  readonly title: boolean;
}
/** a verb right after a word: "bill will call", "grace said" */
const VERBS_AFTER = ['will', 'would', 'is', 'was', 'has', 'had', 'said', 'says', 'called', 'wants', 'needs', 'asked', 'told', 'can', 'could', 'sent', 'paid', 'used', 'uses', 'bought', 'ordered', 'made', 'took', 'got', 'did', 'does', 'went', 'came', 'tried', 'lives', 'works', 'borrowed', 'opened', 'signed', 'placed', 'returned', 'received', 'forgot', 'lost', 'broke', 'changed'];
const RELATION_VERB_AFTER = new RegExp(`^[ \\t]+(?:${VERBS_AFTER.join('|')})\\b`);
const VERB_AFTER = new Set(VERBS_AFTER);
/** "my name is" in other languages */
/** a vocative's end: a comma, "!", "?", an emoji or the line's end */
const VOCATIVE_END = /^(?:[ \t]*(?:[,!?\n]|$)|[ \t]*\p{Extended_Pictographic})/u;
/** words greeted that name no one: "hi there,", "hey all!" */
const VOCATIVE_WORDS = new Set(['there', 'all', 'team', 'guys', 'everyone', 'everybody', 'folks', 'friend', 'friends', 'mate', 'sir', 'maam', 'madam', 'support', 'again', 'back', 'you', 'me', 'ok', 'okay', 'yes', 'no', 'sure', 'great', 'fine', 'good', 'done', 'me again']);
const NAME_IS = new Set(['me llamo', 'mi chiamo', 'me chamo', 'mi nombre es', 'meu nome é', 'mein name ist', 'mijn naam is', "je m'appelle", 'il mio nome è', 'nazywam się']);
/** the kind of each cue LOWER_CUE matched (a few dozen distinct strings), worked out once */
const cueKinds = new Map<string, CueKind>();
function cueKind(cue: string): CueKind {
  let k = cueKinds.get(cue);
  if (k === undefined) {
    const relation = RELATION_CUE.test(cue) && !cue.startsWith('my name');
    k = {
      relation,
      strong: cue.startsWith('my name') || cue === "name's" || cue === 'names' || cue === 'call me' || cue === 'her name is' || cue === 'his name is' || cue === 'his name was' || cue === 'her name was' || NAME_IS.has(cue),
      signoff: /^(?:thanks|thx|ty|cheers|regards|best|love|xoxo|-|–|—)/.test(cue),
      intro: /^(?:i'?m|i am|this is|it'?s|its|ich bin|bin|ik ben|je suis|soy|sono|sou|jestem|le habla|habla con|sie sprechen mit|det er|c'est|aqui é)$/.test(cue),
      greeting: /^(?:hi|hey|hello|hiya|hoi|hola|hei|hej|olá|ciao|hallo|bonjour|kia ora)$/.test(cue),
      // "name wayne dobbs" (a known given name after the bare word), "mr patel" (a known surname after a title)
      bare: cue === 'name',
      called: cue.endsWith(' called') || cue.endsWith(' named'),
      // (the titles of PERSON_TITLES, and "sie sprechen mit frau": LOWER_TITLE's and LOWER_MORE's cues)
      title: TITLE_WORDS.has(cue) || cue === 'missus' || cue.startsWith('sie sprechen mit '),
    };
    if (cueKinds.size < 1000) cueKinds.set(cue, k);
  }
  return k;
}

/** "hey its jake here", "my name is priya raman", "thanks\nsam"; "mr patel", "name wayne dobbs" */
function scanLowercase(text: string, lower: string, mostlyLower: boolean, out: Finding[]): void {
  LOWER_CUE.lastIndex = 0;
  for (let m = LOWER_CUE.exec(text); m; m = LOWER_CUE.exec(text)) lowerNameAfter(text, m, out);
  // (the titles and the bare "name" in a regex of their own, asked only when the text holds one: they are short
  // and frequent inside words, so in LOWER_CUE they made it slower on every text)
  if (lower.includes(' called ') || lower.includes(' named ')) {
    LOWER_CALLED.lastIndex = 0;
    for (let m = LOWER_CALLED.exec(text); m; m = LOWER_CALLED.exec(text)) lowerNameAfter(text, m, out);
  }
  if (lower.includes('mr') || lower.includes('ms') || lower.includes('dr') || lower.includes('name ')) {
    LOWER_TITLE.lastIndex = 0;
    for (let m = LOWER_TITLE.exec(text); m; m = LOWER_TITLE.exec(text)) lowerNameAfter(text, m, out);
  }
  // (the cues of transcripts and chats, in a text written mostly in lower case: fewer than 5 % capitals)
  if (mostlyLower && LOWER_MORE_GATE.test(lower)) {
    LOWER_MORE.lastIndex = 0;
    for (let m = LOWER_MORE.exec(text); m; m = LOWER_MORE.exec(text)) lowerNameAfter(text, m, out);
    LOWER_SPEAKING.lastIndex = 0;
    for (let m = LOWER_SPEAKING.exec(text); m; m = LOWER_SPEAKING.exec(text)) lowerSpeaker(text, m, out);
  }
}

/** "hemi speaking", "lutz hier": a word that is a given name, or no word at all, before its speaker's word */
const PRONOUNS = new Set(['you', 'who', 'she', 'they', 'this', 'that', 'here', 'there', 'one', 'someone', 'nobody', 'everyone', 'ich', 'wer', 'hier', 'qui', 'quien', 'quem', 'chi']);
function lowerSpeaker(text: string, m: RegExpExecArray, out: Finding[]): void {
  const lex = lexicon();
  const word = m[1] ?? '';
  if (PRONOUNS.has(word) || text.charCodeAt(m.index + word.length) === 39 || text.charCodeAt(m.index + word.length) === 0x2019) return;
  const bare = /^[a-z'-]*$/.test(word) ? word : withoutDiacritics(word);
  const known = (lex.given.has(word) || lex.given.has(bare)) && !lex.ambiguous.has(word) && !lex.common.has(word);
  const plausible = !lex.common.has(word) && !STOP.has(word) && !lex.ambiguous.has(word) && !lex.english.has(word) && !looksLikeWord(word);
  if (known || plausible) out.push(finding('PERSON', m.index, m.index + word.length, 0.75, 'person.informal'));
}
const LOWER_TITLE = /(m(?:rs?|s)|dr|name)\.?[ \t]+(?=\p{Ll})/gu;
/**
 * the cues of transcripts in other languages, in lower case ("buenas tardes le habla constanza", "bonjour yannick",
 * "sie sprechen mit frau becker", "det er kristian", "his name was cornelius"), and spoken titles ("mister delgado")
 */
const LOWER_MORE =
  /(le habla|habla con|sie sprechen mit(?: frau| herr)?|det er|aqui é|hola|bonjour|hei|hej|hoi|olá|ciao|hallo|kia ora|his name was|her name was|mister|missus|madame|monsieur|frau|herr|señora|señor|senhora|signora)[ \t]*,?[ \t]+(?=\p{Ll})/gu;
/** "kiwi wheels rentals hemi speaking", "lutz hier lutz wagner", "yannick à l'appareil": a name, then its speaker's word */
const LOWER_SPEAKING = /(?<![\p{L}\d'’-])(\p{Ll}[\p{Ll}-]{2,20})[ \t]+(?:speaking|à l'appareil|am apparat|al habla|falando|hier)(?![\p{L}])/gu;
const LOWER_MORE_GATE = /le habla|habla con|sprechen mit|det er|aqui é|hola|bonjour|hei|hej|hoi |olá|ciao|hallo|kia ora|name was|mister|missus|madame|monsieur|frau |herr |señor|senhora|signora|speaking|à l'appareil|am apparat|al habla|falando| hier /;

/** nothing but spaces between `i` and the text's start, a line break or a clause's punctuation */
function clauseOpensAt(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  if (k < 0) return true;
  const c = text.charCodeAt(k);
  return c === 10 || c === 46 || c === 44 || c === 33 || c === 63 || c === 59 || c === 58;
}

/** The lower-case name after the cue LOWER_CUE or LOWER_TITLE matched in `m`, if any. */
function lowerNameAfter(text: string, m: RegExpExecArray, out: Finding[]): void {
  const lex = lexicon();
  if (m.index > 0) {
    const b = text.charCodeAt(m.index - 1);
    if (b === 39 || (b >= 48 && b <= 57) || isLetterCode(b)) return;
  }
  const cue = (m[1] ?? '').toLowerCase();
  // (German "bin jannik" only opens a clause: "ahmad bin yusuf" is a patronymic)
  if (cue === 'bin' && !clauseOpensAt(text, m.index)) return;
  const pos = m.index + m[0].length;
  const w1 = LOWER_WORD.exec(text.slice(pos, pos + 24));
  if (!w1) return;
  const word = w1[0];
  // "my wife ayşe", "my mum, eleni papadopoulou": a relation word then an unknown word that is not English-looking
  const kind = cueKind(cue);
  const relation = kind.relation;
  const strong = kind.strong || (relation && !looksLikeWord(word));
  const signoff = kind.signoff;
  // (a name written without its accents or with them: "rosalía" is the list's "rosalia")
  const bare = /^[a-z'-]*$/.test(word) ? word : withoutDiacritics(word);
  const given = lex.given.has(word) || lex.given.has(bare);
  const known = given && !lex.ambiguous.has(word) && !lex.common.has(word);
  const plausible = !lex.common.has(word) && !STOP.has(word) && !lex.ambiguous.has(word) && !lex.english.has(word);
  const intro = kind.intro;
  let ok = kind.title
    ? lex.surname.has(word) && !lex.common.has(word)
    : known ||
      (strong && plausible) ||
      // ("my moms name grace young": after the bare word, a given name that is no everyday word; "a guy called frank")
      (kind.bare && given && !lex.common.has(word) && !STOP.has(word)) ||
      (kind.called && given && !STOP.has(word)) ||
      (intro && (plausible || (given && !lex.common.has(word))) && !looksLikeWord(word) && /^(?:\s*[,.!;)]|\s+here\b|\s+from\b|\s+btw\b|\s*$)/.test(text.slice(pos + word.length, pos + word.length + 8)));
  // "my husband bill will call": a name that is also a word, after a relation and before a verb
  if (!ok && relation && lex.ambiguous.has(word) && RELATION_VERB_AFTER.test(text.slice(pos + word.length, pos + word.length + 12))) ok = true;
  // "this is dawn kowalczyk": a given name that is also a word, then a surname that is none
  if (!ok && !signoff && !kind.title && (intro || strong || kind.bare) && lex.given.has(word)) {
    const sur = /^[ 	]+([a-z][a-z'-]{1,20})(?![\p{L}\d])/u.exec(text.slice(pos + word.length, pos + word.length + 24))?.[1];
    if (sur !== undefined && lex.surname.has(sur) && !lex.common.has(sur) && !lex.ambiguous.has(sur) && !lex.english.has(sur)) ok = true;
  }
  // "hi bill, your car's ready", "hey its jade 🙈": a given name that is also a word, greeted at a line's start or given
  // after "it's", when the clause ends right after it (a comma, a "!", an emoji, the line's end)
  if (!ok && given && ((kind.greeting && clauseOpensAt(text, m.index)) || intro) && !VOCATIVE_WORDS.has(word) && VOCATIVE_END.test(text.slice(pos + word.length, pos + word.length + 4))) ok = true;
  // "this is frank um frank delgado": a given name said again after a filler, as a speaker does when they give it
  if (!ok && (intro || strong) && given) {
    const again = /^[ \t]+(?:um+|uh+|er+|erm)[ \t,]+(\p{Ll}+)/u.exec(text.slice(pos + word.length, pos + word.length + 40));
    if (again?.[1] === word) ok = true;
  }
  if (signoff) {
    // "thanks jake" / "thanks\njake" but not "thanks for" / "best regards"
    ok = known && endsLineOrClause(text, pos + word.length);
  }
  if (!ok) return;
  let end = pos + word.length;
  // "cornelius van der merwe", "rose van der merwe": particles and the family name after them
  const particles = PARTICLES_THEN_NAME.exec(text.slice(end, end + 40));
  if (particles?.[1] !== undefined && !lex.common.has(particles[1]) && !STOP.has(particles[1]) && !lex.english.has(particles[1])) {
    out.push(finding('PERSON', pos, end + particles[0].length, known ? 0.8 : 0.7, 'person.informal'));
    return;
  }
  const next = /^[ \t]+([a-z][a-z'-]{1,20})(?![\p{L}\d])/u.exec(text.slice(end, end + 24));
  if (next?.[1] !== undefined && !VERB_AFTER.has(next[1]) && !LOWER_PARTICLES.has(next[1]) && (lex.surname.has(next[1]) || ((strong || kind.bare) && !lex.common.has(next[1]) && !STOP.has(next[1]) && !(relation && looksLikeWord(next[1]))))) {
    end += next[0].length;
  }
  out.push(finding('PERSON', pos, end, known ? 0.8 : 0.7, 'person.informal'));
}

/** Vietnamese family names, and the middle names that mark the "family middle given" order */
const VN_SURNAMES = new Set(['nguyen', 'nguyễn', 'tran', 'trần', 'pham', 'phạm', 'hoang', 'hoàng', 'huynh', 'huỳnh', 'phan', 'vu', 'vũ', 'vo', 'võ', 'dang', 'đặng', 'bui', 'bùi', 'do', 'đỗ', 'ho', 'hồ', 'ngo', 'ngô', 'duong', 'dương', 'ly', 'lý', 'le', 'lê', 'dinh', 'đinh', 'truong', 'trương', 'trinh', 'trịnh', 'doan', 'đoàn', 'lam', 'lâm', 'luong', 'lương', 'mai', 'cao', 'dao', 'đào', 'ha', 'hà', 'ta', 'tạ', 'chau', 'châu', 'quach', 'quách', 'thai', 'thái', 'vuong', 'vương', 'tang', 'tăng', 'kieu', 'kiều', 'la', 'tieu', 'tiêu']);
const VN_GIVEN = new Set(['an', 'anh', 'ba', 'bao', 'binh', 'chi', 'cuong', 'dung', 'duc', 'dat', 'giang', 'ha', 'hai', 'hanh', 'hieu', 'hoa', 'hoang', 'hung', 'huong', 'huy', 'khanh', 'khoa', 'lan', 'linh', 'loan', 'long', 'mai', 'minh', 'my', 'nam', 'nga', 'ngoc', 'nhung', 'oanh', 'phong', 'phuong', 'quang', 'quan', 'quynh', 'son', 'tam', 'thanh', 'thao', 'thu', 'thuy', 'tien', 'trang', 'trung', 'tuan', 'tu', 'uyen', 'van', 'viet', 'vy', 'xuan', 'yen', 'hang', 'hien', 'hoai', 'kien', 'lien', 'luan', 'nhi', 'phuc', 'sang', 'tai', 'thi', 'thinh', 'toan', 'tri', 'vinh', 'ha', 'hue', 'ngan', 'nhu', 'diep', 'dao', 'hau', 'khoi', 'loc', 'nhan', 'quoc', 'son', 'thang', 'tho', 'truc']);
const VN_MIDDLES: ReadonlyArray<readonly [string, string]> = [[' van ', ''], [' thi ', ''], [' văn ', 'ă'], [' thị ', 'ị']];
/** either plain middle name: one regex pass is cheaper than two searches for a pattern that starts with a space */
const VN_PLAIN = / (?:van|thi) /;
const VN_WORD = /^[\p{L}]{2,8}(?![\p{L}\p{N}_@])/u;

/** without diacritics ("trần" -> "tran", "đỗ" -> "do") */
function plain(w: string): string {
  return /^[a-z]*$/.test(w) ? w : withoutDiacritics(w);
}

/**
 * "nguyen van an", "Tran Thi Mai": a Vietnamese family name, the middle name "van"/"thi", then a given name
 * (and maybe a second one). Candidates are the places " van " / " thi " occurs (native indexOf).
 */
function scanVietnamese(text: string, lower: string, nonAscii: boolean, out: Finding[]): void {
  const lex = lexicon();
  const plainMiddle = VN_PLAIN.test(lower);
  for (const [mid, gate] of VN_MIDDLES) {
    // (the forms with diacritics only where the letter occurs at all: a one-character search is cheapest)
    if (gate === '' ? !plainMiddle : !nonAscii || lower.indexOf(gate) === -1) continue;
    for (let k = lower.indexOf(mid); k !== -1; k = lower.indexOf(mid, k + 1)) {
      let s = k;
      while (s > 0 && /\p{L}/u.test(lower[s - 1] ?? '')) s--;
      const fam = plain(lower.slice(s, k));
      if (!VN_SURNAMES.has(fam) || (s > 0 && /[\p{N}_@.\/-]/u.test(lower[s - 1] ?? ''))) continue;
      // "do van tours": a two-letter family name with "van" needs a Vietnamese given name after it
      const g1raw = VN_WORD.exec(lower.slice(k + mid.length, k + mid.length + 10))?.[0];
      if (g1raw === undefined) continue;
      const g1 = plain(g1raw);
      const g1Ok = VN_GIVEN.has(g1) || (!lex.common.has(g1) && !STOP.has(g1) && fam.length > 2);
      if (!g1Ok) continue;
      let end = k + mid.length + g1raw.length;
      if (lower.charCodeAt(end) === 32) {
        const g2 = VN_WORD.exec(lower.slice(end + 1, end + 11))?.[0];
        if (g2 !== undefined && VN_GIVEN.has(plain(g2)) && !STOP.has(g2)) end += 1 + g2.length;
      }
      // the text's own casing must be consistent: all lower case, or each word capitalised
      const span = text.slice(s, end);
      if (span !== span.toLowerCase() && !/^(?:\p{Lu}+|\p{Lu}\p{Ll}*)(?: \p{Lu}\p{Ll}*)+$/u.test(span)) continue;
      out.push(finding('PERSON', s, end, 0.93, 'person.vietnamese'));
    }
  }
}

/** hashes of unambiguous given names (not ordinary words), so a lower-case word is looked up only on a hit */
let givenHashes: Set<number> | null = null;
/** (first two letters) -> bit per word length 3..31: a cheap filter before hashing */
const givenShape = new Uint32Array(26 * 26);
function wordHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
const LOWER_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'dos', 'del', 'di', 'la', 'bin', 'binti', 'ibn', 'al', 'el', 'ter', 'ben', 'bint']);
/** particles of LOWER_PARTICLES, then a family name: "… van der merwe" */
const PARTICLES_THEN_NAME = new RegExp(`^(?:[ \\t]+(?:${[...LOWER_PARTICLES].join('|')}))+[ \\t]+([a-z][a-z'-]{1,20})(?![\\p{L}\\d])`, 'u');
/** identifier characters around a word that make it part of a token, path or address, not prose */
const isIdentCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 64 || c === 47 || c === 46 || c === 45 || c === 61 || c > 127;

/**
 * "reset 2FA for ananya iyer": two lower-case words in a row, a given name then a surname, neither an
 * ordinary word nor ambiguous, maybe with a particle between ("ahmad bin yusuf"). ASCII words only; each
 * word costs a rolling hash, and the lexicon is asked only when the hash is a given name's.
 */
function scanLowerPairs(text: string, out: Finding[]): void {
  const lex = lexicon();
  if (givenHashes === null) {
    givenHashes = new Set();
    for (const g of lex.given) {
      if (g.length < 3 || g.length > 31 || lex.ambiguous.has(g) || lex.common.has(g) || lex.surname.has(g) || !/^[a-z]+$/.test(g)) continue;
      givenHashes.add(wordHash(g));
      const k = (g.charCodeAt(0) - 97) * 26 + (g.charCodeAt(1) - 97);
      givenShape[k] = (givenShape[k] ?? 0) | (1 << g.length);
    }
  }
  const hashes = givenHashes;
  const n = text.length;
  let i = 0;
  // candidates are the words before a space, found by jumping from space to space (native indexOf)
  for (let sp = text.indexOf(' ', 3); sp !== -1 && sp < n - 2; sp = text.indexOf(' ', sp + 1)) {
    let s = sp;
    let c = 0;
    while (s > 0 && (c = text.charCodeAt(s - 1)) >= 97 && c <= 122) s--;
    const len = sp - s;
    if (len < 3 || len > 31 || (((givenShape[(text.charCodeAt(s) - 97) * 26 + (text.charCodeAt(s + 1) - 97)] ?? 0) >>> len) & 1) === 0) continue;
    if (s > 0 && isIdentCode(text.charCodeAt(s - 1))) continue;
    let h = 0;
    for (let k = s; k < sp; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
    if (!hashes.has(h)) continue;
    i = sp;
    const w1 = text.slice(s, i);
    if (!lex.given.has(w1)) continue;
    // the next one or two words: optional particle, then the surname
    let p = i + 1;
    let end = -1;
    for (let hop = 0; hop < 2 && end === -1; hop++) {
      const ws = p;
      while (p < n && text.charCodeAt(p) >= 97 && text.charCodeAt(p) <= 122) p++;
      if (p - ws < 2) break;
      const w = text.slice(ws, p);
      const after = p < n ? text.charCodeAt(p) : 32;
      if (isIdentCode(after) && after !== 46 && after !== 45 && !(after > 127 && !/\p{L}/u.test(text[p] ?? ''))) break;
      if (after === 46 && p + 1 < n && isIdentCode(text.charCodeAt(p + 1))) break;
      // (a particle is no surname of its own: "julio de 2025" is a date, "maría de la cruz" reads on)
      if (hop === 0 && LOWER_PARTICLES.has(w)) {
        if (after !== 32) break;
        p++;
      } else if ((lex.surname.has(w) || (hop === 1 && lex.given.has(w))) && !lex.common.has(w) && !lex.ambiguous.has(w) && !lex.place.has(w) && !lex.place.has(`${w1} ${w}`)) end = p;
      else break;
    }
    if (end === -1) continue;
    out.push(finding('PERSON', s, end, 0.7, 'person.lower_pair'));
    sp = end - 1;
  }
}

/** English morphology that a given name rarely has. */
function looksLikeWord(w: string): boolean {
  return /(?:ing|ed|ly|tion|ness|ment|able|ible|ous|ful|less|ive|ise|ize|est|er|ry)$/.test(w);
}

function endsLineOrClause(text: string, end: number): boolean {
  const rest = text.slice(end, end + 12);
  return /^\s*(?:$|\n|[,.!:;)]|here\b|from\b|-)/.test(rest);
}

const STOP = new Set(['here', 'there', 'the', 'a', 'an', 'not', 'so', 'very', 'just', 'really', 'also', 'still', 'going', 'gonna', 'trying', 'back', 'sorry', 'fine', 'good', 'ok', 'okay', 'sure', 'done', 'in', 'on', 'at', 'with', 'from', 'for', 'to', 'about', 'that', 'this', 'it', 'and', 'but', 'or', 'again', 'all', 'everyone', 'guys', 'team', 'there', 'you', 'me', 'we', 'they', 'he', 'she', 'them', 'us', 'your', 'my', 'our']);

/** a character before a mention that makes it part of a longer word, number, address or path: [\p{L}\p{N}._@-] */
const joinsBefore = (c: number): boolean => isAlnumCode(c) || c === 46 || c === 95 || c === 64 || c === 45;
/** a character after a mention that makes it part of a longer word or an address: [\p{L}\p{N}_@] */
const joinsAfter = (c: number): boolean => isAlnumCode(c) || c === 95 || c === 64;

const isAsciiAlnum = (c: number): boolean => isAsciiDigitCode(c) || isAsciiLetterCode(c);
const isLocalCode = (c: number): boolean => isAsciiAlnum(c) || c === 46 || c === 95 || c === 39 || c === 45;
/**
 * The words of the e-mail local part before the '@' at `at` ("maria.lopez" -> maria, lopez), lower case: the
 * local part is the longest run of [A-Za-z0-9._'-] before it (2 to 64 characters, from its first letter), and
 * a letter, digit or '-' must follow the '@'. Words are split at '.', '_' and '-'; only words of two or more
 * letters count, and a local part of more than three such words spells no name (null, as for none at all).
 */
function localParts(text: string, at: number): string[] | null {
  const d = text.charCodeAt(at + 1);
  if (!(isAsciiAlnum(d) || d === 45)) return null;
  let s = at;
  while (s > 0 && at - s < 64 && isLocalCode(text.charCodeAt(s - 1))) s--;
  // from the first letter, leaving at least one more character before the '@'
  while (s < at - 1 && !isAsciiLetterCode(text.charCodeAt(s))) s++;
  if (s >= at - 1) return null;
  const parts: string[] = [];
  let ws = s;
  for (let i = s; i <= at; i++) {
    const c = i < at ? text.charCodeAt(i) : 46;
    if (c !== 46 && c !== 95 && c !== 45) continue;
    if (i - ws >= 2) {
      const w = text.slice(ws, i).toLowerCase();
      if (/^[a-z]+$/.test(w)) parts.push(w);
    }
    ws = i + 1;
  }
  return parts.length === 0 || parts.length > 3 ? null : parts;
}

/** Names spelled by e-mail local parts, and repeated mentions of names already found. */
function propagate(text: string, lowerText: string, found: Finding[]): void {
  const lex = lexicon();
  const names = new Set<string>();
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const parts = localParts(text, at);
    if (parts === null) continue;
    const [p0, p1] = parts;
    if (p0 === undefined) continue;
    const g0 = lex.given.has(p0) && !lex.ambiguous.has(p0);
    if (parts.length >= 2 && p1 !== undefined && (g0 || lex.surname.has(p1) || (lex.given.has(p0) && !lex.common.has(p1)))) {
      for (const p of parts) if (!lex.common.has(p) || lex.given.has(p) || lex.surname.has(p)) names.add(p);
    } else if (parts.length === 1 && g0 && !lex.common.has(p0)) {
      names.add(p0);
    }
  }
  for (const f of found) {
    if (f.confidence < 0.8) continue;
    // each whitespace-separated word of the finding (was text.slice(...).split(/\s+/)), lower case, minus 's
    let k = f.start;
    while (k < f.end) {
      while (k < f.end && isSpaceCode(text.charCodeAt(k))) k++;
      const ws = k;
      while (k < f.end && !isSpaceCode(text.charCodeAt(k))) k++;
      if (k === ws) continue;
      // (a word of an inverted name, "NGUYEN, Minh", without its comma)
      const we = text.charCodeAt(k - 1) === 44 ? k - 1 : k;
      // the name a word spells is a function of its characters: cached by their hash (checked in place), so
      // a word seen before costs no substring and no lexicon look-up
      let h = 0;
      for (let x = ws; x < we; x++) h = (Math.imul(h, 31) + text.charCodeAt(x)) & 0x3fffffff;
      let hit = mentionWords.get(h);
      if (hit === undefined || hit.word.length !== we - ws || !text.startsWith(hit.word, ws)) {
        const word = text.slice(ws, we);
        hit = { word, name: mentionName(word, lex) };
        if (mentionWords.size >= 20_000) mentionWords.clear();
        mentionWords.set(h, hit);
      }
      if (hit.name !== null) names.add(hit.name);
    }
  }
  if (names.size === 0) return;
  dropProductNames(text, lowerText, names, found);
  if (names.size === 0) return;
  // (the case of each mention matters only where the writer uses capitals)
  const mentionCase = text === lowerText ? undefined : text;
  const firstMention = found.length;
  if (names.size <= MENTION_INDEXOF_MAX) {
    for (const name of names) {
      for (let k = lowerText.indexOf(name); k !== -1; k = lowerText.indexOf(name, k + name.length)) pushMention(lowerText, k, name, found, mentionCase);
    }
    confirmLongerNames(found, firstMention);
    return;
  }
  // Many names (a long text, a list of customers): one pass over the text instead of one search per name,
  // which grew with names × text. Candidates by their first two characters; the same occurrences as the
  // searches above (each name's next one looked for after the end of its previous one), in text order.
  const byPair = new PairIndex<string>();
  for (const name of names) byPair.add(name, name);
  const nextFrom = new Map<string, number>();
  for (let i = 0; i + 1 < lowerText.length; i++) {
    const candidates = byPair.at(lowerText, i);
    if (candidates === undefined) continue;
    for (const name of candidates) {
      if (i < (nextFrom.get(name) ?? 0) || !lowerText.startsWith(name, i)) continue;
      nextFrom.set(name, i + name.length);
      pushMention(lowerText, i, name, found, mentionCase);
    }
  }
  confirmLongerNames(found, firstMention);
}

/**
 * A mention inside a longer name found here (above the threshold, below 0.8) confirms it: "ég heiti Sigríður
 * Þórsdóttir …" signed "Sigríður" is the whole name, which must not lose its surname to the mention's higher
 * confidence. The mention stays too, for the case where the longer name loses to another finding. `found` holds the
 * mentions from `firstMention` on; one sort and a binary search per name (not mentions × findings).
 */
function confirmLongerNames(found: Finding[], firstMention: number): void {
  if (found.length === firstMention) return;
  const mentions = found.slice(firstMention).sort((a, b) => a.start - b.start);
  for (let x = 0; x < firstMention; x++) {
    const f = found[x] as Finding;
    if (f.type !== 'PERSON' || f.confidence < 0.5 || f.confidence >= 0.8) continue;
    // the first mention that starts at or after the name
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentions[mid] as Finding).start < f.start) lo = mid + 1;
      else hi = mid;
    }
    for (let m = lo; m < mentions.length && (mentions[m] as Finding).start < f.end; m++) {
      const mention = mentions[m] as Finding;
      if (mention.end <= f.end && mention.end - mention.start < f.end - f.start) {
        found[x] = { ...f, confidence: 0.8 };
        break;
      }
    }
  }
}

/**
 * A name that somewhere in the text names a product ("| Milo lounge chair |", "the Jasper dining table") is the
 * product's in this text: its other lone mentions are not looked for, and a lone word found as a name with no
 * strong cue ("Harper and Milo ship flat-packed") is dropped. A name beside another ("Rose Martin") stays.
 */
function dropProductNames(text: string, lowerText: string, names: Set<string>, found: Finding[]): void {
  let products: Set<string> | null = null;
  for (const name of names) {
    for (let k = lowerText.indexOf(name); k !== -1; k = lowerText.indexOf(name, k + name.length)) {
      const end = k + name.length;
      // (productNamed wants a space or tab after the name, and before it a space, a line start or a table cell's bar)
      const after = lowerText.charCodeAt(end);
      const before = k > 0 ? lowerText.charCodeAt(k - 1) : 10;
      if ((after !== 32 && after !== 9) || !(before === 32 || before === 9 || before === 10 || before === 124)) continue;
      if (productNamed(text, k, end)) {
        (products ??= new Set()).add(name);
        break;
      }
    }
  }
  if (products === null) return;
  for (const name of products) names.delete(name);
  let w = 0;
  for (const f of found) {
    if (!(f.confidence < 0.9 && f.end - f.start <= 32 && products.has(lowerText.slice(f.start, f.end)))) found[w++] = f;
  }
  found.length = w;
}

/** a name that is also an everyday word ("amber", "rose", "will", "grace"; not "hopper", a surname first) */
function ambiguousWord(name: string): boolean {
  const lex = lexicon();
  return name.indexOf(' ') === -1 && (lex.ambiguous.has(name) || lex.common.has(name));
}

/** a finding's word -> the name its other mentions are looked for by (lower case, minus 's), or null */
const mentionWords = new Map<number, { readonly word: string; readonly name: string | null }>();
function mentionName(word: string, lex: ReturnType<typeof lexicon>): string | null {
  let lw = word.toLowerCase();
  // (was .replace(/['’]s$/, ''))
  const q = lw.charCodeAt(lw.length - 2);
  if (lw.charCodeAt(lw.length - 1) === 115 && (q === 39 || q === 0x2019)) lw = lw.slice(0, -2);
  // (a name's particle, "von", "bin", "dos", is no name of its own: "Von: Friederike von Allmen")
  return lw.length >= 3 && !lex.common.has(lw) && !lex.ambiguous.has(lw) && !lex.place.has(lw) && !PARTICLES.has(lw) ? lw : null;
}

/** above this many names, mentions are found in one pass over the text rather than one search per name */
const MENTION_INDEXOF_MAX = 8;

/** An occurrence of a name at `k` is a mention when it is a whole word (not inside a word, number, address or path). */
function pushMention(lowerText: string, k: number, name: string, found: Finding[], text?: string): void {
  const end = k + name.length;
  const pre = k > 0 ? lowerText.charCodeAt(k - 1) : 32;
  const post = end < lowerText.length ? lowerText.charCodeAt(end) : 32;
  const next = lowerText.charCodeAt(end + 1);
  if (joinsBefore(pre) || joinsAfter(post) || (post === 46 && next >= 97 && next <= 122)) return;
  // (a name that is also a word, written in lower case in a text that has capitals, is the word: "the amber colour",
  // "rose gold", "will ship", where the customer is Amber, Rose or Will)
  if (text !== undefined && text.charCodeAt(k) === lowerText.charCodeAt(k) && ambiguousWord(name)) return;
  found.push(finding('PERSON', k, end, 0.8, 'person.mention'));
}
