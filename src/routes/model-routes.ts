import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymize, type AnonymizeResult } from '../anonymize/anonymize.js';
import type { DetectCache } from '../anonymize/detect-cache.js';
import type { Principal } from '../auth/principal.js';
import { SCOPES } from '../auth/scopes.js';
import type { Detector } from '../detect/types.js';
import { GatewayError } from '../errors.js';
import type { Policy } from '../policy/load.js';
import { minimize } from '../policy/minimize.js';
import { resolvePolicy } from '../policy/resolve.js';
import type { EffectivePolicy } from '../policy/types.js';
import { restoreJsonResponse, scopedLookup } from '../reidentify/json.js';
import { restoredCount, type RestoreStats } from '../reidentify/stats.js';
import { ReidentifyStream } from '../reidentify/stream.js';
import type { AnonymizePool } from '../offload/anonymize-pool.js';
import type { Upstream } from '../upstream/client.js';
import { isVaultCollision, type Vault } from '../vault/vault.js';
import { forward, type ResponseEncoder, type UpstreamLink } from './forward.js';
import { missingRefs, resolveFromVault } from './restore-scope.js';
import { retrieveQuery } from './retrieve-query.js';
import { countResponseFindings, responseTexts } from '../anonymize/response-scan.js';
import { MODEL_ROUTES, type ModelRoute } from './table.js';

export interface ModelRouteDeps {
  readonly upstream: Upstream;
  readonly upstreamApiKey: string | undefined;
  readonly policy: () => Policy;
  /** compiled detector for an effective policy (cached by its detectorKey) */
  readonly detectorFor: (p: EffectivePolicy) => Detector;
  /** per-tenant token key (HKDF of TOKEN_KEY), cached */
  readonly tenantKey: (tenant: string) => Buffer;
  readonly detectCache: DetectCache;
  /** large bodies are anonymized on worker threads, so the event loop stays free for other streams */
  readonly anonymizePool: AnonymizePool;
  readonly vault: Vault;
  readonly onVaultOp: (op: 'store' | 'resolve', result: 'ok' | 'error' | 'collision') => void;
  /** kill switch: a message when forwarding is stopped for this tenant */
  readonly isKilled: (tenant: string) => { message: string } | undefined;
  /** token quota per tenant: throws 429 when used up; `spend` records usage after the response */
  readonly tokenQuota: { check(tenant: string, limit: number | undefined): Promise<void>; spend(tenant: string, tokens: number): void };
  /** aborted when the shutdown grace has run out (in-flight upstream calls end with a 503 or an SSE error event) */
  readonly shutdown: AbortSignal;
}

function linkOf(deps: ModelRouteDeps): UpstreamLink {
  return { upstream: deps.upstream, apiKey: deps.upstreamApiKey, shutdown: deps.shutdown };
}

/** bodies larger than this are anonymized off the main thread (detection runs at a few MB/s) */
const OFFLOAD_BYTES = 64 * 1024;

/** at most this much of a streamed answer is kept for the response scan */
const MAX_SCANNED_OUTPUT = 256 * 1024;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function usageTokens(usage: unknown): number | undefined {
  if (!isObject(usage)) return undefined;
  const total = usage['total_tokens'];
  if (typeof total === 'number') return total;
  const i = usage['input_tokens'] ?? usage['prompt_tokens'];
  const o = usage['output_tokens'] ?? usage['completion_tokens'];
  return (typeof i === 'number' ? i : 0) + (typeof o === 'number' ? o : 0);
}

/** What the response side derives from an effective policy, once per policy (policies are memoized and frozen). */
interface RestoreRules {
  /** type names a bare (bracketless) token may have; one frozen array, so the scanner finds its configs by identity */
  readonly bareTypes: readonly string[];
  /** for a caller without `privacy:reidentify`: false for the types the policy restricts to that scope */
  readonly unscoped: ((type: string) => boolean) | undefined;
}

const restoreRulesMemo = new WeakMap<EffectivePolicy, RestoreRules>();

