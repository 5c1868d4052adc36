import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A free TCP port on loopback (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

/** True when a Redis answers PING at this URL within a short time. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface OwnRedis {
  port: number;
  url: string;
  process: ChildProcess;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a private redis-server on a free loopback port (never touches the shared one). */
export async function startOwnRedis(extraArgs: string[] = [], port?: number): Promise<OwnRedis> {
  if (!hasRedisServer()) {
    throw new Error('redis-server is not on PATH: install Redis (e.g. apt-get install redis-server) or set REDIS_URL to a running Redis');
  }
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'pgw-redis-'));
  const proc = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${p}`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await redisAnswers(url, 300)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!(await redisAnswers(url, 500))) {
    proc.kill('SIGKILL');
    throw new Error(`redis-server did not start on port ${p}`);
  }
  return {
    port: p,
    url,
    process: proc,
    dir,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
