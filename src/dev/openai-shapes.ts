/**
 * Builders for OpenAI-compatible response bodies and stream chunks, as the real API shapes them.
 * Used by the dev-mode echo upstream (and by the test mock upstream).
 */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageFor(promptChars: number, completionChars: number): Usage {
  const p = Math.max(1, Math.ceil(promptChars / 4));
  const c = Math.max(1, Math.ceil(completionChars / 4));
  return { prompt_tokens: p, completion_tokens: c, total_tokens: p + c };
}

export interface ToolCallSpec {
  id: string;
  name: string;
  arguments: string;
}

export function chatCompletion(id: string, model: string, content: string | null, usage: Usage, toolCalls: ToolCallSpec[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } })) } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage,
    system_fingerprint: 'fp_mock',
    ...extra,
  };
}

/** The chunks of a streamed chat completion: role, content pieces, tool call pieces, finish, usage. */
export function chatChunks(id: string, model: string, pieces: string[], opts: { usage?: Usage | undefined; toolCalls?: ToolCallSpec[]; toolPieceSize?: number } = {}): Record<string, unknown>[] {
  const created = Math.floor(Date.now() / 1000);
  const base = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_mock' };
  const withChoice = (delta: Record<string, unknown>, finish: string | null): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(opts.usage ? { usage: null } : {}),
  });
  const out: Record<string, unknown>[] = [withChoice({ role: 'assistant', content: '', refusal: null }, null)];
  for (const p of pieces) out.push(withChoice({ content: p }, null));
  const tools = opts.toolCalls ?? [];
  tools.forEach((t, index) => {
    out.push(withChoice({ tool_calls: [{ index, id: t.id, type: 'function', function: { name: t.name, arguments: '' } }] }, null));
    const size = opts.toolPieceSize ?? 5;
    for (let i = 0; i < t.arguments.length; i += size) out.push(withChoice({ tool_calls: [{ index, function: { arguments: t.arguments.slice(i, i + size) } }] }, null));
  });
  out.push(withChoice({}, tools.length > 0 ? 'tool_calls' : 'stop'));
  if (opts.usage) out.push({ ...base, choices: [], usage: opts.usage });
  return out;
}

export function completion(id: string, model: string, text: string, usage: Usage): Record<string, unknown> {
  return { id, object: 'text_completion', created: Math.floor(Date.now() / 1000), model, choices: [{ text, index: 0, logprobs: null, finish_reason: 'stop' }], usage };
}

export function completionChunks(id: string, model: string, pieces: string[]): Record<string, unknown>[] {
  const created = Math.floor(Date.now() / 1000);
  const out: Record<string, unknown>[] = pieces.map((p) => ({ id, object: 'text_completion', created, model, choices: [{ text: p, index: 0, logprobs: null, finish_reason: null }] }));
  out.push({ id, object: 'text_completion', created, model, choices: [{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }] });
  return out;
}

/** A deterministic unit vector from the text (so the same input gives the same embedding). */
export function fakeEmbedding(text: string, dims = 8): number[] {
  const v: number[] = [];
  let h = 2166136261;
  for (let i = 0; i < dims; i++) {
    for (let j = 0; j < text.length; j++) h = Math.imul(h ^ text.charCodeAt(j) ^ i, 16777619);
    v.push(((h >>> 0) % 2000) / 1000 - 1);
  }
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

export function embeddings(model: string, inputs: string[]): Record<string, unknown> {
  return {
    object: 'list',
    data: inputs.map((t, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(t) })),
    model,
    usage: { prompt_tokens: inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0), total_tokens: inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0) },
  };
}

export function responseObject(id: string, model: string, text: string, usage: Usage, status = 'completed'): Record<string, unknown> {
  return {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    model,
    output: [{ type: 'message', id: `msg_${id}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
    usage: { input_tokens: usage.prompt_tokens, output_tokens: usage.completion_tokens, total_tokens: usage.total_tokens },
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    parallel_tool_calls: true,
    temperature: 1,
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
  };
}

/** Responses API streaming events for one text message. */
export function responseEvents(id: string, model: string, pieces: string[], usage: Usage): { event: string; data: Record<string, unknown> }[] {
  const text = pieces.join('');
  const itemId = `msg_${id}`;
  const inProgress = { ...responseObject(id, model, '', usage, 'in_progress'), output: [], usage: null };
  let seq = 0;
  const ev = (type: string, body: Record<string, unknown>): { event: string; data: Record<string, unknown> } => ({ event: type, data: { type, sequence_number: seq++, ...body } });
  return [
    ev('response.created', { response: inProgress }),
    ev('response.in_progress', { response: inProgress }),
    ev('response.output_item.added', { output_index: 0, item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] } }),
    ev('response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } }),
    ...pieces.map((p) => ev('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: p })),
    ev('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text }),
    ev('response.content_part.done', { item_id: itemId, output_index: 0, content_index: 0, part: { type: 'output_text', text, annotations: [] } }),
    ev('response.output_item.done', { output_index: 0, item: { type: 'message', id: itemId, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] } }),
    ev('response.completed', { response: responseObject(id, model, text, usage) }),
  ];
}

export function splitEvery(text: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out.length ? out : [''];
}

export const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'text-embedding-3-small'];

export function modelList(): Record<string, unknown> {
  return { object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' })) };
}

/** The text of a message content (string or text parts). */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join(' ');
  }
  return '';
}

/** The last user text of a chat, responses or completions request body. */
export function lastUserText(body: Record<string, unknown>): string {
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i] as { role?: unknown; content?: unknown } | undefined;
      if (m && m.role === 'user') return textOf(m.content);
    }
  }
  const input = body['input'];
  if (typeof input === 'string') return input;
  if (Array.isArray(input)) {
    for (let i = input.length - 1; i >= 0; i--) {
      const item = input[i] as { role?: unknown; content?: unknown } | undefined;
      if (item && typeof item === 'object' && (item.role === 'user' || item.role === undefined)) return textOf(item.content);
    }
  }
  const prompt = body['prompt'];
  return typeof prompt === 'string' ? prompt : '';
}
