import { escapeRegex, compileCustom } from './recognizers/custom.js';
import { creditCardRecognizer } from './recognizers/credit-card.js';
import { dateOfBirthRecognizer } from './recognizers/date-of-birth.js';
import { emailRecognizer } from './recognizers/email.js';
import { ibanRecognizer } from './recognizers/iban.js';
import { ipAddressRecognizer } from './recognizers/ip-address.js';
import { locationRecognizer } from './recognizers/location.js';
import { organizationRecognizer } from './recognizers/organization.js';
import { personRecognizer } from './recognizers/person.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { prescan, type Recognizer } from './recognizers/recognizer.js';
import { secretRecognizer } from './recognizers/secret.js';
import { spokenRecognizer } from './recognizers/spoken.js';
import { answerRecognizer } from './recognizers/answers.js';
import { streetAddressRecognizer } from './recognizers/street-address.js';
import { asianStreetAddressRecognizer } from './recognizers/street-address-asia.js';
import { keyedAddressRecognizer } from './recognizers/street-address-keyed.js';
import { urlRecognizer } from './recognizers/url.js';
import { usSsnRecognizer } from './recognizers/us-ssn.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { detectionView, withoutInvisibles } from './text-view.js';
import { lexicon } from './lexicon/index.js';
import { ENTITY_TYPES, type Detector, type DetectorConfig, type EntityType, type Finding } from './types.js';

/** The built-in recognizers, in a fixed order (the order does not change results: overlaps are ranked). */
export const BUILTIN_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  urlRecognizer,
  secretRecognizer,
  creditCardRecognizer,
  ibanRecognizer,
  usSsnRecognizer,
  phoneRecognizer,
  ipAddressRecognizer,
  dateOfBirthRecognizer,
  spokenRecognizer,
  answerRecognizer,
  streetAddressRecognizer,
  asianStreetAddressRecognizer,
  keyedAddressRecognizer,
  personRecognizer,
  locationRecognizer,
  organizationRecognizer,
];

/** Every built-in type except ORGANIZATION, threshold 0.5, no custom recognizers, empty allowlist. */
export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = Object.freeze({
  enabled: Object.freeze(ENTITY_TYPES.filter((t) => t !== 'ORGANIZATION')),
  minConfidence: Object.freeze({}),
  custom: Object.freeze([]),
  allowlist: Object.freeze([]),
});

const DEFAULT_MIN_CONFIDENCE = 0.5;
const NAME_LIKE = new Set<EntityType>(['PERSON', 'LOCATION', 'ORGANIZATION']);

