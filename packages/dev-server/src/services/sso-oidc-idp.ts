import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import type { Dev } from '../context';
import { sql } from '../store/db';

// The §7.5 stand-in OpenID provider: its own RS256 key (process-wide, like the SAML stand-in's,
// so it outlives resets), clients registered through RFC 7591, id_tokens on the dev clock.

interface IdpKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
  kid: string;
  /**
   * A second key for `fault=bad_signature` (a well-formed signature by the wrong signer) and
   * `fault=unknown_kid` (a key `/jwks` does not publish, as just after a rotation nobody announced).
   */
  roguePrivateKey: CryptoKey;
}

let keys: Promise<IdpKeys> | undefined;

export function standInOidcKeys(): Promise<IdpKeys> {
  keys ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const rogue = await generateKeyPair('RS256', { modulusLength: 2048 });
    const kid = `dev-idp-${randomBytes(4).toString('hex')}`;
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { privateKey, publicKey, jwk, kid, roguePrivateKey: rogue.privateKey };
  })();
  return keys;
}

export const oidcIdpIssuer = (dev: Dev) => `${dev.config.url}/__dev/idp/oidc`;

export function oidcIdpConfiguration(dev: Dev) {
  const issuer = oidcIdpIssuer(dev);
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    registration_endpoint: `${issuer}/register`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256', 'plain'],
    claims_supported: [
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'nonce',
      'email',
      'email_verified',
      'name',
      'given_name',
      'family_name',
    ],
  };
}

export interface OidcIdpClient {
  client_id: string;
  name: string | null;
  redirect_uris: string[];
  created_at: number;
}

const hash = (v: string) => createHash('sha256').update(v).digest();

/** RFC 7591 registration; the secret is shown once and only its hash is kept. */
export function registerOidcIdpClient(
  dev: Dev,
  input: { redirectUris: string[]; name: string | null },
): OidcIdpClient & { client_secret: string } {
  const clientId = `dev-client-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  const now = dev.clock.now();
  sql(
    dev.db,
    'INSERT INTO sso_oidc_idp_clients (client_id, secret_hash, name, redirect_uris, created_at) VALUES (?,?,?,?,?)',
  ).run(clientId, hash(secret).toString('hex'), input.name, JSON.stringify(input.redirectUris), now);
  return {
    client_id: clientId,
    client_secret: secret,
    name: input.name,
    redirect_uris: input.redirectUris,
    created_at: now,
  };
}

export function getOidcIdpClient(dev: Dev, clientId: string): OidcIdpClient | undefined {
  const row = sql(dev.db, 'SELECT * FROM sso_oidc_idp_clients WHERE client_id = ?').get(clientId) as
    | { client_id: string; name: string | null; redirect_uris: string; created_at: number }
    | undefined;
  return row && { ...row, redirect_uris: JSON.parse(row.redirect_uris) as string[] };
}

/** Checks a client's secret in constant time. */
export function oidcIdpClientSecretMatches(dev: Dev, clientId: string, secret: string): boolean {
  const row = sql(dev.db, 'SELECT secret_hash FROM sso_oidc_idp_clients WHERE client_id = ?').get(clientId) as
    | { secret_hash: string }
    | undefined;
  return !!row && timingSafeEqual(Buffer.from(row.secret_hash, 'hex'), hash(secret));
}

/** The stand-in's stable, opaque subject for an email address. */
export const subjectOf = (email: string) => `dev|${createHash('sha256').update(email).digest('hex').slice(0, 24)}`;

export const ID_TOKEN_FAULTS = [
  'bad_signature',
  'tampered',
  'expired',
  'wrong_audience',
  'wrong_issuer',
  'wrong_nonce',
  'wrong_typ',
  'unverified_email',
  'no_email_verified',
  'unknown_kid',
] as const;
export type IdTokenFault = (typeof ID_TOKEN_FAULTS)[number];

export interface IdTokenInput {
  clientId: string;
  email: string;
  name: string;
  nonce: string | null;
  nowMs: number;
  fault: IdTokenFault | null;
}

const splitName = (name: string) => {
  const [first, ...rest] = name.trim().split(/\s+/).filter(Boolean);
  return { given_name: first, family_name: rest.length ? rest.join(' ') : undefined };
};

/** An RS256 id_token (5 min on the dev clock); `fault` spoils exactly one property of it. */
export async function signIdToken(dev: Dev, o: IdTokenInput): Promise<string> {
  const k = await standInOidcKeys();
  const start = Math.floor((o.fault === 'expired' ? o.nowMs - 20 * 60_000 : o.nowMs) / 1000);
  const claims = {
    sub: subjectOf(o.email),
    email: o.email,
    ...(o.fault === 'no_email_verified' ? {} : { email_verified: o.fault !== 'unverified_email' }),
    ...(o.name ? { name: o.name, ...splitName(o.name) } : {}),
    ...(o.nonce ? { nonce: o.fault === 'wrong_nonce' ? 'not-the-nonce-you-sent' : o.nonce } : {}),
  };
  const unknownKid = o.fault === 'unknown_kid';
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({
      alg: 'RS256',
      typ: o.fault === 'wrong_typ' ? 'at+jwt' : 'JWT',
      kid: unknownKid ? `${k.kid}-unpublished` : k.kid,
    })
    .setIssuer(o.fault === 'wrong_issuer' ? 'https://other-issuer.invalid' : oidcIdpIssuer(dev))
    .setAudience(o.fault === 'wrong_audience' ? 'someone-else' : o.clientId)
    .setIssuedAt(start)
    .setExpirationTime(start + 5 * 60)
    .sign(o.fault === 'bad_signature' || unknownKid ? k.roguePrivateKey : k.privateKey);
  if (o.fault !== 'tampered') return jwt;
  // A man in the middle rewrites the email and keeps the original signature.
  const [head, body, sig] = jwt.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  payload.email = `attacker+${String(payload.email)}`;
  return `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
}

/** The access token for `/userinfo`: a JWT of the stand-in, audience its userinfo endpoint. */
export async function signIdpAccessToken(
  dev: Dev,
  o: { clientId: string; email: string; name: string; nowMs: number },
) {
  const k = await standInOidcKeys();
  const now = Math.floor(o.nowMs / 1000);
  return new SignJWT({ email: o.email, name: o.name, client_id: o.clientId, scope: 'openid email profile' })
    .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: k.kid })
    .setIssuer(oidcIdpIssuer(dev))
    .setSubject(subjectOf(o.email))
    .setAudience(`${oidcIdpIssuer(dev)}/userinfo`)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(k.privateKey);
}

export async function userinfoFor(dev: Dev, accessToken: string): Promise<Record<string, unknown> | null> {
  const k = await standInOidcKeys();
  try {
    const { payload } = await jwtVerify(accessToken, k.publicKey, {
      issuer: oidcIdpIssuer(dev),
      audience: `${oidcIdpIssuer(dev)}/userinfo`,
      typ: 'at+jwt',
      currentDate: new Date(dev.clock.now()),
    });
    const name = typeof payload.name === 'string' ? payload.name : '';
    return {
      sub: payload.sub,
      email: payload.email,
      email_verified: true,
      ...(name ? { name, ...splitName(name) } : {}),
    };
  } catch {
    return null;
  }
}
