import { AuthenticationError, type Janua, type RequestOptions } from '@janua/core';
import { decodeProtectedHeader, type JWTVerifyOptions, jwtVerify } from 'jose';
import { type CachedKey, DEFAULT_JWKS_TTL_MS, getKeys } from './internal/jwks-cache';
import type { WireAccessClaims } from './wire';

/** Options of {@link verifyAccessToken}. */
export interface VerifyAccessTokenOptions extends RequestOptions {
  /** Accepted `iss` value(s). Default: the instance's `baseUrl` (the dev server's issuer is its URL). */
  issuer?: string | readonly string[];
  /** Accepted `aud` value(s). Default `janua.dev` (contract §3.1). */
  audience?: string | readonly string[];
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in milliseconds. Default 5 000. */
  clockToleranceMs?: number;
  /** The time to verify against instead of now (tests, replaying logs). */
  currentDate?: Date;
  /** How long fetched keys are trusted before the JWKS is fetched again. Default 600 000 (10 min). */
  jwksCacheTtlMs?: number;
}

/** The verified claims of a Janua access token. */
export interface AccessTokenClaims {
  /** The user's id (`sub`). */
  userId: string;
  /** The session the token belongs to (`sid`), when the server includes it. */
  sessionId?: string;
  /** The user's email at sign-in time. */
  email?: string;
  /** The tenant (`tid`); absent when the server sent none or the literal `"None"`. */
  tenantId?: string;
  /** The organization (`org`), when present. */
  organizationId?: string;
  expiresAt: Date;
  issuedAt: Date;
  /** Every claim as the server signed it. */
  raw: WireAccessClaims;
}

/** Codes of the `AuthenticationError`s {@link verifyAccessToken} throws. */
export type VerifyAccessTokenErrorCode =
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_INVALID_ISSUER'
  | 'TOKEN_INVALID_AUDIENCE'
  | 'TOKEN_WRONG_TYPE'
  | 'TOKEN_INVALID_SIGNATURE';

const DEFAULT_AUDIENCE = 'janua.dev';
const DEFAULT_TOLERANCE_MS = 5_000;

function fail(code: VerifyAccessTokenErrorCode, message: string, cause?: unknown): never {
  // Messages describe the failure only: the token itself never goes into an error.
  throw new AuthenticationError({ status: 401, code, message, cause });
}

/** Maps jose's failures (by their stable `code`) to ours. */
function rethrow(err: unknown): never {
  const e = err as { code?: string; claim?: string; reason?: string };
  switch (e?.code) {
    case 'ERR_JWT_EXPIRED':
      fail('TOKEN_EXPIRED', 'The access token has expired', err);
      break;
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.reason === 'missing') fail('TOKEN_MALFORMED', `The access token has no "${e.claim}" claim`, err);
      if (e.claim === 'iss') fail('TOKEN_INVALID_ISSUER', 'The access token was issued by another server', err);
      if (e.claim === 'aud') fail('TOKEN_INVALID_AUDIENCE', 'The access token is meant for another audience', err);
      if (e.claim === 'nbf' || e.claim === 'iat') fail('TOKEN_NOT_YET_VALID', 'The access token is not valid yet', err);
      fail('TOKEN_MALFORMED', `The access token's "${e.claim}" claim is missing or invalid`, err);
      break;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      fail('TOKEN_INVALID_SIGNATURE', 'The access token signature is invalid', err);
      break;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      fail('TOKEN_INVALID_SIGNATURE', 'The access token is not signed with RS256', err);
      break;
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      fail('TOKEN_MALFORMED', 'The access token is not a well-formed JWT', err);
  }
  throw err;
}

function pick(keys: CachedKey[], kid: string | undefined): CachedKey[] {
  // Sign-in and refresh tokens carry no kid (contract §3.4): try the server's RS256 key(s).
  return kid === undefined ? keys : keys.filter((k) => k.kid === kid);
}

