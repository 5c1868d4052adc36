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

/** a note's date and a dash: "14 Mar 2025 —", "Sep 3, 2024 -" (a CRM history's entries) */
const DATE_STAMP = String.raw`(?:\d{1,2}[ \t]+\p{Lu}\p{Ll}{2,8}\.?,?[ \t]+\d{4}|\p{Lu}\p{Ll}{2,8}\.?[ \t]+\d{1,2},?[ \t]+\d{4})[ \t]*[—–-]`;
/** a time stamp: "[09:05]", "[07/04/2024, 19:08]", "[18/06/24, 8:03:40 PM]", "09:05", "7/4/24, 19:08 -", "2024-04-07 19:08" */
const STAMP = String.raw`(?:\[[^\]\n]{0,24}\d{1,2}[:.]\d{2}[^\]\n]{0,12}\]|(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+-)?|${DATE_STAMP})`;
/** a label: one to three words of letters (any script), an inner apostrophe, hyphen or dot allowed */
const WORD = String.raw`\p{L}[\p{L}\p{M}]*(?:['’.-]\p{L}[\p{L}\p{M}]*)*`;
const LABEL = `(${WORD}(?:[ \\t]${WORD}){0,2})`;
/**
 * at a line's start: a stamp, then the label and ':' (the label may be a role with the name in brackets, or a
 * name with its role in brackets: "Rizwan (Maintenance):")
 */
const SPEAKER_LINE = new RegExp(String.raw`[ \t]*${STAMP}[ \t]+(?:${LABEL}|(${WORD})[ \t]*\(${LABEL}\))[ \t]*:[ \t]`, 'duy');
/** a KakaoTalk export's line: "[이서연] [오후 2:11] 택배 아직 안 왔어요" (the label in brackets, then the time) */
const BRACKET_LINE = new RegExp(String.raw`[ \t]*\[${LABEL}\][ \t]*\[[^\]\n]{0,12}\d{1,2}:\d{2}[^\]\n]{0,6}\]`, 'duy');
/** a role with the name in brackets, without a stamp: "AGENT (Precious): ...", "Customer (Mr Okoro): ..." */
const ROLE_WORDS = 'agent|customer|caller|client|advisor|adviser|rep|representative|operator|technician|tech|csr|support|member|host|guest|driver|rider|patient|nurse|doctor|teacher|parent';
// (and the roles of other scripts, with full-width brackets and colon: "オペレーター（佐藤）：", "客服（陈静）：", "الموظفة (ريم):")
const NATIVE_ROLES = 'オペレーター|担当者|担当|スタッフ|サポート|客服人员|客服|坐席|工作人员|상담원|상담사|직원|매니저|الموظفة|الموظف|الوكيل|الدعم|נציגה|נציג';
const ROLE_LINE = new RegExp(String.raw`[ \t]*(?:${ROLE_WORDS}|${NATIVE_ROLES})[ \t]*[(（]${LABEL}[)）][ \t]*[:：][ \t]?`, 'diuy');
/** a role, then the name, without a stamp: "Agent Sana: Sir please…", "Tech Joel: on my way" (the name one word) */
// (the role in any case, the name capitalised: no `i` flag, under which \p{Lu} would match any letter)
const ROLE_WORDS_ANY_CASE = ROLE_WORDS.split('|')
  .flatMap((w) => [w, w[0]?.toUpperCase() + w.slice(1), w.toUpperCase()])
  .join('|');
const ROLE_NAME_LINE = new RegExp(String.raw`[ \t]*(?:(?:${ROLE_WORDS_ANY_CASE})[ \t]+(\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)?)|(?:상담원|상담사|직원)[ \t]+([가-힣]{2,4}))[ \t]*[:：][ \t]?`, 'duy');
const ROLE_NAME_GATE = new RegExp(String.raw`(?:^|\n)[ \t]*(?:(?:${ROLE_WORDS_ANY_CASE})[ \t]+\p{Lu}|(?:상담원|상담사|직원)[ \t]+[가-힣])`, 'u');
/** a name, then its department or role in brackets, at a line's start: "Jordan (Support):" */
const NAME_ROLE_LINE = new RegExp(String.raw`[ \t]*(\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)?)[ \t]*[(（](\p{L}[\p{L} ]{0,20})[)）][ \t]*[:：][ \t]?`, 'duy');
/** a department or role in brackets after a name: "Rizwan (Maintenance)" */
const DEPARTMENTS = new Set(['maintenance', 'billing', 'sales', 'support', 'reception', 'front desk', 'accounts', 'hr', 'it', 'security', 'concierge', 'housekeeping', 'dispatch', 'logistics', 'customer service', 'customer care', 'helpdesk', 'management', 'leasing', 'admin', 'finance', 'csr', 'ops', 'field ops', 'sre', 'qa', 'legal', 'compliance', 'collections', 'claims', 'underwriting', 'retention', 'escalations', 'tier 1', 'tier 2', 'l1', 'l2', 'payroll', 'onboarding', 'engineering', 'product']);

const DATED_LINE = new RegExp(String.raw`^[ \t]*${DATE_STAMP}`, 'u');
const TIME = /\d[:.]\d\d|\d{4}[ \t]*[—–-]/;

