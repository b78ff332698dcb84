import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, type JWTVerifyOptions, jwtVerify } from 'jose';
import type { Dev } from '../context';
import { HttpError } from '../errors';
import { sql } from '../store/db';
import { consumeOneTimeToken, issueOneTimeToken } from './one-time-tokens';
import { bindingMatches, oidcCallbackUrl, type SsoConfigRow, type SsoIdentity, settingsOf, ssoFailure } from './sso';

// The OIDC relying party of §4.9: authorization code flow with state, nonce and PKCE, the code
// exchanged server side, the id_token verified against the provider's JWKS on the dev clock.

const TEN_MIN = 10 * 60_000;
const TIMEOUT_MS = 5000;
/** Asymmetric algorithms only: `none` and HMAC (keyed with the client secret) are refused. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface OidcProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  token_endpoint_auth_methods_supported?: string[];
}

interface StateData {
  configuration_id: string;
  nonce: string;
  code_verifier: string;
  return_url: string | null;
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  auth_method: 'client_secret_basic' | 'client_secret_post';
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');
const CACHE_MS = 5 * 60_000;
const JWKS_COOLDOWN_MS = 30_000;

/** https:, or http: on a loopback host only (a provider on this machine during development). */
export function isSecureEndpoint(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    if (u.protocol === 'https:') return true;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return u.protocol === 'http:' && (host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
  } catch {
    return false;
  }
}
const sameOrigin = (a: string, b: string) => new URL(a).origin === new URL(b).origin;

/** Short-lived per-server caches of discovery documents and JWKS (by URL, 5 min on the dev clock). */
const caches = new WeakMap<Dev, Map<string, { at: number; body: unknown }>>();
/** Whether `key` was fetched less than `ms` ago (a clock moved back counts as long ago). */
function fresh(dev: Dev, key: string, ms: number): boolean {
  const hit = caches.get(dev)?.get(key);
  return !!hit && dev.clock.now() - hit.at < ms && dev.clock.now() >= hit.at;
}
function cached(dev: Dev, key: string): unknown {
  return fresh(dev, key, CACHE_MS) ? caches.get(dev)?.get(key)?.body : undefined;
}
function remember(dev: Dev, key: string, body: unknown): void {
  const map = caches.get(dev) ?? new Map<string, { at: number; body: unknown }>();
  caches.set(dev, map);
  map.set(key, { at: dev.clock.now(), body });
}
/** For reset (§7.4): a provider stood up again at the same URL must be fetched again. */
export function clearOidcCaches(dev: Dev): void {
  caches.delete(dev);
}

/**
 * Discovery (OpenID Connect Discovery 1.0 §4): `oidc_discovery_url`, else the issuer's
 * well-known document. The document must name the configured issuer (§4.3), so a discovery URL
 * cannot swap in another provider's keys; issuer and discovery URL must be https: (http: only on
 * loopback hosts), and the token endpoint and JWKS must live on the issuer's origin, so neither a
 * network attacker nor a forged document can redirect the code exchange or the keys.
 */
export async function discoverOidc(dev: Dev, cfg: SsoConfigRow): Promise<OidcProviderMetadata> {
  const s = settingsOf(cfg);
  if (!s.oidc_issuer || !s.oidc_client_id) throw new HttpError(400, 'SSO configuration is incomplete');
  const url = s.oidc_discovery_url ?? `${trimSlash(s.oidc_issuer)}/.well-known/openid-configuration`;
  if (!isSecureEndpoint(s.oidc_issuer) || !isSecureEndpoint(url)) {
    throw new HttpError(502, 'Invalid OpenID provider configuration');
  }
  const hit = cached(dev, `discovery ${url}`) as Partial<OidcProviderMetadata> | undefined;
  let doc = hit;
  if (!doc) {
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        // A redirect would lead past the https/loopback check above.
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(String(res.status));
      doc = (await res.json()) as Partial<OidcProviderMetadata>;
    } catch {
      throw new HttpError(502, 'Could not fetch the OpenID provider configuration');
    }
  }
  const valid =
    typeof doc?.issuer === 'string' &&
    trimSlash(doc.issuer) === trimSlash(s.oidc_issuer) &&
    isSecureEndpoint(doc.issuer) &&
    isSecureEndpoint(doc.authorization_endpoint) &&
    isSecureEndpoint(doc.token_endpoint) &&
    isSecureEndpoint(doc.jwks_uri) &&
    sameOrigin(doc.token_endpoint, doc.issuer) &&
    sameOrigin(doc.jwks_uri, doc.issuer);
  if (!valid) throw new HttpError(502, 'Invalid OpenID provider configuration');
  // Only a fetched document starts the 5 minutes; re-remembering hits would keep it forever.
  if (!hit) remember(dev, `discovery ${url}`, doc);
  return doc as OidcProviderMetadata;
}

