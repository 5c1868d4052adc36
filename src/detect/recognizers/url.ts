import { finding, type Recognizer } from './recognizer.js';

/**
 * Hosts whose first path segment names a person (a profile): "linkedin.com/in/jane-doe", "github.com/jdoe",
 * "wa.me/447700900123". Also found written without a scheme or "www." ("linkedin.com/in/jane-doe").
 */
const PROFILE_HOSTS = String.raw`(?:linkedin\.com\/in|facebook\.com|fb\.com|twitter\.com|x\.com|instagram\.com|github\.com|gitlab\.com|tiktok\.com\/@|youtube\.com\/@|medium\.com\/@|t\.me|wa\.me|calendly\.com)\/`;
const URL_RE = new RegExp(String.raw`\b(?:(?:https?|ftp|wss?|sftp|ssh|postgres(?:ql)?|mysql|mariadb|mssql|sqlserver|mongodb(?:\+srv)?|rediss?|amqps?|smtps?|ldaps?|mqtts?|nats|kafka|clickhouse|couchdb|neo4j(?:\+s)?|bolt):\/\/|www\.|(?<![\w.@/-])(?=${PROFILE_HOSTS}[^/?#\s]{2}))[^\s<>"'\`{}|\\^]+`, 'gi');
/** a bare profile address needs one of these in the text (cheap gate before the regex) */
const PROFILE_MARKS = ['.com/', 't.me/', 'wa.me/'];
// the lookbehind makes each run of local-part characters tried once (linear on long URLs)
const EMAIL_IN = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+\.[A-Za-z]{2,}/;
/** userinfo without a password that is itself a credential: a provider token or a long mixed-case/digit string */
const TOKEN_USER = /^(?:gh[pousr]_[A-Za-z0-9]{30,}|[0-9a-f]{32,64}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}|(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{24,})$/;
/** a query parameter holding a personal value, a credential, or a booking reference (with a surname it opens a booking) */
const PERSONAL_PARAM =
  /[?&#;](?:e-?mail|mail|user(?:name)?|login|name|first_?name|last_?name|full_?name|surname|family_?name|given_?name|last|ln|fn|lname|fname|phone|tel|mobile|msisdn|ssn|dob|birth_?date|address|pnr|booking_?(?:ref|code)|token|access_token|api_?key|key|password|pass|pwd|secret|sig|signature|session|sid|auth|code)=[^&#\s]{2,}/i;

/** a password slot of a template ("postgres://USER:PASSWORD@host"), not a password */
const PLACEHOLDER_PASSWORD = /^(?:password|passwd|pass|pwd|secret|changeme|change-me|xxx+|\*+|<[^>]*>|\$\{?\w+\}?|\{\{[^}]*\}\})$/i;

