import type { Cluster, Redis } from 'ioredis';
import { GatewayError } from '../errors.js';
import { safeCause } from '../vault/envelope-vault.js';
import type { HashSnapshot, SharedState } from './shared-state.js';

/** The version lives inside the hash itself, so each update is one MULTI on one key (Cluster-safe). */
const VERSION_FIELD = '__v';

const REMOVE_IF_EQUALS = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;

/**
 * SharedState on Redis / Redis Cluster / Sentinel. Takes the client from outside and never creates
 * or closes one. Keys are `${keyPrefix}incident:${hash}`; give the client no ioredis `keyPrefix` of
 * its own, or pass '' here. A store that does not answer rejects with GatewayError
 * GW_ERR_STORE_UNAVAILABLE (503 `vault_unavailable` for the admin API), its cause stripped of
 * ioredis' extras (command arguments: keys and values).
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
    checkExec(await unavailable(this.#client.multi().hset(key, field, value).hincrby(key, VERSION_FIELD, 1).exec()));
  }

  async remove(hash: string, fields: readonly string[]): Promise<number> {
    const key = this.key(hash);
    if (fields.length === 0) return 0;
    const res = checkExec(await unavailable(this.#client.multi().hdel(key, ...fields).hincrby(key, VERSION_FIELD, 1).exec()));
    const n = res[0];
    return typeof n === 'number' ? n : 0;
  }

  async removeIfEquals(hash: string, field: string, value: string): Promise<boolean> {
    const n = await unavailable(this.#client.eval(REMOVE_IF_EQUALS, 1, this.key(hash), field, value));
    return n === 1;
  }

  async version(hash: string): Promise<string | null> {
    return unavailable(this.#client.hget(this.key(hash), VERSION_FIELD));
  }

  async readAll(hash: string): Promise<HashSnapshot> {
    const all = await unavailable(this.#client.hgetall(this.key(hash)));
    const entries = new Map<string, string>();
    let version: string | null = null;
    for (const [f, v] of Object.entries(all)) {
      if (f === VERSION_FIELD) version = v;
      else entries.set(f, v);
    }
    return { version, entries };
  }
}

async function unavailable<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    throw new GatewayError('GW_ERR_STORE_UNAVAILABLE', { cause: safeCause(err) });
  }
}

function checkExec(res: [Error | null, unknown][] | null): unknown[] {
  if (res === null) throw new GatewayError('GW_ERR_STORE_UNAVAILABLE', { cause: new Error('redis transaction aborted') });
  return res.map(([err, v]) => {
    if (err) throw new GatewayError('GW_ERR_STORE_UNAVAILABLE', { cause: safeCause(err) });
    return v;
  });
}
