import { ipv4Valid, ipv6Valid } from '../checksums.js';
import { Cues, IP_NEGATIVE, isAsciiDigitCode, isAsciiLetterCode } from '../context-words.js';
import { codeAt, finding, type Recognizer } from './recognizer.js';

const V4 = /(?<![\w.-])(?:\d{1,3}\.){3}\d{1,3}(?![\w-]|\.\d)/y;
/** sticky: tried only where v6Starts says a match can start */
const V6 = /(?<![\w:.])(?=[0-9A-Fa-f:]*::?[0-9A-Fa-f])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/y;
// `/[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(text)`, tried only at the character before each ':'
const V6_GATE_AT = /[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/y;
function v6Gate(text: string): boolean {
  for (let c = text.indexOf(':', 1); c !== -1; c = text.indexOf(':', c + 1)) {
    // the regex needs hex digits on both sides of this ':' ("Subject: ", "Tel:" fail here, without a regex call)
    if (!isHexCode(codeAt(text, c - 1)) || !isHexCode(codeAt(text, c + 1))) continue;
    V6_GATE_AT.lastIndex = c - 1;
    if (V6_GATE_AT.test(text)) return true;
  }
  return false;
}
const VERSION = new Cues(IP_NEGATIVE);
/** loopback (127/8), "this host" (0.0.0.0) and broadcast: no machine of a person (reported below the threshold) */
const HOST_ONLY_V4 = /^(?:127\.|0\.0\.0\.0$|255\.255\.255\.255$)/;
/** "10.0.0.0/8", "203.0.113.0/24": a network in CIDR notation (host part zero), not one machine */
const NETWORK_AFTER = /^\/\d{1,2}(?!\d)/;

/**
 * Addresses that name no machine on the internet: private (10/8, 172.16/12, 192.168/16), shared (100.64/10) and
 * link-local (169.254/16). Seen from outside they point at nobody: in configs, logs and runbooks they are a
 * company's own hosts, and they are personal data only where the text ties one to a person ("my IP is
 * 192.168.1.20", a log line with the user's e-mail). (The documentation ranges, 192.0.2/24, 198.51.100/24,
 * 203.0.113/24 and 2001:db8::/32, stay personal data: they are what careful writers put where a real visitor's
 * address would stand.)
 */
function internalV4(ip: string): boolean {
  const dot = ip.indexOf('.');
  const a = Number(ip.slice(0, dot));
  const b = Number(ip.slice(dot + 1, ip.indexOf('.', dot + 1)));
  if (a === 10) return true;
  if (a === 172) return b >= 16 && b <= 31;
  if (a === 192) return b === 168;
  if (a === 100) return b >= 64 && b <= 127;
  return a === 169 && b === 254;
}
/** the documentation ranges: an example where the line says so ("for example 192.0.2.10", "the docs use 203.0.113.25") */
function documentationV4(ip: string): boolean {
  return ip.startsWith('192.0.2.') || ip.startsWith('198.51.100.') || ip.startsWith('203.0.113.');
}
const DOCUMENTATION_V6 = /^2001:0?db8:/i;
const EXAMPLE = new Cues(['example', 'examples', 'e.g.', 'eg', 'docs', 'documentation', 'guide', 'sample', 'placeholder', 'such as']);
function documentationConfidence(text: string, start: number): number {
  return EXAMPLE.near(text, lineBefore(text, start), start) ? INTERNAL_CONFIDENCE : 0.92;
}
/** where the context of an address on its line starts: the line's start, at most 120 characters back */
function lineBefore(text: string, start: number): number {
  return Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 120);
}
/** the IPv6 counterparts: link-local fe80::/10 and unique local fc00::/7 */
const INTERNAL_V6 = /^(?:fe[89ab][0-9a-f]?:|f[cd][0-9a-f]{0,2}:)/i;
/** what ties an internal address to a person on its line: whose it is, a sign-in, a customer */
const PERSONAL_IP = new Cues(['ip', 'my', 'your', 'his', 'her', 'their', 'customer', "customer's", 'user', "user's", 'caller', 'member', 'subscriber', 'account', 'login', 'logged in', 'log in', 'signed in', 'sign in', 'sign-in', 'session', 'home']);
/** an address's confidence when it is internal: reported below the default threshold unless its line ties it to a person */
function internalConfidence(text: string, start: number): number {
  const from = lineBefore(text, start);
  // (an e-mail address earlier on the line: "session created for kim@… from fe80::…"; not "user@10.0.0.5")
  const at = text.lastIndexOf('@', start - 2);
  return PERSONAL_IP.near(text, from, start) || (at >= from && at < start - 1) ? 0.92 : INTERNAL_CONFIDENCE;
}
const INTERNAL_CONFIDENCE = 0.45;