/** The patterns below read a URL from its authority on (after "scheme://"): the scheme is found once, by the caller. */
/** userinfo before the host ("user:pass@"; a '#' too: connection strings carry passwords unencoded) */
const USERINFO = /^([^/?@\s]+)@/;
/** a URL whose host is this machine: localhost, 127.x.x.x, 0.0.0.0, [::1] */
const LOCAL_HOST = /^(?:[^/?#@\s]*@)?(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?![\w.-])/i;
/** a template's URL: a reserved example domain (RFC 2606: .example, .invalid, .test) or a HOST placeholder */
const TEMPLATE_HOST = /^(?:[^/?#@\s]*@)?(?:[^/?#:\s]*\.(?:example|invalid|test)|HOST|YOUR[-_]HOST|<[^>]*>)(?![\w.-])/;
/**
 * A URL that names someone by its path: a profile on a social or code host, or a user-ish path segment with a
 * value after it ("/users/48213", "/patients/jdoe/records", "/~jdoe").
 */
const PERSONAL_PATH = new RegExp(
  String.raw`^(?:www\.|m\.)?(?:${PROFILE_HOSTS}[^/?#\s]{2,}|[^/?#\s]+(?:\/[^?#\s]*)?\/(?:users?|u|profiles?|people|persons?|members?|customers?|accounts?|patients?|employees?|staff|students?|clients?|contacts?)\/[^/?#\s]+|[^/?#\s]+\/~[^/?#\s]+)`,
  'i',
);

/** . , ; : ! ? ) ] ' * (was the regex /[.,;:!?)\]'*]$/ on the whole URL at each step) */
const isTrailingCode = (c: number): boolean => c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 39 || c === 42;

/**
 * URLs. A URL that carries credentials (user:pass@), an e-mail address or a personal/secret query value
 * is reported with a higher confidence, so it wins over the smaller findings inside it; when URL is not
 * enabled those inner findings (EMAIL, SECRET...) are reported by the other recognizers instead.
 */
export const urlRecognizer: Recognizer = {
  name: 'url',
  types: ['URL', 'SECRET'],
  applies: (s) => s.length >= 8,
  find(text, out, scan) {
    // (no ':' in the text, no "://": the prescan says so without a search)
    if (!(scan.colon && text.includes('://')) && !scan.lower.includes('www.') && !PROFILE_MARKS.some((m) => scan.lower.includes(m))) return;
    URL_RE.lastIndex = 0;
    for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
      let raw = m[0];
      // trailing punctuation is prose, not URL; keep a ')' only if the URL opened one
      while (raw.length > 0 && isTrailingCode(raw.charCodeAt(raw.length - 1))) {
        if (raw.endsWith(')') && (raw.match(/\(/g)?.length ?? 0) >= (raw.match(/\)/g)?.length ?? 0)) break;
        raw = raw.slice(0, -1);
      }
      if (raw.length < 8) continue;
      const start = m.index;
      const end = start + raw.length;
      // the authority and what follows it: after "scheme://", or the whole of a "www." or bare profile address
      const slashes = raw.indexOf('://');
      const rest = slashes === -1 ? raw : raw.slice(slashes + 3);
      const user = slashes === -1 ? null : USERINFO.exec(rest);
      let conf = 0.9;
      // a credential, an e-mail address or a personal/secret query value in the URL
      let carries = false;
      if (user?.[1] !== undefined) {
        conf = 0.99;
        const colon = user[1].indexOf(':');
        const userStart = start + slashes + 3;
        if (colon === -1 && TOKEN_USER.test(user[1]) && user[1].length >= 20) {
          // "https://ghp_…@github.com/…": the token is the secret; it outranks (and so replaces) the URL span
          out.push(finding('SECRET', userStart, userStart + user[1].length, 0.995, 'url.token'));
          carries = true;
        } else if (colon !== -1 && !PLACEHOLDER_PASSWORD.test(user[1].slice(colon + 1))) {
          const passStart = userStart + colon + 1;
          out.push(finding('SECRET', passStart, passStart + user[1].length - colon - 1, 0.95, 'url.password'));
          carries = true;
        }
      } else if (((raw.includes('@') || raw.includes('%40')) && EMAIL_IN.test(raw)) || (raw.includes('=') && PERSONAL_PARAM.test(raw))) {
        // (every PERSONAL_PARAM match has a '=': a URL without one is not asked)
        conf = 0.99;
        carries = true;
      }
      // a URL of this machine ("http://localhost:8080/healthz", "postgres://USER:PASSWORD@127.0.0.1/app") or of a
      // template ("https://your-domain.example", "postgres://USER:PASSWORD@HOST:5432/DBNAME") names nobody, unless it
      // carries a credential or a personal value (a realistic example domain may stand for a real one)
      if (!carries && (LOCAL_HOST.test(rest) || TEMPLATE_HOST.test(rest))) conf = 0.3;
      // a plain URL (docs, a status page, an API endpoint) names nobody: reported below the shipped policy's 0.6 for
      // URL, so it is forwarded as written; a policy that wants every URL sets a lower minimum
      else if (!carries && !PERSONAL_PATH.test(rest)) conf = 0.55;
      out.push(finding('URL', start, end, conf, 'url'));
    }
  },
};
