import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { effectivePolicySummary, resolvePolicy } from '../../../src/policy/resolve.js';

/** Each layer sets `retention` and one entity field, so the winner is visible. */
const LAYERED = `
version: "layers-1"
defaults:
  retention: 1s
  entities:
    EMAIL: { action: tokenize, min_confidence: 0.5 }
    PERSON: { action: tokenize }
routes:
  embeddings:
    retention: 2s
    entities: { EMAIL: { action: mask } }
models:
  "gpt-4o*":
    retention: 3s
    entities: { EMAIL: { mask_keep_last: 3 } }
tenants:
  acme:
    retention: 4s
    entities: { EMAIL: { min_confidence: 0.9 } }
    routes:
      embeddings:
        retention: 5s
        entities: { PERSON: { action: allow } }
    models:
      "gpt-4o-mini":
        retention: 6s
        entities: { EMAIL: { restore_to: scope } }
`;

describe('resolvePolicy merge order', () => {
  const policy = loadPolicy(LAYERED, 'layers.yaml');

  it('defaults alone', () => {
    const p = resolvePolicy(policy, 'other', 'chat', 'llama');
    expect(p.retentionSeconds).toBe(1);
    expect(p.entities['EMAIL']).toEqual({ action: 'tokenize', minConfidence: 0.5, maskKeepLast: 0, maskChar: '*', restoreTo: 'caller' });
  });

  it('route over defaults', () => {
    const p = resolvePolicy(policy, 'other', 'embeddings', 'llama');
    expect(p.retentionSeconds).toBe(2);
    expect(p.entities['EMAIL']?.action).toBe('mask');
  });

  it('model over route', () => {
    const p = resolvePolicy(policy, 'other', 'embeddings', 'gpt-4o');
    expect(p.retentionSeconds).toBe(3);
    expect(p.entities['EMAIL']).toMatchObject({ action: 'mask', maskKeepLast: 3 });
  });

  it('tenant over model, merging entity fields', () => {
    const p = resolvePolicy(policy, 'acme', 'chat', 'gpt-4o');
    expect(p.retentionSeconds).toBe(4);
    expect(p.entities['EMAIL']).toMatchObject({ action: 'tokenize', maskKeepLast: 3, minConfidence: 0.9 });
  });

  it('tenant route over tenant', () => {
    const p = resolvePolicy(policy, 'acme', 'embeddings', 'llama');
    expect(p.retentionSeconds).toBe(5);
    expect(p.entities['PERSON']?.action).toBe('allow');
    expect(p.detector.enabled).not.toContain('PERSON');
    expect(p.entities['EMAIL']).toMatchObject({ action: 'mask', minConfidence: 0.9 });
  });

  it('tenant model over tenant route', () => {
    const p = resolvePolicy(policy, 'acme', 'embeddings', 'gpt-4o-mini');
    expect(p.retentionSeconds).toBe(6);
    expect(p.entities['EMAIL']).toEqual({ action: 'mask', minConfidence: 0.9, maskKeepLast: 3, maskChar: '*', restoreTo: 'scope' });
  });

  it('the more specific model glob wins over a broader one, whatever the file order', () => {
    const p = loadPolicy('version: v\ndefaults: {}\nmodels:\n  "gpt-4o-mini*": { retention: 2s }\n  "gpt-*": { retention: 1s }\n', 'm.yaml');
    expect(resolvePolicy(p, 't', 'chat', 'gpt-4o-mini-2024').retentionSeconds).toBe(2);
    expect(resolvePolicy(p, 't', 'chat', 'gpt-4.1').retentionSeconds).toBe(1);
  });

  it('shadow can be set per tenant or per route', () => {
    const p = loadPolicy('version: v\ndefaults: {}\nroutes: { responses: { shadow: true } }\ntenants: { beta: { shadow: true } }\n', 's.yaml');
    expect(resolvePolicy(p, 'x', 'chat', 'm').shadow).toBe(false);
    expect(resolvePolicy(p, 'x', 'responses', 'm').shadow).toBe(true);
    expect(resolvePolicy(p, 'beta', 'chat', 'm').shadow).toBe(true);
  });
});

