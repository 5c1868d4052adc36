import type { Detector, Finding } from '../../../src/detect/types.js';
import type { EntityRule, EffectivePolicy, ScanFields } from '../../../src/policy/types.js';

export const PEOPLE = ['Jane Doe', 'John Smith', 'Ann'];

/**
 * A small regex detector: EMAIL, PHONE, PERSON from a fixed list, LOCATION `Paris` at low confidence.
 * A text containing `[[skip]]` is never detected in, to simulate a detector miss.
 */
export class TestDetector implements Detector {
  calls = 0;
  readonly seen: string[] = [];
  detect(text: string): Finding[] {
    this.calls++;
    this.seen.push(text);
    if (text.includes('[[skip]]')) return [];
    const all: Finding[] = [];
    const add = (re: RegExp, type: string, confidence: number, recognizer: string): void => {
      for (const m of text.matchAll(re)) {
        all.push({ type, start: m.index, end: m.index + m[0].length, confidence, recognizer });
      }
    };
    add(/\b4\d{3} \d{4} \d{4} \d{4}\b/g, 'CREDIT_CARD', 0.99, 'card');
    add(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, 'EMAIL', 0.95, 'email');
    add(/\+?\d[\d -]{7,}\d/g, 'PHONE', 0.8, 'phone');
    for (const p of PEOPLE) add(new RegExp(`\\b${p}\\b`, 'g'), 'PERSON', 0.85, 'person.list');
    add(/\bParis\b/g, 'LOCATION', 0.3, 'location');
    all.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: Finding[] = [];
    let pos = 0;
    for (const f of all) {
      if (f.start < pos) continue;
      out.push(f);
      pos = f.end;
    }
    return out;
  }
}

export const ALL_SCAN: ScanFields = {
  messages: true,
  names: true,
  toolArguments: true,
  toolResults: true,
  toolDescriptions: true,
  responseFormat: true,
  prompt: true,
  input: true,
  instructions: true,
};

export function rule(action: EntityRule['action'], extra: Partial<EntityRule> = {}): EntityRule {
  return { action, minConfidence: 0.5, maskKeepLast: 4, maskChar: '*', restoreTo: 'caller', ...extra };
}

export function makePolicy(overrides: Partial<EffectivePolicy> = {}): EffectivePolicy {
  const entities: Record<string, EntityRule> = {
    EMAIL: rule('tokenize'),
    PHONE: rule('tokenize'),
    PERSON: rule('tokenize'),
    LOCATION: rule('tokenize'),
    CREDIT_CARD: rule('mask'),
  };
  return {
    version: 'test-1',
    tenant: 'acme',
    route: 'chat',
    model: 'gpt-4o',
    entities,
    detector: { enabled: Object.keys(entities), minConfidence: {}, custom: [], allowlist: [] },
    detectorKey: 'test-detector-1',
    modelAllowed: true,
    maxBodyBytes: undefined,
    drop: [],
    force: {},
    scan: ALL_SCAN,
    unreadableContent: 'refuse',
    responseScan: 'count',
    shadow: false,
    retentionSeconds: 3600,
    linkability: 'tenant',
    restoreScope: 'request',
    rateLimits: { tenantPerMinute: undefined, subjectPerMinute: undefined, tokensPerMinute: undefined },
    ...overrides,
  };
}

export const TENANT_KEY = Buffer.alloc(32, 7);

/** `[TYPE_id]` tokens in a string */
export const TOKEN_RE = /\[([A-Z][A-Z0-9_]*?)_([0-9a-hjkmnp-tv-z]{13})\]/g;

export function tokensIn(s: string): string[] {
  return [...s.matchAll(TOKEN_RE)].map((m) => m[0]);
}
