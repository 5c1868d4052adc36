import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { redisAnswers, startOwnRedis, type OwnRedis } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let own: OwnRedis | undefined;

/** Finds the shared Redis (REDIS_URL or 127.0.0.1:6379), or starts one from PATH on a free port. */
export async function setup(project: TestProject): Promise<void> {
  const candidate = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  let url = candidate;
  if (!(await redisAnswers(candidate))) {
    own = await startOwnRedis();
    url = own.url;
  }
  project.provide('redisUrl', url);
}

export async function teardown(): Promise<void> {
  await own?.stop();
}
