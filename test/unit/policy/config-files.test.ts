import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/policy/load.js';
import { resolvePolicy } from '../../../src/policy/resolve.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

describe('policies shipped in config/', () => {
  const files = yamlFiles(join(ROOT, 'config')).map((f) => relative(ROOT, f));

  it('include the default policy and examples', () => {
    expect(files).toContain(join('config', 'policy.yaml'));
    expect(files.filter((f) => f.startsWith(join('config', 'examples'))).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s validates', (file) => {
    expect(() => loadPolicy(readFileSync(join(ROOT, file), 'utf8'), file)).not.toThrow();
  });
});

describe('the default policy (contract: "Default policy")', () => {
  const policy = loadPolicy(readFileSync(join(ROOT, 'config', 'policy.yaml'), 'utf8'), 'config/policy.yaml');
  const p = resolvePolicy(policy, 'any-tenant', 'chat', 'gpt-4o');

  it('tokenizes every personal-data type and restores it to the caller', () => {
    for (const t of ['PERSON', 'EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IBAN', 'IP_ADDRESS', 'STREET_ADDRESS', 'DATE_OF_BIRTH', 'URL', 'LOCATION']) {
      expect(p.entities[t], t).toMatchObject({ action: 'tokenize', restoreTo: 'caller' });
    }
  });

  it('masks SECRET, does not detect ORGANIZATION, refuses unreadable content, counts response findings', () => {
    expect(p.entities['SECRET']?.action).toBe('mask');
    expect(p.entities['ORGANIZATION']?.action).toBe('allow');
    expect(p.detector.enabled).not.toContain('ORGANIZATION');
    expect(p.unreadableContent).toBe('refuse');
    expect(p.responseScan).toBe('count');
    expect(p.shadow).toBe(false);
    expect(p.modelAllowed).toBe(true);
  });

  it('tokenizes on the embeddings route too', () => {
    expect(resolvePolicy(policy, 'any-tenant', 'embeddings', 'text-embedding-3-small').entities['PERSON']?.action).toBe('tokenize');
  });
});