/**
 * The provider's keys, cached. A `kid` the cached set does not know (the provider rotated its
 * keys) fetches them again, but only if the set is at least 30 s old on the dev clock (as jose's
 * remote sets do): otherwise every callback carrying an unknown kid, from a misconfigured or
 * hostile provider, would cost a JWKS fetch. So at most one forced refetch per URL per 30 s, and
 * none right after a fetch.
 */
async function verifyIdToken(dev: Dev, jwksUri: string, token: string, options: JWTVerifyOptions) {
  const key = `jwks ${jwksUri}`;
  const load = async () => {
    const jwks = await fetchJson(jwksUri);
    if (jwks.status !== 200) throw new Error(`JWKS answered ${jwks.status}`);
    remember(dev, key, jwks.body);
    return jwks.body as JSONWebKeySet;
  };
  const hit = cached(dev, key) as JSONWebKeySet | undefined;
  try {
    return await jwtVerify(token, createLocalJWKSet(hit ?? (await load())), options);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY' || fresh(dev, key, JWKS_COOLDOWN_MS)) throw err;
    return jwtVerify(token, createLocalJWKSet(await load()), options);
  }
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * The provider's authorization URL for a new sign-in; state (single use, 10 min) keeps the rest.
 * The caller binds `state` to the browser (see `bindingOf`).
 */
export async function oidcAuthorizationUrl(
  dev: Dev,
  cfg: SsoConfigRow,
  returnUrl: string | null,
): Promise<{ url: string; state: string }> {
  const meta = await discoverOidc(dev, cfg);
  const s = settingsOf(cfg);
  const nonce = randomBytes(16).toString('base64url');
  const codeVerifier = randomBytes(32).toString('base64url');
  const methods = meta.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const data: StateData = {
    configuration_id: cfg.id,
    nonce,
    code_verifier: codeVerifier,
    return_url: returnUrl,
    issuer: meta.issuer,
    token_endpoint: meta.token_endpoint,
    jwks_uri: meta.jwks_uri,
    auth_method:
      methods.includes('client_secret_basic') || !methods.includes('client_secret_post')
        ? 'client_secret_basic'
        : 'client_secret_post',
  };
  const state = issueOneTimeToken(dev, 'sso_oidc_state', TEN_MIN, {
    data: data as unknown as Record<string, unknown>,
  });
  const url = new URL(meta.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', s.oidc_client_id as string);
  url.searchParams.set('redirect_uri', oidcCallbackUrl(dev));
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', s256(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state };
}

// RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
const formEncode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

async function fetchJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
    // JWKS and token endpoint were checked (https, issuer's origin); a redirect would escape that.
    redirect: 'error',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

const claim = (p: JWTPayload, name: string | undefined): string | undefined => {
  const v = name ? p[name] : undefined;
  return typeof v === 'string' && v ? v : undefined;
};

/**
 * The callback: state (single use) → code exchange → id_token verification (signature against
 * the JWKS, `iss`, `aud`, `azp`, `exp`/`iat` on the dev clock, `nonce`). Any failure is the one
 * 401 of the ACS, with the reason in the audit log.
 */
export async function finishOidc(
  dev: Dev,
  q: { code?: string; state?: string; error?: string },
  binding: string | undefined,
): Promise<{ cfg: SsoConfigRow; identity: SsoIdentity; returnUrl: string | null }> {
  // Login CSRF: the state must come back to the browser that started the sign-in.
  if (!q.state || !bindingMatches(binding, q.state)) return ssoFailure(dev, 'state not bound to this browser', null);
  const consumed = consumeOneTimeToken(dev, 'sso_oidc_state', q.state);
  if (!consumed) return ssoFailure(dev, 'unknown, used or expired state', null);
  const data = consumed.data as unknown as StateData;
  const cfg = sql(dev.db, 'SELECT * FROM sso_configurations WHERE id = ?').get(data.configuration_id) as
    | SsoConfigRow
    | undefined;
  if (cfg?.enabled !== 1 || cfg.provider !== 'oidc') return ssoFailure(dev, 'no enabled OIDC configuration', null);
  const orgId = cfg.organization_id;
  if (q.error) return ssoFailure(dev, `identity provider error: ${q.error.slice(0, 64)}`, orgId);
  if (!q.code) return ssoFailure(dev, 'missing code', orgId);
  const s = settingsOf(cfg);
  const clientId = s.oidc_client_id ?? '';
  const secret = s.oidc_client_secret ?? '';

  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: q.code,
    redirect_uri: oidcCallbackUrl(dev),
    code_verifier: data.code_verifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (data.auth_method === 'client_secret_post') {
    form.set('client_id', clientId);
    form.set('client_secret', secret);
  } else {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString('base64')}`;
  }
  let token: { status: number; body: unknown };
  try {
    token = await fetchJson(data.token_endpoint, { method: 'POST', headers, body: form.toString() });
  } catch {
    return ssoFailure(dev, 'token endpoint unreachable', orgId);
  }
  const tokenBody = (token.body ?? {}) as { id_token?: unknown; error?: unknown };
  if (token.status !== 200) {
    const code = typeof tokenBody.error === 'string' ? `: ${tokenBody.error.slice(0, 64)}` : '';
    return ssoFailure(dev, `token endpoint answered ${token.status}${code}`, orgId);
  }
  if (typeof tokenBody.id_token !== 'string') return ssoFailure(dev, 'no id_token', orgId);

  let payload: JWTPayload;
  try {
    const verified = await verifyIdToken(dev, data.jwks_uri, tokenBody.id_token, {
      issuer: data.issuer,
      audience: clientId,
      algorithms: ALGORITHMS,
      currentDate: new Date(dev.clock.now()),
      clockTolerance: 30,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    payload = verified.payload;
    // RFC 8725 §3.11: an id_token that names a type must be a plain JWT (not an access token).
    const typ = verified.protectedHeader.typ?.toLowerCase();
    if (typ !== undefined && typ !== 'jwt' && typ !== 'application/jwt') throw new Error(`unexpected typ ${typ}`);
  } catch (err) {
    return ssoFailure(dev, `id_token rejected: ${err instanceof Error ? err.message : 'invalid'}`, orgId);
  }
  if (payload.nonce !== data.nonce) return ssoFailure(dev, 'id_token nonce mismatch', orgId);
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) {
    return ssoFailure(dev, 'id_token azp mismatch', orgId);
  }
  // An address the provider has not verified names nobody (missing counts as unverified).
  if (payload.email_verified !== true) return ssoFailure(dev, 'email not verified by the provider', orgId);

  const mapping = JSON.parse(cfg.attribute_mapping) as Record<string, string>;
  const [first, ...rest] = (claim(payload, 'name') ?? '').trim().split(/\s+/).filter(Boolean);
  return {
    cfg,
    returnUrl: data.return_url,
    identity: {
      issuer: data.issuer,
      subject: payload.sub as string,
      email: claim(payload, mapping.email) ?? claim(payload, 'email') ?? '',
      firstName: claim(payload, mapping.first_name) ?? claim(payload, 'given_name') ?? first ?? null,
      lastName:
        claim(payload, mapping.last_name) ?? claim(payload, 'family_name') ?? (rest.length ? rest.join(' ') : null),
    },
  };
}
