import type { IncomingHttpHeaders } from 'node:http';

/** RFC 9110 hop-by-hop headers plus ones the gateway sets itself; never copied between hops. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'authorization',
  'cookie',
  'x-forwarded-for',
  'x-real-ip',
  'forwarded',
]);

/** Caller headers that are passed upstream (besides the ones the gateway sets). */
const FORWARDED_REQUEST_HEADERS = ['openai-organization', 'openai-project', 'openai-beta', 'user-agent', 'accept', 'x-stainless-arch', 'x-stainless-lang', 'x-stainless-os', 'x-stainless-package-version', 'x-stainless-runtime', 'x-stainless-runtime-version', 'x-stainless-retry-count', 'x-stainless-timeout'];

/**
 * Headers for the upstream request: a small allowlist of the caller's (never its Authorization), the
 * request id, and the gateway's own key.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, requestId: string, apiKey: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const v = incoming[name];
    if (typeof v === 'string') out[name] = v;
  }
  out['content-type'] = 'application/json';
  // the body is read and re-identified: ask for it uncompressed
  out['accept-encoding'] = 'identity';
  out['x-request-id'] = requestId;
  if (apiKey !== undefined) out['authorization'] = `Bearer ${apiKey}`;
  return out;
}

/** Upstream response headers passed on to the caller: hop-by-hop and length/encoding dropped. */
export function downstreamHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, v] of Object.entries(upstream)) {
    if (v === undefined) continue;
    const n = name.toLowerCase();
    if (HOP_BY_HOP.has(n) || n === 'content-encoding' || n === 'set-cookie' || n === 'x-request-id') continue;
    out[n] = v;
  }
  return out;
}
