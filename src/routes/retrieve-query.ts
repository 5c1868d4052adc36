import { GatewayError } from '../errors.js';

/**
 * The query of GET /v1/responses/{id} passed upstream: the parameters of OpenAI's retrieve call, each
 * value of the form that parameter takes. No value here is scanned for personal data, so an unknown
 * parameter is dropped and a known one with a value of another form is refused (400, naming the
 * parameter, never the value).
 */
const INCLUDE = /^[a-z_]+(?:\.[a-z_]+)*$/;
const BOOLEAN = /^(?:true|false)$/;
const RETRIEVE_PARAMS: ReadonlyMap<string, RegExp> = new Map([
  // the SDKs send arrays as `include[]=a&include[]=b`
  ['include[]', INCLUDE],
  ['include', INCLUDE],
  ['include_obfuscation', BOOLEAN],
  ['starting_after', /^\d{1,10}$/],
  ['stream', BOOLEAN],
]);

/** `?…` to append to the upstream path ('' when nothing is passed on), from the request's raw URL. */
export function retrieveQuery(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  if (q < 0) return '';
  let incoming: URLSearchParams;
  try {
    incoming = new URLSearchParams(rawUrl.slice(q + 1));
  } catch {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The query string is not valid' });
  }
  const out = new URLSearchParams();
  for (const [name, value] of incoming) {
    const form = RETRIEVE_PARAMS.get(name);
    if (form === undefined) continue;
    if (!form.test(value)) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: `The query parameter ${name} has a value of the wrong form` });
    out.append(name, value);
  }
  const text = out.toString();
  return text === '' ? '' : `?${text}`;
}
