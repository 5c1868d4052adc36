import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const base = { JWT_JWKS_URL: 'https://idp.example.com/jwks.json', JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'gw' };
const gen = (): Buffer => randomBytes(32);
const noFiles = (): string => {
  throw new Error('no files');
};

describe('REDIS_KEY_PREFIX', () => {
  it('defaults to pgw: and accepts a plain prefix', () => {
    expect(loadConfig(base, [], noFiles, gen).keyPrefix).toBe('pgw:');
    expect(loadConfig({ ...base, REDIS_KEY_PREFIX: 'team-a:pgw:' }, [], noFiles, gen).keyPrefix).toBe('team-a:pgw:');
  });

  it.each(['{pgw}:', 'pgw{:', 'p}gw:', '{}'])('rejects %s: a hash tag would bind every key to one Cluster slot', (prefix) => {
    let err: unknown;
    try {
      loadConfig({ ...base, REDIS_KEY_PREFIX: prefix, REDIS_CLUSTER_NODES: '127.0.0.1:7000', VAULT_KEY: randomBytes(32).toString('base64') }, [], noFiles, gen);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).variable).toBe('REDIS_KEY_PREFIX');
    expect((err as Error).message).not.toContain(prefix);
  });
});