/**
 * Verifies a Janua access token locally against the server's published keys
 * (`/.well-known/jwks.json`, fetched once and cached for `jwksCacheTtlMs`), so an edge function
 * can authorise a request without calling the API. Checks the RS256 signature, `iss`, `aud`,
 * `type === "access"`, `exp` and `nbf`.
 *
 * A locally verified token cannot reflect a sign-out or a revoked session until it expires
 * (contract §3.3); call `getCurrentUser` where that matters.
 *
 * @param janua - The instance whose `baseUrl` serves the keys and is the expected issuer.
 * @param token - The raw access token (without `Bearer `).
 * @param options - Issuer, audience, clock tolerance, cache TTL, and the usual request options
 *   for the JWKS fetch.
 * @returns The token's claims, typed.
 * @throws {AuthenticationError} status 401 with `code` `TOKEN_MALFORMED`, `TOKEN_EXPIRED`,
 *   `TOKEN_NOT_YET_VALID`, `TOKEN_INVALID_ISSUER`, `TOKEN_INVALID_AUDIENCE`, `TOKEN_WRONG_TYPE`
 *   or `TOKEN_INVALID_SIGNATURE`.
 * @throws {NetworkError} `code: 'JWKS_UNAVAILABLE'` when the keys could not be fetched (no response).
 * @throws {ServerError} `code: 'JWKS_UNAVAILABLE'` when the server answered with an error or publishes
 *   no RS256 key (HS256 deployments).
 * @example
 * ```ts
 * import { createJanua } from '@janua/core';
 * import { verifyAccessToken } from '@janua/auth/verify';
 *
 * const janua = createJanua({ baseUrl: 'http://localhost:4100' });
 * const claims = await verifyAccessToken(janua, accessToken);
 * console.log(claims.userId, claims.expiresAt);
 * ```
 */
export async function verifyAccessToken(
  janua: Janua,
  token: string,
  options: VerifyAccessTokenOptions = {},
): Promise<AccessTokenClaims> {
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    fail('TOKEN_MALFORMED', 'The access token is not a well-formed JWT');
  }
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(token);
    kid = typeof header.kid === 'string' ? header.kid : undefined;
  } catch (err) {
    fail('TOKEN_MALFORMED', 'The access token is not a well-formed JWT', err);
  }
  const ttl = options.jwksCacheTtlMs ?? DEFAULT_JWKS_TTL_MS;
  let candidates = pick(await getKeys(janua, ttl, options), kid);
  if (candidates.length === 0) {
    // An unknown kid may mean a rotated key: fetch the set again (at most once per cooldown).
    candidates = pick(await getKeys(janua, ttl, options, true), kid);
    if (candidates.length === 0) fail('TOKEN_INVALID_SIGNATURE', 'No published signing key matches the token');
  }
  const verifyOptions: JWTVerifyOptions = {
    algorithms: ['RS256'],
    issuer: (options.issuer ?? janua.config.baseUrl) as string | string[],
    audience: (options.audience ?? DEFAULT_AUDIENCE) as string | string[],
    clockTolerance: (options.clockToleranceMs ?? DEFAULT_TOLERANCE_MS) / 1000,
    requiredClaims: ['sub', 'exp', 'iat'],
    currentDate: options.currentDate,
  };
  let payload: WireAccessClaims | undefined;
  for (let i = 0; i < candidates.length && !payload; i++) {
    try {
      payload = (await jwtVerify<WireAccessClaims>(token, await (candidates[i] as CachedKey).key(), verifyOptions))
        .payload;
    } catch (err) {
      // Several keys without a kid to choose: a bad signature under one key means "try the next".
      const last = i === candidates.length - 1;
      if (last || (err as { code?: string }).code !== 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') rethrow(err);
    }
  }
  const claims = payload as WireAccessClaims;
  if (claims.type !== 'access') fail('TOKEN_WRONG_TYPE', 'The token is not an access token');
  if (typeof claims.sub !== 'string' || !claims.sub) fail('TOKEN_MALFORMED', 'The access token has no subject');
  const str = (v: unknown) => (typeof v === 'string' && v && v !== 'None' ? v : undefined);
  const result: AccessTokenClaims = {
    userId: claims.sub,
    expiresAt: new Date(claims.exp * 1000),
    issuedAt: new Date(claims.iat * 1000),
    raw: claims,
  };
  const sessionId = str(claims.sid);
  const email = str(claims.email);
  const tenantId = str(claims.tid);
  const organizationId = str(claims.org);
  if (sessionId) result.sessionId = sessionId;
  if (email) result.email = email;
  if (tenantId) result.tenantId = tenantId;
  if (organizationId) result.organizationId = organizationId;
  return result;
}
