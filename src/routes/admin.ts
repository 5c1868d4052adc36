import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCOPES } from '../auth/scopes.js';
import type { KillSwitch } from '../incident/kill-switch.js';
import type { Revocations } from '../incident/revocations.js';
import { tokenId } from '../tokenize/token.js';
import { DAY_MS, idField, invalid, killScope, messageOf, objectBody, revocationTarget, untilOf } from './admin-input.js';
import type { Vault } from '../vault/vault.js';

export interface AdminDeps {
  readonly revocations: Revocations;
  readonly killSwitch: KillSwitch;
  readonly vault: Vault;
  readonly tenantKey: (tenant: string) => Buffer;
  readonly onVaultOp: (op: 'erase_tenant' | 'erase_value', result: 'ok' | 'error') => void;
}

/** Runs a vault erasure, counting it in the vault metrics. */
async function counted<T>(deps: AdminDeps, op: 'erase_tenant' | 'erase_value', run: () => Promise<T>): Promise<T> {
  try {
    const r = await run();
    deps.onVaultOp(op, 'ok');
    return r;
  } catch (err) {
    deps.onVaultOp(op, 'error');
    throw err;
  }
}

/**
 * Incident controls (scope privacy:admin; registered inside the authenticated context). Every action is
 * audited through the request's facts (decision `admin`, action and target kind, never the value).
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const config = { scopes: [SCOPES.admin] };
  const audit = (req: FastifyRequest, action: string, target: string): void => {
    req.facts.route = 'admin';
    req.facts.decision = 'admin';
    req.facts.admin = { action, target };
  };

  app.get('/admin/revocations', { config }, async (req) => {
    audit(req, 'list_revocations', 'other');
    return { data: await deps.revocations.list() };
  });
  app.post('/admin/revocations', { config }, async (req, reply) => {
    const b = objectBody(req.body);
    const target = revocationTarget(b);
    const now = Date.now();
    const until = untilOf(b, now, 30 * DAY_MS) as number;
    audit(req, target.kind === 'jti' ? 'revoke_jti' : 'revoke_subject', target.kind);
    await deps.revocations.set(target, until);
    return reply.code(201).send({ revoked: target.kind, until: new Date(until).toISOString() });
  });
  app.delete('/admin/revocations', { config }, async (req) => {
    const target = revocationTarget(objectBody(req.body));
    audit(req, target.kind === 'jti' ? 'unrevoke_jti' : 'unrevoke_subject', target.kind);
    return { removed: await deps.revocations.clear(target) };
  });

  app.get('/admin/kill-switch', { config }, async (req) => {
    audit(req, 'list_kill_switches', 'other');
    return { data: await deps.killSwitch.list() };
  });
  app.post('/admin/kill-switch', { config }, async (req, reply) => {
    const b = objectBody(req.body);
    const scope = killScope(b);
    const message = messageOf(b);
    const until = untilOf(b, Date.now(), undefined);
    audit(req, 'kill_switch_on', 'all' in scope ? 'all_tenants' : 'tenant');
    await deps.killSwitch.set(scope, message, until);
    return reply.code(201).send({ killed: 'all' in scope ? 'all' : 'tenant' });
  });
  app.delete('/admin/kill-switch', { config }, async (req) => {
    const scope = killScope(objectBody(req.body));
    audit(req, 'kill_switch_off', 'all' in scope ? 'all_tenants' : 'tenant');
    return { removed: await deps.killSwitch.clear(scope) };
  });

  app.post('/admin/erasure/tenant', { config }, async (req) => {
    const tenant = idField(objectBody(req.body), 'tenant') as string;
    audit(req, 'erase_tenant', 'tenant');
    await counted(deps, 'erase_tenant', () => deps.vault.eraseTenant(tenant));
    return { erased: 'tenant' };
  });
  app.post('/admin/erasure/value', { config }, async (req) => {
    const b = objectBody(req.body);
    const tenant = idField(b, 'tenant') as string;
    const type = idField(b, 'type') as string;
    if (!/^[A-Z][A-Z0-9_]{0,40}$/.test(type)) throw invalid('"type" must be an entity type name such as EMAIL');
    const value = b['value'];
    if (typeof value !== 'string' || value === '' || value.length > 10_000) throw invalid('"value" must be a non-empty string');
    audit(req, 'erase_value', 'value');
    // the token id is recomputed from the value: the same per-tenant HMAC that minted it
    const existed = await counted(deps, 'erase_value', () => deps.vault.eraseValue(tenant, type, tokenId(deps.tenantKey(tenant), type, value)));
    return { erased: existed };
  });
}
