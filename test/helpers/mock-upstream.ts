import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { lastUserText, chatChunks, chatCompletion, completion, completionChunks, embeddings, modelList, responseEvents, responseObject, splitEvery, usageFor } from '../../src/dev/openai-shapes.js';

/**
 * A faithful OpenAI-compatible mock upstream (a real node:http server). It records every request it
 * receives, and its behaviour is chosen by the request's `model` (which the gateway passes unchanged):
 * - any other model: echo the last user text (chat, completions, responses; streaming in small chunks,
 *   usage chunk when stream_options.include_usage; a chat stream with n > 1 interleaves its choices),
 *   deterministic embeddings, a model list;
 * - `mock-tools`: a tool call whose JSON arguments carry the last user text (`{"note": "..."}`);
 * - a request for JSON output (response_format / text.format json_object or json_schema): `{"said": "..."}`;
 * - `mock-error-400|404|429|500`: that error in OpenAI's shape (429 with retry-after);
 * - `mock-unauthorized`: 401 (the gateway's own key refused);
 * - `mock-slow`: answers after 300 ms; `mock-hang`: never answers;
 * - `mock-broken-stream`: a few chunks, then the connection is destroyed;
 * - `mock-slow-stream`: one chunk every 50 ms for 2 s;
 * - `mock-invalid-json`: a 200 with a body that is not JSON.
 * GET /v1/responses/{id} answers a stored response (`?stream=true`: its event stream).
 */
export interface RecordedRequest {
  method: string;
  path: string;
  /** the query string as received, without the `?` ('' when none) */
  query: string;
  headers: IncomingMessage['headers'];
  bodyText: string;
  body: Record<string, unknown> | undefined;
}

export interface MockUpstream {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** number of requests whose connection closed before the response ended (client abort) */
  aborted: number;
  /** fixed answer text overriding the echo (e.g. to plant tokens in the answer) */
  answer: string | undefined;
  /** chunk size for streamed text */
  chunkSize: number;
  reset(): void;
  close(): Promise<void>;
}


function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), 'x-request-id': `req_${randomUUID()}`, ...headers });
  res.end(text);
}