describe('resolvePolicy results', () => {
  const policy = loadPolicy(
    `
version: "r-1"
defaults:
  entities:
    ORGANIZATION: { action: allow }
    SECRET: { action: mask }
    EMPLOYEE_ID: { action: tokenize, min_confidence: 0.7 }
  custom_recognizers:
    - { name: employee_id, type: EMPLOYEE_ID, regex: 'EMP-\\d{6}', context: [employee], confidence: 0.9 }
    - { name: projects, type: PROJECT, terms: [Bluebird] }
  allowlist: [Acme, Ava]
  minimize: { drop: [user], force: { store: false } }
tenants:
  acme:
    allowlist: [Initrode]
    custom_recognizers:
      - { name: projects, type: PROJECT, terms: [Redwood], case_sensitive: true }
    minimize: { force: { service_tier: default } }
`,
    'r.yaml',
  );

  it('builds the detector config: enabled types, confidences, recognizers, allowlist', () => {
    const p = resolvePolicy(policy, 'other', 'chat', undefined);
    expect(p.detector.enabled).not.toContain('ORGANIZATION');
    expect(p.detector.enabled).toContain('SECRET');
    expect(p.detector.enabled).toContain('PROJECT'); // declared by a recognizer, no rule: tokenize
    expect(p.entities['PROJECT']?.action).toBe('tokenize');
    expect(p.detector.minConfidence['EMPLOYEE_ID']).toBe(0.7);
    expect(p.detector.minConfidence['ORGANIZATION']).toBeUndefined();
    expect(p.detector.custom).toEqual([
      { kind: 'regex', name: 'employee_id', type: 'EMPLOYEE_ID', pattern: 'EMP-\\d{6}', contextWords: ['employee'], confidence: 0.9 },
      { kind: 'terms', name: 'projects', type: 'PROJECT', terms: ['Bluebird'], caseSensitive: false, confidence: 0.9 },
    ]);
    expect(p.detector.allowlist).toEqual(['Acme', 'Ava']);
    expect(p.drop).toEqual(['user']);
    expect(p.force).toEqual({ store: false });
  });

  it('merges recognizers by name, replaces lists, merges force per key', () => {
    const p = resolvePolicy(policy, 'acme', 'chat', undefined);
    expect(p.detector.custom.map((r) => r.name)).toEqual(['employee_id', 'projects']);
    expect(p.detector.custom[1]).toMatchObject({ kind: 'terms', terms: ['Redwood'], caseSensitive: true });
    expect(p.detector.allowlist).toEqual(['Initrode']);
    expect(p.force).toEqual({ store: false, service_tier: 'default' });
  });

  it('gives a stable detectorKey that changes with the detector config', () => {
    const a = resolvePolicy(policy, 'other', 'chat', undefined);
    const b = resolvePolicy(policy, 'someone-else', 'embeddings', 'x');
    const c = resolvePolicy(policy, 'acme', 'chat', undefined);
    expect(a.detectorKey).toBe(b.detectorKey);
    expect(a.detectorKey).not.toBe(c.detectorKey);
    expect(a.detectorKey.startsWith('r-1:')).toBe(true);
    const reloaded = loadPolicy(JSON.stringify(policy.source), 'again.json'); // JSON is YAML
    expect(resolvePolicy(reloaded, 'other', 'chat', undefined).detectorKey).toBe(a.detectorKey);
  });

  it('memoizes per (tenant, route, model) and returns frozen results', () => {
    const a = resolvePolicy(policy, 'acme', 'chat', 'gpt-4o');
    expect(resolvePolicy(policy, 'acme', 'chat', 'gpt-4o')).toBe(a);
    expect(resolvePolicy(policy, 'acme', 'chat', 'gpt-4o-mini')).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.entities)).toBe(true);
    expect(Object.isFrozen(a.detector.enabled)).toBe(true);
  });

  it('keeps the memo bounded', () => {
    for (let i = 0; i < 3000; i++) resolvePolicy(policy, 'acme', 'chat', `model-${i}`);
    expect(policy.resolveMemo.size).toBeLessThanOrEqual(1024);
  });

  it('tokenizes a built-in type no layer names (fail closed)', () => {
    const p = resolvePolicy(loadPolicy('version: v\ndefaults: {}\n', 'e.yaml'), 't', 'chat', undefined);
    expect(p.entities['US_SSN']?.action).toBe('tokenize');
    expect(p.entities['ORGANIZATION']?.action).toBe('tokenize');
    expect(p.unreadableContent).toBe('refuse');
    expect(p.responseScan).toBe('count');
    expect(p.retentionSeconds).toBe(86400);
  });
});

