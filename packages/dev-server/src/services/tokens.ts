import { randomBytes } from 'node:crypto';
import {
  type CryptoKey,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Dev } from '../context';
import { HttpError } from '../errors';

/** The RS256 key pair of one server; kept across resets (§7.1). */
export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
  kid: string;
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = `dev-${randomBytes(4).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, publicKey, jwk, kid };
}

export const AUDIENCE = 'janua.dev';

export interface AccessClaims extends JWTPayload {
  sub: string;
  sid: string;
  jti: string;
  type: 'access';
}
export interface RefreshClaims extends JWTPayload {
  sub: string;
  sid: string;
  jti: string;
  family: string;
  type: 'refresh';
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
}

export const newJti = () => randomBytes(24).toString('base64url');

async function sign(dev: Dev, claims: Record<string, unknown>, ttlSeconds: number): Promise<string> {
  const now = Math.floor(dev.clock.now() / 1000);
  // Sign-in tokens carry no kid, as upstream (§3.4): verifiers fall back to the single key.
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(dev.config.url)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(dev.keys.privateKey);
}

/** Mints an access/refresh pair for a session; the refresh jti is what rotation checks. */
export async function issueTokenPair(
  dev: Dev,
  user: { id: string; email: string },
  session: { id: string; family: string },
  refreshJti: string,
): Promise<TokenPair> {
  const { accessTokenTtl, refreshTokenTtl } = dev.config;
  const access_token = await sign(
    dev,
    { sub: user.id, sid: session.id, tid: 'None', jti: newJti(), type: 'access', email: user.email },
    accessTokenTtl,
  );
  const refresh_token = await sign(
    dev,
    { sub: user.id, sid: session.id, tid: 'None', jti: refreshJti, family: session.family, type: 'refresh' },
    refreshTokenTtl,
  );
  return { access_token, refresh_token, token_type: 'bearer', expires_in: accessTokenTtl };
}

async function verify(dev: Dev, token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, dev.keys.publicKey, {
    issuer: dev.config.url,
    audience: AUDIENCE,
    algorithms: ['RS256'],
    currentDate: new Date(dev.clock.now()),
  });
  return payload;
}

export async function verifyAccessToken(dev: Dev, token: string): Promise<AccessClaims> {
  let payload: JWTPayload;
  try {
    payload = await verify(dev, token);
  } catch {
    throw new HttpError(401, 'Invalid or expired token');
  }
  if (payload.type !== 'access' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
    throw new HttpError(401, 'Invalid token payload');
  }
  return payload as AccessClaims;
}

export async function verifyRefreshToken(dev: Dev, token: string): Promise<RefreshClaims> {
  let payload: JWTPayload;
  try {
    payload = await verify(dev, token);
  } catch {
    throw new HttpError(401, 'Invalid or expired refresh token');
  }
  if (payload.type !== 'refresh' || typeof payload.sid !== 'string' || typeof payload.jti !== 'string') {
    throw new HttpError(401, 'Invalid or expired refresh token');
  }
  return payload as RefreshClaims;
}

/**
 * The session id of a refresh token that is genuine but past its `exp` (jose checks the signature
 * before the claims, so the payload of its `JWTExpired` is authentic); null for anything else.
 * Lets the refresh route notice a session that ran out (`session.expired`).
 */
export async function sessionOfExpiredRefreshToken(dev: Dev, token: string): Promise<string | null> {
  try {
    await verify(dev, token);
    return null;
  } catch (err) {
    if (!(err instanceof errors.JWTExpired)) return null;
    const { type, sid } = err.payload;
    return type === 'refresh' && typeof sid === 'string' ? sid : null;
  }
}