function apiError(res: ServerResponse, status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}): void {
  json(res, status, { error: { message, type, param: null, code } }, headers);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startMockUpstream(): Promise<MockUpstream> {
  const sockets = new Set<Socket>();
  const state: MockUpstream = {
    url: '',
    requests: [],
    aborted: 0,
    answer: undefined,
    chunkSize: 4,
    reset() {
      this.requests.length = 0;
      this.aborted = 0;
      this.answer = undefined;
      this.chunkSize = 4;
    },
    close: async () => {},
  };

  async function writeSse(res: ServerResponse, events: { event?: string; data: unknown }[], delayMs = 0): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_${randomUUID()}` });
    for (const e of events) {
      if (res.destroyed) return;
      res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${JSON.stringify(e.data)}\n\n`);
      if (delayMs > 0) await sleep(delayMs);
    }
    res.end('data: [DONE]\n\n');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | undefined;
    try {
      body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    state.requests.push({ method: req.method ?? 'GET', path, query, headers: req.headers, bodyText, body });
    res.once('close', () => {
      if (!res.writableFinished) state.aborted++;
    });

    if (req.method === 'GET' && path.endsWith('/v1/models')) return json(res, 200, modelList());
    const respMatch = /\/v1\/responses\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && respMatch) {
      const id = respMatch[1] ?? 'x';
      const text = state.answer ?? 'stored response';
      // `?stream=true`: the stored response replayed as its event stream, as OpenAI does
      if (new URLSearchParams(query).get('stream') === 'true') return writeSse(res, responseEvents(id, 'gpt-4o-mini', splitEvery(text, state.chunkSize), usageFor(10, 10)));
      return json(res, 200, responseObject(id, 'gpt-4o-mini', text, usageFor(10, 10)));
    }
    if (!body) return apiError(res, 400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null);

    const model = typeof body['model'] === 'string' ? body['model'] : 'gpt-4o-mini';
    const stream = body['stream'] === true;
    const said = lastUserText(body);
    // (asked for JSON, response_format or text.format, it answers a JSON object carrying the last user text)
    const format = (body['response_format'] ?? (body['text'] as { format?: unknown } | undefined)?.format) as { type?: string } | undefined;
    const answer = state.answer ?? (format?.type === 'json_object' || format?.type === 'json_schema' ? JSON.stringify({ said }) : `You said: ${said}`);
    const usage = usageFor(bodyText.length, answer.length);
    const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`;

    const errorMatch = /^mock-error-(\d{3})$/.exec(model);
    if (errorMatch) {
      const status = Number(errorMatch[1]);
      if (status === 429) return apiError(res, 429, 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded', { 'retry-after': '7' });
      if (status >= 500) return apiError(res, status, 'The server had an error while processing your request.', 'server_error', null);
      return apiError(res, status, `Invalid request (mock ${status})`, 'invalid_request_error', null);
    }
    switch (model) {
      case 'mock-unauthorized':
        return apiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      case 'mock-hang':
        return; // never answers
      case 'mock-slow':
        await sleep(300);
        break;
      case 'mock-invalid-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"not json');
        return;
      case 'mock-broken-stream': {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const c of chatChunks(id, model, splitEvery(answer, state.chunkSize)).slice(0, 3)) res.write(`data: ${JSON.stringify(c)}\n\n`);
        await sleep(50);
        res.socket?.destroy();
        return;
      }
      default:
        break;
    }

    switch (path.replace(/^.*(\/v1\/)/, '$1')) {
      case '/v1/chat/completions': {
        const tools = model === 'mock-tools' ? [{ id: `call_${randomUUID().slice(0, 8)}`, name: 'save_note', arguments: JSON.stringify({ note: said }) }] : [];
        const includeUsage = (body['stream_options'] as { include_usage?: boolean } | undefined)?.include_usage === true;
        const n = typeof body['n'] === 'number' && body['n'] > 1 ? Math.min(body['n'], 8) : 1;
        if (stream && n > 1 && tools.length === 0) {
          // n choices, their chunks interleaved as the API sends them (each choice says the answer)
          const perChoice = Array.from({ length: n }, (_, index) =>
            chatChunks(id, model, splitEvery(answer, state.chunkSize)).map((c) => ({ ...c, choices: (c['choices'] as Record<string, unknown>[]).map((ch) => ({ ...ch, index })) })),
          );
          const events: Record<string, unknown>[] = [];
          for (let i = 0; i < (perChoice[0]?.length ?? 0); i++) for (const chunks of perChoice) if (chunks[i]) events.push(chunks[i] as Record<string, unknown>);
          if (includeUsage) events.push({ ...events[0], choices: [], usage });
          return writeSse(res, events.map((data) => ({ data })));
        }
        if (stream) {
          const events = chatChunks(id, model, tools.length ? [] : splitEvery(answer, state.chunkSize), { usage: includeUsage ? usage : undefined, toolCalls: tools, toolPieceSize: 3 });
          return writeSse(res, events.map((data) => ({ data })), model === 'mock-slow-stream' ? 50 : 0);
        }
        return json(res, 200, chatCompletion(id, model, tools.length ? null : answer, usage, tools));
      }
      case '/v1/completions':
        if (stream) return writeSse(res, completionChunks(id, model, splitEvery(answer, state.chunkSize)).map((data) => ({ data })));
        return json(res, 200, completion(id, model, answer, usage));
      case '/v1/embeddings': {
        const input = body['input'];
        const inputs = Array.isArray(input) ? input.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))) : [typeof input === 'string' ? input : JSON.stringify(input)];
        return json(res, 200, embeddings(model, inputs));
      }
      case '/v1/responses':
        if (stream) return writeSse(res, responseEvents(`resp_${id}`, model, splitEvery(answer, state.chunkSize), usage));
        return json(res, 200, responseObject(`resp_${id}`, model, answer, usage));
      default:
        return apiError(res, 404, `Invalid URL (${req.method} ${path})`, 'invalid_request_error', null);
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) apiError(res, 500, 'mock failure', 'server_error', null);
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  return state;
}
