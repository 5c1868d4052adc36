import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { mapUpstreamError } from './map-error.js';

export interface UpstreamOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly httpsProxy: string | undefined;
  readonly noProxy: string | undefined;
  readonly ca: string | undefined;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
}

export interface Upstream {
  /** Sends one request; rejects with a GatewayError (502/504) when the upstream can't be reached in time. */
  send(req: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string | Buffer; signal: AbortSignal }): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * The upstream client: an undici keep-alive agent (a pool per origin), through the egress proxy when
 * HTTPS_PROXY is set (NO_PROXY honoured), trusting UPSTREAM_CA_FILE in addition to the system CAs.
 */
export function createUpstream(opts: UpstreamOptions): Upstream {
  const base = new URL(opts.baseUrl);
  const origin = base.origin;
  const prefix = base.pathname.replace(/\/+$/, '');
  // the base URL's own query (e.g. `api-version=...`) goes with every request, after the request's own
  const baseQuery = base.search.slice(1);
  const pathOf = (path: string): string => (baseQuery === '' ? prefix + path : `${prefix}${path}${path.includes('?') ? '&' : '?'}${baseQuery}`);
  const common = {
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connections: 256,
    pipelining: 1,
  };
  // an extra CA is trusted in addition to the system's, not instead of them
  const tls = opts.ca !== undefined ? { ca: [...rootCertificates, opts.ca] } : {};
  const connect = { timeout: opts.connectTimeoutMs, ...tls };
  const dispatcher: Dispatcher = opts.httpsProxy
    ? new EnvHttpProxyAgent({
        ...common,
        httpsProxy: opts.httpsProxy,
        httpProxy: opts.httpsProxy,
        ...(opts.noProxy !== undefined ? { noProxy: opts.noProxy } : {}),
        connect,
        // TLS to the upstream inside the proxy's CONNECT tunnel
        requestTls: tls,
      })
    : new Agent({ ...common, connect });

  return {
    async send(req) {
      try {
        const res = await dispatcher.request({
          origin,
          path: pathOf(req.path),
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          signal: req.signal,
        });
        return { status: res.statusCode, headers: res.headers, body: res.body };
      } catch (err) {
        throw mapUpstreamError(err);
      }
    },
    async close() {
      await dispatcher.close();
    },
  };
}
