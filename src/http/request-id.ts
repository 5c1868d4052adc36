import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's x-request-id when it is a safe token (no personal data fits easily), else makes one. */
export function requestIdOf(req: IncomingMessage): string {
  const v = req.headers['x-request-id'];
  return typeof v === 'string' && SAFE_ID.test(v) ? v : randomUUID();
}
