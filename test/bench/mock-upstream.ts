/**
 * Benchmark upstream: a fast OpenAI-compatible mock on node:http, run as its own process so its CPU is
 * not counted as the gateway's. Prints `READY <port>` on stdout.
 * - chat: echoes the last user message (at most ECHO_MAX characters, after a lead-in) so tokens come back;
 *   `stream: true` answers in SSE events of 4 characters each, written one by one;
 * - model `bench-paced-stream`: SSE, one 4-character event every PACE_MS for PACED_EVENTS events
 *   (the event-loop blocking probe);
 * - embeddings: one small vector per input.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const ECHO_MAX = 2048;
const CHUNK = 4;
const PACE_MS = 5;
const PACED_EVENTS = 600;

function lastUserText(body: Record<string, unknown>): string {
  const messages = body['messages'];
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown };
    if (m.role === 'user' && typeof m.content === 'string') return m.content;
  }
  return '';
}

function chunkEvent(id: string, text: string): string {
  return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

function finishEvents(id: string): string {
  return `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
}

function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
}

function streamChat(res: ServerResponse, text: string): void {
  sseHead(res);
  const id = 'chatcmpl-bench';
  for (let i = 0; i < text.length; i += CHUNK) res.write(chunkEvent(id, text.slice(i, i + CHUNK)));
  res.end(finishEvents(id));
}

function pacedStream(res: ServerResponse): void {
  sseHead(res);
  const id = 'chatcmpl-paced';
  let n = 0;
  const timer = setInterval(() => {
    if (n++ >= PACED_EVENTS || res.destroyed) {
      clearInterval(timer);
      if (!res.destroyed) res.end(finishEvents(id));
      return;
    }
    res.write(chunkEvent(id, 'abcd'));
  }, PACE_MS);
}

function json(res: ServerResponse, status: number, v: unknown): void {
  const text = JSON.stringify(v);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
  let body: Record<string, unknown>;
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return json(res, 400, { error: { message: 'invalid json', type: 'invalid_request_error' } });
  }
  const path = (req.url ?? '').split('?')[0];
  if (path === '/v1/chat/completions') {
    if (body['model'] === 'bench-paced-stream') return pacedStream(res);
    // a fixed lead-in: the answer is never byte-identical to a prompt text (a model's never is), so no
    // cache keyed by text can make the response scan look cheaper than it is
    const text = `You wrote: ${lastUserText(body).slice(0, ECHO_MAX)}`;
    if (body['stream'] === true) return streamChat(res, text);
    return json(res, 200, {
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: 1,
      model: String(body['model'] ?? 'bench'),
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(text.length / 4), total_tokens: Math.ceil((raw.length + text.length) / 4) },
    });
  }
  if (path === '/v1/embeddings') {
    const input = body['input'];
    const n = Array.isArray(input) ? input.length : 1;
    const data = [];
    for (let i = 0; i < n; i++) data.push({ object: 'embedding', index: i, embedding: [0.01 * i, 0.02, -0.03, 0.04, 0.05, -0.06, 0.07, 0.08] });
    return json(res, 200, { object: 'list', data, model: String(body['model'] ?? 'bench'), usage: { prompt_tokens: 8 * n, total_tokens: 8 * n } });
  }
  if (path === '/v1/models') return json(res, 200, { object: 'list', data: [{ id: 'bench', object: 'model', created: 1, owned_by: 'bench' }] });
  return json(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
}

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (d: Buffer) => parts.push(d));
  req.on('end', () => handle(req, res, Buffer.concat(parts).toString('utf8')));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`READY ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
