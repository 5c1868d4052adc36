import { describe, expect, it } from 'vitest';
import { loadPolicy, PolicyError, parseDuration, type PolicyProblem } from '../../../src/policy/load.js';

function problems(text: string): PolicyProblem[] {
  try {
    loadPolicy(text, 'config/policy.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return [...(e as PolicyError).problems];
  }
  throw new Error('expected the policy to be rejected');
}

function messageOf(text: string): string {
  try {
    loadPolicy(text, 'config/policy.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the policy to be rejected');
}

const MINIMAL = 'version: "v1"\ndefaults: {}\n';

describe('loadPolicy', () => {
  it('accepts a minimal policy and keeps its version', () => {
    const p = loadPolicy(MINIMAL, 'p.yaml');
    expect(p.version).toBe('v1');
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.source)).toBe(true);
  });

  it('names file, line and column of a bad enum value inside a tenant', () => {
    const text = [
      'version: "v1"', // 1
      'defaults: {}', // 2
      'tenants:', // 3
      '  acme:', // 4
      '    entities:', // 5
      '      EMAIL:', // 6
      '        action: encrypt', // 7
    ].join('\n');
    expect(messageOf(text)).toBe('config/policy.yaml:7:17: tenants.acme.entities.EMAIL.action: must be one of tokenize, mask, block, allow');
  });

  it('points at an unknown key and suggests the right one', () => {
    const text = 'version: "v1"\ndefaults:\n  entites: {}\n';
    const [p] = problems(text);
    expect(p).toMatchObject({ line: 3, col: 3, path: 'defaults.entites' });
    expect(p?.message).toContain('unknown key; did you mean "entities"?');
  });

  it('reports a wrong type where the value is', () => {
    const text = 'version: "v1"\ndefaults:\n  shadow: "sometimes"\n  allowlist: Acme\n';
    const ps = problems(text);
    expect(ps.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`)).toEqual([
      '3:11 defaults.shadow: must be true or false',
      '4:14 defaults.allowlist: must be a list',
    ]);
  });

  it('rejects a regex that does not compile, at the regex', () => {
    const text = [
      'version: "v1"',
      'defaults:',
      '  custom_recognizers:',
      '    - name: employee_id',
      '      type: EMPLOYEE_ID',
      "      regex: 'EMP-(\\d{6}'",
    ].join('\n');
    const [p] = problems(text);
    expect(p).toMatchObject({ line: 6, col: 14, path: 'defaults.custom_recognizers[0].regex' });
    expect(p?.message).toMatch(/^invalid regular expression/);
  });

  it('rejects a regex that matches the empty string, and a recognizer with both regex and terms', () => {
    const text = "version: v1\ndefaults:\n  custom_recognizers:\n    - { name: a, type: A_ID, regex: 'x*', terms: [y] }\n";
    const msgs = problems(text).map((p) => p.message);
    expect(msgs).toContain('needs exactly one of regex or terms');
    expect(msgs.some((m) => m.includes('matches the empty string'))).toBe(true);
  });

  it('rejects a bad duration', () => {
    const [p] = problems('version: v1\ndefaults:\n  retention: 3 weeks\n');
    expect(p).toMatchObject({ line: 3, col: 14, path: 'defaults.retention' });
  });

  it('rejects a retention in seconds outside 1s..3650d (0 or less made every vault write throw; policy check said OK)', () => {
    for (const bad of ['0', '-5', '315360001']) {
      const [p] = problems(`version: v1\ndefaults:\n  retention: ${bad}\n`);
      expect(p).toMatchObject({ line: 3, col: 14, path: 'defaults.retention' });
    }
    expect(() => loadPolicy('version: v1\ndefaults:\n  retention: 90\n', 'p.yaml')).not.toThrow();
  });

  it('rejects an entity type that is neither built in nor declared by a custom recognizer', () => {
    const [p] = problems('version: v1\ndefaults:\n  entities:\n    EMPLOYEE_ID: { action: mask }\n');
    expect(p).toMatchObject({ line: 4, col: 5, path: 'defaults.entities.EMPLOYEE_ID' });
    expect(p?.message).toMatch(/^unknown entity type/);
  });

  it('accepts an entity type declared by a custom recognizer in another layer', () => {
    const text = [
      'version: v1',
      'defaults:',
      '  entities: { EMPLOYEE_ID: { action: mask, mask_keep_last: 2 } }',
      'tenants:',
      '  acme:',
      "    custom_recognizers: [ { name: employee_id, type: EMPLOYEE_ID, regex: 'EMP-\\d{6}', context: [employee] } ]",
    ].join('\n');
    expect(loadPolicy(text, 'p.yaml').customTypes).toEqual(['EMPLOYEE_ID']);
  });

  it('reports every problem at once, sorted by position', () => {
    const text = [
      'version: 3', // wrong type
      'defaults:',
      '  entities:',
      '    EMAIL: { action: tokenise, min_confidence: 2 }',
      '  bogus: 1',
      'routes:',
      '  chat: { shadow: maybe }',
      '  images: {}',
    ].join('\n');
    const ps = problems(text);
    expect(ps.map((p) => p.path)).toEqual([
      'version',
      'defaults.entities.EMAIL.action',
      'defaults.entities.EMAIL.min_confidence',
      'defaults.bogus',
      'routes.chat.shadow',
      'routes.images',
    ]);
    for (let i = 1; i < ps.length; i++) {
      const a = ps[i - 1];
      const b = ps[i];
      expect(a !== undefined && b !== undefined && (a.line < b.line || (a.line === b.line && a.col <= b.col))).toBe(true);
    }
  });

  it('requires version and defaults', () => {
    const ps = problems('tenants: {}\n');
    expect(ps.map((p) => `${p.path}: ${p.message}`).sort()).toEqual(['defaults: is required', 'version: is required']);
  });

  it('reports YAML syntax errors with their position', () => {
    const [p] = problems('version: v1\ndefaults:\n  allowlist: [a, b\n');
    expect(p?.file).toBe('config/policy.yaml');
    expect(p?.line).toBeGreaterThanOrEqual(3);
  });

  it('rejects duplicate keys', () => {
    expect(problems('version: v1\nversion: v2\ndefaults: {}\n').length).toBeGreaterThan(0);
  });

  it('rejects an empty file', () => {
    expect(messageOf('')).toBe('config/policy.yaml:1:1: the policy file is empty');
  });

  it('refuses to drop or force fields a request cannot do without', () => {
    const ps = problems('version: v1\ndefaults:\n  minimize: { drop: [user, messages], force: { model: gpt-4o } }\n');
    expect(ps.map((p) => p.path)).toEqual(['defaults.minimize.drop[1]', 'defaults.minimize.force.model']);
  });

  it('quotes model globs in paths', () => {
    const [p] = problems('version: v1\ndefaults: {}\nmodels:\n  "gpt-4.1*": { shadow: 1 }\n');
    expect(p?.path).toBe('models["gpt-4.1*"].shadow');
    expect(p?.line).toBe(4);
  });
});

describe('loadPolicy with YAML anchors', () => {
  it('lets tenants share settings through anchors and merge keys', () => {
    const text = [
      'version: v1',
      'defaults: {}',
      'x-strict: &strict',
      '  shadow: true',
    ].join('\n');
    // a top-level helper key is still an unknown key: anchors must live inside known keys
    expect(problems(text).map((p) => p.path)).toEqual(['x-strict']);
    const ok = [
      'version: v1',
      'defaults: {}',
      'tenants:',
      '  acme: &strict',
      '    shadow: true',
      '    retention: 1h',
      '  globex:',
      '    <<: *strict',
      '    retention: 2h',
    ].join('\n');
    const p = loadPolicy(ok, 'anchors.yaml');
    expect(p.source.tenants?.['globex']).toEqual({ shadow: true, retention: '2h' });
  });
});

describe('parseDuration', () => {
  it('parses s, m, h, d', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('24h')).toBe(86400);
    expect(parseDuration('7d')).toBe(604800);
  });
  it('rejects zero, unknown units and garbage', () => {
    expect(parseDuration('0s')).toBeUndefined();
    expect(parseDuration('1w')).toBeUndefined();
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('99999d')).toBeUndefined();
  });
});