describe('resolvePolicy memo keys', () => {
  // the tenant comes from a token, the model from the caller's body: neither may reach another entry of the memo
  const policy = loadPolicy(
    `
version: "keys-1"
defaults:
  retention: 1s
  entities: { PERSON: { action: allow } }
models:
  "*":
    entities: { PERSON: { action: tokenize } }
tenants:
  acme:
    retention: 4s
`,
    'keys.yaml',
  );

  it('a model named like the "no model" marker gets its model layers, not the policy of a request without a model', () => {
    expect(resolvePolicy(policy, 'acme', 'responses', undefined).entities['PERSON']?.action).toBe('allow');
    expect(resolvePolicy(policy, 'acme', 'responses', '\u0001').entities['PERSON']?.action).toBe('tokenize');
  });

  it('a tenant or model holding NUL characters cannot borrow the entry of another (tenant, route, model)', () => {
    expect(resolvePolicy(policy, 'other\u0000chat', 'chat', 'x').retentionSeconds).toBe(1);
    expect(resolvePolicy(policy, 'acme\u0000chat', 'chat', 'x').retentionSeconds).toBe(1);
    expect(resolvePolicy(policy, 'acme', 'chat', 'chat\u0000x').retentionSeconds).toBe(4);
    expect(resolvePolicy(policy, 'other', 'chat', 'chat\u0000x').retentionSeconds).toBe(1);
  });
});

describe('model allowlist', () => {
  const policy = loadPolicy(
    `
version: v
defaults:
  allowed_models: ["gpt-4o*", "text-embedding-3-?mall", "!gpt-4o-audio*"]
tenants:
  open: { allowed_models: ["*"] }
  none: { allowed_models: [] }
  most: { allowed_models: ["*", "!o1*", "o1-mini"] }
`,
    'models.yaml',
  );
  const allowed = (tenant: string, model: string | undefined): boolean => resolvePolicy(policy, tenant, 'chat', model).modelAllowed;

  it('matches globs with * and ?', () => {
    expect(allowed('x', 'gpt-4o')).toBe(true);
    expect(allowed('x', 'gpt-4o-mini-2024-07-18')).toBe(true);
    expect(allowed('x', 'text-embedding-3-small')).toBe(true);
    expect(allowed('x', 'text-embedding-3-large')).toBe(false);
    expect(allowed('x', 'gpt-3.5-turbo')).toBe(false);
  });

  it('anchors the whole name and is case-insensitive', () => {
    expect(allowed('x', 'my-gpt-4o')).toBe(false);
    expect(allowed('x', 'GPT-4O')).toBe(true);
    expect(allowed('x', 'GPT-4O-AUDIO-preview')).toBe(false);
  });

  it('excludes with ! and lets the last matching pattern win', () => {
    expect(allowed('x', 'gpt-4o-audio-preview')).toBe(false);
    expect(allowed('most', 'o1-preview')).toBe(false);
    expect(allowed('most', 'o1-mini')).toBe(true);
    expect(allowed('most', 'claude')).toBe(true);
  });

  it('treats regex characters in globs literally', () => {
    const p = loadPolicy('version: v\ndefaults: { allowed_models: ["gpt-4.1"] }\n', 'dot.yaml');
    expect(resolvePolicy(p, 't', 'chat', 'gpt-4.1').modelAllowed).toBe(true);
    expect(resolvePolicy(p, 't', 'chat', 'gpt-4x1').modelAllowed).toBe(false);
  });

  it('an empty list allows nothing; * allows a missing model', () => {
    expect(allowed('none', 'gpt-4o')).toBe(false);
    expect(allowed('open', undefined)).toBe(true);
    expect(allowed('x', undefined)).toBe(false);
  });
});

describe('effectivePolicySummary', () => {
  it('describes a tenant, with route and model differences', () => {
    const policy = loadPolicy(LAYERED, 'layers.yaml');
    const text = effectivePolicySummary(policy, 'acme');
    expect(text).toContain('tenant acme');
    expect(text).toContain('policy version layers-1');
    expect(text).toMatch(/route embeddings:\n\s+entity PERSON\s+allow/);
    expect(text).toContain('chat with model gpt-4o-mini');
    expect(effectivePolicySummary(policy, 'nobody')).toContain('not in the file');
  });
});

describe('scan fields', () => {
  it('scans response formats by default; scan.response_format switches it off per layer', () => {
    const p = loadPolicy('version: v\ndefaults: {}\ntenants:\n  quiet:\n    scan: { response_format: false }\n', 'scan.yaml');
    expect(resolvePolicy(p, 'acme', 'chat', 'gpt-4o').scan.responseFormat).toBe(true);
    expect(resolvePolicy(p, 'quiet', 'responses', 'gpt-4o').scan).toMatchObject({ responseFormat: false, toolDescriptions: true });
  });
});
