import { AuthenticationError, createJanua, type Janua, NetworkError, ServerError } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp } from '../src/index';
import { verifyAccessToken } from '../src/verify';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
let other: DevServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startDevServer(), startDevServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

const make = (url = server.url) => createJanua({ baseUrl: url, env: {} });

async function tokensOf(target: DevServer = server) {
  const janua = make(target.url);
  const email = uniqueEmail('verify');
  const result = await signUp(janua, { email, password: PASSWORD });
  if (result.status !== 'signedIn') throw new Error('unexpected MFA');
  return { ...result.tokens, userId: result.user.id, sessionId: result.session?.id, email };
}

/** Signs claims with the dev server's own key: the only way to get a genuinely signed odd token. */
async function signWithServerKey(
  target: DevServer,
  claims: Record<string, unknown>,
  iss = target.url,
  aud = 'janua.dev',
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(target.dev.keys.privateKey);
}

async function expectCode(promise: Promise<unknown>, code: string, token?: string) {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(AuthenticationError);
  expect(err.status).toBe(401);
  expect(err.code).toBe(code);
  if (token) {
    expect(err.message).not.toContain(token);
    expect(err.message).not.toContain(token.split('.')[2]);
  }
  return err;
}

describe('verifyAccessToken', () => {
  test('a fresh access token → typed claims', async () => {
    const t = await tokensOf();
    const claims = await verifyAccessToken(make(), t.accessToken);
    expect(claims.userId).toBe(t.userId);
    expect(claims.email).toBe(t.email);
    expect(claims.sessionId).toBe(t.sessionId);
    expect(claims.tenantId).toBeUndefined(); // the server sends the literal "None"
    expect(claims.expiresAt).toBeInstanceOf(Date);
    expect(claims.expiresAt.getTime()).toBe(t.expiresAt);
    expect(claims.issuedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(claims.raw).toMatchObject({ sub: t.userId, type: 'access', iss: server.url, aud: 'janua.dev' });
  });

  test('sign-in tokens carry no kid; a kid the JWKS names also verifies', async () => {
    const t = await tokensOf();
    const header = JSON.parse(atob(t.accessToken.split('.')[0] as string));
    expect(header.kid).toBeUndefined();
    const withKid = await new SignJWT({ type: 'access', email: 'sso@example.test' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: server.dev.keys.kid })
      .setSubject(t.userId)
      .setIssuer(server.url)
      .setAudience('janua.dev')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(server.dev.keys.privateKey);
    expect((await verifyAccessToken(make(), withKid)).userId).toBe(t.userId);
  });

  test('the JWKS is fetched once for many verifications, across instances of the same server', async () => {
    const before = server.requests('GET', '/.well-known/jwks.json').length;
    const t = await tokensOf();
    await verifyAccessToken(make(), t.accessToken); // warms the cache if an earlier test did not
    const warm = server.requests('GET', '/.well-known/jwks.json').length;
    expect(warm - before).toBeLessThanOrEqual(1);
    await Promise.all(Array.from({ length: 20 }, () => verifyAccessToken(make(), t.accessToken)));
    for (let i = 0; i < 5; i++) await verifyAccessToken(make(), t.accessToken);
    expect(server.requests('GET', '/.well-known/jwks.json').length).toBe(warm);
  });

  test('concurrent first verifications share one JWKS fetch; the TTL is honoured', async () => {
    const fresh = await startDevServer();
    try {
      const t = await tokensOf(fresh);
      await Promise.all(Array.from({ length: 10 }, () => verifyAccessToken(make(fresh.url), t.accessToken)));
      expect(fresh.requests('GET', '/.well-known/jwks.json')).toHaveLength(1);
      await verifyAccessToken(make(fresh.url), t.accessToken, { jwksCacheTtlMs: 0 });
      expect(fresh.requests('GET', '/.well-known/jwks.json')).toHaveLength(2);
    } finally {
      await fresh.close();
    }
  });

  test('expired: a token minted 9 h ago (server clock moved back) → TOKEN_EXPIRED', async () => {
    const past = await startDevServer();
    try {
      past.advanceClock(-9 * 3600_000);
      const t = await tokensOf(past);
      await expectCode(verifyAccessToken(make(past.url), t.accessToken), 'TOKEN_EXPIRED', t.accessToken);
    } finally {
      await past.close();
    }
  });

  test('expired: currentDate past exp → TOKEN_EXPIRED; within the clock tolerance → valid', async () => {
    const t = await tokensOf();
    const later = new Date(t.expiresAt + 60_000);
    await expectCode(verifyAccessToken(make(), t.accessToken, { currentDate: later }), 'TOKEN_EXPIRED');
    const justAfter = new Date(t.expiresAt + 2_000);
    expect((await verifyAccessToken(make(), t.accessToken, { currentDate: justAfter })).userId).toBe(t.userId);
    await expectCode(
      verifyAccessToken(make(), t.accessToken, { currentDate: justAfter, clockToleranceMs: 0 }),
      'TOKEN_EXPIRED',
    );
  });

  test('another issuer → TOKEN_INVALID_ISSUER', async () => {
    // A second dev server (another url) verified with its own keys but server 1 as issuer.
    const t = await tokensOf(other);
    await expectCode(
      verifyAccessToken(make(other.url), t.accessToken, { issuer: server.url }),
      'TOKEN_INVALID_ISSUER',
      t.accessToken,
    );
    // A token signed with this server's key but naming another issuer.
    const foreign = await signWithServerKey(server, { sub: t.userId, type: 'access' }, 'https://evil.example');
    await expectCode(verifyAccessToken(make(), foreign), 'TOKEN_INVALID_ISSUER', foreign);
    // The issuer option accepts the right one.
    expect((await verifyAccessToken(make(other.url), t.accessToken, { issuer: [server.url, other.url] })).userId).toBe(
      t.userId,
    );
  });

  test("another server's token against this server's keys → TOKEN_INVALID_SIGNATURE", async () => {
    const t = await tokensOf(other);
    await expectCode(verifyAccessToken(make(), t.accessToken), 'TOKEN_INVALID_SIGNATURE', t.accessToken);
  });

  test('another audience → TOKEN_INVALID_AUDIENCE', async () => {
    const t = await tokensOf();
    const product = await signWithServerKey(server, { sub: t.userId, type: 'access' }, server.url, 'other.app');
    await expectCode(verifyAccessToken(make(), product), 'TOKEN_INVALID_AUDIENCE', product);
    await expectCode(verifyAccessToken(make(), t.accessToken, { audience: 'other.app' }), 'TOKEN_INVALID_AUDIENCE');
    expect((await verifyAccessToken(make(), product, { audience: 'other.app' })).userId).toBe(t.userId);
  });

  test('a token signed with a key the server does not publish → TOKEN_INVALID_SIGNATURE', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ type: 'access' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer(server.url)
      .setAudience('other.app')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expectCode(verifyAccessToken(make(), forged), 'TOKEN_INVALID_SIGNATURE', forged);
    // With an unknown kid the JWKS is fetched again once (a rotated key?), then rejected.
    const kid = (await exportJWK(publicKey)).n?.slice(0, 8) ?? 'x';
    const withKid = await new SignJWT({ type: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setIssuer(server.url)
      .setAudience('janua.dev')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const before = server.requests('GET', '/.well-known/jwks.json').length;
    for (let i = 0; i < 5; i++) {
      await expectCode(verifyAccessToken(make(), withKid), 'TOKEN_INVALID_SIGNATURE', withKid);
    }
    // Keys fetched moments ago are not fetched again: unknown kids cannot hammer the endpoint.
    expect(server.requests('GET', '/.well-known/jwks.json').length).toBe(before);
  });

  test('an HS256 or alg=none token is refused → TOKEN_INVALID_SIGNATURE', async () => {
    const hs = await new SignJWT({ type: 'access', sub: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(server.url)
      .setAudience('janua.dev')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a-shared-secret-of-enough-length!'));
    await expectCode(verifyAccessToken(make(), hs), 'TOKEN_INVALID_SIGNATURE', hs);
    const [, body] = hs.split('.');
    const none = `${btoa(JSON.stringify({ alg: 'none' })).replace(/=+$/, '')}.${body}.`;
    await expectCode(verifyAccessToken(make(), none), 'TOKEN_INVALID_SIGNATURE');
  });

  test('a refresh token → TOKEN_WRONG_TYPE', async () => {
    const t = await tokensOf();
    await expectCode(verifyAccessToken(make(), t.refreshToken as string), 'TOKEN_WRONG_TYPE', t.refreshToken);
  });

  test('a tampered signature → TOKEN_INVALID_SIGNATURE', async () => {
    const t = await tokensOf();
    const [h, p, s] = t.accessToken.split('.') as [string, string, string];
    const i = Math.floor(s.length / 2);
    const flipped = `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
    await expectCode(verifyAccessToken(make(), flipped), 'TOKEN_INVALID_SIGNATURE', flipped);
    // A payload edited to another user keeps the signature but breaks it.
    const claims = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    const edited = btoa(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    await expectCode(verifyAccessToken(make(), `${h}.${edited}.${s}`), 'TOKEN_INVALID_SIGNATURE');
  });

  test('a signed token without sub or iat → TOKEN_MALFORMED; nbf in the future → TOKEN_NOT_YET_VALID', async () => {
    const now = Math.floor(Date.now() / 1000);
    const key = server.dev.keys.privateKey;
    const base = () =>
      new SignJWT({ type: 'access' })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(server.url)
        .setAudience('janua.dev')
        .setExpirationTime(now + 600);
    const noSub = await base().setIssuedAt(now).sign(key);
    expect((await expectCode(verifyAccessToken(make(), noSub), 'TOKEN_MALFORMED')).message).toContain('sub');
    const noIat = await base().setSubject('u').sign(key);
    expect((await expectCode(verifyAccessToken(make(), noIat), 'TOKEN_MALFORMED')).message).toContain('iat');
    const early = await base()
      .setSubject('u')
      .setIssuedAt(now)
      .setNotBefore(now + 300)
      .sign(key);
    await expectCode(verifyAccessToken(make(), early), 'TOKEN_NOT_YET_VALID');
  });

  test('garbage → TOKEN_MALFORMED without fetching keys', async () => {
    const before = server.requests('GET', '/.well-known/jwks.json').length;
    for (const bad of ['', 'abc', 'a.b', 'a.b.c', '!!!.###.$$$']) {
      await expectCode(verifyAccessToken(make(), bad), 'TOKEN_MALFORMED');
    }
    await expectCode(verifyAccessToken(make(), undefined as unknown as string), 'TOKEN_MALFORMED');
    expect(server.requests('GET', '/.well-known/jwks.json').length).toBe(before);
  });

  test('unreachable JWKS → NetworkError JWKS_UNAVAILABLE; an error status → ServerError JWKS_UNAVAILABLE', async () => {
    const gone = await startDevServer();
    const t = await tokensOf(gone);
    const url = gone.url;
    await gone.close();
    const janua: Janua = createJanua({ baseUrl: url, env: {}, maxRetries: 0 });
    const err = await rejectionOf(verifyAccessToken(janua, t.accessToken));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe('JWKS_UNAVAILABLE');
    expect(err.message).not.toContain(t.accessToken);

    // A base URL whose /.well-known/jwks.json does not exist (404 from the dev server).
    const wrong = createJanua({ baseUrl: `${server.url}/nowhere`, env: {}, maxRetries: 0 });
    const notFound = await rejectionOf(verifyAccessToken(wrong, t.accessToken));
    expect(notFound).toBeInstanceOf(ServerError);
    expect(notFound.code).toBe('JWKS_UNAVAILABLE');
    expect(notFound.status).toBe(404);
  });
});
