/** The entity types the detector knows. Names are stable: policies, audit records and tokens use them. */
export const ENTITY_TYPES = [
  'PERSON',
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN',
  'IP_ADDRESS',
  'STREET_ADDRESS',
  'DATE_OF_BIRTH',
  'URL',
  'LOCATION',
  'ORGANIZATION',
  'SECRET',
] as const;

export type BuiltinEntityType = (typeof ENTITY_TYPES)[number];
/** Built-in types plus custom types declared by the policy (UPPER_SNAKE_CASE, e.g. EMPLOYEE_ID). */
export type EntityType = string;

/** One detected span. Never carries the text itself: callers slice `text.slice(start, end)` when needed. */
export interface Finding {
  readonly type: EntityType;
  /** UTF-16 offsets into the scanned text, end exclusive */
  readonly start: number;
  readonly end: number;
  /** 0..1 */
  readonly confidence: number;
  /** name of the recognizer that produced it, e.g. `email`, `person.greeting`, `custom.employee_id` */
  readonly recognizer: string;
}

/** A policy-declared recognizer. */
export type CustomRecognizer =
  | {
      readonly kind: 'regex';
      readonly name: string;
      readonly type: EntityType;
      readonly pattern: string;
      readonly flags?: string;
      /** optional validator applied to the match: luhn, mod97 (IBAN), us_ssn */
      readonly validator?: 'luhn' | 'mod97' | 'us_ssn';
      readonly contextWords?: readonly string[];
      readonly confidence: number;
    }
  | {
      readonly kind: 'terms';
      readonly name: string;
      readonly type: EntityType;
      readonly terms: readonly string[];
      readonly caseSensitive: boolean;
      readonly confidence: number;
    };

/** What the detector needs from the policy; compiled once per policy version and tenant. */
export interface DetectorConfig {
  /** entity types to report (types whose action is `allow` may be left out by the caller) */
  readonly enabled: readonly EntityType[];
  /** minimum confidence per type (missing: 0.5) */
  readonly minConfidence: Readonly<Record<EntityType, number>>;
  readonly custom: readonly CustomRecognizer[];
  /** terms never reported (case-insensitive, whole-word): company name, product names, bot persona */
  readonly allowlist: readonly string[];
}

export interface Detector {
  /** Pure: the same text gives the same findings, sorted by start, non-overlapping. */
  detect(text: string): Finding[];
}
