/** Validators for pattern matches: checksums and range rules. Pure, allocation-light. */

/** Luhn (mod 10) over the digits of `s`; non-digits are ignored. */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let double = false;
  let count = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    count++;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return count > 0 && sum % 10 === 0;
}

/** Digits only. */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/** A known issuer prefix (one regex: the same prefixes as one test each) */
const ISSUER = new RegExp(
  '^(?:' +
    [
      '4', // Visa
      '5[1-5]|2(?:2[2-9]|[3-6]\\d|7[01]|720)', // Mastercard
      '3[47]', // Amex
      '6011|65|64[4-9]|622', // Discover / UnionPay
      '35(?:2[89]|[3-8]\\d)', // JCB
      '3(?:0[0-5]|[68])', // Diners
      '5018|5020|5038|5893|6304|6759|676[1-3]', // Maestro
      '62', // UnionPay
      '220[0-4]', // Mir
      '9792', // Troy
      '60|8[12]|508', // RuPay
      '50[6-9]|6062', // Verve, Elo, Hipercard
      '8600|9860', // UzCard, Humo
    ].join('|') +
    ')',
);

/** Card number plausibility: 13-19 digits, a known issuer prefix, Luhn-valid. */
export function creditCardValid(s: string): boolean {
  const d = digitsOf(s);
  if (d.length < 13 || d.length > 19) return false;
  if (/^(\d)\1+$/.test(d)) return false;
  return ISSUER.test(d) && luhnValid(d);
}

/** US SSN rules (SSA): area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function usSsnValid(s: string): boolean {
  const d = digitsOf(s);
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  const group = d.slice(3, 5);
  const serial = d.slice(5);
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return true;
}

const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** IBAN_LENGTHS by the two letters' codes: [(a - 65) * 26 + (b - 65)], 0 when unknown */
const IBAN_LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [cc, n] of Object.entries(IBAN_LENGTHS)) IBAN_LENGTH_BY_CODE[(cc.charCodeAt(0) - 65) * 26 + (cc.charCodeAt(1) - 65)] = n;

/** IBAN: known country length (when known) and ISO 7064 mod-97 = 1. Spaces are ignored. */
export function ibanValid(s: string): boolean {
  // fast path for ASCII (what the recognizer passes), in one pass without building strings: the same tests on
  // the same compacted, upper-cased characters; any other character goes to the general path (toUpperCase and
  // \s reach beyond ASCII)
  let len = 0; // characters after removing spaces and dashes
  let head = 0; // the first four, as mod97 folds them (they go last)
  let headDigits = 0; // how many digits those four make (a letter counts 2)
  let country = 0;
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c > 127) return ibanValidGeneral(s);
    if (c === 32 || c === 45 || (c >= 9 && c <= 13)) continue;
    if (c >= 97 && c <= 122) c -= 32;
    const letter = c >= 65 && c <= 90;
    const digit = c >= 48 && c <= 57;
    if (len < 2 ? !letter : len < 4 ? !digit : !(letter || digit)) return false;
    if (len < 2) country = country * 26 + (c - 65);
    if (len < 4) {
      head = letter ? head * 100 + (c - 55) : head * 10 + (c - 48);
      headDigits += letter ? 2 : 1;
    } else rem = letter ? (rem * 100 + (c - 55)) % 97 : (rem * 10 + (c - 48)) % 97;
    len++;
  }
  if (len < 15 || len > 34) return false;
  const expected = IBAN_LENGTH_BY_CODE[country];
  if (expected !== 0 && expected !== len) return false;
  // append the head: rem * 10^headDigits + head (at most 6 digits: no precision issue)
  return (rem * 10 ** headDigits + head) % 97 === 1;
}

function ibanValidGeneral(s: string): boolean {
  const iban = s.replace(/[\s-]/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && expected !== iban.length) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Remainder mod 97 of the number formed by replacing letters with 10..35. */
export function mod97(s: string): number {
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      rem = (rem * 10 + (c - 48)) % 97;
    } else if (c >= 65 && c <= 90) {
      rem = (rem * 100 + (c - 55)) % 97;
    } else if (c >= 97 && c <= 122) {
      rem = (rem * 100 + (c - 87)) % 97;
    } else {
      return -1;
    }
  }
  return rem;
}

/** Dotted-quad IPv4 with each octet 0-255 and no leading zeros beyond "0". */
export function ipv4Valid(s: string): boolean {
  // fast path for digits and dots (what the recognizers pass), without split/Number: any invalid octet or a
  // wrong count makes both paths false; any other character goes to the general path
  let parts = 1;
  let len = 0;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (len === 0) return false;
      parts++;
      len = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (len === 1 && value === 0) return false; // leading zero
      len++;
      value = value * 10 + (c - 48);
      if (len > 3 || value > 255) return false;
    } else {
      return ipv4ValidGeneral(s);
    }
  }
  return parts === 4 && len > 0;
}

function ipv4ValidGeneral(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return false;
    if (p.length > 1 && p[0] === '0') return false;
    const n = Number(p);
    if (!Number.isInteger(n) || n > 255) return false;
  }
  return true;
}

/** IPv6 (RFC 4291 text forms incl. "::" compression and an embedded IPv4 tail). */
export function ipv6Valid(s: string): boolean {
  if (s.length < 3 || s.length > 45) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  let head = s;
  let groupsFromV4 = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!ipv4Valid(tail)) return false;
    groupsFromV4 = 2;
    head = s.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const parts = dbl === -1 ? head.split(':') : [];
  if (dbl === -1) {
    if (parts.length + groupsFromV4 !== 8) return false;
    return parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p));
  }
  const [left = '', right = ''] = head.split('::');
  const l = left === '' ? [] : left.split(':');
  const r = right === '' ? [] : right.split(':');
  if (l.length + r.length + groupsFromV4 > 7) return false;
  return [...l, ...r].every((p) => /^[0-9a-fA-F]{1,4}$/.test(p));
}

export type ValidatorName = 'luhn' | 'mod97' | 'us_ssn';

export function runValidator(name: ValidatorName, value: string): boolean {
  switch (name) {
    case 'luhn':
      return luhnValid(value);
    case 'mod97':
      return ibanValid(value);
    case 'us_ssn':
      return usSsnValid(value);
  }
}
