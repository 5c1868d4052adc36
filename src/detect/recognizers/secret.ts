import { factorAlternation } from '../context-words.js';
import { finding, type Recognizer } from './recognizer.js';

interface SecretPattern {
  readonly name: string;
  readonly re: RegExp;
  readonly conf: number;
  /** capture group holding the secret (0: whole match) */
  readonly group: number;
  /** a substring that must be present for the pattern to be tried */
  readonly trigger: string | null;
}

const PATTERNS: readonly SecretPattern[] = [
  { name: 'pem', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g, conf: 0.99, group: 0, trigger: '-----BEGIN' },
  { name: 'openai', re: /(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-api\d\d-)?[A-Za-z0-9_-]{20,}/g, conf: 0.97, group: 0, trigger: 'sk-' },
  { name: 'aws_access_key', re: /(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}(?![A-Z0-9])/g, conf: 0.97, group: 0, trigger: null },
  { name: 'aws_secret', re: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, conf: 0.97, group: 1, trigger: null },
  { name: 'github', re: /(?<![\w])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g, conf: 0.98, group: 0, trigger: null },
  { name: 'slack', re: /(?<![\w])xox[abposre]-[A-Za-z0-9-]{10,}/g, conf: 0.97, group: 0, trigger: 'xox' },
  { name: 'slack_webhook', re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g, conf: 0.97, group: 0, trigger: 'hooks.slack' },
  { name: 'stripe', re: /(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g, conf: 0.98, group: 0, trigger: 'k_' },
  { name: 'google', re: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g, conf: 0.97, group: 0, trigger: 'AIza' },
  { name: 'jwt', re: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, conf: 0.95, group: 0, trigger: 'eyJ' },
  { name: 'bearer', re: /\b[Bb]earer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, conf: 0.9, group: 1, trigger: 'earer' },
  { name: 'twilio', re: /(?<![\w])SK[0-9a-f]{32}(?![\w])/g, conf: 0.9, group: 0, trigger: 'SK' },
  { name: 'sendgrid', re: /(?<![\w])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, conf: 0.97, group: 0, trigger: 'SG.' },
  { name: 'npm', re: /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g, conf: 0.97, group: 0, trigger: 'npm_' },
  {
    name: 'password',
    // keywords grouped by first letter (same matches, cheaper scan): password|passwd|passwort|passcode|pass|pwd|pw|pin|secret|
    // client_secret|api[_ -]?key|apikey|access[_ -]?token|auth[_ -]?token|token|private[_ -]?key|db_pass|mot de passe|contraseña
    re: new RegExp(
      `(?<![\\w])(?:${factorAlternation(['password', 'passwd', 'passwort', 'passcode', 'pass', 'pwd', 'pw', 'pin', 'secret', 'client_secret', 'api[_ -]?key', 'apikey', 'access[_ -]?token', 'auth[_ -]?token', 'token', 'private[_ -]?key', 'db_pass', 'mot de passe', 'contraseña'], true)})["']?\\s*(?:[:=]|=>|\\bis\\b:?)\\s*(["'\`]?)([^\\s"'\`,;]{3,200})\\1`,
      'gi',
    ),
    conf: 0.9,
    group: 2,
    trigger: null,
  },
  {
    name: 'password_phrase',
    re: /\b(?:my|the|new|old|temporary|temp|current)\s+(?:password|passcode|pin|pw)\s+(?:is|was|would be|will be|to|set to)\s*:?\s*(["'`]?)([^\s"'`,;]{3,200}?)\1(?=[\s,;]|[.!?](?:\s|$)|$)/gi,
    conf: 0.9,
    group: 2,
    trigger: null,
  },
];

const PASSWORD_WORD = /pass|pwd|pw\b|secret|key|token|pin\b|mot de passe|contraseña/i;
const PLACEHOLDER = /^(?:\*+|x+|•+|\.+|null|none|undefined|true|false|yes|no|required|optional|reset|changed|the|my|your|incorrect|wrong|expired|invalid|correct|same|different|new|old|forgotten|below|above|here|there|not|it|was|is|and|or|a|an|to|on|in|for|that|this|which|\[redacted\]|<redacted>|redacted|hidden|\$\{?\w+\}?|<[^>]*>|\{\{[^}]*\}\})$/i;

/** every trigger of PATTERNS, the AWS key prefixes and the GitHub token prefixes: no match, no gate open */
const ANY_TRIGGER = /-----BEGIN|sk-|xox|hooks\.slack|k_|AIza|eyJ|earer|SK|SG\.|npm_|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|gh[pousr]_|github_pat_/;
const AWS_KEY = /AKIA|ASIA|AGPA|AIDA|AROA|ANPA/;
/** (was: includes 'gh' or 'github_pat_', and this regex; the regex alone implies the includes) */
const GITHUB = /gh[pousr]_|github_pat_/;
/** a necessary part of every password_phrase match (same flags) */
const PHRASE_GATE = /(?:password|passcode|pin|pw)\s+(?:is|was|would be|will be|to|set to)/i;
/** (was: lower.includes of each word) */
const ANY_PASS_LOWER = new RegExp(factorAlternation(['pass', 'pw', 'secret', 'key', 'token', 'pin', 'mot de passe', 'contraseña'], false));
for (const p of PATTERNS) if (p.trigger !== null && !ANY_TRIGGER.source.includes(p.trigger.replace('.', '\\.'))) throw new Error(`secret: trigger ${p.trigger} missing from ANY_TRIGGER`);

/** API keys of common providers, private-key blocks, JWTs, and values of password-like fields. */
export const secretRecognizer: Recognizer = {
  name: 'secret',
  types: ['SECRET'],
  applies: (s) => s.length >= 8,
  find(text, out, scan) {
    const lower = scan.lower;
    // one regex pass each instead of ~25 whole-text `includes`: when neither finds a keyword, every
    // pattern's gate below is false (the individual gates are asked only when one is present)
    const lowerHasPass = ANY_PASS_LOWER.test(lower) && PASSWORD_WORD.test(text);
    const anyTrigger = ANY_TRIGGER.test(text);
    if (!anyTrigger && !lowerHasPass && !lower.includes('aws')) return;
    for (const p of PATTERNS) {
      if (p.trigger !== null && (!anyTrigger || !text.includes(p.trigger))) continue;
      if ((p.name === 'password' || p.name === 'password_phrase') && !lowerHasPass) continue;
      if (p.name === 'aws_access_key' && !(anyTrigger && AWS_KEY.test(text))) continue;
      if (p.name === 'aws_secret' && !lower.includes('aws')) continue;
      if (p.name === 'github' && !(anyTrigger && GITHUB.test(text))) continue;
      // "... password is X" needs the keyword then a verb: a cheaper regex says when there is none
      if (p.name === 'password_phrase' && !PHRASE_GATE.test(text)) continue;
      p.re.lastIndex = 0;
      for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
        const value = m[p.group];
        if (value === undefined || value.length === 0) continue;
        if (p.group > 0 && (PLACEHOLDER.test(value) || /^[.!?]+$/.test(value))) continue;
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