/** Compile a detector for one policy: regexes, term lists and the allowlist are built here, once. */
export function createDetector(config: DetectorConfig): Detector {
  lexicon();
  const enabled = new Set<EntityType>(config.enabled);
  const recognizers: Recognizer[] = [];
  for (const r of BUILTIN_RECOGNIZERS) if (r.types.some((t) => enabled.has(t))) recognizers.push(r);
  for (const c of config.custom) if (enabled.has(c.type) || !ENTITY_TYPES.includes(c.type as never)) recognizers.push(compileCustom(c));
  const customTypes = new Set(config.custom.map((c) => c.type));
  const minConf = (type: EntityType): number => config.minConfidence[type] ?? DEFAULT_MIN_CONFIDENCE;
  const thresholds = new Map<EntityType, number>();
  for (const t of [...enabled, ...customTypes]) thresholds.set(t, minConf(t));
  const terms = config.allowlist.map((t) => t.trim()).filter((t) => t.length > 0);
  const allow =
    terms.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}_])(?:${terms.sort((a, b) => b.length - a.length).map(escapeRegex).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');

  // (a named function, not a method: the invisible-character path calls it again without relying on `this`)
  function detect(original: string): Finding[] {
    if (original.length === 0) return [];
    // look-alike digits, spaces and hyphens folded, offsets unchanged (findings are offsets only); the prescan's
    // list of capitals holds every character beyond ASCII, so only those are looked at, and a text that changes
    // (rare) is scanned again
    let scan = prescan(original);
    const text = scan.nonAscii === true ? detectionView(original, scan.capitals) : original;
    if (text !== original) scan = prescan(text);
    // invisible characters (rare): detection runs on the text without them, and each finding is mapped back so
    // that it covers the characters hidden inside the value ("maria\u200b@acme.io" is one address)
    if (scan.invisible === true) {
      const { view, at } = withoutInvisibles(text);
      return detect(view).map((f) => ({ ...f, start: at[f.start] as number, end: (at[f.end - 1] as number) + 1 }));
    }
    const raw: Finding[] = [];
    for (const r of recognizers) if (r.applies(scan)) r.find(text, raw, scan);
    let kept: Finding[] = [];
    for (const f of raw) {
      const min = thresholds.get(f.type);
      if (min !== undefined && f.confidence >= min && f.end > f.start) kept.push(f);
    }
    if (allow !== null) kept = applyAllowlist(text, kept, allow);
    return resolveOverlaps(withoutNamesInAddresses(withKeyedAddressesWhole(kept)));
  }
  return { detect };
}

/**
 * The value of an address field is one address: an address that a national recognizer found inside it, or across
 * its edge, joins it ("Billing address: Dizengoff St 142, Apt 8, Tel Aviv 6433117", where the national form reads
 * only "Dizengoff St 142").
 */
const KEYED_ADDRESS = keyedAddressRecognizer.name;
function withKeyedAddressesWhole(findings: Finding[]): Finding[] {
  let keyed: Finding[] | null = null;
  for (const f of findings) if (f.recognizer === KEYED_ADDRESS) (keyed ??= []).push(f);
  if (keyed === null) return findings;
  const out: Finding[] = [];
  const joined = keyed.map((k) => ({ ...k }));
  for (const f of findings) {
    if (f.recognizer === KEYED_ADDRESS) continue;
    const k = f.type === 'STREET_ADDRESS' ? joined.find((j) => f.start < j.end && j.start < f.end) : undefined;
    if (k === undefined) {
      out.push(f);
      continue;
    }
    k.start = Math.min(k.start, f.start);
    k.end = Math.max(k.end, f.end);
    k.confidence = Math.max(k.confidence, f.confidence);
  }
  return out.concat(joined);
}

/**
 * A street address swallows the names inside it: streets are named after people and places ("Via Antonio
 * Locatelli 9", "42 Lý Thường Kiệt, Phường …"), and the name's higher confidence must not cut the address.
 */
function withoutNamesInAddresses(findings: Finding[]): Finding[] {
  let addresses: Finding[] | null = null;
  for (const f of findings) if (f.type === 'STREET_ADDRESS') (addresses ??= []).push(f);
  if (addresses === null) return findings;
  // by start, each with the furthest end so far: the address that may hold a name is found by a binary search
  addresses.sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  let far = -1;
  for (const a of addresses) reach.push((far = Math.max(far, a.end)));
  const inside = (f: Finding): boolean => {
    let lo = 0;
    let hi = addresses.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((addresses[mid] as Finding).start <= f.start) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && (reach[k] as number) >= f.end;
  };
  return findings.filter((f) => !NAME_LIKE.has(f.type) || !inside(f));
}

/** Drop findings inside an allowlisted term; trim name-like findings that only partly cover one. */
function applyAllowlist(text: string, findings: Finding[], allow: RegExp): Finding[] {
  const spans: Array<[number, number]> = [];
  allow.lastIndex = 0;
  for (let m = allow.exec(text); m; m = allow.exec(text)) spans.push([m.index, m.index + m[0].length]);
  if (spans.length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    let cur: Finding | null = f;
    for (const [s, e] of spans) {
      if (cur === null) break;
      if (e <= cur.start || s >= cur.end) continue;
      if (s <= cur.start && e >= cur.end) {
        cur = null;
      } else if (NAME_LIKE.has(cur.type)) {
        const left = text.slice(cur.start, s).trimEnd();
        const right = text.slice(e, cur.end);
        const rightTrim = right.trimStart();
        if (left.length >= rightTrim.length && left.length > 1) cur = { ...cur, end: cur.start + left.length };
        else if (rightTrim.length > 1) cur = { ...cur, start: cur.end - rightTrim.length };
        else cur = null;
      }
    }
    if (cur !== null) out.push(cur);
  }
  return out;
}
