import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { lastUserText, chatChunks, chatCompletion, completion, completionChunks, embeddings, modelList, responseEvents, responseObject, splitEvery, usageFor } from './openai-shapes.js';

/**
 * Dev mode's built-in upstream. It answers like an OpenAI-compatible API and echoes what it received:
 * the answer repeats the last user message (tokens and all, so the gateway restores them on the way
 * back), and the field `upstream_received` holds the whole request body exactly as the upstream got it
 * (outside the fields the gateway re-identifies), so a newcomer sees what the model saw next to what
 * the caller got back. A stream carries it on its last chunk (the one that ends the choice) or on its
 * `response.completed` event.
 */
export interface EchoUpstream {
  readonly url: string;
  close(): Promise<void>;
}


function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sse(res: ServerResponse, events: { event?: string; data: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`);
  res.end('data: [DONE]\n\n');
}

/** A stream shows what the upstream received too: `upstream_received` on the chunk that ends the first choice. */
function withReceived(chunks: Record<string, unknown>[], received: { upstream_received: unknown }): Record<string, unknown>[] {
  const i = chunks.findIndex((c) => Array.isArray(c['choices']) && (c['choices'] as { finish_reason?: unknown }[]).some((ch) => ch.finish_reason != null));
  return chunks.map((c, j) => (j === i ? { ...c, ...received } : c));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (req.method === 'GET' && path === '/v1/models') return send(res, 200, modelList());
  if (req.method !== 'POST') return send(res, 404, { error: { message: 'not found', type: 'invalid_request_error', code: null } });
  readJson(req)
    .then((body) => {
      const model = typeof body['model'] === 'string' ? body['model'] : 'echo';
      const said = lastUserText(body);
      const answer = said === '' ? 'Echo upstream: no user text received.' : `Echo upstream. Your last message, as the model received it and as you get it back: ${said}`;
      const usage = usageFor(JSON.stringify(body).length, answer.length);
      const id = `echo-${randomUUID()}`;
      const stream = body['stream'] === true;
      const received = { upstream_received: body };
      switch (path) {
        case '/v1/chat/completions':
          if (stream) return sse(res, withReceived(chatChunks(id, model, splitEvery(answer, 8), { usage: (body['stream_options'] as { include_usage?: boolean } | undefined)?.include_usage ? usage : undefined }), received).map((data) => ({ data })));
          return send(res, 200, chatCompletion(id, model, answer, usage, [], received));
        case '/v1/completions':
          if (stream) return sse(res, withReceived(completionChunks(id, model, splitEvery(answer, 8)), received).map((data) => ({ data })));
          return send(res, 200, { ...completion(id, model, answer, usage), ...received });
        case '/v1/embeddings': {
          const input = body['input'];
          const inputs = Array.isArray(input) ? input.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [typeof input === 'string' ? input : JSON.stringify(input)];
          return send(res, 200, { ...embeddings(model, inputs), ...received });
        }
        case '/v1/responses':
          if (stream) {
            const events = responseEvents(id, model, splitEvery(answer, 8), usage);
            const last = events[events.length - 1];
            if (last) last.data = { ...last.data, ...received };
            return sse(res, events);
          }
          return send(res, 200, { ...responseObject(id, model, answer, usage), ...received });
        default:
          return send(res, 404, { error: { message: 'not found', type: 'invalid_request_error', code: null } });
      }
    })
    .catch(() => send(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error', code: null } }));
}

export async function startEchoUpstream(): Promise<EchoUpstream> {
  const server: Server = createServer(handle);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
