import { isAsciiDigitCode } from './context-words.js';
import { lexicon } from './lexicon/index.js';
import type { Finding } from './types.js';
import { finding } from './recognizers/recognizer.js';

/**
 * Speakers of a chat export: the label after a line's time stamp ("[09:05] tomasz: morning all",
 * "[07/04/2024, 19:08] Blessing: on my way", "18/06/24, 20:03 - Anjali: ok", "10:02 AM Dev: hi") and the
 * name after a role ("AGENT (Precious): Thank you for calling"). A chat export's labels are its people,
 * whatever their case or script, unless the label is a role ("Agent", "Customer", "bot") or an ordinary word.
 */

/** a time stamp: "[09:05]", "[07/04/2024, 19:08]", "[18/06/24, 8:03:40 PM]", "09:05", "7/4/24, 19:08 -", "2024-04-07 19:08" */
const STAMP = String.raw`(?:\[[^\]\n]{0,24}\d{1,2}[:.]\d{2}[^\]\n]{0,12}\]|(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+-)?)`;
/** a label: one to three words of letters (any script), an inner apostrophe, hyphen or dot allowed */
const WORD = String.raw`\p{L}[\p{L}\p{M}]*(?:['’.-]\p{L}[\p{L}\p{M}]*)*`;
const LABEL = `(${WORD}(?:[ \\t]${WORD}){0,2})`;
/** at a line's start: a stamp, then the label and ':' (the label may be a role with the name in brackets) */
const SPEAKER_LINE = new RegExp(String.raw`[ \t]*${STAMP}[ \t]+(?:${LABEL}|${WORD}[ \t]*\(${LABEL}\))[ \t]*:[ \t]`, 'duy');
/** a KakaoTalk export's line: "[이서연] [오후 2:11] 택배 아직 안 왔어요" (the label in brackets, then the time) */
const BRACKET_LINE = new RegExp(String.raw`[ \t]*\[${LABEL}\][ \t]*\[[^\]\n]{0,12}\d{1,2}:\d{2}[^\]\n]{0,6}\]`, 'duy');
/** a role with the name in brackets, without a stamp: "AGENT (Precious): ...", "Customer (Mr Okoro): ..." */
const ROLE_LINE = new RegExp(String.raw`[ \t]*(?:agent|customer|caller|client|advisor|adviser|rep|representative|operator|technician|tech|csr|support|member|host|guest|driver|rider|patient|nurse|doctor|teacher|parent)[ \t]*\(${LABEL}\)[ \t]*:[ \t]`, 'diuy');

const TIME = /\d[:.]\d\d/;

/** labels that name a role or a system, not a person (lower case) */
const ROLES = new Set([
  'agent', 'customer', 'client', 'caller', 'user', 'assistant', 'bot', 'system', 'support', 'member', 'operator', 'admin',
  'moderator', 'host', 'guest', 'me', 'you', 'staff', 'team', 'advisor', 'adviser', 'rep', 'representative', 'technician',
  'tech', 'csr', 'visitor', 'buyer', 'seller', 'driver', 'rider', 'courier', 'patient', 'nurse', 'doctor', 'teacher',
  'parent', 'student', 'manager', 'supervisor', 'owner', 'landlord', 'tenant', 'note', 'notes', 'status', 'reason',
  'info', 'warning', 'error', 'debug', 'subject', 'from', 'to', 'cc', 'date', 'sent', 'time', 're', 'fwd', 'ticket',
  'order', 'ai', 'automated', 'auto', 'you said', 'system message', 'virtual agent', 'live agent', 'chat bot', 'chatbot',
]);

/** Pushes a PERSON finding (0.85) for each speaker label of a chat export in `text` (asked only of texts with a ':'). */
export function scanSpeakers(text: string, out: Finding[]): void {
  // (every stamp holds a time, "9:05" or "10.17"; without one only a role line can match)
  const stamps = TIME.test(text);
  const roles = text.includes('):');
  if (!stamps && !roles) return;
  const lex = lexicon();
  let p = 0;
  for (;;) {
    const c = text.charCodeAt(p);
    // (a stamp starts with '[' or a digit, a role with a letter; spaces before either)
    let m: RegExpExecArray | null = null;
    if (stamps && (c === 91 || isAsciiDigitCode(c) || c === 32 || c === 9)) {
      SPEAKER_LINE.lastIndex = p;
      m = SPEAKER_LINE.exec(text);
      if (m === null && c === 91) {
        BRACKET_LINE.lastIndex = p;
        m = BRACKET_LINE.exec(text);
      }
    }
    if (m === null && roles && c !== 91 && !isAsciiDigitCode(c)) {
      ROLE_LINE.lastIndex = p;
      m = ROLE_LINE.exec(text);
    }
    const span = m?.indices?.[1] ?? m?.indices?.[2];
    if (span !== undefined && isNameLabel(text.slice(span[0], span[1]), lex)) out.push(finding('PERSON', span[0], span[1], 0.85, 'person.speaker'));
    const nl = text.indexOf('\n', p);
    if (nl === -1) return;
    p = nl + 1;
  }
}

/**
 * A label that holds a known name ("tomasz", "Precious"), or two or three words written as a name is ("Rohan
 * Mehra-Iyer"); not a role, a bot, or a label of one unknown word ("Pixel", "Usuario", "dev": a persona, a role in
 * another language or a channel as often as a person).
 */
function isNameLabel(label: string, lex: ReturnType<typeof lexicon>): boolean {
  const lower = label.toLowerCase();
  if (ROLES.has(lower) || lower.endsWith('bot')) return false;
  const words = lower.split(/[ \t]+/);
  for (const w of words) if (ROLES.has(w)) return false;
  for (const w of words) if (lex.given.has(w) || lex.surname.has(w)) return true;
  // (a display name in a script without case, "이서연", "陈嘉怡": two to four letters)
  if (CASELESS_NAME.test(label)) return true;
  return words.length >= 2 && TITLE_CASE.test(label) && !words.some((w) => lex.common.has(w) || lex.place.has(w) || lex.org.has(w));
}
const CASELESS_NAME = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Thai}]{2,4}$/u;
const TITLE_CASE = /^\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*(?:[ \t]\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*){1,2}$/u;