function restoreRules(policy: EffectivePolicy): RestoreRules {
  let rules = restoreRulesMemo.get(policy);
  if (rules === undefined) {
    const restricted = new Set(Object.entries(policy.entities).filter(([, r]) => r.restoreTo === 'scope').map(([t]) => t));
    rules = { bareTypes: Object.freeze(Object.keys(policy.entities)), unscoped: restricted.size === 0 ? undefined : (type) => !restricted.has(type) };
    restoreRulesMemo.set(policy, rules);
  }
  return rules;
}

/** Who may see which originals: every caller its own values, unless the policy restricts a type to `privacy:reidentify`. */
function restoreFilter(rules: RestoreRules, principal: Principal): ((type: string) => boolean) | undefined {
  return principal.scopes.has(SCOPES.reidentify) ? undefined : rules.unscoped;
}

/**
 * The response side: re-identification of JSON bodies and SSE streams within the caller's scope,
 * plus the facts the audit record needs (restore counts, usage, output findings).
 */
/** Did the caller ask for a JSON answer (chat `response_format`, Responses `text.format`: json_object or json_schema)? */
function asksForJson(body: unknown): boolean {
  if (!isObject(body)) return false;
  const rf = body['response_format'];
  const text = body['text'];
  const format = isObject(rf) ? rf : isObject(text) && isObject(text['format']) ? text['format'] : undefined;
  const type = format?.['type'];
  return type === 'json_object' || type === 'json_schema';
}

function responseEncoder(req: FastifyRequest, deps: ModelRouteDeps, policy: EffectivePolicy, principal: Principal, anon: AnonymizeResult | undefined, tenantScope: boolean, hideUsage = false): ResponseEncoder {
  const facts = req.facts;
  // (copied only where the vault's tenant-wide originals are added to it)
  const values = tenantScope ? new Map(anon?.tokens ?? []) : (anon?.tokens ?? new Map<string, string>());
  const rules = restoreRules(policy);
  const mayRestore = restoreFilter(rules, principal);
  const tenant = principal.tenant;
  let stats: RestoreStats | undefined;
  let complete = true;
  let usage: unknown;
  let stream: ReidentifyStream | undefined;
  const bareTypes = rules.bareTypes;
  const jsonOutput = asksForJson(req.body);
  const scanOn = policy.responseScan !== 'off';
  /**
   * personal data in the answer that was not in the prompt: counted for the audit record (large answers
   * on a worker). Through the detect cache: the next turn sends this answer back as history.
   */
  const scanOutput = async (texts: string[], a: AnonymizeResult): Promise<void> => {
    const fromPrompt = a.promptValues ?? new Set(a.tokens.values());
    const size = texts.reduce((n, t) => n + t.length, 0);
    try {
      facts.responseDetected = size > OFFLOAD_BYTES ? await deps.anonymizePool.scan({ policy, texts, fromPrompt }) : countResponseFindings(deps.detectorFor(policy), texts, policy, fromPrompt, deps.detectCache);
    } catch {
      facts.responseDetected = undefined;
    }
  };
  const finish = (ended = true): void => {
    if (!ended) complete = false;
    const s = stream?.stats ?? stats;
    if (stream) {
      usage = stream.usage;
      if (stream.resolveFailures > 0) complete = false;
      if (scanOn && anon !== undefined) {
        const texts = stream.outputTexts;
        facts.deferred.push(() => scanOutput(texts, anon));
      }
    }
    if (s) {
      const restored = restoredCount(s);
      // tokens of this caller's scope that appeared but had no original left (expired, erased)
      let unresolved = 0;
      let returned = 0;
      for (const key of s.seen) {
        if (!values.has(key)) unresolved++;
        else if (anon?.tokens.has(key)) returned++;
      }
      facts.reidentify = { complete, restored, unresolved, unknown: s.unknown, ...(anon ? { issued: anon.tokens.size, returned } : {}) };
    }
    const spent = usageTokens(usage);
    if (spent !== undefined) {
      facts.usage = isObject(usage) ? { prompt_tokens: Number(usage['prompt_tokens'] ?? usage['input_tokens'] ?? 0), completion_tokens: Number(usage['completion_tokens'] ?? usage['output_tokens'] ?? 0), total_tokens: spent } : undefined;
      if (policy.rateLimits.tokensPerMinute !== undefined) deps.tokenQuota.spend(tenant, spent);
    }
  };
  return {
    async json(body, raw) {
      if (tenantScope) {
        const refs = missingRefs(raw, values);
        if (refs.length > 0) {
          try {
            for (const [k, v] of await resolveFromVault(deps.vault, tenant, refs)) values.set(k, v);
            deps.onVaultOp('resolve', 'ok');
          } catch {
            deps.onVaultOp('resolve', 'error');
            complete = false; // the tokens stay in the answer; never the other way round
          }
        }
      }
      const res = restoreJsonResponse(body, scopedLookup({ values, ...(mayRestore ? { mayRestore } : {}) }), { bareTypes, jsonOutput });
      stats = res.stats;
      if (isObject(body)) usage = body['usage'];
      if (scanOn && anon !== undefined) {
        // only feeds the audit record: runs after the answer was sent
        const texts = responseTexts(body);
        facts.deferred.push(() => scanOutput(texts, anon));
      }
      return res.changed ? JSON.stringify(body) : raw;
    },
    sse() {
      stream = new ReidentifyStream({
        values,
        bareTypes,
        jsonOutput,
        hideUsage,
        ...(scanOn ? { keepOutputChars: MAX_SCANNED_OUTPUT } : {}),
        ...(mayRestore ? { mayRestore } : {}),
        ...(tenantScope
          ? {
              resolveMissing: async (refs) => {
                try {
                  const got = await resolveFromVault(deps.vault, tenant, refs);
                  deps.onVaultOp('resolve', 'ok');
                  return got;
                } catch (err) {
                  deps.onVaultOp('resolve', 'error');
                  throw err;
                }
              },
            }
          : {}),
      });
      return stream;
    },
    done: finish,
  };
}

