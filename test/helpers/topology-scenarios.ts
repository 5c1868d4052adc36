import { expect } from 'vitest';
import { mintedTokens, send, within } from './ops.js';
import { T, TENANT_PER_MINUTE, answerText, chat, errorCode, plantedEmail, type Fleet } from './topology-fleet.js';
import type { GatewayProcess } from './start-gateway.js';

/**
 * The scenarios both topology files run against their three gateways (Cluster and Sentinel differ
 * only in how the store is reached, how keys spread, and what is killed).
 */

const gw = (fleet: Fleet, i: number): GatewayProcess => fleet.gateways[i] as GatewayProcess;

export async function tokenMintedOnARestoredOnB(fleet: Fleet): Promise<void> {
  const token = await fleet.token(T.shared);
  const email = plantedEmail('cross');
  fleet.mock.reset();
  const a = await chat(gw(fleet, 0).url, token, `Remember the address ${email} for later.`);
  expect(a.status).toBe(200);
  const minted = mintedTokens(fleet.mock.requests.map((r) => r.bodyText).join('\n')).filter((t) => t.startsWith('[EMAIL_'));
  expect(minted).toHaveLength(1);
  // the upstream keeps state: a later answer, through another replica, carries the token
  fleet.mock.answer = `The address you gave me is ${minted[0] as string}.`;
  const b = await chat(gw(fleet, 1).url, token, 'What was the address?');
  expect(b.status).toBe(200);
  expect(answerText(b)).toBe(`The address you gave me is ${email}.`);
  fleet.mock.answer = undefined;
  expect(fleet.leakedBodies()).toBe(0);
}

export async function rateLimitAcrossReplicas(fleet: Fleet): Promise<void> {
  const token = await fleet.token(T.limited, { sub: `rl-${Date.now()}` });
  const statuses: number[] = [];
  for (let i = 0; i < TENANT_PER_MINUTE + 6; i++) statuses.push((await chat(gw(fleet, i % 3).url, token, 'hello there')).status);
  // on a mismatch, say whether a replica could not reach the counters (it lets requests through)
  const storeErrors = fleet.gateways.flatMap((g) => g.stdout.join('').split('\n').filter((l) => l.includes('rate_limit_store')));
  expect(statuses.filter((s) => s === 200), `statuses ${statuses.join(',')}; store errors: ${storeErrors.join(' | ') || 'none'}`).toHaveLength(TENANT_PER_MINUTE);
  expect(statuses.filter((s) => s === 429)).toHaveLength(6);
}

export async function revocationAndKillSwitch(fleet: Fleet): Promise<{ revokeMs: number; killMs: number }> {
  const admin = await fleet.adminToken();
  const jti = `jti-${Date.now()}`;
  const victim = await fleet.token(T.shared, { jti });
  for (const g of fleet.gateways) expect((await chat(g.url, victim, 'hi')).status).toBe(200);
  const r = await send(gw(fleet, 0).url, 'POST', '/admin/revocations', admin, { jti, ttl_seconds: 600 });
  expect(r.status).toBe(201);
  const revokeMs = await within(1000, async () => {
    const rs = await Promise.all([gw(fleet, 1), gw(fleet, 2)].map((g) => chat(g.url, victim, 'hi')));
    return rs.every((x) => x.status === 401 && errorCode(x) === 'token_revoked');
  });

  const killedToken = await fleet.token(T.killed);
  const other = await fleet.token(T.shared);
  for (const g of fleet.gateways) expect((await chat(g.url, killedToken, 'hi')).status).toBe(200);
  const k = await send(gw(fleet, 1).url, 'POST', '/admin/kill-switch', admin, { tenant: T.killed, message: 'incident 42' });
  expect(k.status).toBe(201);
  const killMs = await within(1000, async () => {
    const rs = await Promise.all([gw(fleet, 0), gw(fleet, 2)].map((g) => chat(g.url, killedToken, 'hi')));
    return rs.every((x) => x.status === 503 && errorCode(x) === 'service_disabled');
  });
  // other tenants are untouched
  for (const g of fleet.gateways) expect((await chat(g.url, other, 'hi')).status).toBe(200);
  return { revokeMs, killMs };
}

export async function erasureSeenByAll(fleet: Fleet): Promise<number> {
  const admin = await fleet.adminToken();
  const token = await fleet.token(T.erase);
  const email = plantedEmail('erase');
  fleet.mock.reset();
  expect((await chat(gw(fleet, 0).url, token, `Write to ${email} please.`)).status).toBe(200);
  const minted = mintedTokens(fleet.mock.requests.map((r) => r.bodyText).join('\n')).filter((t) => t.startsWith('[EMAIL_'));
  expect(minted).toHaveLength(1);
  const tok = minted[0] as string;
  fleet.mock.answer = `Noted: ${tok}`;
  for (const g of fleet.gateways) expect(answerText(await chat(g.url, token, 'again?'))).toBe(`Noted: ${email}`);
  const e = await send(gw(fleet, 2).url, 'POST', '/admin/erasure/tenant', admin, { tenant: T.erase });
  expect(e.status).toBe(200);
  // each replica trusts its cached tenant data key for at most a second
  const ms = await within(2000, async () => {
    const rs = await Promise.all(fleet.gateways.map((g) => chat(g.url, token, 'again?')));
    return rs.every((x) => x.status === 200 && answerText(x) === `Noted: ${tok}`);
  });
  fleet.mock.answer = undefined;
  expect(fleet.leakedBodies()).toBe(0);
  return ms;
}
