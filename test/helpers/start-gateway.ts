import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { loadConfig, type Env } from '../../src/config/load.js';
import { createLogger } from '../../src/observe/logger.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { freePort } from './redis-server.js';
import { AUDIENCE, ISSUER, type TestKeys } from './jwt.js';

export interface TestGateway {
  readonly url: string;
  readonly gateway: Gateway;
  /** every application log line written so far (parsed JSON) */
  readonly logLines: string[];
  close(): Promise<void>;
}

/** Environment for a test gateway: local JWKS file, the mock upstream, loopback, port 0. */
export function testEnv(keys: TestKeys, upstreamUrl: string, extra: Env = {}): Env {
  return {
    JWT_JWKS_FILE: keys.jwksFile,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    UPSTREAM_URL: upstreamUrl,
    UPSTREAM_API_KEY: 'sk-gateway-own-key',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    AUDIT_LOG: 'stdout',
    ...extra,
  };
}

/** Starts the real gateway in-process on a free port, logging into memory. */
export async function startTestGateway(env: Env): Promise<TestGateway> {
  const config = loadConfig(env, [], undefined, () => randomBytes(32));
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(line);
      cb();
    },
  });
  // the production logger's options (redaction, err serializer), writing into memory
  const logger = createLogger(config.logLevel, sink);
  const gateway = await createGateway(config, logger);
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = gateway.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, gateway, logLines, close: () => gateway.close(500) };
}

export interface GatewayProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/main.js` as a separate process (needs `npm run build`), waits until /healthz answers. */
export async function startGatewayProcess(env: Env, args: string[] = []): Promise<GatewayProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['dist/main.js', ...args], {
    env: { PATH: process.env['PATH'], ...env, PORT: String(port), HOST: '127.0.0.1' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  proc.stdout?.on('data', (d: Buffer) => stdout.push(d.toString('utf8')));
  proc.stderr?.on('data', (d: Buffer) => stderr.push(d.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`gateway exited with ${proc.exitCode}: ${stderr.join('')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`gateway did not start: ${stderr.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    proc,
    stdout,
    stderr,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      }),
  };
}