/** labels that name a role or a system, not a person (lower case) */
const ROLES = new Set([
  'agent', 'customer', 'client', 'caller', 'user', 'assistant', 'bot', 'system', 'support', 'member', 'operator', 'admin',
  'moderator', 'host', 'guest', 'me', 'you', 'staff', 'team', 'advisor', 'adviser', 'rep', 'representative', 'technician',
  'tech', 'csr', 'visitor', 'buyer', 'seller', 'driver', 'rider', 'courier', 'patient', 'nurse', 'doctor', 'teacher',
  'parent', 'student', 'manager', 'supervisor', 'owner', 'landlord', 'tenant', 'note', 'notes', 'status', 'reason',
  'info', 'warning', 'error', 'debug', 'subject', 'from', 'to', 'cc', 'date', 'sent', 'time', 're', 'fwd', 'ticket',
  'order', 'ai', 'automated', 'auto', 'you said', 'system message', 'virtual agent', 'live agent', 'chat bot', 'chatbot',
  // the same roles in other languages
  'usuario', 'usuária', 'usuário', 'cliente', 'agente', 'asistente', 'assistente', 'operador', 'operadora', 'operatore',
  'atendente', 'soporte', 'suporte', 'utilisateur', 'conseiller', 'conseillère', 'benutzer', 'kunde', 'kundin', 'mitarbeiter',
  'klant', 'gebruiker', 'medewerker', 'użytkownik', 'klient', 'konsultant', 'müşteri', 'temsilci', 'pelanggan', 'pengguna',
]);

/** Pushes a PERSON finding (0.85) for each speaker label of a chat export in `text` (asked only of texts with a ':'). */
export function scanSpeakers(text: string, out: Finding[]): void {
  // (every stamp holds a time, "9:05" or "10.17"; without one only a role line can match)
  const stamps = TIME.test(text);
  const roles = text.includes('):') || text.includes('）：') || text.includes('）:') || text.includes(')：');
  const roleNames = ROLE_NAME_GATE.test(text);
  if (!stamps && !roles && !roleNames) return;
  const lex = lexicon();
  let p = 0;
  for (;;) {
    const c = text.charCodeAt(p);
    // (a stamp starts with '[' or a digit, a role with a letter; spaces before either)
    let m: RegExpExecArray | null = null;
    // (a stamp starts with '[', a digit or white space, or a month's capital: "Sep 3, 2024 —")
    if (stamps && (c === 91 || isAsciiDigitCode(c) || c === 32 || c === 9 || (c >= 65 && c <= 90))) {
      SPEAKER_LINE.lastIndex = p;
      m = SPEAKER_LINE.exec(text);
      if (m === null && c === 91) {
        BRACKET_LINE.lastIndex = p;
        m = BRACKET_LINE.exec(text);
      }
    }
    // (a role and a name: the name alone, in brackets or after the role, is enough; an unknown word will do)
    let roleName = false;
    if (m === null && roles && c !== 91 && !isAsciiDigitCode(c)) {
      ROLE_LINE.lastIndex = p;
      m = ROLE_LINE.exec(text);
      roleName = m !== null;
      if (m === null) {
        // "Jordan (Support): hey Lachlan": a name with its department or role in brackets, without a stamp
        NAME_ROLE_LINE.lastIndex = p;
        const n = NAME_ROLE_LINE.exec(text);
        const inBrackets = n?.[2]?.toLowerCase();
        if (n !== null && inBrackets !== undefined && (DEPARTMENTS.has(inBrackets) || ROLES.has(inBrackets))) {
          m = n;
          roleName = true;
        }
      }
    }
    if (m === null && roleNames && c !== 91 && !isAsciiDigitCode(c)) {
      ROLE_NAME_LINE.lastIndex = p;
      m = ROLE_NAME_LINE.exec(text);
      roleName = m !== null;
    }
    let span = m?.indices?.[1] ?? m?.indices?.[3] ?? (m !== null && roleName ? m.indices?.[2] : undefined);
    // "Rizwan (Maintenance):": the name before a department in brackets
    const outer = m?.indices?.[2];
    if (outer !== undefined && span !== undefined && DEPARTMENTS.has(text.slice(span[0], span[1]).toLowerCase())) {
      span = outer;
      roleName = true;
    } else if (outer !== undefined && ROLES.has(text.slice(outer[0], outer[1]).toLowerCase())) {
      // "[19:04] Agent (Priyanka):": a role with the name in brackets after a stamp
      roleName = true;
    }
    if (span !== undefined) {
      const label = text.slice(span[0], span[1]);
      // (after a note's date and dash, "14 Mar 2025 — Shanique:", the writer of the note: a name no list knows will do)
      const dated = m !== null && DATED_LINE.test(m[0]);
      if (isNameLabel(label, lex) || ((roleName || dated) && isNamedAlone(label, lex))) out.push(finding('PERSON', span[0], span[1], 0.85, 'person.speaker'));
    }
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
/** one Title-case word that is no role, ordinary word, place or organization ("Priyanka", "Sana") */
function isNamedAlone(label: string, lex: ReturnType<typeof lexicon>): boolean {
  // (a name in a script without case: "ريم", "陈静", "佐藤")
  if (CASELESS_WORDS.test(label)) return true;
  const lower = label.toLowerCase();
  return /^\p{Lu}\p{Ll}/u.test(label) && !/\s/.test(label) && !ROLES.has(lower) && !DEPARTMENTS.has(lower) && !lex.common.has(lower) && !lex.english.has(lower) && !lex.place.has(lower) && !lex.org.has(lower);
}
const CASELESS_WORDS = /^[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Han}\p{sc=Hangul}\p{sc=Katakana}]{2,15}(?: [\p{sc=Arabic}\p{sc=Hebrew}]{2,15})?$/u;
const CASELESS_NAME = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Thai}]{2,4}$/u;
const TITLE_CASE = /^\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*(?:[ \t]\p{Lu}\p{Ll}[\p{L}\p{M}'’.-]*){1,2}$/u;
