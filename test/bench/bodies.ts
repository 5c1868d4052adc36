/**
 * Request bodies for the benchmark scenarios. Every call with a new `seq` gives a different text (so the
 * gateway's detect cache cannot answer from memory), with realistic personal values drawn from pools.
 */
export type ScenarioName = 'chat1k' | 'chat10k' | 'conv20' | 'stream1k' | 'embed16';

export interface ScenarioDef {
  readonly name: ScenarioName;
  readonly path: string;
  readonly title: string;
  readonly stream: boolean;
  body(seq: number): string;
}

const FIRST = ['Alice', 'Bruno', 'Chloe', 'Daniel', 'Emma', 'Farid', 'Greta', 'Hiroshi', 'Ingrid', 'Jamal', 'Katarina', 'Liam', 'Maya', 'Nikolai', 'Olivia', 'Pedro', 'Quentin', 'Rosa', 'Samuel', 'Tanja', 'Ulrich', 'Valentina', 'William', 'Yusuf', 'Zoe'];
const LAST = ['Anderson', 'Becker', 'Carvalho', 'Dubois', 'Eriksson', 'Fischer', 'Garcia', 'Hoffmann', 'Ivanova', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Rossi', 'Schneider', 'Tanaka', 'Vasquez', 'Weber', 'Yamamoto'];
const CITIES = ['Berlin', 'Lisbon', 'Amsterdam', 'Vienna', 'Copenhagen', 'Madrid', 'Prague', 'Dublin', 'Stockholm', 'Zurich'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'example.de'];
const FILLER = [
  'Could you summarise the situation below and propose a polite reply that we can send today?',
  'The customer wrote to us last week about a billing problem that has not been resolved yet.',
  'We need to keep the tone friendly but firm, and mention the next steps clearly in the answer.',
  'Please also list the open questions that our support team should clarify before the call.',
  'The invoice was issued twice by mistake and one payment should be refunded within five days.',
  'Our records show that the contract was renewed automatically at the start of the month.',
  'Make sure the answer does not promise anything that the finance department has not approved.',
  'If something is unclear, write a short note for the account manager instead of guessing.',
  'The delivery was delayed because of a warehouse problem, which we apologised for already.',
  'Keep the reply under two hundred words and use short paragraphs that are easy to read.',
];

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function digits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
}

/** About 1 KB of prose with 5 personal values (person, e-mail, phone, IBAN, city); `seq` makes it unique. */
export function paragraph(seq: number, part = 0): string {
  const r = rng(seq * 7919 + part * 104_729 + 1);
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const email = `${first.toLowerCase()}.${last.toLowerCase()}${Math.floor(r() * 90 + 10)}@${pick(r, DOMAINS)}`;
  const phone = `+49 30 ${digits(r, 4)} ${digits(r, 4)}`;
  const iban = `DE89 3704 0044 ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 2)}`;
  const city = pick(r, CITIES);
  const f = (): string => pick(r, FILLER);
  return (
    `Ticket ${seq}-${part}: ${f()} The customer is ${first} ${last}, who lives in ${city}. ${f()} ` +
    `You can reach ${first} at ${email} or by phone on ${phone}. ${f()} ${f()} ` +
    `The refund should go to the account ${iban}. ${f()} ${f()} ${f()}`
  );
}

const SYSTEM = 'You are a helpful assistant for the customer support team. Answer concisely.';

function chat(messages: { role: string; content: string }[], stream = false): string {
  return JSON.stringify({ model: 'gpt-4o-mini', messages, ...(stream ? { stream: true } : {}) });
}

/** 19 fixed turns (the same on every request), then the new user turn. */
const HISTORY: { role: string; content: string }[] = (() => {
  const out: { role: string; content: string }[] = [{ role: 'system', content: SYSTEM }];
  for (let i = 0; i < 19; i++) {
    out.push(i % 2 === 0 ? { role: 'user', content: paragraph(1_000_000, i) } : { role: 'assistant', content: `Here is a draft. ${paragraph(2_000_000, i)}` });
  }
  return out;
})();

export const SCENARIOS: Record<ScenarioName, ScenarioDef> = {
  chat1k: {
    name: 'chat1k',
    path: '/v1/chat/completions',
    title: '1 KB chat, 5 personal values',
    stream: false,
    body: (seq) => chat([{ role: 'system', content: SYSTEM }, { role: 'user', content: paragraph(seq) }]),
  },
  chat10k: {
    name: 'chat10k',
    path: '/v1/chat/completions',
    title: '10 KB chat, ~50 personal values',
    stream: false,
    body: (seq) => chat([{ role: 'system', content: SYSTEM }, { role: 'user', content: Array.from({ length: 10 }, (_, i) => paragraph(seq, i)).join('\n\n') }]),
  },
  conv20: {
    name: 'conv20',
    path: '/v1/chat/completions',
    title: '20-turn conversation, only the last turn new',
    stream: false,
    body: (seq) => chat([...HISTORY, { role: 'user', content: paragraph(seq) }]),
  },
  stream1k: {
    name: 'stream1k',
    path: '/v1/chat/completions',
    title: '1 KB streamed answer (4-char SSE chunks)',
    stream: true,
    body: (seq) => chat([{ role: 'system', content: SYSTEM }, { role: 'user', content: paragraph(seq) }], true),
  },
  embed16: {
    name: 'embed16',
    path: '/v1/embeddings',
    title: 'embeddings, 16 inputs',
    stream: false,
    body: (seq) => {
      const input: string[] = [];
      for (let i = 0; i < 16; i++) {
        const p = paragraph(seq, i);
        input.push(p.slice(0, 200));
      }
      return JSON.stringify({ model: 'text-embedding-3-small', input });
    },
  },
};

/** A chat body of about `bytes` bytes (the event-loop blocking probe). */
export function bigChat(bytes: number, seq: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const p = paragraph(seq, i);
    parts.push(p);
    n += p.length + 2;
  }
  return chat([{ role: 'user', content: parts.join('\n\n') }]);
}

export const PACED_STREAM_BODY = JSON.stringify({ model: 'bench-paced-stream', messages: [{ role: 'user', content: 'stream please' }], stream: true });
