import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';

export const DEV_ISSUER = 'privacy-gateway-dev';
export const DEV_AUDIENCE = 'privacy-gateway';

export interface DevIdentity {
  readonly jwks: JSONWebKeySet;
  readonly token: string;
}

/** Dev mode: an ephemeral ES256 key pair (never written to disk) and a token valid for one hour. */
export async function createDevIdentity(tenantClaim: string): Promise<DevIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = `dev-${randomUUID().slice(0, 8)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const token = await new SignJWT({ [tenantClaim]: 'dev', scope: 'llm:chat llm:embed privacy:admin privacy:metrics', client_id: 'dev-client' })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject('dev-user')
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime('1h')
    .sign(privateKey);
  return { jwks: { keys: [jwk] }, token };
}

/** The banner printed at start in dev mode: the token and ready-to-paste snippets. */
export function devBanner(token: string, baseUrl: string, echo: boolean): string {
  const sample = 'Hi, I am Maria Gonzalez, my email is maria.gonzalez@example.com and my card is 4111 1111 1111 1111. Can you help?';
  return [
    '',
    '=== privacy-gateway dev mode ===',
    'Ephemeral signing key; every request is still verified. Token (valid 1 hour, tenant "dev"):',
    '',
    token,
    '',
    echo ? 'Upstream: the built-in echo upstream (no API key needed). Its answers repeat your last message, and' : 'Upstream: UPSTREAM_URL.',
    echo ? "`upstream_received` shows the request exactly as the upstream got it: tokens in place of personal data." : '',
    '',
    'curl:',
    `  export PGW_TOKEN='${token}'`,
    `  curl -s ${baseUrl}/v1/chat/completions -H "Authorization: Bearer $PGW_TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"${sample}"}]}'`,
    '',
    'openai SDK (Node):',
    `  import OpenAI from 'openai';`,
    `  const client = new OpenAI({ baseURL: '${baseUrl}/v1', apiKey: process.env.PGW_TOKEN });`,
    `  const r = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '${sample}' }] });`,
    `  console.log(r.choices[0].message.content);`,
    '',
    'openai SDK (Python):',
    `  client = OpenAI(base_url="${baseUrl}/v1", api_key=os.environ["PGW_TOKEN"])`,
    '',
  ].join('\n');
}
