import type { Cluster, Redis } from 'ioredis';
import type { HashSnapshot, SharedState } from './shared-state.js';

/** The version lives inside the hash itself, so each update is one MULTI on one key (Cluster-safe). */
const VERSION_FIELD = '__v';

const REMOVE_IF_EQUALS = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;

/**
 * SharedState on Redis / Redis Cluster / Sentinel. Takes the client from outside and never creates
 * or closes one. Keys are `${keyPrefix}incident:${hash}`; give the client no ioredis `keyPrefix` of
 * its own, or pass '' here.
 */
export class RedisSharedState implements SharedState {
  readonly kind = 'redis';
  readonly #client: Redis | Cluster;
  readonly #prefix: string;

  constructor(client: Redis | Cluster, keyPrefix: string) {
    this.#client = client;
    this.#prefix = keyPrefix;
  }

  key(hash: string): string {
    return `${this.#prefix}incident:${hash}`;
  }

  async put(hash: string, field: string, value: string): Promise<void> {
    const key = this.key(hash);
    checkExec(await this.#client.multi().hset(key, field, value).hincrby(key, VERSION_FIELD, 1).exec());
  }

  async remove(hash: string, fields: readonly string[]): Promise<number> {
    const key = this.key(hash);
    if (fields.length === 0) return 0;
    const res = checkExec(await this.#client.multi().hdel(key, ...fields).hincrby(key, VERSION_FIELD, 1).exec());
    const n = res[0];
    return typeof n === 'number' ? n : 0;
  }

  async removeIfEquals(hash: string, field: string, value: string): Promise<boolean> {
    const n = await this.#client.eval(REMOVE_IF_EQUALS, 1, this.key(hash), field, value);
    return n === 1;
  }

  async version(hash: string): Promise<string | null> {
    return this.#client.hget(this.key(hash), VERSION_FIELD);
  }

  async readAll(hash: string): Promise<HashSnapshot> {
    const all = await this.#client.hgetall(this.key(hash));
    const entries = new Map<string, string>();
    let version: string | null = null;
    for (const [f, v] of Object.entries(all)) {
      if (f === VERSION_FIELD) version = v;
      else entries.set(f, v);
    }
    return { version, entries };
  }
}

function checkExec(res: [Error | null, unknown][] | null): unknown[] {
  if (res === null) throw new Error('redis transaction aborted');
  return res.map(([err, v]) => {
    if (err) throw err;
    return v;
  });
}
