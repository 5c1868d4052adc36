import { factorAlternation } from '../context-words.js';
import { lexicon } from '../lexicon/index.js';
import { finding, type Recognizer } from './recognizer.js';

interface SecretPattern {
  readonly name: string;
  readonly re: RegExp;
  readonly conf: number;
  /** capture group holding the secret (0: whole match) */
  readonly group: number;
  /** substrings one of which must be present for the pattern to be tried (null: gated by keywords, see `find`) */
  readonly triggers: readonly string[] | null;
}

const PATTERNS: readonly SecretPattern[] = [
  { name: 'pem', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g, conf: 0.99, group: 0, triggers: ['-----BEGIN'] },
  { name: 'openai', re: /(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-api\d\d-)?[A-Za-z0-9_-]{20,}/g, conf: 0.97, group: 0, triggers: ['sk-'] },
  { name: 'aws_access_key', re: /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}(?![A-Z0-9])/g, conf: 0.97, group: 0, triggers: ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA'] },
  // (also without "aws_": a YAML or INI section names the provider, "secret_access_key: ...")
  { name: 'aws_secret', re: /(?:aws_?)?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, conf: 0.97, group: 1, triggers: null },
  { name: 'github', re: /(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g, conf: 0.98, group: 0, triggers: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  { name: 'gitlab', re: /(?<![\w-])gl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}/g, conf: 0.97, group: 0, triggers: ['glpat-', 'gldt-', 'glptt-', 'glrt-'] },
  { name: 'slack', re: /(?<![\w])xox[abposre]-[A-Za-z0-9-]{10,}/g, conf: 0.97, group: 0, triggers: ['xox'] },
  { name: 'slack_webhook', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g, conf: 0.97, group: 0, triggers: ['hooks.slack'] },
  { name: 'stripe', re: /(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, conf: 0.98, group: 0, triggers: ['k_'] },
  // (35 characters after "AIza" in a real key; a hand-made one may have a few more or fewer)
  { name: 'google', re: /(?<![\w-])AIza[0-9A-Za-z_-]{33,40}(?![\w-])/g, conf: 0.97, group: 0, triggers: ['AIza'] },
  { name: 'jwt', re: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, conf: 0.95, group: 0, triggers: ['eyJ'] },
  { name: 'bearer', re: /\b[Bb]earer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, conf: 0.9, group: 1, triggers: ['Bearer', 'bearer'] },
  { name: 'twilio', re: /(?<![\w])SK[0-9a-f]{32}(?![\w])/g, conf: 0.9, group: 0, triggers: ['SK'] },
  { name: 'sendgrid', re: /(?<![\w])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, conf: 0.97, group: 0, triggers: ['SG.'] },
  { name: 'npm', re: /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g, conf: 0.97, group: 0, triggers: ['npm_'] },
  { name: 'huggingface', re: /(?<![\w])hf_[A-Za-z0-9]{30,}(?![\w])/g, conf: 0.97, group: 0, triggers: ['hf_'] },
  // (keyword-gated: "shp" is too common a start for the trigger pass; a Shopify token comes with "token" or "key")
  { name: 'shopify', re: /(?<![\w])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![\w])/g, conf: 0.97, group: 0, triggers: null },
  {
    name: 'password',
    // keywords grouped by first letter (same matches, cheaper scan): password|passwd|passwort|passcode|pass|pwd|pw|pin|secret|
    // client_secret|api[_ -]?key|apikey|access[_ -]?token|auth[_ -]?token|token|private[_ -]?key|db_pass|mot de passe|contraseña
    re: new RegExp(
      // (not after a letter or digit: "POSTGRES_PASSWORD", "DB_PASSWORD" and "SMTP_API_KEY" name a secret too)
      `(?<![A-Za-z0-9])(?:${factorAlternation(['password', 'passwd', 'passwort', 'passcode', 'pass', 'pwd', 'pw', 'pin', 'secret', 'client_secret', 'api[_ -]?key', 'apikey', 'access[_ -]?token', 'auth[_ -]?token', 'token', 'private[_ -]?key', 'db_pass', 'mot de passe', 'contraseña', 'secret[_ -]?(?:access[_ -]?)?key', 'refresh[_ -]?token', 'session[_ -]?token', 'webhook[_ -]?secret', 'signing[_ -]?(?:key|secret)', 'app[_ -]?secret', 'consumer[_ -]?secret', 'encryption[_ -]?key'], true)})["']?\\s*(?:[:=]|=>|\\bis\\b:?)[ \\t]*(["'\`]?)([^\\s"'\`,;]{3,200})\\1`,
      'gi',
    ),
    conf: 0.9,
    group: 2,
    triggers: null,
  },
  {
    name: 'password_phrase',
    re: /\b(?:my|the|new|old|temporary|temp|current)\s+(?:password|passcode|pin|pw)\s+(?:is|was|would be|will be|to|set to)\s*:?\s*(["'`]?)([^\s"'`,;]{3,200}?)\1(?=[\s,;]|[.!?](?:\s|$)|$)/gi,
    conf: 0.9,
    group: 2,
    triggers: null,
  },
  // "tried my usual pw sunflower1987", "wachtwoord veranderd naar Tulp!2024amsterdam": a password word, a few words
  // of a sentence about it, then a value with a letter and a digit (so not "password reset", "pw 1234")
  {
    name: 'password_prose',
    re: /(?:password|passcode|passwort|pw|pwd|wachtwoord|contraseña|senha|mot de passe|has[lł]o|şifre(?:m|mi)?|lösenord|salasana)(?:[ \t]+(?:my|the|usual|old|new|current|temporary|temp|is|was|to|veranderd|gewijzigd|changed|set|naar|es|era|est|ist|war|é|jest|je|on|a|de|mi|mon|mein|minha|mijn))*?[ \t]*:?[ \t]+(["'`]?)((?![([{<])(?=[^\s"'`,;]*\d)(?=[^\s"'`,;]*\p{L})[^\s"'`,;]{6,64}?)\1(?=[\s,;]|[.!?](?:\s|$)|$)/giu,
    conf: 0.9,
    group: 2,
    triggers: null,
  },
  // Mailgun's API keys ("api:key-…" in a curl command)
  { name: 'mailgun', re: /(?<![\w-])key-[0-9a-f]{32}(?![\w])/g, conf: 0.95, group: 0, triggers: ['key-'] },
  // "set a temporary password (Riverside2025!)": the value in parentheses right after the word
  { name: 'password_paren', re: /\b(?:password|passcode|passwort|contraseña|pin)\s*\(\s*([^\s()]{4,200})\s*\)/gi, conf: 0.9, group: 1, triggers: null },
];

/**
 * pass|pwd|pw\b|secret|key|token|pin\b|mot de passe|contraseña (flag i) as a yes/no test: the gate of the password
 * patterns and of aws_secret (every match of theirs contains one of these words). Each alternative starts with
 * p, k or c, letters rarer than s, t and m: "token" and "secret" are matched from their 'k' and 'c' and a
 * lookbehind checks the letters before, and "mot de passe" holds "pass". The regex engine only stops where an
 * alternative's first letter is: ~35% cheaper, and true for the same texts.
 */
const PASSWORD_WORD = /p(?:ass|wd|w\b|in\b)|k(?:ey|en(?<=token))|c(?:ret(?<=secret)|ontraseña)/i;
/**
 * A template's stand-in for a secret, the whole value: "replace_me", "sk_test_replace_me", "sk_live_your_key_here",
 * "change-this-in-production", "replace-with-a-long-random-string", "your-api-key-here", "placeholder" (not a real
 * password that holds such a word: "changeme123" is kept).
 */
const TEMPLATE_VALUE = /^(?:[a-z]+_)*(?:replace[_-]?me|change[_-]?me|(?:change|replace)[_-](?:this|me|with)(?:[_-][a-z]+)*|your[_-][a-z_-]*[_-]here|placeholder|dummy(?:[_-](?:key|token|secret|value))?)$/i;
const STAND_IN = /[xX*]{8}|your[_-].*here|<your|example|placeholder/;
const PLACEHOLDER = /^(?:\*+|x+|•+|\.+|null|none|undefined|true|false|yes|no|required|optional|reset|changed|the|my|your|incorrect|wrong|expired|invalid|correct|same|different|new|old|forgotten|below|above|here|there|not|it|was|is|and|or|a|an|to|on|in|for|that|this|which|\[redacted\]|<redacted>|redacted|hidden|\$\{?\w+\}?|<[^>]*>|\{\{[^}]*\}\})$/i;

/** password words PASSWORD_WORD does not hold (Dutch, Portuguese, Polish, Turkish, Swedish, Finnish), lower case */
const FOREIGN_PASS_WORDS = ['wachtwoord', 'senha', 'hasło', 'haslo', 'şifre', 'lösenord', 'salasana'];
/** a necessary part of every password_phrase match (same flags) */
const PHRASE_GATE = /(?:password|passcode|pin|pw)\s+(?:is|was|would be|will be|to|set to)/i;
/**
 * Every trigger of PATTERNS. At one offset at most one alternative matches, so a global search restarted one
 * character after each hit finds every occurrence of every trigger. (Split into groups searched only when the
 * text has '_', '-' or ':', it measured slower.) The engine only stops where an alternative's first character
 * is, so none starts with a common character: "sk-", "hooks.slack", "eyJ", "-----BEGIN" and "npm_" are matched
 * from their 'k', 'k', 'J', 'B' and '_', a lookbehind checking the characters before, and FROM_ANCHOR names the
 * trigger of such a match; triggers with the same first letter share a branch (~50% cheaper than the plain list).
 */
const ANY_TRIGGER = /k(?:_|-(?<=sk-)|ey-|s\.slack(?<=hooks\.slack))|xox|A(?:Iza|KIA|SIA|GPA|IDA|ROA|NPA)|J(?<=eyJ)|B(?:EGIN(?<=-----BEGIN)|earer)|bearer|S(?:K|G\.)|_(?<=npm_)|f_(?<=hf_)|g(?:h[pousr]_|ithub_pat_|l(?:pat|dt|ptt|rt)-)/g;
const FROM_ANCHOR: Readonly<Record<string, string>> = { 'key-': 'key-', 'k-': 'sk-', 'ks.slack': 'hooks.slack', J: 'eyJ', BEGIN: '-----BEGIN', _: 'npm_', f_: 'hf_' };
const triggerOf = (match: string): string => FROM_ANCHOR[match] ?? match;
for (const p of PATTERNS) for (const t of p.triggers ?? []) if (triggerOf(t.match(ANY_TRIGGER)?.[0] ?? '') !== t) throw new Error(`secret: trigger ${t} missing from ANY_TRIGGER`);
/**
 * Each ANY_TRIGGER match (as matched: 'k-' for "sk-") -> the patterns it is a trigger of, bit i for PATTERNS[i]. A
 * text's triggers as one number: no set of strings, no lookup of the trigger's full name per match.
 */
const PATTERNS_OF = new Map<string, number>();
PATTERNS.forEach((p, i) => {
  for (const t of p.triggers ?? []) {
    const match = t.match(ANY_TRIGGER)?.[0] ?? '';
    PATTERNS_OF.set(match, (PATTERNS_OF.get(match) ?? 0) | (1 << i));
  }
});
if (PATTERNS.length > 31) throw new Error('secret: more patterns than bits in triggeredPatterns');

/** The patterns whose triggers are present in `text`, bit i for PATTERNS[i] (0 when none: most texts). One regex pass instead of one `includes` per trigger. */
function triggeredPatterns(text: string): number {
  let found = 0;
  ANY_TRIGGER.lastIndex = 0;
  for (let m = ANY_TRIGGER.exec(text); m !== null; m = ANY_TRIGGER.exec(text)) {
    found |= PATTERNS_OF.get(m[0]) ?? 0;
    ANY_TRIGGER.lastIndex = m.index + 1;
  }
  return found;
}

/** API keys of common providers, private-key blocks, JWTs, and values of password-like fields. */
export const secretRecognizer: Recognizer = {
  name: 'secret',
  types: ['SECRET'],
  applies: (s) => s.length >= 8,
  find(text, out, scan) {
    // One regex for the keywords. (It was preceded by a lower-case regex of the same words, which any match
    // of this one implies: that pass is saved.) Every aws_secret match has "secret" in it, so its "aws" gate
    // is asked only when the keyword regex found something.
    const hasPassWord = PASSWORD_WORD.test(text);
    const aws = hasPassWord && scan.lower.includes('aws');
    // one regex pass for all triggers instead of one `includes` per pattern
    const triggered = triggeredPatterns(text);
    const foreignPass = !hasPassWord && FOREIGN_PASS_WORDS.some((w) => scan.lower.includes(w));
    if (triggered === 0 && !hasPassWord && !foreignPass) return; // (aws implies hasPassWord)
    for (let i = 0; i < PATTERNS.length; i++) {
      const p = PATTERNS[i]!;
      if (p.triggers !== null && (triggered & (1 << i)) === 0) continue;
      if ((p.name === 'password' || p.name === 'password_phrase' || p.name === 'password_paren' || p.name === 'shopify') && !hasPassWord) continue;
      if (p.name === 'password_prose' && !hasPassWord && !foreignPass) continue;
      if (p.name === 'aws_secret' && !aws) continue;
      // "... password is X" needs the keyword then a verb: a cheaper regex says when there is none
      if (p.name === 'password_phrase' && !PHRASE_GATE.test(text)) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const value = m[p.group];
        if (value === undefined || value.length === 0) continue;
        // (password_prose's word starts a word: checked here, a leading lookbehind made the engine try every position)
        if (p.name === 'password_prose' && m.index > 0 && /[\p{L}\d_]/u.test(text[m.index - 1] ?? '')) continue;
        if (p.group > 0 && (PLACEHOLDER.test(value) || /^[.!?]+$/.test(value) || TEMPLATE_VALUE.test(value) || /^(?:<|\{\{|\$\{)/.test(value))) continue;
        // a provider's format filled with a stand-in: "sk_live_xxxxxxxxxxxx", "xoxb-your-token-here"
        if (STAND_IN.test(value)) continue;
        if (p.group > 0 && notASecretValue(text, m, value, p.name)) continue;
        let start = m.index;
        if (p.group > 0) start = m.index + m[0].lastIndexOf(value);
        let end = start + value.length;
        while (end > start && /[.,)\]}>]/.test(text[end - 1] ?? '') && p.group > 0) end--;
        if (end - start < 3) continue;
        out.push(finding('SECRET', start, end, p.conf, `secret.${p.name}`));
      }
    }
  },
};

/** "@newkey.txt": a file the command reads the value from */
const FILE_REFERENCE = /^@[\w./-]+$/;
/** the words of a value that is written in words: "read-only", "you" */
const WORDS_VALUE = /^[a-z]+(?:-[a-z]+)*$/;
const IS_SEPARATOR = /\bis\b:?[ \t]*["'`]?$/i;

/**
 * A field value that is prose or a reference, not a secret: "Administrator password: you will be asked to set one",
 * "your token is read-only", "secret_key=@newkey.txt", a sudo log's "PWD=/srv" (the working directory). A password
 * that is one ordinary word after a ':' or '=' ("password: sunshine") is kept.
 */
function notASecretValue(text: string, m: RegExpExecArray, value: string, pattern: string): boolean {
  if (FILE_REFERENCE.test(value)) return true;
  if (pattern !== 'password') return false;
  const valueAt = m.index + m[0].lastIndexOf(value);
  if ((value.charCodeAt(0) === 47 || value.charCodeAt(0) === 126) && text.slice(m.index, m.index + 3) === 'PWD') return true;
  if (!WORDS_VALUE.test(value) || !value.split('-').every((w) => lexicon().common.has(w))) return false;
  // ordinary words: prose when the sentence goes on, when joined by a hyphen, or after "is"
  const next = text.charCodeAt(valueAt + value.length);
  const after = text.charCodeAt(valueAt + value.length + 1);
  const goesOn = next === 32 && after >= 97 && after <= 122;
  return goesOn || value.includes('-') || IS_SEPARATOR.test(text.slice(m.index, valueAt));
}