const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
/** \w */
const isWordCode = (c: number): boolean => isAsciiDigitCode(c) || isAsciiLetterCode(c) || c === 95;

/**
 * Can V4 match at the digit run from `p` to `end`? Its lookbehind (no \w, '.' or '-' before) and its first
 * octet (the run's 1-3 digits, then '.') fail at most digit runs: checked without a regex call (and without
 * reading outside the text: see codeAt).
 */
function v4MayStartAt(text: string, p: number, end: number): boolean {
  const b = codeAt(text, p - 1);
  if (b === 46 || b === 45 || isWordCode(b)) return false;
  return end - p <= 3 && codeAt(text, end) === 46;
}

/**
 * Where can V6 start? Its match holds a ':' right after [0-9A-Fa-f]{0,4}, and its lookbehind wants no [\w:.] before
 * the start, so before each ':' the start can only be where its run of hex digits begins (0-4 of them, after no
 * \w, ':' or '.'): at most one start per ':', in order.
 */
function v6Starts(text: string): number[] {
  const starts: number[] = [];
  for (let c = text.indexOf(':'); c !== -1; c = text.indexOf(':', c + 1)) {
    let p = c;
    while (p > c - 4 && isHexCode(codeAt(text, p - 1))) p--;
    const b = codeAt(text, p - 1);
    if (!(isWordCode(b) || b === 58 || b === 46)) starts.push(p);
  }
  return starts;
}

/** "(firmware) from 2.14.0.7 to 2.14.1.0": dotted numbers that one thing moves between, after a version word */
const STEP_AFTER = /^[ \t]*(?:to|->|→|=>)[ \t]*v?\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)/;
const STEP_BEFORE = /(?:^|[^\w.])v?\d{1,3}(?:\.\d{1,3}){3}[ \t]*(?:to|->|→|=>)[ \t]*$/;
function versionStep(text: string, start: number, end: number): boolean {
  const step = STEP_AFTER.test(text.slice(end, end + 24)) || STEP_BEFORE.test(text.slice(Math.max(0, start - 24), start));
  return step && VERSION.near(text, Math.max(0, start - 64), start);
}

/** IPv4 (octets checked; "version 1.2.3.4" is not an address) and IPv6. */
export const ipAddressRecognizer: Recognizer = {
  name: 'ip_address',
  types: ['IP_ADDRESS'],
  applies: (s) => s.digits >= 2,
  find(text, out, scan) {
    if (scan.digitRuns.length >= 4 && text.includes('.')) {
      // execAt inlined (one call site per regex keeps the JIT's inline caches monomorphic)
      let next = 0;
      const runs = scan.digitRuns;
      for (let n = 0; n < runs.length; n++) {
        const p = runs[n]!;
        if (p < next || !v4MayStartAt(text, p, scan.digitRunEnds[n]!)) continue;
        V4.lastIndex = p;
        const m = V4.exec(text);
        if (m === null) continue;
        next = m.index + (m[0].length || 1);
        if (!ipv4Valid(m[0])) continue;
        // ("v1.2.3.4" cannot match: V4's lookbehind rejects the 'v', so the old `/\bv$/i` test of the window was always false)
        const end = m.index + m[0].length;
        const conf =
          VERSION.endsAt(text, m.index, 24) || HOST_ONLY_V4.test(m[0]) || versionStep(text, m.index, end) || (m[0].endsWith('.0') && NETWORK_AFTER.test(text.slice(end, end + 4)))
            ? 0.2
            : internalV4(m[0])
              ? internalConfidence(text, m.index)
              : documentationV4(m[0])
                ? documentationConfidence(text, m.index)
                : 0.92;
        out.push(finding('IP_ADDRESS', m.index, m.index + m[0].length, conf, 'ip_address.v4'));
      }
    }
    if (scan.colon && (text.includes('::') || v6Gate(text))) {
      // (execAt inlined: a sticky V6 at each possible start, in order, finds what a global scan would)
      let next = 0;
      for (const p of v6Starts(text)) {
        if (p < next) continue;
        V6.lastIndex = p;
        const m = V6.exec(text);
        if (m === null) continue;
        next = m.index + (m[0].length || 1);
        const raw = m[0];
        if (raw.length < 6 || !ipv6Valid(raw)) continue;
        if (!/[0-9a-fA-F]{2}/.test(raw)) continue;
        const conf = /^(?:0{0,4}:){2,7}0{0,3}1$/.test(raw) ? 0.2 : INTERNAL_V6.test(raw) ? internalConfidence(text, m.index) : DOCUMENTATION_V6.test(raw) ? documentationConfidence(text, m.index) : 0.92;
        out.push(finding('IP_ADDRESS', m.index, m.index + raw.length, conf, 'ip_address.v6'));
      }
    }
  },
};