const RESPONSE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,199}$/;

async function handleGet(req: FastifyRequest, reply: FastifyReply, deps: ModelRouteDeps, route: ModelRoute): Promise<FastifyReply> {
  const principal = req.principal as Principal;
  if (route.kind === 'models') return forward(req, reply, linkOf(deps), { method: 'GET', path: route.url, body: undefined }, {});
  // GET /v1/responses/{id}: a stored response. It sent no values, so only restore_scope: tenant
  // restores anything; under the default (request) its tokens stay tokens, as a pasted token would.
  const id = (req.params as { id: string }).id;
  // (an id is a word such as "resp_67cb…": nothing that an upstream could read as another path, "../admin")
  if (!RESPONSE_ID.test(id) || id.includes('..')) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The response id is not valid' });
  const policy = resolvePolicy(deps.policy(), principal.tenant, route.kind, undefined);
  req.facts.policyVersion = policy.version;
  // (OpenAI's retrieve takes include[], stream, starting_after, include_obfuscation: passed on, checked)
  const query = retrieveQuery(req.url);
  return forward(req, reply, linkOf(deps), { method: 'GET', path: `/v1/responses/${encodeURIComponent(id)}${query}`, body: undefined }, responseEncoder(req, deps, policy, principal, undefined, policy.restoreScope === 'tenant'));
}

