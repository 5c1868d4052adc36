import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The application log: JSON on stderr (stdout carries audit records alone). Fixed fields only: never
 * bodies, headers, tokens or prompt text. Request lines are written by the app's onResponse hook.
 * Lines are buffered like the audit trail's (written when 4 KiB are queued, at least every 250 ms, and
 * on exit): one write per request line cost a system call per request.
 * `dest` (tests): another destination, same options.
 */
export function createLogger(level: string, dest?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { svc: 'privacy-gateway' },
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'authorization'], remove: true },
      serializers: {
        err: (e: unknown) => {
          const err = e as { name?: unknown; code?: unknown } | null;
          // name and code only: library messages can echo input
          return { name: typeof err?.name === 'string' ? err.name : 'Error', code: typeof err?.code === 'string' ? err.code : undefined };
        },
      },
    },
    dest ?? pino.destination({ dest: 2, sync: false, minLength: 4096, periodicFlush: 250 }),
  );
}
