/**
 * Context words: cues in the text just before (or after) a match that raise or lower its confidence.
 * Each list is compiled once into a regex anchored at the end (before) or the start (after) of a window.
 */

/** Compile cue phrases into one case-insensitive regex that matches when a cue ends the window. */
export function cueBefore(phrases: readonly string[]): RegExp {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phrases.map(escapeCue).join('|')})[\\s:,=#"']{0,5}$`, 'iu');
}

/** Cue phrases anywhere in the window (a looser test for "near"). */
export function cueNear(phrases: readonly string[]): RegExp {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${phrases.map(escapeCue).join('|')})(?![\\p{L}])`, 'iu');
}

function escapeCue(p: string): string {
  return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s_-]*');
}

/** Text of up to `n` characters before `start`, not crossing more than one line break. */
export function windowBefore(text: string, start: number, n: number): string {
  const from = Math.max(0, start - n);
  return text.slice(from, start);
}

export function windowAfter(text: string, end: number, n: number): string {
  return text.slice(end, Math.min(text.length, end + n));
}

/** Words that say "the number nearby is not personal": identifiers of goods, orders and shipments. */
export const NUMBER_NEGATIVE = [
  'sku', 'order', 'order no', 'order number', 'order #', 'order id', 'po', 'purchase order', 'tracking', 'tracking number',
  'tracking no', 'tracking #', 'invoice', 'invoice no', 'invoice #', 'inv', 'ticket', 'ticket #', 'case', 'case #', 'case no',
  'ref', 'reference', 'ref no', 'confirmation', 'confirmation number', 'serial', 'serial number', 's/n', 'sn', 'part', 'part number',
  'part no', 'model', 'model no', 'item', 'item #', 'item no', 'build', 'version', 'ver', 'v', 'release', 'rma', 'batch', 'lot',
  'shipment', 'parcel', 'waybill', 'booking', 'reservation', 'transaction', 'txn', 'request id', 'req', 'id', 'isbn', 'upc', 'ean',
  'asin', 'product code', 'article', 'error', 'error code', 'code', 'port', 'pid', 'bug', 'issue', 'pr', 'pull request', 'commit',
  'quantity', 'qty', 'price', 'total', 'amount', 'usd', 'eur', 'gbp', 'kb', 'mb', 'gb',
] as const;

export const PHONE_POSITIVE = [
  'call', 'call me', 'call me at', 'reach me', 'reach me at', 'phone', 'phone number', 'tel', 'telephone', 'mobile', 'mob', 'cell',
  'cellphone', 'whatsapp', 'sms', 'text me', 'text me at', 'contact number', 'number is', 'landline', 'fax', 'ph', 'ring me',
  'ring me on', 'callback', 'call back', 'direct line', 'direct', 'office', 'm', 't', 'p', 'handy', 'téléphone', 'telefono', 'telefon',
] as const;

export const SSN_POSITIVE = ['ssn', 'social security', 'social security number', 'social', 'ss#', 'ss #', 'ss no', 'tin', 'taxpayer id', 'itin'] as const;

export const CARD_POSITIVE = ['card', 'credit card', 'debit card', 'visa', 'mastercard', 'amex', 'cc', 'card number', 'card no', 'pan'] as const;

export const DOB_POSITIVE = [
  'born', 'born on', 'born in', 'dob', 'd.o.b', 'd.o.b.', 'date of birth', 'birth date', 'birthdate', 'birthday', 'bday', 'b-day',
  'geburtsdatum', 'date de naissance', 'fecha de nacimiento', 'birth',
] as const;

export const IP_NEGATIVE = ['version', 'ver', 'v', 'build', 'release', 'firmware', 'fw', 'sdk', 'app version', 'os', 'oid', 'chrome', 'firefox', 'safari', 'node', 'python', 'package'] as const;

export const PERSON_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'madam', 'dame', 'lord', 'lady', 'mister', 'herr', 'frau', 'sr', 'sra', 'srta', 'mme', 'mlle', 'm', 'dott', 'doc'] as const;

export const GREETINGS = [
  'hi', 'hello', 'hey', 'dear', 'hiya', 'heya', 'yo', 'greetings', 'good morning', 'good afternoon', 'good evening', 'morning',
  'afternoon', 'evening', 'thanks', 'thank you', 'thx', 'ty', 'cheers', 'welcome', 'bye', 'goodbye', 'hallo', 'hola', 'bonjour', 'ciao', 'salut',
] as const;

export const SIGN_OFFS = [
  'thanks', 'thank you', 'many thanks', 'thanks again', 'thanks so much', 'thanks in advance', 'thx', 'regards', 'best regards',
  'kind regards', 'warm regards', 'warmest regards', 'best wishes', 'best', 'all the best', 'cheers', 'sincerely', 'yours sincerely',
  'yours truly', 'yours faithfully', 'respectfully', 'take care', 'talk soon', 'speak soon', 'thank you kindly', 'with thanks',
  'ta', 'br', 'brgds', 'rgds', 'mfg', 'viele grüße', 'cordialement', 'saludos', 'un saludo', 'groetjes', 'hälsningar', 'pozdrawiam',
] as const;

/** Phrases directly before a name. */
export const PERSON_INTRO = [
  'my name is', 'my name\'s', 'name is', 'name\'s', 'names', 'i am', 'i\'m', 'im', 'this is', 'it\'s', 'its', 'it is', 'call me',
  'speaking with', 'speak with', 'spoke with', 'spoke to', 'speak to', 'talked to', 'talking to', 'talked with', 'ask for',
  'asked for', 'assigned to', 'contact', 'signed', 'attn', 'attention', 'c/o', 'from', 'to', 'cc', 'name', 'full name', 'customer',
  'customer name', 'account holder', 'cardholder', 'card holder', 'holder', 'client', 'patient', 'user', 'username', 'employee',
  'applicant', 'recipient', 'sender', 'passenger', 'guest', 'tenant', 'owner', 'manager', 'agent', 'colleague', 'coworker',
  'co-worker', 'my wife', 'my husband', 'my son', 'my daughter', 'my mother', 'my mom', 'my mum', 'my father', 'my dad',
  'my brother', 'my sister', 'my friend', 'my partner', 'my boss', 'my manager', 'my colleague', 'wife', 'husband', 'son', 'daughter',
  'married to', 'on behalf of', 'behalf of', 'per', 'regarding', 're', 'hand over to', 'escalate to', 'escalated to', 'forwarded by',
  'submitted by', 'reported by', 'requested by', 'approved by', 'created by', 'opened by', 'written by', 'sent by', 'by',
  'with', 'and', 'for', 'named', 'called', 'mother', 'father', 'landlord', 'technician', 'tech', 'driver', 'courier', 'nurse', 'doctor',
] as const;

/** Words after a capitalised word that make it a person. */
export const PERSON_AFTER = [
  'said', 'says', 'wrote', 'asked', 'called', 'replied', 'mentioned', 'told', 'emailed', 'confirmed', 'explained', 'reported',
  'here', 'speaking', 'from', 'is my', 'will', 'has', 'had', 'was', 'thinks', 'wants', 'needs', 'noticed', 'tried', 'sent',
] as const;

export const LOCATION_INTRO = [
  'in', 'from', 'to', 'at', 'near', 'live in', 'living in', 'lives in', 'based in', 'located in', 'moved to', 'moving to',
  'relocated to', 'visiting', 'travel to', 'traveling to', 'travelling to', 'flight to', 'flying to', 'ship to', 'shipped to',
  'deliver to', 'delivered to', 'city', 'town', 'hometown', 'resident of', 'outside', 'around',
] as const;
