import { AuthenticationError, createJanua, decodeJwtExpiry, getTokens, withTokens } from '@janua/core';
import { type DevServer, startDevServer } from '@janua/dev-server';
import { addFault, clearFaults } from '@janua/dev-server/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countingFetch } from '../../../test-support/counting-fetch';
import { getAuthSession, signIn, signOut, signUp } from '../src/index';
import { PASSWORD, rejectionOf, uniqueEmail } from './helpers';

let server: DevServer;
beforeAll(async () => {
  server = await startDevServer();
});
afterAll(() => server.close());

const SESSION = '/api/v1/auth/session';
const REFRESH = '/api/v1/auth/refresh';
const make = (options: Parameters<typeof createJanua>[0] = {}) =>
  createJanua({ baseUrl: server.url, env: {}, ...options });

const resetClock = () =>
  fetch(`${server.url}/__dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reset: true }),
  });

/** Counts what the SDK hands to fetch: the server's log is written too late for "no request". */
describe('getAuthSession', () => {
  test('with stored tokens: the user, roles and the access token expiry, by bearer token', async () => {
    const janua = make();
    const email = uniqueEmail();
    await signUp(janua, { email, password: PASSWORD, firstName: 'Ada', username: `ada_${Date.now()}` });
    const session = await getAuthSession(janua);
    expect(session.user).toMatchObject({
      email,
      firstName: 'Ada',
      lastName: null,
      emailVerified: false,
      roles: [],
      permissions: [],
      isAdmin: false,
    });
    expect(session.user.username).toMatch(/^ada_/);
    const tokens = await getTokens(janua);
    // `expires_at` arrives as unix seconds: it is the presented token's `exp`.
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect(session.expiresAt.getTime()).toBe((decodeJwtExpiry(tokens?.accessToken as string) as number) * 1000);
    expect(server.requests('GET', SESSION).at(-1)).toMatchObject({ status: 200, authorization: true });
  });

  test('a platform admin reads as isAdmin', async () => {
    const janua = make();
    await signIn(janua, { email: server.admin.email, password: server.admin.password });
    expect((await getAuthSession(janua)).user).toMatchObject({ email: server.admin.email, isAdmin: true });
  });

  test('an expired access token is refreshed once and the call replayed, like any user call', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    const before = await getTokens(janua);
    const refreshes = server.requests('POST', REFRESH).length;
    // Past the 8 h access-token lifetime on the server's clock; the SDK's own clock does not know.
    server.advanceClock(9 * 3_600_000);
    try {
      const session = await getAuthSession(janua);
      expect(server.requests('POST', REFRESH).length - refreshes).toBe(1);
      const after = await getTokens(janua);
      expect(after?.accessToken).not.toBe(before?.accessToken);
      expect(session.expiresAt.getTime()).toBe(after?.expiresAt);
    } finally {
      await resetClock();
    }
  });

  test('a session ended elsewhere: AuthenticationError 401, tokens cleared', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    const copy = withTokens(make(), await getTokens(janua));
    await signOut(janua);
    const err = await rejectionOf(getAuthSession(copy));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.status).toBe(401);
    expect(await getTokens(copy)).toBeNull();
  });

  test('on Node with no tokens: NOT_SIGNED_IN locally, without a request, even with an API key', async () => {
    for (const options of [{}, { apiKey: server.apiKey }]) {
      const { fetch, sent } = countingFetch();
      const err = await rejectionOf(getAuthSession(make({ ...options, fetch })));
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err).toMatchObject({ status: 401, code: 'NOT_SIGNED_IN' });
      expect(sent()).toBe(0);
    }
  });

  test('cookie mode on a server: a forwarded `access_token` cookie is the credential, no bearer token', async () => {
    const owner = make();
    const email = uniqueEmail();
    await signUp(owner, { email, password: PASSWORD });
    const { accessToken } = (await getTokens(owner)) as { accessToken: string };
    // What an SSR handler does with the browser's HttpOnly cookie from the OAuth/SSO callback.
    const forwarding = make({ headers: { Cookie: `access_token=${accessToken}` } });
    expect((await getAuthSession(forwarding)).user.email).toBe(email);
    expect(server.requests('GET', SESSION).at(-1)).toMatchObject({ status: 200, authorization: false });
    expect(await getTokens(forwarding)).toBeNull();

    // A stale cookie is the server's 401, with its message.
    await signOut(owner);
    const err = await rejectionOf(getAuthSession(forwarding));
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ status: 401, message: 'Invalid or expired session' });
    const junk = await rejectionOf(getAuthSession(make({ headers: { cookie: 'access_token=nope' } })));
    expect(junk).toMatchObject({ name: 'AuthenticationError', status: 401, message: 'Invalid or expired session' });
  });

  test('a 200 that does not say authenticated is INVALID_RESPONSE, not a session', async () => {
    const janua = make();
    await signUp(janua, { email: uniqueEmail(), password: PASSWORD });
    const body = {
      authenticated: false,
      user: { id: 'x', email: 'x@example.com', email_verified: true, roles: [], permissions: [], is_admin: false },
      session: { expires_at: 1 },
    };
    await addFault(server, { path: SESSION, status: 200, body, times: 1 });
    try {
      expect(await rejectionOf(getAuthSession(janua))).toMatchObject({ code: 'INVALID_RESPONSE', status: 200 });
    } finally {
      await clearFaults(server);
    }
  });
});