async function handlePost(req: FastifyRequest, reply: FastifyReply, deps: ModelRouteDeps, route: ModelRoute): Promise<FastifyReply> {
  const facts = req.facts;
  const principal = req.principal as Principal;
  if (!isObject(req.body)) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request body must be a JSON object' });
  const body = req.body;
  const model = typeof body['model'] === 'string' && body['model'] !== '' ? body['model'] : undefined;
  // (every one of these routes needs a model, as the upstream's would say: not a 403 of the model allowlist)
  if (model === undefined) throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: 'The request must name a model (a string)' });
  facts.model = model;

  const killed = deps.isKilled(principal.tenant);
  if (killed) throw new GatewayError('GW_ERR_SERVICE_DISABLED', { message: killed.message, headers: { 'x-should-retry': 'false' } });

  // policy: the effective rules for (tenant, route, model)
  const policy = resolvePolicy(deps.policy(), principal.tenant, route.kind, model);
  facts.policyVersion = policy.version;
  facts.shadow = policy.shadow;
  if (!policy.modelAllowed) throw new GatewayError('GW_ERR_MODEL_NOT_ALLOWED');
  // the size as received (a chunked body has no Content-Length)
  const length = facts.bodyBytes ?? Number(req.headers['content-length'] ?? 0);
  if (policy.maxBodyBytes !== undefined && length > policy.maxBodyBytes) throw new GatewayError('GW_ERR_TOO_LARGE');
  await deps.tokenQuota.check(principal.tenant, policy.rateLimits.tokensPerMinute);

  // anonymize: data minimization, detection, actions (pure; on a worker thread for large bodies)
  const input = {
    // (shadow mode changes nothing: no minimization either)
    body: policy.shadow ? body : minimize(body, policy),
    route: route.kind as 'chat' | 'completions' | 'embeddings' | 'responses',
    policy,
    tenantKey: deps.tenantKey(principal.tenant),
    requestNonce: randomUUID(),
  };
  const anon: AnonymizeResult =
    length > OFFLOAD_BYTES ? await deps.anonymizePool.anonymize(input) : anonymize({ ...input, detector: deps.detectorFor(policy), detectCache: deps.detectCache });
  facts.detected = anon.counts;
  if (anon.blocked.length > 0 && !policy.shadow) {
    throw new GatewayError('GW_ERR_PII_BLOCKED', { detail: [...new Set(anon.blocked)].sort().join(', ') });
  }

  // vault: originals stored before anything is forwarded (fail closed)
  if (anon.mappings.length > 0) {
    try {
      await deps.vault.store(principal.tenant, anon.mappings, policy.retentionSeconds);
      deps.onVaultOp('store', 'ok');
    } catch (err) {
      const collision = isVaultCollision(err);
      deps.onVaultOp('store', collision ? 'collision' : 'error');
      req.log.error({ err, code: collision ? 'GW_VAULT_COLLISION' : 'GW_ERR_VAULT_UNAVAILABLE' }, 'vault store failed: request refused');
      throw new GatewayError('GW_ERR_VAULT_UNAVAILABLE', { cause: err });
    }
  }

  // transparency: policy version and counts of replaced values by type (never the values)
  void reply.header('x-privacy-policy-version', policy.version);
  const replaced = Object.entries(anon.counts)
    .map(([type, byAction]) => [type, (byAction.tokenize ?? 0) + (byAction.mask ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => `${type}=${n}`)
    .join(', ');
  if (replaced) void reply.header('x-privacy-replaced', policy.shadow ? `shadow; ${replaced}` : replaced);

  // a token quota counts streamed answers too: the upstream is asked for the usage chunk the caller did not ask for
  // (read for the quota, not sent on)
  const hideUsage = policy.rateLimits.tokensPerMinute !== undefined && askUsage(anon.body, route.kind);
  return forward(req, reply, linkOf(deps), { method: 'POST', path: route.url, body: JSON.stringify(anon.body) }, responseEncoder(req, deps, policy, principal, anon, policy.restoreScope === 'tenant', hideUsage));
}

/** For a chat or completions stream without `stream_options.include_usage`: sets it, and says so. */
function askUsage(body: Record<string, unknown>, kind: string): boolean {
  if ((kind !== 'chat' && kind !== 'completions') || body['stream'] !== true) return false;
  const opts = body['stream_options'];
  if (isObject(opts) && opts['include_usage'] === true) return false;
  body['stream_options'] = { ...(isObject(opts) ? opts : {}), include_usage: true };
  return true;
}

/** Registers the OpenAI-compatible routes; the caller registers them inside the authenticated context. */
export function registerModelRoutes(app: FastifyInstance, deps: ModelRouteDeps): void {
  for (const route of MODEL_ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      config: { scopes: route.scopes },
      handler: (req, reply) => {
        req.facts.route = route.kind;
        return route.method === 'GET' ? handleGet(req, reply, deps, route) : handlePost(req, reply, deps, route);
      },
    });
  }
}
