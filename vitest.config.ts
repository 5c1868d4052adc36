import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globals: false,
    // Redis-based tests share one server: run files one after another, tests inside a file in order.
    fileParallelism: false,
    sequence: { concurrent: false },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/helpers/global-redis.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'topology',
          include: ['test/topology/**/*.test.ts'],
          // no shared Redis: each file starts its own topology from redis-server (test/helpers/redis-topology.ts),
          // and skips itself, saying why, when redis-server is not on PATH
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
